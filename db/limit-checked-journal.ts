/**
 * A SaleJournal that also records which rule set version the sale was checked against
 * (sale_limit_checks), inside the sale's own transaction: better-sqlite3 turns the journal's inner
 * transaction into a savepoint of this one, so the sale and its version commit or vanish together.
 */
import type { Statement } from 'better-sqlite3';
import type { CompletedSale } from '../core/domain/sale.js';
import type { SaleJournal, SaleSummary } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

export class LimitCheckedJournal implements SaleJournal {
  private readonly insert: Statement<[string, number | null, number]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly inner: SaleJournal,
    /** The version the tender check used (LimitGuard.versionCheckedAtTender). */
    private readonly checkedVersion: () => number | null,
  ) {
    this.insert = db.prepare('INSERT INTO sale_limit_checks (sale_id, rule_version, checked_at) VALUES (?, ?, ?)');
  }

  commitSale(sale: Omit<CompletedSale, 'saleNo'>): CompletedSale {
    return this.db.transaction(() => {
      const committed = this.inner.commitSale(sale);
      this.insert.run(committed.saleId, this.checkedVersion(), committed.completedAt);
      return committed;
    }).immediate();
  }

  nextSaleNo(): number {
    return this.inner.nextSaleNo();
  }

  recentSales(limit: number): SaleSummary[] {
    return this.inner.recentSales(limit);
  }

  getSale(saleId: string): CompletedSale | undefined {
    return this.inner.getSale(saleId);
  }
}

/** The rule set version a sale was checked against: undefined when none was recorded, null when no rules were in force. */
export function saleRuleVersion(db: SqliteDatabase, saleId: string): number | null | undefined {
  const row = db.prepare<[string], { rule_version: number | null }>('SELECT rule_version FROM sale_limit_checks WHERE sale_id = ?').get(saleId);
  return row === undefined ? undefined : row.rule_version;
}
