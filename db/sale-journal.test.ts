import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { CatalogItem } from '../core/domain/catalog-item.js';
import type { CompletedSale } from '../core/domain/sale.js';
import { openRegisterStore, type RegisterStore } from './register-store.js';
import { SALE_UPLOAD_TOPIC, SaleJournalError } from './sale-journal.js';
import { DEMO_CODES } from './seed/demo-catalog.js';
import { sampleSale } from './testing/sample-sale.js';
import { tempDir } from './testing/temp-dir.js';

function open(t: TestContext, dir = tempDir(t)): RegisterStore {
  const store = openRegisterStore(dir, { clock: { now: () => 1 } });
  t.after(() => store.close());
  return store;
}

function item(store: RegisterStore, code: string): CatalogItem {
  const found = store.catalog.findByCode(code);
  assert.ok(found, `demo item ${code}`);
  return found;
}

function rowCounts(store: RegisterStore): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['sales', 'sale_lines', 'tenders', 'outbox']) {
    counts[table] = (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

/** Onigiri x2 and tea (8%), beer (10%): both tax rates on one receipt. */
function mixedSale(store: RegisterStore, saleId: string, at?: number): Omit<CompletedSale, 'saleNo'> {
  return sampleSale(
    saleId,
    [
      { item: item(store, DEMO_CODES.onigiriSalmon), quantity: 2 },
      { item: item(store, DEMO_CODES.greenTea) },
      { item: item(store, DEMO_CODES.beer) },
    ],
    1000,
    at,
  );
}

describe('SqliteSaleJournal', () => {
  test('commitSale numbers sales from 1 and writes sale, lines, tenders and one outbox row', (t) => {
    const store = open(t);
    assert.equal(store.journal.nextSaleNo(), 1);

    const sale = mixedSale(store, 'a1b2c3d4-0000-4000-8000-000000000001');
    const committed = store.journal.commitSale(sale);
    assert.deepEqual(committed, { ...sale, saleNo: 1 });
    assert.equal(store.journal.nextSaleNo(), 2);
    assert.deepEqual(rowCounts(store), { sales: 1, sale_lines: 3, tenders: 1, outbox: 1 });

    const outbox = store.db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
    assert.equal(outbox.topic, SALE_UPLOAD_TOPIC);
    assert.equal(outbox.idempotency_key, sale.saleId);
    assert.equal(outbox.state, 'pending');
    assert.equal(outbox.attempts, 0);
    assert.equal(outbox.created_at, sale.completedAt);
    assert.equal(outbox.next_attempt_at, sale.completedAt);
    assert.deepEqual(JSON.parse(outbox.payload as string), committed);

    const second = store.journal.commitSale(mixedSale(store, 'a1b2c3d4-0000-4000-8000-000000000002'));
    assert.equal(second.saleNo, 2);
  });

  test('stores the tax per rate in integer columns', (t) => {
    const store = open(t);
    const committed = store.journal.commitSale(mixedSale(store, 's-tax'));
    const row = store.db.prepare('SELECT * FROM sales WHERE sale_id = ?').get('s-tax') as Record<string, unknown>;
    const [reduced, standard] = committed.totals.taxes;
    assert.equal(row.reduced_rate_percent, 8);
    assert.equal(row.reduced_gross, reduced?.gross);
    assert.equal(row.reduced_tax, reduced?.tax);
    assert.equal(row.standard_rate_percent, 10);
    assert.equal(row.standard_gross, standard?.gross);
    assert.equal(row.standard_tax, standard?.tax);
    assert.equal((reduced?.gross ?? 0) + (standard?.gross ?? 0), committed.totals.total);
  });

  test('a sale reads back identical through getSale after closing and reopening the file', (t) => {
    const dir = tempDir(t);
    const first = openRegisterStore(dir);
    const mixed = first.journal.commitSale(mixedSale(first, 'round-trip-mixed', 1_760_000_100_000));
    const foodOnly = first.journal.commitSale(
      sampleSale('round-trip-food', [{ item: item(first, DEMO_CODES.bento) }, { item: item(first, DEMO_CODES.milk), quantity: 3 }], 2000),
    );
    const wallet: Omit<CompletedSale, 'saleNo'> = {
      ...sampleSale('round-trip-wallet', [{ item: item(first, DEMO_CODES.tobaccoPack) }], 0),
      tenders: [{ kind: 'wallet', amount: item(first, DEMO_CODES.tobaccoPack).price, reference: 'W-TX-42' }],
    };
    const walletSale = first.journal.commitSale(wallet);
    first.close();

    const again = open(t, dir);
    assert.deepEqual(again.journal.getSale('round-trip-mixed'), mixed);
    assert.deepEqual(again.journal.getSale('round-trip-food'), foodOnly);
    assert.deepEqual(again.journal.getSale('round-trip-wallet'), walletSale);
    assert.equal(again.journal.getSale('no-such-sale'), undefined);
    assert.equal(again.journal.nextSaleNo(), 4);
  });

  test('lines keep the item as sold, even after the catalog price changes', (t) => {
    const store = open(t);
    const tea = item(store, DEMO_CODES.greenTea);
    const committed = store.journal.commitSale(sampleSale('as-sold', [{ item: tea }], 500));
    store.catalog.upsertItems([{ ...tea, price: tea.price + 20, name: 'Green Tea 500ml (new)' }]);
    assert.deepEqual(store.journal.getSale('as-sold')?.lines, committed.lines);
  });

  test('a duplicate saleId writes nothing and keeps the numbering', (t) => {
    const store = open(t);
    store.journal.commitSale(mixedSale(store, 'dup'));
    const before = rowCounts(store);

    assert.throws(
      () => store.journal.commitSale(mixedSale(store, 'dup')),
      (error: unknown) => error instanceof SaleJournalError && /sale dup was not recorded: UNIQUE constraint failed: sales\.sale_id/.test(error.message),
    );
    assert.deepEqual(rowCounts(store), before);
    assert.equal(store.journal.nextSaleNo(), 2);
  });

  test('a failure at the last write (the outbox row) rolls back the sale, its lines and tenders', (t) => {
    const store = open(t);
    // Occupy the idempotency key the new sale's outbox row will need: sales, sale_lines and
    // tenders inserts succeed first, then the outbox insert fails.
    store.db
      .prepare("INSERT INTO outbox (topic, idempotency_key, payload, created_at, next_attempt_at) VALUES ('other', ?, '{}', 0, 0)")
      .run('midway');
    const before = rowCounts(store);

    assert.throws(
      () => store.journal.commitSale(mixedSale(store, 'midway')),
      (error: unknown) => error instanceof SaleJournalError && /UNIQUE constraint failed: outbox\.idempotency_key/.test(error.message),
    );
    assert.deepEqual(rowCounts(store), before);
    assert.equal(store.journal.getSale('midway'), undefined);
    assert.equal(store.journal.nextSaleNo(), 1);

    // The journal is still usable afterwards.
    assert.equal(store.journal.commitSale(mixedSale(store, 'after-failure')).saleNo, 1);
  });

  test('refuses a sale whose totals disagree with its lines, naming the problem', (t) => {
    const store = open(t);
    const sale = mixedSale(store, 'bad-total');
    const cases: [Omit<CompletedSale, 'saleNo'>, RegExp][] = [
      [{ ...sale, totals: { ...sale.totals, total: sale.totals.total + 1 } }, /total \d+ is not the sum of the lines/],
      [{ ...sale, totals: { ...sale.totals, itemCount: 99 } }, /itemCount 99 is not the sum of the quantities/],
      [{ ...sale, totals: { ...sale.totals, taxes: [...sale.totals.taxes].reverse() } }, /reduced before standard/],
      [{ ...sale, lines: [] }, /at least one line/],
    ];
    for (const [bad, message] of cases) {
      assert.throws(() => store.journal.commitSale(bad), (error: unknown) => error instanceof SaleJournalError && message.test(error.message));
    }
    assert.deepEqual(rowCounts(store), { sales: 0, sale_lines: 0, tenders: 0, outbox: 0 });
  });

  test('recentSales lists the newest first, up to the limit', (t) => {
    const store = open(t);
    for (let i = 1; i <= 5; i++) store.journal.commitSale(mixedSale(store, `recent-${i}`, 1_760_000_000_000 + i * 60_000));
    const recent = store.journal.recentSales(3);
    assert.deepEqual(recent.map((s) => s.saleNo), [5, 4, 3]);
    assert.deepEqual(recent[0], {
      saleId: 'recent-5',
      saleNo: 5,
      completedAt: 1_760_000_300_000,
      total: store.journal.getSale('recent-5')?.totals.total,
      itemCount: 4,
    });
    assert.deepEqual(store.journal.recentSales(0), []);
  });
});
