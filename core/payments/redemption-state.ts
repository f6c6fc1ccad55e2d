/**
 * The wallet redemption state machine (../shared/DESIGN.md). Every state change is persisted before
 * the request it leads to, so a crash at any instant resumes without sending a new payment.
 *
 *   NEW -> SUBMITTING -> SUCCEEDED | FAILED | AWAITING_USER | UNKNOWN
 *   AWAITING_USER | UNKNOWN -> (query) -> SUCCEEDED | FAILED, or (deadline / cashier abort) -> CANCELLING
 *   CANCELLING -> VOIDED | REVERSED | CANCEL_UNKNOWN (retried from the outbox until resolved)
 *   SUCCEEDED -> REFUNDED
 */
import type { Yen } from '../domain/money.js';

export const REDEMPTION_STATES = [
  'NEW', 'SUBMITTING', 'SUCCEEDED', 'FAILED', 'AWAITING_USER', 'UNKNOWN',
  'CANCELLING', 'VOIDED', 'REVERSED', 'CANCEL_UNKNOWN', 'REFUNDED',
] as const;

export type RedemptionState = (typeof REDEMPTION_STATES)[number];

const ALLOWED: Readonly<Record<RedemptionState, readonly RedemptionState[]>> = {
  NEW: ['SUBMITTING'],
  SUBMITTING: ['SUCCEEDED', 'FAILED', 'AWAITING_USER', 'UNKNOWN'],
  AWAITING_USER: ['AWAITING_USER', 'SUCCEEDED', 'FAILED', 'UNKNOWN', 'CANCELLING'],
  UNKNOWN: ['UNKNOWN', 'SUCCEEDED', 'FAILED', 'AWAITING_USER', 'CANCELLING'],
  CANCELLING: ['VOIDED', 'REVERSED', 'CANCEL_UNKNOWN'],
  CANCEL_UNKNOWN: ['CANCELLING', 'VOIDED', 'REVERSED', 'CANCEL_UNKNOWN'],
  SUCCEEDED: ['REFUNDED', 'CANCELLING'],
  FAILED: [],
  VOIDED: [],
  REVERSED: [],
  REFUNDED: [],
};

/** States after which the sale's outcome is known to the yen. */
export const SETTLED: ReadonlySet<RedemptionState> = new Set(['SUCCEEDED', 'FAILED', 'VOIDED', 'REVERSED', 'REFUNDED']);

export interface Redemption {
  merchantPaymentId: string;
  code: string;
  amount: Yen;
  terminalId: string;
  categoryTotals: Readonly<Record<string, Yen>>;
  state: RedemptionState;
  createdAt: number;
  updatedAt: number;
  /** After this time an unresolved payment is cancelled rather than queried further. */
  deadlineAt: number;
  paymentId?: string;
  walletId?: string;
  /** Why it failed, or the last error while resolving. */
  failureCode?: string;
  failureReason?: string;
  lastError?: string;
  /** Gateway calls made for this payment (pay, query, cancel). */
  attempts: number;
}

export class IllegalTransitionError extends Error {
  constructor(from: RedemptionState, to: RedemptionState) {
    super(`wallet payment cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: RedemptionState, to: RedemptionState): boolean {
  return ALLOWED[from].includes(to);
}

export function transition(r: Redemption, to: RedemptionState, at: number, changes: Partial<Redemption> = {}): Redemption {
  if (!canTransition(r.state, to)) throw new IllegalTransitionError(r.state, to);
  return { ...r, ...changes, state: to, updatedAt: at };
}
