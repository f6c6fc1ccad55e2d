/** Sale history search over the journal tables; every filter is a bound parameter, never spliced SQL. */
import type { TenderKind } from '../core/domain/sale.js';
import type { SaleSearchQuery, SaleSearchResult, SaleSearchRow } from '../core/records/records-types.js';
import type { SqliteDatabase } from './open-database.js';

export function searchSales(db: SqliteDatabase, query: SaleSearchQuery): SaleSearchResult {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.from !== undefined) { where.push('s.completed_at >= ?'); params.push(query.from); }
  if (query.to !== undefined) { where.push('s.completed_at < ?'); params.push(query.to); }
  if (query.minTotal !== undefined) { where.push('s.total >= ?'); params.push(query.minTotal); }
  if (query.maxTotal !== undefined) { where.push('s.total <= ?'); params.push(query.maxTotal); }
  if (query.barcode !== undefined) {
    where.push('EXISTS (SELECT 1 FROM sale_lines l WHERE l.code = ? AND l.sale_id = s.sale_id)');
    params.push(query.barcode);
  }
  if (query.walletTransactionId !== undefined) {
    where.push("EXISTS (SELECT 1 FROM tenders t WHERE t.reference = ? AND t.kind = 'wallet' AND t.sale_id = s.sale_id)");
    params.push(query.walletTransactionId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return db.transaction(() => {
    const matched = (db.prepare(`SELECT count(*) AS n FROM sales s ${clause}`).get(...params) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT s.sale_id, s.sale_no, s.completed_at, s.total, s.item_count,
                (SELECT json_group_array(json_array(t.kind, t.reference)) FROM tenders t WHERE t.sale_id = s.sale_id) AS tenders,
                (SELECT r.state FROM sale_refunds r WHERE r.sale_id = s.sale_id) AS refund_state
         FROM sales s ${clause} ORDER BY s.completed_at DESC, s.sale_no DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset) as {
      sale_id: string; sale_no: number; completed_at: number; total: number; item_count: number; tenders: string;
      refund_state: 'PENDING' | 'COMPLETED' | null;
    }[];
    const sales: SaleSearchRow[] = rows.map((r) => {
      const tenders = JSON.parse(r.tenders) as [TenderKind, string | null][];
      return {
        saleId: r.sale_id,
        saleNo: r.sale_no,
        completedAt: r.completed_at,
        total: r.total,
        itemCount: r.item_count,
        tenderKinds: [...new Set(tenders.map(([kind]) => kind))],
        walletTransactionIds: tenders.filter(([kind, ref]) => kind === 'wallet' && ref !== null).map(([, ref]) => ref!),
        refund: r.refund_state === 'COMPLETED' ? 'completed' : r.refund_state === 'PENDING' ? 'pending' : null,
      };
    });
    return { matched, sales };
  })();
}
