/**
 * GatewayClient as the register's WalletGateway port (core/payments/wallet-gateway.ts). The mapping keeps the
 * port's promise: only an answer that proves this key can never charge becomes declined/failed; anything that
 * leaves doubt (timeouts, 5xx, a key reused with another body) becomes unknown so the register queries.
 */
import type {
  WalletCancelOutcome,
  WalletGateway,
  WalletPayOutcome,
  WalletPayRequest,
  WalletQueryOutcome,
  WalletRefundOutcome,
} from '../../core/payments/wallet-gateway.js';
import type { PaymentRecord } from '../protocol/wire.js';
import type { GatewayClient } from './gateway-client.js';
import type { Rejected, Unknown } from './results.js';

/** Human text for the machine reasons the gateway gives (the cashier sees these). */
const REASON_TEXT: Record<string, string> = {
  INVALID_CODE: 'not a wallet payment code',
  CODE_NOT_FOUND: 'unknown wallet code',
  CODE_EXPIRED_OR_INVALID: 'code expired: ask the customer to refresh it',
  CODE_ALREADY_USED: 'code already used: ask the customer to refresh it',
  INSUFFICIENT_BALANCE: 'wallet balance too low',
  WALLET_FROZEN: 'wallet is frozen',
  USER_DECLINED: 'customer declined in the app',
  ALREADY_CANCELLED: 'payment was cancelled',
  FRAUD_PER_TRANSACTION_CAP: 'over the per-payment limit',
  FRAUD_DAILY_CAP: 'over the daily limit',
  FRAUD_CHARGE_THEN_SPEND: 'declined by fraud check (charge then spend)',
  FRAUD_TERMINAL_WALLETS: 'declined by fraud check (too many wallets at this register)',
  FRAUD_TOBACCO_SHARE: 'declined by fraud check (tobacco share)',
};

const text = (code: string, fallback?: string): string => REASON_TEXT[code] ?? fallback ?? code;
const unknownOf = (r: Unknown | Rejected): { outcome: 'unknown'; error: string } => ({
  outcome: 'unknown',
  error: r.kind === 'unknown' ? `${r.cause}: ${r.message}` : `${r.status} ${r.code}: ${r.message}`,
});

function fromRecord(p: PaymentRecord): WalletQueryOutcome {
  switch (p.status) {
    case 'COMPLETED':
      return { outcome: 'succeeded', paymentId: p.paymentId, walletId: p.walletId ?? '' };
    case 'AUTHORIZING':
      return { outcome: 'awaiting-user' };
    case 'FAILED':
      return { outcome: 'failed', code: p.reason ?? 'FAILED', reason: text(p.reason ?? 'FAILED') };
    case 'CANCELED':
      return { outcome: 'cancelled', reversed: false };
    case 'REVERSED':
      return { outcome: 'cancelled', reversed: true };
  }
}

export class HttpWalletGateway implements WalletGateway {
  constructor(private readonly client: GatewayClient) {}

  async pay(request: WalletPayRequest): Promise<WalletPayOutcome> {
    const r = await this.client.pay({ ...request, categoryTotals: { ...request.categoryTotals } });
    switch (r.kind) {
      case 'succeeded':
        return { outcome: 'succeeded', paymentId: r.payment.paymentId, walletId: r.payment.walletId ?? '' };
      case 'awaiting-user':
        return { outcome: 'awaiting-user' };
      case 'declined':
        return { outcome: 'declined', code: r.reason, reason: text(r.reason, r.message) };
      case 'rejected':
        // The key already names another request: its outcome is that request's, so ask.
        if (r.code === 'IDEMPOTENCY_MISMATCH') return unknownOf(r);
        // Refused before processing (signature, validation): this key was not charged.
        return { outcome: 'declined', code: r.code, reason: r.message };
      case 'unknown':
        return unknownOf(r);
    }
  }

  async query(merchantPaymentId: string): Promise<WalletQueryOutcome> {
    const r = await this.client.queryPayment(merchantPaymentId);
    if (r.kind === 'found') return fromRecord(r.payment);
    if (r.kind === 'not-found') return { outcome: 'not-found' };
    return unknownOf(r);
  }

  async cancel(merchantPaymentId: string): Promise<WalletCancelOutcome> {
    const r = await this.client.cancelPayment(merchantPaymentId);
    switch (r.kind) {
      case 'cancelled':
        return r.payment.status === 'REVERSED' ? { outcome: 'reversed' } : { outcome: 'voided' };
      case 'retry-later':
        return { outcome: 'retry-later', reason: r.message };
      case 'refused':
        return { outcome: 'refused', reason: `${r.code}: ${r.message}` };
      default:
        return unknownOf(r);
    }
  }

  async refund(request: { merchantRefundId: string; merchantPaymentId: string; amount: number }): Promise<WalletRefundOutcome> {
    const r = await this.client.refund(request);
    switch (r.kind) {
      case 'succeeded':
        return { outcome: 'refunded', refundId: r.refund.refundId };
      case 'declined':
        return { outcome: 'refused', reason: r.reason };
      case 'rejected':
        return r.code === 'IDEMPOTENCY_MISMATCH' ? unknownOf(r) : { outcome: 'refused', reason: `${r.code}: ${r.message}` };
      default:
        return unknownOf(r);
    }
  }
}
