/**
 * Wallet redemptions on SQLite (migration 0003): the RedemptionStore port of core's state machine. Every save
 * is its own committed statement (WAL, synchronous=FULL), so it is durable before the caller sends a request.
 */
import type { Statement } from 'better-sqlite3';
import { REDEMPTION_STATES, SETTLED, type Redemption, type RedemptionState } from '../core/payments/redemption-state.js';
import type { RedemptionStore } from '../core/payments/wallet-redemption.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  merchant_payment_id: string;
  code: string;
  amount: number;
  terminal_id: string;
  category_totals: string;
  state: string;
  created_at: number;
  updated_at: number;
  deadline_at: number;
  payment_id: string | null;
  wallet_id: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  last_error: string | null;
  attempts: number;
  sale_id: string | null;
}

type WriteRow = Omit<Row, 'sale_id'>;

const WRITE_COLUMNS = [
  'merchant_payment_id', 'code', 'amount', 'terminal_id', 'category_totals', 'state', 'created_at', 'updated_at',
  'deadline_at', 'payment_id', 'wallet_id', 'failure_code', 'failure_reason', 'last_error', 'attempts',
] as const satisfies readonly (keyof WriteRow)[];

const UNSETTLED = REDEMPTION_STATES.filter((s) => !SETTLED.has(s));

export interface StoredRedemption extends Redemption {
  /** The sale this payment paid for, once that sale committed. */
  saleId?: string;
}

export class SqliteRedemptionStore implements RedemptionStore {
  private readonly upsert: Statement<[WriteRow]>;
  private readonly byId: Statement<[string], Row>;
  private readonly unresolvedStmt: Statement<[], Row>;
  private readonly orphanStmt: Statement<[], Row>;
  private readonly bySaleStmt: Statement<[string], Row>;
  private readonly linkStmt: Statement<[string, string]>;

  constructor(private readonly db: SqliteDatabase) {
    const updates = WRITE_COLUMNS.filter((c) => c !== 'merchant_payment_id').map((c) => `${c} = excluded.${c}`).join(', ');
    this.upsert = db.prepare<[WriteRow]>(
      `INSERT INTO wallet_redemptions (${WRITE_COLUMNS.join(', ')}) VALUES (${WRITE_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (merchant_payment_id) DO UPDATE SET ${updates}`,
    );
    this.byId = db.prepare('SELECT * FROM wallet_redemptions WHERE merchant_payment_id = ?');
    this.unresolvedStmt = db.prepare(
      `SELECT * FROM wallet_redemptions WHERE state IN (${UNSETTLED.map((s) => `'${s}'`).join(', ')}) ORDER BY created_at`,
    );
    this.orphanStmt = db.prepare("SELECT * FROM wallet_redemptions WHERE state = 'SUCCEEDED' AND sale_id IS NULL ORDER BY created_at");
    this.bySaleStmt = db.prepare('SELECT * FROM wallet_redemptions WHERE sale_id = ? ORDER BY created_at');
    this.linkStmt = db.prepare("UPDATE wallet_redemptions SET sale_id = ? WHERE merchant_payment_id = ? AND state = 'SUCCEEDED' AND sale_id IS NULL");
  }

  save(r: Redemption): void {
    this.upsert.run(toRow(r));
  }

  get(merchantPaymentId: string): StoredRedemption | undefined {
    const row = this.byId.get(merchantPaymentId);
    return row ? fromRow(row) : undefined;
  }

  unresolved(): StoredRedemption[] {
    return this.unresolvedStmt.all().map(fromRow);
  }

  /** Charged but attached to no sale: after a restart the basket they paid for is gone, so they must be reversed. */
  orphaned(): StoredRedemption[] {
    return this.orphanStmt.all().map(fromRow);
  }

  forSale(saleId: string): StoredRedemption[] {
    return this.bySaleStmt.all(saleId).map(fromRow);
  }

  /** Attaches a succeeded payment to its sale; call inside the sale's transaction. Throws if it is not attachable. */
  link(merchantPaymentId: string, saleId: string): void {
    if (this.linkStmt.run(saleId, merchantPaymentId).changes !== 1) {
      throw new Error(`wallet payment ${merchantPaymentId} is not a succeeded payment free to attach to sale ${saleId}`);
    }
  }
}

function toRow(r: Redemption): WriteRow {
  return {
    merchant_payment_id: r.merchantPaymentId,
    code: r.code,
    amount: r.amount,
    terminal_id: r.terminalId,
    category_totals: JSON.stringify(r.categoryTotals),
    state: r.state,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    deadline_at: r.deadlineAt,
    payment_id: r.paymentId ?? null,
    wallet_id: r.walletId ?? null,
    failure_code: r.failureCode ?? null,
    failure_reason: r.failureReason ?? null,
    last_error: r.lastError ?? null,
    attempts: r.attempts,
  };
}

function fromRow(row: Row): StoredRedemption {
  const r: StoredRedemption = {
    merchantPaymentId: row.merchant_payment_id,
    code: row.code,
    amount: row.amount,
    terminalId: row.terminal_id,
    categoryTotals: JSON.parse(row.category_totals) as Record<string, number>,
    state: row.state as RedemptionState,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deadlineAt: row.deadline_at,
    attempts: row.attempts,
  };
  if (row.payment_id !== null) r.paymentId = row.payment_id;
  if (row.wallet_id !== null) r.walletId = row.wallet_id;
  if (row.failure_code !== null) r.failureCode = row.failure_code;
  if (row.failure_reason !== null) r.failureReason = row.failure_reason;
  if (row.last_error !== null) r.lastError = row.last_error;
  if (row.sale_id !== null) r.saleId = row.sale_id;
  return r;
}
