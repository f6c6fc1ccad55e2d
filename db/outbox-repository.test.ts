import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openRegisterStore } from './register-store.js';
import { DEMO_CATALOG } from './seed/demo-catalog.js';
import { sampleSale } from './testing/sample-sale.js';
import { tempDir } from './testing/temp-dir.js';

describe('SQLite outbox', () => {
  test('a committed sale queues one row keyed by its sale id; the row survives a reopen', (t) => {
    const dir = tempDir(t);
    let store = openRegisterStore(dir);
    const sale = store.journal.commitSale(sampleSale('11111111-1111-4111-8111-111111111111', [{ item: DEMO_CATALOG[0]! }], 1000));
    store.close();
    store = openRegisterStore(dir);
    t.after(() => store.close());
    const due = store.outbox.due(Date.now() + 1, 10);
    assert.equal(due.length, 1);
    assert.equal(due[0]!.idempotencyKey, sale.saleId);
    assert.equal(due[0]!.topic, 'sale.upload');
    assert.equal((JSON.parse(due[0]!.payload) as { saleNo: number }).saleNo, 1);
    assert.deepEqual(store.outbox.stats(), { pending: 1, parked: 0, sent: 0, oldestPendingAt: due[0]!.createdAt });
  });

  test('retry, park, sent and retry-now move rows as the worker expects', (t) => {
    const dir = tempDir(t);
    const store = openRegisterStore(dir);
    t.after(() => store.close());
    for (const n of [1, 2, 3]) {
      store.journal.commitSale(sampleSale(`11111111-1111-4111-8111-00000000000${n}`, [{ item: DEMO_CATALOG[n]! }], 10_000, 1_000 * n));
    }
    const [a, b, c] = store.outbox.due(Number.MAX_SAFE_INTEGER, 10);
    store.outbox.markRetry(a!.id, 'ECONNREFUSED', 5_000_000_000_000);
    store.outbox.park(b!.id, 'total: must be an integer');
    store.outbox.markSent([c!.id], 0);
    assert.deepEqual(store.outbox.due(4_000_000_000_000, 10), [], 'retried row waits; parked and sent rows are not due');
    assert.deepEqual(store.outbox.stats().parked, 1);
    const listed = store.outbox.list({ states: ['pending', 'parked'], limit: 10 });
    assert.deepEqual(listed.map((e) => [e.state, e.attempts, e.lastError]), [['pending', 1, 'ECONNREFUSED'], ['parked', 1, 'total: must be an integer']]);
    assert.equal(store.outbox.retryNow(10, false), 1);
    assert.equal(store.outbox.due(10, 10).length, 1);
    assert.equal(store.outbox.retryNow(10, true), 2);
    assert.equal(store.outbox.due(10, 10).length, 2);
  });
});
