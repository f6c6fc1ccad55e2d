/**
 * Keeps at wallet payments the register could not settle: at start it resumes every unsettled payment (a
 * restart mid-payment queries, never re-pays) and cancels payments whose basket was lost; then a timer retries
 * cancels with an unknown outcome (CANCEL_UNKNOWN) with exponential backoff until the gateway confirms them.
 */
import type { WalletTender } from '../core/payments/wallet-tender.js';

export interface WalletResolverOptions {
  /** First retry delay; doubles while cancels stay unresolved, up to maxDelayMs (defaults 2000 and 60000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

export class WalletResolver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private delayMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly tender: WalletTender,
    options: WalletResolverOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.delayMs = this.baseDelayMs;
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** Resumes what the last run left open (in the background: the register sells meanwhile), then keeps retrying. */
  start(): void {
    this.running = this.tender
      .resumeAfterRestart()
      .then((settled) => {
        if (settled.length > 0) this.log(`[regi] wallet: resumed ${settled.length} payment(s) left open: ${settled.map((r) => `${r.merchantPaymentId}=${r.state}`).join(', ')}`);
      })
      .catch((error: unknown) => this.log(`[regi] wallet: resuming open payments failed (retried): ${String(error)}`))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  /** One retry pass now (tests, and the timer). Resolves with the cancels still unresolved. */
  async runOnce(): Promise<number> {
    return this.tender.retryCancels();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .then((left) => {
          this.delayMs = left > 0 ? Math.min(this.maxDelayMs, this.delayMs * 2) : this.baseDelayMs;
        })
        .catch((error: unknown) => {
          this.delayMs = Math.min(this.maxDelayMs, this.delayMs * 2);
          this.log(`[regi] wallet: cancel retry failed: ${String(error)}`);
        })
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.delayMs);
    this.timer.unref();
  }
}
