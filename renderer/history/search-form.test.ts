import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_FIELDS, jstDay, jstDayStart, PAGE_SIZE, toQuery } from './search-form.js';

describe('history search form', () => {
  test('JST days', () => {
    assert.equal(jstDayStart('2026-04-01'), Date.UTC(2026, 2, 31, 15));
    assert.equal(jstDayStart('2026-02-30'), null);
    assert.equal(jstDayStart('2026-4-1'), null);
    assert.equal(jstDay(Date.UTC(2026, 2, 31, 15)), '2026-04-01');
    assert.equal(jstDay(Date.UTC(2026, 2, 31, 14, 59)), '2026-03-31');
  });

  test('fields become a query; the end day is included; paging by page size', () => {
    const r = toQuery({ ...EMPTY_FIELDS, from: '2026-04-01', to: '2026-04-01', minTotal: '1,000', barcode: ' 4901234567894 ', walletTransactionId: 'PAY-1' }, 2);
    assert.deepEqual(r, {
      ok: true,
      query: { limit: PAGE_SIZE, offset: 2 * PAGE_SIZE, from: Date.UTC(2026, 2, 31, 15), to: Date.UTC(2026, 3, 1, 15), minTotal: 1000, barcode: '4901234567894', walletTransactionId: 'PAY-1' },
    });
    assert.deepEqual(toQuery(EMPTY_FIELDS, 0), { ok: true, query: { limit: PAGE_SIZE, offset: 0 } });
  });

  test('mistakes name what to fix', () => {
    assert.deepEqual(toQuery({ ...EMPTY_FIELDS, from: '2026-04-02', to: '2026-04-01' }, 0), { ok: false, problem: 'invalidRange' });
    assert.deepEqual(toQuery({ ...EMPTY_FIELDS, minTotal: '-5' }, 0), { ok: false, problem: 'invalidAmount' });
    assert.deepEqual(toQuery({ ...EMPTY_FIELDS, minTotal: '500', maxTotal: '100' }, 0), { ok: false, problem: 'invalidAmount' });
    assert.deepEqual(toQuery({ ...EMPTY_FIELDS, barcode: '49x' }, 0), { ok: false, problem: 'invalidBarcode' });
  });
});
