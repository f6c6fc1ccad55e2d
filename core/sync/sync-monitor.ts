/**
 * What the register (and so the UI) sees of delivery to the back office: a small port the host implements over
 * the outbox and its worker, so core stays pure and the cashier never waits on it.
 */
import type { Unsubscribe } from '../ports.js';
import type { OutboxEntry, OutboxState } from './outbox-ports.js';

export interface SyncState {
  /** null until the first delivery attempt (or when no back office is configured). */
  online: boolean | null;
  /** Rows waiting for delivery (pending), parked rows not included. */
  queueDepth: number;
  /** Rows the back office refused as invalid: kept with their reason, out of the queue's way. */
  parked: number;
  /** createdAt of the oldest pending row, null when the queue is empty. */
  oldestPendingAt: number | null;
  lastError: string | null;
}

export const NO_SYNC: SyncState = { online: null, queueDepth: 0, parked: 0, oldestPendingAt: null, lastError: null };

/** An outbox row as the manager console shows it: everything but the payload. */
export type OutboxRow = Omit<OutboxEntry, 'payload'>;

export interface SyncMonitor {
  state(): SyncState;
  /** Called after every change of state() (a sale queued, a pass delivered, online flipped). */
  onChange(listener: (state: SyncState) => void): Unsubscribe;
  list(options: { states: readonly OutboxState[]; limit: number }): OutboxRow[];
  /** Makes pending (and parked, when asked) rows due now and wakes delivery; returns how many rows. */
  retryNow(includeParked: boolean): number;
}

export function sameSyncState(a: SyncState, b: SyncState): boolean {
  return (
    a.online === b.online &&
    a.queueDepth === b.queueDepth &&
    a.parked === b.parked &&
    a.oldestPendingAt === b.oldestPendingAt &&
    a.lastError === b.lastError
  );
}
