import type { IngestItemResult, PaymentRecord, RefundRecord } from '../protocol/wire.js';

/** Why an outcome is unknown: the request may or may not have been processed; query before anything else. */
export type UnknownCause = 'timeout' | 'connection-dropped' | 'connection-refused' | 'server-error' | 'rate-limited' | 'bad-response';

export interface Unknown {
  kind: 'unknown';
  cause: UnknownCause;
  message: string;
  attempts: number;
}

/** Refused before processing (bad signature, invalid body, key reused with another body): nothing moved. */
export interface Rejected {
  kind: 'rejected';
  status: number;
  code: string;
  message: string;
}

export type PaymentResult =
  | { kind: 'succeeded'; payment: PaymentRecord }
  /** Definitive: this payment did not and will not charge the wallet. */
  | { kind: 'declined'; reason: string; message: string; payment?: PaymentRecord }
  /** The customer must confirm in the app: query until COMPLETED or FAILED, or cancel. */
  | { kind: 'awaiting-user'; payment: PaymentRecord }
  | Rejected
  | Unknown;

export type QueryResult = { kind: 'found'; payment: PaymentRecord } | { kind: 'not-found'; message: string } | Rejected | Unknown;

export type CancelResult =
  /** payment.status: CANCELED (voided or blocked before arrival), REVERSED (money returned) or FAILED (nothing to undo). */
  | { kind: 'cancelled'; payment: PaymentRecord }
  /** The gateway asked to retry the cancel later: keep it in the outbox. */
  | { kind: 'retry-later'; message: string; attempts: number }
  /** Cancel not possible (CANCEL_WINDOW_EXPIRED, PARTIALLY_REFUNDED): refund instead. */
  | { kind: 'refused'; code: string; message: string }
  | Rejected
  | Unknown;

export type RefundResult =
  | { kind: 'succeeded'; refund: RefundRecord }
  | { kind: 'declined'; reason: string; refund: RefundRecord }
  | Rejected
  | Unknown;

export type IngestResult = { kind: 'ok'; results: IngestItemResult[] } | Rejected | Unknown;
