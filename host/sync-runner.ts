/**
 * Runs the outbox worker in the background of the host: a pass soon after every committed sale,
 * backoff while the back office is away, a slow heartbeat otherwise. Never blocks the cashier.
 */
import type { OutboxWorker, PassResult, SyncStatus } from '../core/sync/outbox-worker.js';

export interface SyncRunnerOptions {
  worker: OutboxWorker;
  /** Pass interval while everything is delivered (new rows also trigger a pass via wake()). */
  idleIntervalMs?: number;
  onPass?: (result: PassResult, status: SyncStatus) => void;
}

export class SyncRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wakeRequested = false;
  private readonly idleIntervalMs: number;

  constructor(private readonly options: SyncRunnerOptions) {
    this.idleIntervalMs = options.idleIntervalMs ?? 5000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was queued (or the manager pressed "retry now"): run a pass as soon as possible. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Runs one pass now and resolves when it is done (tests, "retry now", shutdown flush). */
  async runNow(): Promise<void> {
    if (this.running) await this.running;
    await this.pass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pass();
    }, delayMs);
    this.timer.unref();
  }

  private pass(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      let next = this.idleIntervalMs;
      try {
        const result = await this.options.worker.runPass();
        const status = this.options.worker.status();
        this.options.onPass?.(result, status);
        if (status.online === false) next = result.nextDelayMs;
      } catch (error) {
        console.error('[regi] outbox pass failed:', error);
      } finally {
        this.running = null;
      }
      if (this.wakeRequested) {
        this.wakeRequested = false;
        next = 0;
      }
      this.schedule(next);
    })();
    return this.running;
  }
}
