/**
 * The sale side of wallet payments on SQLite: a sale paid (partly) by wallet is committed together with the
 * link from its redemption rows (one transaction), and refunds are recorded with their outbox row.
 */
import type { Statement } from 'better-sqlite3';
import type { CompletedSale } from '../core/domain/sale.js';
import type { RefundLedger, RefundRecord, WalletSaleCommitter } from '../core/payments/wallet-tender.js';
import type { SqliteDatabase } from './open-database.js';
import type { SqliteRedemptionStore } from './redemption-store.js';
import type { SaleJournal } from '../core/ports.js';

export const REFUND_UPLOAD_TOPIC = 'refund.upload';

interface RefundRow {
  refund_id: string;
  sale_id: string;
  state: 'PENDING' | 'COMPLETED';
  wallet_amount: number;
  cash_amount: number;
  merchant_payment_id: string | null;
  merchant_refund_id: string | null;
  manager_session: string | null;
  created_at: number;
  completed_at: number | null;
  last_error: string | null;
}

export class SqliteWalletSales implements WalletSaleCommitter, RefundLedger {
  private readonly refundBySale: Statement<[string], RefundRow>;
  private readonly refundById: Statement<[string], RefundRow>;
  private readonly insertRefund: Statement<[Omit<RefundRow, 'completed_at' | 'last_error'>]>;
  private readonly completeRefund: Statement<[number, string]>;
  private readonly errorRefund: Statement<[string, string]>;
  private readonly insertOutbox: Statement<[string, string, string, number, number]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly journal: SaleJournal,
    private readonly redemptions: SqliteRedemptionStore,
  ) {
    this.refundBySale = db.prepare('SELECT * FROM sale_refunds WHERE sale_id = ?');
    this.refundById = db.prepare('SELECT * FROM sale_refunds WHERE refund_id = ?');
    this.insertRefund = db.prepare(`INSERT INTO sale_refunds
      (refund_id, sale_id, state, wallet_amount, cash_amount, merchant_payment_id, merchant_refund_id, manager_session, created_at)
      VALUES (@refund_id, @sale_id, @state, @wallet_amount, @cash_amount, @merchant_payment_id, @merchant_refund_id, @manager_session, @created_at)`);
    this.completeRefund = db.prepare("UPDATE sale_refunds SET state = 'COMPLETED', completed_at = ?, last_error = NULL WHERE refund_id = ? AND state = 'PENDING'");
    this.errorRefund = db.prepare('UPDATE sale_refunds SET last_error = ? WHERE refund_id = ?');
    this.insertOutbox = db.prepare(
      'INSERT INTO outbox (topic, idempotency_key, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  commitWalletSale(sale: Omit<CompletedSale, 'saleNo'>, merchantPaymentIds: readonly string[]): CompletedSale {
    if (merchantPaymentIds.length === 0) return this.journal.commitSale(sale);
    // The journal's own transaction nests as a savepoint: sale, lines, tenders, outbox row and the links commit together.
    return this.db
      .transaction(() => {
        const committed = this.journal.commitSale(sale);
        for (const id of merchantPaymentIds) this.redemptions.link(id, committed.saleId);
        return committed;
      })
      .immediate();
  }

  getSale(saleId: string): CompletedSale | undefined {
    return this.journal.getSale(saleId);
  }

  forSale(saleId: string): RefundRecord | undefined {
    const row = this.refundBySale.get(saleId);
    return row ? fromRow(row) : undefined;
  }

  begin(r: RefundRecord): void {
    this.insertRefund.run({
      refund_id: r.refundId,
      sale_id: r.saleId,
      state: 'PENDING',
      wallet_amount: r.walletAmount,
      cash_amount: r.cashAmount,
      merchant_payment_id: r.merchantPaymentId,
      merchant_refund_id: r.merchantRefundId,
      manager_session: r.approvedBy,
      created_at: r.createdAt,
    });
  }

  complete(refundId: string, completedAt: number, registerId: string): void {
    this.db
      .transaction(() => {
        const row = this.refundById.get(refundId);
        if (!row) throw new Error(`no refund ${refundId}`);
        if (this.completeRefund.run(completedAt, refundId).changes !== 1) throw new Error(`refund ${refundId} is not pending`);
        // amount and at are what the back office's refund.upload contract requires (gateway/protocol/wire.ts);
        // the split and keys follow for its books.
        const payload = {
          refundId,
          saleId: row.sale_id,
          registerId,
          amount: row.wallet_amount + row.cash_amount,
          at: completedAt,
          walletAmount: row.wallet_amount,
          cashAmount: row.cash_amount,
          merchantPaymentId: row.merchant_payment_id,
          merchantRefundId: row.merchant_refund_id,
          approvedBy: row.manager_session,
          completedAt,
        };
        this.insertOutbox.run(REFUND_UPLOAD_TOPIC, `refund-${refundId}`, JSON.stringify(payload), completedAt, completedAt);
      })
      .immediate();
  }

  noteError(refundId: string, error: string): void {
    this.errorRefund.run(error.slice(0, 500), refundId);
  }
}

function fromRow(row: RefundRow): RefundRecord {
  return {
    refundId: row.refund_id,
    saleId: row.sale_id,
    walletAmount: row.wallet_amount,
    cashAmount: row.cash_amount,
    merchantPaymentId: row.merchant_payment_id,
    merchantRefundId: row.merchant_refund_id,
    approvedBy: row.manager_session,
    createdAt: row.created_at,
    state: row.state,
  };
}
