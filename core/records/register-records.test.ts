import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RegisterError } from '../api.js';
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from '../domain/receipt/store-settings.js';
import type { ReportRange, SaleRecords, SaleSearchQuery, SalesReports } from './records-types.js';
import { RegisterRecords } from './register-records.js';

function memoryRecords() {
  let settings: StoreSettings = { ...DEFAULT_STORE_SETTINGS };
  const reportsAsked: { range: ReportRange; now: number }[] = [];
  const records: SaleRecords = {
    getStoreSettings: () => settings,
    setStoreSettings: (s) => (settings = s),
    searchSales: (_q: SaleSearchQuery) => ({ matched: 0, sales: [] }),
    reports: (range, now) => {
      reportsAsked.push({ range, now });
      return { range } as SalesReports;
    },
  };
  return { records, reportsAsked, current: () => settings };
}

describe('RegisterRecords', () => {
  test('store settings merge the given fields and refuse a malformed registration number, changing nothing', () => {
    const m = memoryRecords();
    const r = new RegisterRecords(m.records, { now: () => 5 });
    assert.equal(r.setStoreSettings({ storeName: 'ハナ商店', registrationNumber: 'T1234567890123' }).address, DEFAULT_STORE_SETTINGS.address);
    assert.throws(() => r.setStoreSettings({ registrationNumber: 'T123' }), (e: unknown) => e instanceof RegisterError && e.code === 'invalid-request' && /store\.registrationNumber: .*13 digits/.test(e.message));
    assert.throws(() => r.setStoreSettings({ storeName: '  ' }), /store\.storeName: must not be empty/);
    assert.equal(m.current().registrationNumber, 'T1234567890123');
    assert.equal(m.current().storeName, 'ハナ商店');
  });

  test('searches and reports refuse upside-down ranges; reports are measured at the clock\'s now', () => {
    const m = memoryRecords();
    const r = new RegisterRecords(m.records, { now: () => 42 });
    assert.throws(() => r.searchSales({ from: 10, to: 10, limit: 1, offset: 0 }), /from must be before to/);
    assert.throws(() => r.searchSales({ minTotal: 5, maxTotal: 4, limit: 1, offset: 0 }), /minTotal must not exceed maxTotal/);
    assert.throws(() => r.reports({ from: 2, to: 1 }), /from must be before to/);
    r.reports({ from: 1, to: 2 });
    assert.deepEqual(m.reportsAsked, [{ range: { from: 1, to: 2 }, now: 42 }]);
  });
});
