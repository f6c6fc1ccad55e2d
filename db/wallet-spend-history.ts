/**
 * WalletSpendHistory (purchase limits, 'wallet-24h' rules) over the register's own records: the sales a
 * wallet paid (wholly or partly) are those its redemption rows are attached to; refunded sales no longer count.
 */
import type { Statement } from 'better-sqlite3';
import { addMeasured, measureLines, NOTHING } from '../core/domain/limits/measure.js';
import type { LimitScope } from '../core/domain/limits/rule.js';
import type { WalletSpend, WalletSpendHistory } from '../core/domain/limits/wallet-history.js';
import type { SqliteDatabase } from './open-database.js';
import type { SqliteSaleJournal } from './sale-journal.js';

export class SqliteWalletSpendHistory implements WalletSpendHistory {
  private readonly sales: Statement<[string, number], { sale_id: string }>;

  constructor(
    db: SqliteDatabase,
    private readonly journal: SqliteSaleJournal,
  ) {
    this.sales = db.prepare(`
      SELECT DISTINCT s.sale_id FROM wallet_redemptions w JOIN sales s ON s.sale_id = w.sale_id
      WHERE w.wallet_id = ? AND w.state IN ('SUCCEEDED', 'REFUNDED') AND s.completed_at > ?
        AND NOT EXISTS (SELECT 1 FROM sale_refunds r WHERE r.sale_id = s.sale_id AND r.state = 'COMPLETED')
      ORDER BY s.completed_at`);
  }

  spentInWindow(walletId: string, since: number, scope: LimitScope): WalletSpend {
    let spent = NOTHING;
    for (const { sale_id } of this.sales.all(walletId, since)) {
      const sale = this.journal.getSale(sale_id);
      if (sale) spent = addMeasured(spent, measureLines(scope, sale.lines));
    }
    return spent;
  }
}
