/**
 * The Gateway port: what the register needs from a wallet payment gateway. gateway/client implements it
 * over HTTP; outcomes distinguish "definitely declined" from "we do not know" so the caller never pays twice.
 */
import type { Yen } from '../domain/money.js';

/** A customer's one-time wallet code as the register accepts it: 8 to 32 digits. */
export const WALLET_CODE_PATTERN = /^\d{8,32}$/;

export interface WalletPayRequest {
  /** Idempotency key, made and persisted by the register before the first request. */
  merchantPaymentId: string;
  /** The one-time code the customer's app showed. */
  code: string;
  amount: Yen;
  terminalId: string;
  /** Yen per category in this payment (the gateway's tobacco-share fraud rule reads it). */
  categoryTotals: Readonly<Record<string, Yen>>;
  requestedAt: number;
}

export type WalletPayOutcome =
  | { outcome: 'succeeded'; paymentId: string; walletId: string }
  | { outcome: 'declined'; reason: string; code: string }
  | { outcome: 'awaiting-user' }
  | { outcome: 'unknown'; error: string };

export type WalletQueryOutcome =
  | { outcome: 'succeeded'; paymentId: string; walletId: string }
  | { outcome: 'failed'; reason: string; code: string }
  | { outcome: 'awaiting-user' }
  | { outcome: 'not-found' }
  /** Already cancelled: voided before any money moved, or reversed (charged, then the money went back). */
  | { outcome: 'cancelled'; reversed: boolean }
  | { outcome: 'unknown'; error: string };

export type WalletCancelOutcome =
  | { outcome: 'voided' }
  | { outcome: 'reversed' }
  | { outcome: 'retry-later'; reason: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'unknown'; error: string };

export type WalletRefundOutcome =
  | { outcome: 'refunded'; refundId: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'unknown'; error: string };

export interface WalletGateway {
  pay(request: WalletPayRequest): Promise<WalletPayOutcome>;
  query(merchantPaymentId: string): Promise<WalletQueryOutcome>;
  cancel(merchantPaymentId: string): Promise<WalletCancelOutcome>;
  refund(request: { merchantRefundId: string; merchantPaymentId: string; amount: Yen }): Promise<WalletRefundOutcome>;
}
