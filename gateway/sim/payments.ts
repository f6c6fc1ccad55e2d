import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/ports.js';
import { sha256Hex } from '../protocol/signing.js';
import type { PaymentRecord, PaymentStatus, RefundRecord, RefundRequest } from '../protocol/wire.js';
import { parseCode, type CodeFormat } from './codes.js';
import { stmt, type GatewayDb } from './db.js';
import { GatewayError } from './errors.js';
import { checkPayment } from './fraud.js';
import { loadRules } from './rules.js';
import { verifyTotp } from './totp.js';
import type { DeviceRow, Wallets } from './wallets.js';

/** Fully parsed (defaults applied) payment request. */
export interface PaymentInput {
  merchantPaymentId: string;
  code: string;
  amount: number;
  terminalId: string;
  categoryTotals: Record<string, number>;
  requestedAt: number;
}

interface PaymentRow {
  merchant_payment_id: string;
  payment_id: string;
  terminal_id: string | null;
  wallet_id: string | null;
  amount: number;
  status: PaymentStatus;
  reason: string | null;
  request_hash: string | null;
  refunded_amount: number;
  created_at: number;
  updated_at: number;
}

/** Key order is fixed so the same request always hashes the same. */
function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
      : v;
  return sha256Hex(JSON.stringify(canonical(value)));
}

function toRecord(row: PaymentRow): PaymentRecord {
  return {
    paymentId: row.payment_id,
    merchantPaymentId: row.merchant_payment_id,
    status: row.status,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.wallet_id !== null ? { walletId: row.wallet_id } : {}),
    ...(row.terminal_id !== null ? { terminalId: row.terminal_id } : {}),
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Payments, cancels and refunds. Each operation is one SQLite transaction: the row and the ledger move together. */
export class Payments {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
    private readonly wallets: Wallets,
    private readonly codeFormat: CodeFormat,
  ) {}

  pay(input: PaymentInput, signedBy: string): PaymentRecord {
    if (input.terminalId !== signedBy) {
      throw new GatewayError(403, 'TERMINAL_MISMATCH', `terminalId ${input.terminalId} does not match the signing terminal ${signedBy}`);
    }
    const hash = requestHash(input);
    return this.db.transaction(() => {
      const existing = this.row(input.merchantPaymentId);
      if (existing) {
        if (!ownedBy(existing.terminal_id, signedBy)) {
          throw new GatewayError(409, 'IDEMPOTENCY_MISMATCH', `merchantPaymentId ${input.merchantPaymentId} is already used by another terminal`);
        }
        if (existing.request_hash === null) {
          throw new GatewayError(409, 'ALREADY_CANCELLED', `merchantPaymentId ${input.merchantPaymentId} was cancelled before this payment arrived; it will never be charged`);
        }
        if (existing.request_hash !== hash) {
          throw new GatewayError(409, 'IDEMPOTENCY_MISMATCH', `merchantPaymentId ${input.merchantPaymentId} was already used with a different request body`);
        }
        return toRecord(existing);
      }
      const now = this.clock.now();
      const decided = this.decide(input, now);
      const row: PaymentRow = {
        merchant_payment_id: input.merchantPaymentId,
        payment_id: `p_${randomUUID()}`,
        terminal_id: input.terminalId,
        wallet_id: decided.walletId ?? null,
        amount: input.amount,
        status: decided.status,
        reason: decided.reason ?? null,
        request_hash: hash,
        refunded_amount: 0,
        created_at: now,
        updated_at: now,
      };
      stmt(this.db,
          `INSERT INTO payments (merchant_payment_id, payment_id, terminal_id, wallet_id, amount, status, reason, request_hash,
                                 category_totals, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.merchant_payment_id,
          row.payment_id,
          row.terminal_id,
          row.wallet_id,
          row.amount,
          row.status,
          row.reason,
          row.request_hash,
          JSON.stringify(input.categoryTotals),
          now,
          now,
        );
      if (decided.status === 'COMPLETED') this.wallets.postTx(decided.walletId!, 'payment', -input.amount, input.merchantPaymentId, input.terminalId);
      // The row as inserted (refunded_amount starts at 0): no need to read it back.
      return toRecord(row);
    })();
  }

  /** Redeems the code and applies rules and balance; consumes the code whenever it was genuine. */
  private decide(input: PaymentInput, now: number): { status: PaymentStatus; reason?: string; walletId?: string } {
    const parsed = parseCode(this.codeFormat, input.code);
    if (!parsed.ok) return { status: 'FAILED', reason: 'INVALID_CODE' };
    const device = stmt(this.db, 'SELECT * FROM devices WHERE device_no = ?').get(parsed.deviceNo) as DeviceRow | undefined;
    if (!device) return { status: 'FAILED', reason: 'CODE_NOT_FOUND' };
    const counter = verifyTotp(device.secret, parsed.otp, now, { stepSeconds: this.codeFormat.stepSeconds, digits: parsed.otp.length, window: 1 });
    if (counter === undefined) return { status: 'FAILED', reason: 'CODE_EXPIRED_OR_INVALID', walletId: device.wallet_id };
    if (counter <= device.last_counter) return { status: 'FAILED', reason: 'CODE_ALREADY_USED', walletId: device.wallet_id };
    stmt(this.db, 'UPDATE devices SET last_counter = ? WHERE id = ?').run(counter, device.id);

    const wallet = this.wallets.require(device.wallet_id);
    const rules = loadRules(this.db);
    const denied = checkPayment(this.db, now, rules, {
      merchantPaymentId: input.merchantPaymentId,
      walletId: wallet.id,
      terminalId: input.terminalId,
      amount: input.amount,
      categoryTotals: input.categoryTotals,
      frozen: wallet.frozen === 1,
    });
    if (denied) return { status: 'FAILED', reason: denied, walletId: wallet.id };
    if (wallet.balance < input.amount) return { status: 'FAILED', reason: 'INSUFFICIENT_BALANCE', walletId: wallet.id };
    if (rules.userConfirmationAbove !== null && input.amount > rules.userConfirmationAbove) return { status: 'AUTHORIZING', walletId: wallet.id };
    return { status: 'COMPLETED', walletId: wallet.id };
  }

  /** `asTerminal`: the signing terminal, which sees only its own payments; absent for the admin API. */
  get(merchantPaymentId: string, asTerminal?: string): PaymentRecord {
    const row = this.row(merchantPaymentId);
    // A cancel-before-arrival marker is not a payment the merchant made; another terminal's payment is not this one's.
    if (!row || row.request_hash === null || !ownedBy(row.terminal_id, asTerminal)) {
      throw new GatewayError(404, 'PAYMENT_NOT_FOUND', `no payment ${merchantPaymentId}`);
    }
    return toRecord(row);
  }

  /** The customer answers the in-app confirmation of an AUTHORIZING payment. */
  confirm(merchantPaymentId: string, approve: boolean): PaymentRecord {
    return this.db.transaction(() => {
      const row = this.row(merchantPaymentId);
      if (!row || row.request_hash === null) throw new GatewayError(404, 'PAYMENT_NOT_FOUND', `no payment ${merchantPaymentId}`);
      if (row.status !== 'AUTHORIZING') throw new GatewayError(409, 'NOT_AUTHORIZING', `payment ${merchantPaymentId} is ${row.status}, not AUTHORIZING`);
      const wallet = this.wallets.require(row.wallet_id!);
      if (!approve) return this.setStatus(row, 'FAILED', 'USER_DECLINED');
      if (wallet.frozen === 1) return this.setStatus(row, 'FAILED', 'WALLET_FROZEN');
      if (wallet.balance < row.amount) return this.setStatus(row, 'FAILED', 'INSUFFICIENT_BALANCE');
      this.wallets.postTx(wallet.id, 'payment', -row.amount, merchantPaymentId, row.terminal_id);
      return this.setStatus(row, 'COMPLETED', null);
    })();
  }

  /**
   * Void or reverse. An unknown key gets a CANCELED marker so the payment, if it arrives late, is refused
   * (the Alipay/PayPay habit). A cancel is idempotent: cancelling again answers the same final state.
   */
  cancel(merchantPaymentId: string, asTerminal: string): PaymentRecord {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const row = this.row(merchantPaymentId);
      if (!row) {
        // The marker belongs to the terminal that cancelled: only its own late payment is refused by it.
        stmt(this.db,
            `INSERT INTO payments (merchant_payment_id, payment_id, terminal_id, amount, status, reason, request_hash, created_at, updated_at)
             VALUES (?, ?, ?, 0, 'CANCELED', 'CANCELLED_BEFORE_ARRIVAL', NULL, ?, ?)`,
          )
          .run(merchantPaymentId, `p_${randomUUID()}`, asTerminal, now, now);
        return toRecord(this.row(merchantPaymentId)!);
      }
      if (!ownedBy(row.terminal_id, asTerminal)) throw new GatewayError(404, 'PAYMENT_NOT_FOUND', `no payment ${merchantPaymentId}`);
      switch (row.status) {
        case 'CANCELED':
        case 'REVERSED':
        case 'FAILED':
          return toRecord(row);
        case 'AUTHORIZING':
          return this.setStatus(row, 'CANCELED', 'CANCELLED_BY_MERCHANT');
        case 'COMPLETED': {
          const windowMs = loadRules(this.db).cancelWindowMinutes * 60_000;
          if (now - row.created_at > windowMs) {
            throw new GatewayError(409, 'CANCEL_WINDOW_EXPIRED', `payment ${merchantPaymentId} is older than the cancel window; refund it instead`);
          }
          if (row.refunded_amount > 0) {
            throw new GatewayError(409, 'PARTIALLY_REFUNDED', `payment ${merchantPaymentId} has refunds; refund the rest instead of cancelling`);
          }
          this.wallets.postTx(row.wallet_id!, 'reversal', row.amount, merchantPaymentId, 'cancel');
          return this.setStatus(row, 'REVERSED', null);
        }
      }
    })();
  }

  refund(input: RefundRequest, asTerminal: string): RefundRecord {
    const hash = requestHash(input);
    return this.db.transaction(() => {
      const existing = this.refundRow(input.merchantRefundId);
      if (existing && !ownedBy(existing.terminal_id, asTerminal)) {
        throw new GatewayError(409, 'IDEMPOTENCY_MISMATCH', `merchantRefundId ${input.merchantRefundId} is already used by another terminal`);
      }
      if (existing) {
        if (existing.request_hash !== hash) {
          throw new GatewayError(409, 'IDEMPOTENCY_MISMATCH', `merchantRefundId ${input.merchantRefundId} was already used with a different request body`);
        }
        return toRefund(existing);
      }
      const now = this.clock.now();
      const payment = this.row(input.merchantPaymentId);
      let reason: string | null = null;
      if (!payment || payment.request_hash === null || !ownedBy(payment.terminal_id, asTerminal)) reason = 'PAYMENT_NOT_FOUND';
      else if (payment.status !== 'COMPLETED') reason = `PAYMENT_${payment.status}`;
      else if (payment.refunded_amount + input.amount > payment.amount) reason = 'REFUND_EXCEEDS_PAYMENT';
      stmt(this.db, 
          `INSERT INTO refunds (merchant_refund_id, refund_id, merchant_payment_id, amount, status, reason, request_hash, created_at, terminal_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.merchantRefundId, `r_${randomUUID()}`, input.merchantPaymentId, input.amount, reason ? 'FAILED' : 'COMPLETED', reason, hash, now, asTerminal);
      if (!reason && payment) {
        this.wallets.postTx(payment.wallet_id!, 'refund', input.amount, input.merchantPaymentId, input.merchantRefundId);
        stmt(this.db, 'UPDATE payments SET refunded_amount = refunded_amount + ?, updated_at = ? WHERE merchant_payment_id = ?')
          .run(input.amount, now, input.merchantPaymentId);
      }
      return toRefund(this.refundRow(input.merchantRefundId)!);
    })();
  }

  getRefund(merchantRefundId: string, asTerminal: string): RefundRecord {
    const row = this.refundRow(merchantRefundId);
    if (!row || !ownedBy(row.terminal_id, asTerminal)) throw new GatewayError(404, 'REFUND_NOT_FOUND', `no refund ${merchantRefundId}`);
    return toRefund(row);
  }

  /** Ledger rows that charged this payment: the "never charged twice" check reads this. */
  chargeCount(merchantPaymentId: string): number {
    return (stmt(this.db, "SELECT COUNT(*) AS n FROM ledger WHERE ref = ? AND kind = 'payment'").get(merchantPaymentId) as { n: number }).n;
  }

  private setStatus(row: PaymentRow, status: PaymentStatus, reason: string | null): PaymentRecord {
    stmt(this.db, 'UPDATE payments SET status = ?, reason = ?, updated_at = ? WHERE merchant_payment_id = ?')
      .run(status, reason, this.clock.now(), row.merchant_payment_id);
    return toRecord(this.row(row.merchant_payment_id)!);
  }

  private row(merchantPaymentId: string): PaymentRow | undefined {
    return stmt(this.db, 'SELECT * FROM payments WHERE merchant_payment_id = ?').get(merchantPaymentId) as PaymentRow | undefined;
  }

  private refundRow(merchantRefundId: string): RefundRow | undefined {
    return stmt(this.db, 'SELECT * FROM refunds WHERE merchant_refund_id = ?').get(merchantRefundId) as RefundRow | undefined;
  }
}

interface RefundRow {
  merchant_refund_id: string;
  refund_id: string;
  merchant_payment_id: string;
  amount: number;
  status: 'COMPLETED' | 'FAILED';
  reason: string | null;
  request_hash: string;
  created_at: number;
  /** NULL for refunds recorded before terminals were scoped (gateway migration 0004). */
  terminal_id: string | null;
}

/**
 * Each terminal sees and acts on its own payments and refunds only (the merchant's key signs for one terminal).
 * `asTerminal` undefined is the admin API. A NULL owner is a row from before scoping: open to every terminal.
 */
function ownedBy(owner: string | null, asTerminal: string | undefined): boolean {
  return asTerminal === undefined || owner === null || owner === asTerminal;
}

function toRefund(row: RefundRow): RefundRecord {
  return {
    refundId: row.refund_id,
    merchantRefundId: row.merchant_refund_id,
    merchantPaymentId: row.merchant_payment_id,
    amount: row.amount,
    status: row.status,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    createdAt: row.created_at,
  };
}
