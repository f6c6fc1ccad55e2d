import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import type { Hasher } from '../core/domain/audit/audit-chain.js';
import type { CompletedSale } from '../core/domain/sale.js';
import { SqliteAuditLog } from './audit-log-repository.js';
import { openRegisterStore } from './register-store.js';
import { SqliteSaleRecords } from './sale-records.js';
import { ageBucket } from './sales-reports.js';
import { DEMO_CATALOG, DEMO_CODES } from './seed/demo-catalog.js';
import { sampleSale } from './testing/sample-sale.js';
import { tempDir } from './testing/temp-dir.js';

const sha: Hasher = { sha256Hex: (t) => createHash('sha256').update(t, 'utf8').digest('hex') };
const item = (code: string) => DEMO_CATALOG.find((i) => i.code === code)!;
// 2026-03-02 09:15 JST
const NINE_JST = Date.UTC(2026, 2, 2, 0, 15);
const HOUR = 3_600_000;

function setup(t: TestContext) {
  const store = openRegisterStore(tempDir(t), { newRegisterId: () => 'R-TEST01' });
  t.after(() => store.close());
  const records = new SqliteSaleRecords(store.db);
  const commit = (id: string, picks: { code: string; quantity?: number }[], at: number, wallet?: string): CompletedSale => {
    const sale = sampleSale(`00000000-0000-4000-8000-${id.padStart(12, '0')}`, picks.map((p) => ({ item: item(p.code), ...(p.quantity ? { quantity: p.quantity } : {}) })), 10_000, at);
    const tenders: CompletedSale['tenders'] = wallet ? [{ kind: 'wallet', amount: sale.totals.total, reference: wallet }] : sale.tenders;
    return store.journal.commitSale({ ...sale, tenders });
  };
  return { store, records, commit };
}

describe('SqliteSaleRecords', () => {
  test('store settings default, then persist as one JSON meta value', (t) => {
    const { store, records } = setup(t);
    assert.equal(records.getStoreSettings().registrationNumber, 'T0000000000000');
    records.setStoreSettings({ storeName: 'ハナ商店', address: '大阪', phone: '06-1', registrationNumber: 'T1234567890123' });
    assert.equal(records.getStoreSettings().storeName, 'ハナ商店');
    store.db.prepare("UPDATE meta SET value = 'not json' WHERE key = 'store_settings'").run();
    assert.equal(records.getStoreSettings().storeName, 'レジ練習店', 'a damaged value falls back to defaults');
  });

  test('search filters by time, amount, barcode and wallet transaction id, newest first, with paging', (t) => {
    const { records, commit } = setup(t);
    const a = commit('1', [{ code: DEMO_CODES.onigiriSalmon }], NINE_JST);
    const b = commit('2', [{ code: DEMO_CODES.beer, quantity: 2 }], NINE_JST + HOUR, 'PAY-XYZ-1');
    const c = commit('3', [{ code: DEMO_CODES.onigiriSalmon }, { code: DEMO_CODES.greenTea }], NINE_JST + 2 * HOUR);
    const ids = (q: Parameters<typeof records.searchSales>[0]) => records.searchSales(q).sales.map((s) => s.saleNo);

    assert.deepEqual(ids({ limit: 10, offset: 0 }), [c.saleNo, b.saleNo, a.saleNo]);
    assert.deepEqual(ids({ from: NINE_JST + 1, to: NINE_JST + 2 * HOUR, limit: 10, offset: 0 }), [b.saleNo]);
    assert.deepEqual(ids({ barcode: DEMO_CODES.onigiriSalmon, limit: 10, offset: 0 }), [c.saleNo, a.saleNo]);
    assert.deepEqual(ids({ walletTransactionId: 'PAY-XYZ-1', limit: 10, offset: 0 }), [b.saleNo]);
    assert.deepEqual(ids({ minTotal: a.totals.total + 1, maxTotal: b.totals.total, limit: 10, offset: 0 }).sort(), [b.saleNo, c.saleNo].filter((n) => {
      const t = n === b.saleNo ? b.totals.total : c.totals.total;
      return t > a.totals.total && t <= b.totals.total;
    }).sort());
    const page = records.searchSales({ limit: 1, offset: 1 });
    assert.equal(page.matched, 3);
    assert.deepEqual(page.sales.map((s) => s.saleNo), [b.saleNo]);
    assert.deepEqual(page.sales[0]!.tenderKinds, ['wallet']);
    assert.deepEqual(page.sales[0]!.walletTransactionIds, ['PAY-XYZ-1']);
    assert.deepEqual(ids({ barcode: "' OR 1=1 --", limit: 10, offset: 0 }), []);
  });

  test("each row says whether the sale was refunded, or its refund was begun and cut off", (t) => {
    const { store, records, commit } = setup(t);
    const sales = [commit('1', [{ code: DEMO_CODES.water }], NINE_JST), commit('2', [{ code: DEMO_CODES.water }], NINE_JST + 1), commit('3', [{ code: DEMO_CODES.water }], NINE_JST + 2)];
    const refund = store.db.prepare(
      `INSERT INTO sale_refunds (refund_id, sale_id, state, wallet_amount, cash_amount, created_at) VALUES (?, ?, ?, 0, ?, ?)`,
    );
    refund.run('ref-1', sales[0]!.saleId, 'COMPLETED', sales[0]!.totals.total, NINE_JST + 10);
    refund.run('ref-2', sales[1]!.saleId, 'PENDING', sales[1]!.totals.total, NINE_JST + 11);
    const bySaleNo = new Map(records.searchSales({ limit: 10, offset: 0 }).sales.map((s) => [s.saleNo, s.refund]));
    assert.deepEqual([bySaleNo.get(sales[0]!.saleNo), bySaleNo.get(sales[1]!.saleNo), bySaleNo.get(sales[2]!.saleNo)], ['completed', 'pending', null]);
  });

  test('reports: sales by JST hour, tender mix, limit events by rule and cashier, outbox age', (t) => {
    const { store, records, commit } = setup(t);
    const a = commit('1', [{ code: DEMO_CODES.onigiriSalmon }], NINE_JST);
    const b = commit('2', [{ code: DEMO_CODES.greenTea }], NINE_JST + 60_000, 'PAY-1');
    commit('3', [{ code: DEMO_CODES.water }], NINE_JST + 3 * HOUR);
    commit('4', [{ code: DEMO_CODES.water }], NINE_JST - 48 * HOUR); // outside the range
    const log = new SqliteAuditLog(store.db, sha);
    const violation = { ruleId: 'r1', ruleName: 'Tobacco packs', version: 1, measure: 'quantity', window: 'sale', tender: 'any', action: 'block', limit: 10, current: 10, attempted: 11, remaining: 0 };
    log.append({ at: NINE_JST, kind: 'limit.blocked', actor: 'cashier-7', details: { saleId: 's', itemCode: null, tender: 'any', walletId: null, violations: [violation] } });
    log.append({ at: NINE_JST + 1, kind: 'limit.blocked', actor: 'cashier-7', details: { saleId: 's', itemCode: null, tender: 'any', walletId: null, violations: [violation] } });
    log.append({ at: NINE_JST + 2, kind: 'limit.override', actor: 'mgr-1', details: { saleId: 's', cashierId: 'cashier-7', reasonCode: 'x', allowedUpTo: 11, violation } });

    const now = NINE_JST + 3 * HOUR + 30_000;
    const report = records.reports({ from: NINE_JST - HOUR, to: NINE_JST + 4 * HOUR }, now);
    assert.equal(report.salesByHour.length, 24);
    assert.deepEqual(report.salesByHour[9], { hour: 9, sales: 2, total: a.totals.total + b.totals.total });
    assert.equal(report.salesByHour[12]!.sales, 1);
    assert.equal(report.salesByHour.reduce((n, h) => n + h.sales, 0), 3);
    assert.deepEqual(report.tenderMix, [
      { kind: 'cash', count: 2, amount: a.totals.total + item(DEMO_CODES.water).price },
      { kind: 'wallet', count: 1, amount: b.totals.total },
    ]);
    assert.equal(report.limitEventsAvailable, true);
    assert.deepEqual(report.limitEvents, [
      { kind: 'blocked', rule: 'Tobacco packs', cashier: 'cashier-7', count: 2 },
      { kind: 'override', rule: 'Tobacco packs', cashier: 'cashier-7', count: 1 },
    ]);
    // Four sales were committed with one outbox row each, none delivered.
    const ages = Object.fromEntries(report.outboxAge.map((r) => [r.bucket, r.pending]));
    assert.equal(ages['<1m'], 1);
    assert.equal(ages['1-24h'], 2);
    assert.equal(ages['>24h'], 1);
  });

  test('a register without an audit log reports limits as unavailable instead of failing', (t) => {
    const { store, records } = setup(t);
    store.db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TABLE audit_log');
    const report = records.reports({ from: 0, to: NINE_JST }, NINE_JST);
    assert.equal(report.limitEventsAvailable, false);
    assert.deepEqual(report.limitEvents, []);
  });

  test('age buckets', () => {
    assert.equal(ageBucket(0), '<1m');
    assert.equal(ageBucket(60_000), '1-5m');
    assert.equal(ageBucket(14 * 60_000), '5-15m');
    assert.equal(ageBucket(59 * 60_000), '15-60m');
    assert.equal(ageBucket(23 * HOUR), '1-24h');
    assert.equal(ageBucket(25 * HOUR), '>24h');
  });
});
