/**
 * Delivers the outbox to the back office in batches, never blocking the cashier: at-least-once with
 * idempotency keys (effectively exactly-once), exponential backoff with jitter while the back office is
 * away, poison rows parked with their reason so they never hold up the rows behind them.
 */
import type { Clock } from '../ports.js';
import { BackOfficeUnavailableError, type BackOffice, type Outbox, type OutboxItem } from './outbox-ports.js';

export interface OutboxWorkerOptions {
  outbox: Outbox;
  backOffice: BackOffice;
  registerId: string;
  clock: Clock;
  /** Uniform in [0, 1): Math.random in production, seeded in tests. */
  random: () => number;
  batchSize?: number;
  /** First retry delay; doubles per consecutive failure up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onStatus?: (status: SyncStatus) => void;
}

export interface SyncStatus {
  /** null until the first attempt tells us. */
  online: boolean | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
}

export interface PassResult {
  sent: number;
  duplicates: number;
  parked: number;
  failed: number;
  /** Milliseconds until the next pass is worth making. */
  nextDelayMs: number;
}

export class OutboxWorker {
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private state: SyncStatus = { online: null, lastSuccessAt: null, lastError: null, consecutiveFailures: 0 };

  constructor(private readonly options: OutboxWorkerOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
  }

  status(): SyncStatus {
    return this.state;
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so registers do not retry in step. */
  backoffMs(failures: number): number {
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.round(exp / 2 + (exp / 2) * this.options.random());
  }

  /** One delivery pass over the rows that are due, batch after batch, until none are due or the back office fails. */
  async runPass(): Promise<PassResult> {
    const result: PassResult = { sent: 0, duplicates: 0, parked: 0, failed: 0, nextDelayMs: this.baseDelayMs };
    for (;;) {
      const batch = this.options.outbox.due(this.options.clock.now(), this.batchSize);
      if (batch.length === 0) return result;
      const delivered = await this.deliver(batch, result);
      if (!delivered) {
        result.nextDelayMs = this.backoffMs(this.state.consecutiveFailures);
        return result;
      }
    }
  }

  private async deliver(batch: readonly OutboxItem[], result: PassResult): Promise<boolean> {
    const { outbox, backOffice, clock } = this.options;
    let answers;
    try {
      answers = await backOffice.uploadBatch(
        this.options.registerId,
        batch.map((item) => ({ idempotencyKey: item.idempotencyKey, topic: item.topic, payload: parsePayload(item) })),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus({ online: false, lastError: message, consecutiveFailures: this.state.consecutiveFailures + 1 });
      const retryAt = clock.now() + this.backoffMs(this.state.consecutiveFailures);
      for (const item of batch) outbox.markRetry(item.id, message, retryAt);
      result.failed += batch.length;
      if (!(error instanceof BackOfficeUnavailableError)) console.error('[regi] outbox upload failed:', error);
      return false;
    }
    const byKey = new Map(answers.map((a) => [a.idempotencyKey, a]));
    const sent: number[] = [];
    const now = clock.now();
    for (const item of batch) {
      const answer = byKey.get(item.idempotencyKey);
      if (!answer) {
        outbox.markRetry(item.id, 'the back office did not answer for this row', now + this.backoffMs(item.attempts + 1));
        result.failed++;
      } else if (answer.status === 'rejected') {
        outbox.park(item.id, answer.reason ?? 'rejected by the back office');
        result.parked++;
      } else {
        sent.push(item.id);
        if (answer.status === 'duplicate') result.duplicates++;
        else result.sent++;
      }
    }
    outbox.markSent(sent, now);
    this.setStatus({ online: true, lastSuccessAt: now, lastError: null, consecutiveFailures: 0 });
    return true;
  }

  private setStatus(changes: Partial<SyncStatus>): void {
    const next = { ...this.state, ...changes };
    const changed = JSON.stringify(next) !== JSON.stringify(this.state);
    this.state = next;
    if (changed) this.options.onStatus?.(next);
  }
}

function parsePayload(item: OutboxItem): unknown {
  try {
    return JSON.parse(item.payload) as unknown;
  } catch {
    // Cannot happen for rows the journal wrote (the column is json_valid-checked); send as text so the
    // back office rejects it and the row is parked with a reason instead of blocking the queue.
    return item.payload;
  }
}
