import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hasValidGs1CheckDigit } from '../../core/domain/barcode/check-digit.js';
import { classifyBarcode } from '../../core/domain/barcode/classify.js';
import { CATEGORIES } from '../../core/domain/catalog-item.js';
import { SqliteCatalog, validateItem } from '../catalog-repository.js';
import { migrate } from '../migrate.js';
import { openDatabase } from '../open-database.js';
import { tempDir } from '../testing/temp-dir.js';
import { DEMO_CATALOG, DEMO_CODES, seedDemoCatalog } from './demo-catalog.js';

const FOOD = ['onigiri', 'bento', 'bakery', 'snacks', 'sweets', 'drinks', 'coffee', 'dairy'];

describe('demo catalog', () => {
  test('has at least 200 items with unique 13-digit JANs (45/49) and valid check digits', () => {
    assert.ok(DEMO_CATALOG.length >= 200, `${DEMO_CATALOG.length} items`);
    const codes = DEMO_CATALOG.map((i) => i.code);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    for (const code of codes) {
      assert.match(code, /^4[59]\d{11}$/);
      assert.ok(hasValidGs1CheckDigit(code), `${code} check digit`);
      const scanned = classifyBarcode(code);
      assert.ok(scanned.ok && scanned.lookupCode === code, `${code} scans as itself`);
    }
  });

  test('every item passes catalog validation and has English and Japanese names', () => {
    for (const item of DEMO_CATALOG) {
      validateItem(item);
      assert.match(item.nameJa, /[\u3040-\u30ff\u4e00-\u9fff]/, `${item.name} has a Japanese name`);
    }
    const names = DEMO_CATALOG.map((i) => i.name);
    assert.equal(new Set(names).size, names.length, 'names are unique');
  });

  test('covers every category', () => {
    assert.deepEqual(new Set(DEMO_CATALOG.map((i) => i.category)), new Set(CATEGORIES));
  });

  test('food and soft drinks are 8% reduced; alcohol and tobacco are 10% and age-restricted', () => {
    for (const item of DEMO_CATALOG) {
      if (FOOD.includes(item.category)) assert.equal(item.taxClass, 'reduced', item.name);
      else assert.equal(item.taxClass, 'standard', item.name);
      assert.equal(item.ageRestricted, item.category === 'alcohol' || item.category === 'tobacco', item.name);
    }
  });

  test('at least 20 tobacco packs at ¥480-600 and a few cartons of 10 at ¥5,000-6,000', () => {
    const tobacco = DEMO_CATALOG.filter((i) => i.category === 'tobacco');
    const cartons = tobacco.filter((i) => /carton/.test(i.name));
    const packs = tobacco.filter((i) => !/carton/.test(i.name));
    assert.ok(packs.length >= 20, `${packs.length} packs`);
    for (const pack of packs) assert.ok(pack.price >= 480 && pack.price <= 600, `${pack.name} ¥${pack.price}`);
    assert.ok(cartons.length >= 3, `${cartons.length} cartons`);
    for (const carton of cartons) {
      assert.ok(carton.price >= 5000 && carton.price <= 6000, `${carton.name} ¥${carton.price}`);
      const pack = packs.find((p) => carton.name.startsWith(p.name));
      assert.equal(carton.price, (pack?.price ?? 0) * 10, `${carton.name} is ten packs`);
    }
  });

  test('is deterministic and the named codes point at the items they say', () => {
    const byCode = new Map(DEMO_CATALOG.map((i) => [i.code, i]));
    assert.equal(byCode.get(DEMO_CODES.onigiriSalmon)?.name, 'Onigiri Salmon');
    assert.equal(byCode.get(DEMO_CODES.greenTea)?.category, 'drinks');
    assert.equal(byCode.get(DEMO_CODES.tobaccoPack)?.category, 'tobacco');
    assert.equal(byCode.get(DEMO_CODES.tobaccoCarton)?.price, 5800);
    for (const [name, code] of Object.entries(DEMO_CODES)) assert.ok(byCode.has(code), name);
    // Pinned so docs and e2e tests can quote it: changing the data order would change the codes.
    assert.equal(DEMO_CODES.onigiriSalmon, '4987301000105');
  });

  test('seedDemoCatalog fills an empty catalog once', (t) => {
    const db = openDatabase(join(tempDir(t), 'seed.sqlite'));
    t.after(() => db.close());
    migrate(db);
    assert.equal(seedDemoCatalog(db), DEMO_CATALOG.length);
    const catalog = new SqliteCatalog(db);
    assert.equal(catalog.count(), DEMO_CATALOG.length);
    assert.deepEqual(catalog.findByCode(DEMO_CODES.beer), DEMO_CATALOG.find((i) => i.code === DEMO_CODES.beer));

    catalog.upsertItems([{ ...catalog.findByCode(DEMO_CODES.beer)!, price: 1 }]);
    assert.equal(seedDemoCatalog(db), 0, 'a catalog with items is left alone');
    assert.equal(catalog.findByCode(DEMO_CODES.beer)?.price, 1);
  });
});
