import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeDue, halfWidth, parseTendered, quickTenders } from './tender.js';

describe('cash tender helpers', () => {
  test('quick amounts: exact first, then notes that cover the total are enabled', () => {
    assert.deepEqual(quickTenders(1234), [
      { kind: 'exact', amount: 1234, covers: true },
      { kind: 'bill', amount: 1000, covers: false },
      { kind: 'bill', amount: 5000, covers: true },
      { kind: 'bill', amount: 10000, covers: true },
    ]);
    assert.deepEqual(quickTenders(12000).map((q) => q.covers), [true, false, false, false]);
    assert.deepEqual(quickTenders(1000).map((q) => q.covers), [true, true, true, true]);
  });

  test('typed amount: empty means exact, separators are ignored, anything else is refused', () => {
    assert.deepEqual(parseTendered('', 880), { ok: true, tendered: 880 });
    assert.deepEqual(parseTendered('¥1,000', 880), { ok: true, tendered: 1000 });
    assert.deepEqual(parseTendered('5000', 880), { ok: true, tendered: 5000 });
    for (const bad of ['12.5', 'abc', '-100', '1234567890']) {
      const result = parseTendered(bad, 880);
      assert.equal(result.ok, false, bad);
      assert.deepEqual(result, { ok: false, problem: 'badTendered', got: bad });
    }
  });

  test('full-width digits typed with the Japanese input method on are read as digits (１０００, ￥５，０００)', () => {
    assert.deepEqual(parseTendered('１０００', 880), { ok: true, tendered: 1000 });
    assert.deepEqual(parseTendered('￥５，０００', 880), { ok: true, tendered: 5000 });
    assert.equal(halfWidth('１００').replace(/[^0-9]/g, ''), '100', 'the wallet amount field keeps them too');
  });

  test('change due, or null while short', () => {
    assert.equal(changeDue(880, 1000), 120);
    assert.equal(changeDue(880, 880), 0);
    assert.equal(changeDue(880, 500), null);
  });
});
