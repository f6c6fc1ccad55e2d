/** Ports of the durable outbox and the back office it delivers to (issue 6). */

export interface OutboxItem {
  id: number;
  topic: string;
  /** Client-made key; the back office dedupes by it, so a resend is harmless. */
  idempotencyKey: string;
  /** JSON text as committed with the row it announces. */
  payload: string;
  createdAt: number;
  attempts: number;
}

export type OutboxState = 'pending' | 'sent' | 'parked';

export interface OutboxEntry extends OutboxItem {
  state: OutboxState;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface OutboxStats {
  pending: number;
  parked: number;
  sent: number;
  /** createdAt of the oldest pending row, null when none. */
  oldestPendingAt: number | null;
}

export interface Outbox {
  /** Pending rows whose next attempt is due, oldest first. */
  due(now: number, limit: number): OutboxItem[];
  markSent(ids: readonly number[], at: number): void;
  /** Counts an attempt and records why it failed; the row stays pending until nextAttemptAt. */
  markRetry(id: number, error: string, nextAttemptAt: number): void;
  /** The back office refused the row as invalid: kept with the reason, out of the way of the rows behind it. */
  park(id: number, reason: string): void;
  /** Makes pending (and, when asked, parked) rows due now: the manager's "retry now". */
  retryNow(now: number, includeParked: boolean): number;
  stats(): OutboxStats;
  list(options: { states: readonly OutboxState[]; limit: number }): OutboxEntry[];
}

export type UploadStatus = 'accepted' | 'duplicate' | 'rejected';

export interface UploadResult {
  idempotencyKey: string;
  status: UploadStatus;
  reason?: string;
}

/** Thrown (or rejected with) when the back office cannot be reached or answers with a server error. */
export class BackOfficeUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackOfficeUnavailableError';
  }
}

export interface BackOffice {
  uploadBatch(registerId: string, items: readonly { idempotencyKey: string; topic: string; payload: unknown }[]): Promise<UploadResult[]>;
}
