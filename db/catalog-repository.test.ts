import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { withGs1CheckDigit } from '../core/domain/barcode/check-digit.js';
import type { CatalogItem } from '../core/domain/catalog-item.js';
import { CatalogItemError, SqliteCatalog } from './catalog-repository.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { tempDir } from './testing/temp-dir.js';

function emptyCatalog(t: TestContext): SqliteCatalog {
  const db = openDatabase(join(tempDir(t), 'c.sqlite'));
  t.after(() => db.close());
  migrate(db);
  return new SqliteCatalog(db);
}

const riceBall: CatalogItem = {
  code: withGs1CheckDigit('490000000001'),
  name: 'Rice Ball',
  nameJa: 'おにぎり',
  price: 150,
  taxClass: 'reduced',
  category: 'onigiri',
  ageRestricted: false,
};
const lager: CatalogItem = {
  code: withGs1CheckDigit('4900000'),
  name: 'Lager 350ml',
  nameJa: 'ラガー 350ml',
  price: 238,
  taxClass: 'standard',
  category: 'alcohol',
  ageRestricted: true,
};

describe('SqliteCatalog', () => {
  test('upsertItems stores items that findByCode returns unchanged', (t) => {
    const catalog = emptyCatalog(t);
    assert.equal(catalog.count(), 0);
    assert.equal(catalog.upsertItems([riceBall, lager]), 2);
    assert.equal(catalog.count(), 2);
    assert.deepEqual(catalog.findByCode(riceBall.code), riceBall);
    assert.deepEqual(catalog.findByCode(lager.code), lager);
    assert.equal(catalog.findByCode('4900000000000'), undefined);
  });

  test('upserting an existing code replaces it', (t) => {
    const catalog = emptyCatalog(t);
    catalog.upsertItems([riceBall]);
    catalog.upsertItems([{ ...riceBall, price: 170, name: 'Rice Ball (large)' }]);
    assert.equal(catalog.count(), 1);
    assert.deepEqual(catalog.findByCode(riceBall.code), { ...riceBall, price: 170, name: 'Rice Ball (large)' });
  });

  test('one invalid item stores nothing and the error names the item and field', (t) => {
    const catalog = emptyCatalog(t);
    const bad: [CatalogItem, RegExp][] = [
      [{ ...lager, code: lager.code.slice(0, -1) + String((Number(lager.code.at(-1)) + 1) % 10) }, /code has a wrong check digit/],
      [{ ...lager, code: '12345' }, /code must be 8 or 13 digits/],
      [{ ...lager, price: 99.5 }, /price must be a whole number of yen/],
      [{ ...lager, taxClass: 'luxury' as CatalogItem['taxClass'] }, /taxClass must be "reduced" or "standard"/],
      [{ ...lager, category: 'fireworks' as CatalogItem['category'] }, /category must be one of/],
      [{ ...lager, nameJa: ' ' }, /nameJa must be a non-empty string/],
    ];
    for (const [item, message] of bad) {
      assert.throws(
        () => catalog.upsertItems([riceBall, item]),
        (error: unknown) => error instanceof CatalogItemError && message.test(error.message) && error.message.includes(item.code),
      );
    }
    assert.equal(catalog.count(), 0);
  });
});
