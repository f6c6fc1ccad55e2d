/**
 * Recorded sales for what-if dry runs: the journal's sales with the paying wallet's id, taken from
 * the wallet redemptions table (migration 0003) when it exists; without it every sale reads as unpaid by a wallet.
 * sale_lines do not keep units per item, so a line's units come from the catalog's current item (a carton stays 10 packs).
 */
import type { RecordedSale } from '../core/domain/limits/wallet-history.js';
import type { RecordedSales } from '../core/limits/ports.js';
import type { Catalog, SaleJournal } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

export class SqliteRecordedSales implements RecordedSales {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly journal: SaleJournal,
    private readonly catalog?: Catalog,
  ) {}

  completedSince(since: number): RecordedSale[] {
    const hasWallets = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'wallet_redemptions'").get() !== undefined;
    const rows = this.db
      .prepare<[number], { sale_id: string; wallet_id: string | null }>(
        hasWallets
          ? `SELECT s.sale_id, (SELECT w.wallet_id FROM wallet_redemptions w WHERE w.sale_id = s.sale_id AND w.wallet_id IS NOT NULL LIMIT 1) AS wallet_id
             FROM sales s WHERE s.completed_at >= ? ORDER BY s.completed_at, s.sale_no`
          : 'SELECT sale_id, NULL AS wallet_id FROM sales WHERE completed_at >= ? ORDER BY completed_at, sale_no',
      )
      .all(since);
    const sales: RecordedSale[] = [];
    for (const row of rows) {
      const sale = this.journal.getSale(row.sale_id);
      if (!sale) continue;
      sales.push({
        saleId: sale.saleId, completedAt: sale.completedAt, tenders: sale.tenders,
        lines: sale.lines.map((line) => {
          const units = line.item.unitsPerItem ?? this.catalog?.findByCode(line.item.code)?.unitsPerItem;
          return units === undefined ? line : { ...line, item: { ...line.item, unitsPerItem: units } };
        }),
        ...(row.wallet_id !== null ? { walletId: row.wallet_id } : {}),
      });
    }
    return sales;
  }
}
