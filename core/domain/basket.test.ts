import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addItem, basketTotals, BasketError, emptyBasket, setQuantity, voidLine } from './basket.js';
import type { CatalogItem } from './catalog-item.js';

const onigiri: CatalogItem = {
  code: '4900000000011', name: 'Salmon onigiri', nameJa: '鮭おにぎり', price: 150,
  taxClass: 'reduced', category: 'onigiri', ageRestricted: false,
};
const beer: CatalogItem = {
  code: '4900000000028', name: 'Beer 350ml', nameJa: 'ビール 350ml', price: 228,
  taxClass: 'standard', category: 'alcohol', ageRestricted: true,
};

describe('basket', () => {
  test('repeat scans of the same item increment the last line', () => {
    let b = emptyBasket();
    b = addItem(b, onigiri).basket;
    const second = addItem(b, onigiri);
    assert.equal(second.basket.lines.length, 1);
    assert.equal(second.line.quantity, 2);
    assert.equal(second.line.amount, 300);
    assert.equal(second.line.lineId, 'L1');
  });

  test('a different item opens a new line; the same item after it opens another', () => {
    let b = emptyBasket();
    b = addItem(b, onigiri).basket;
    b = addItem(b, beer).basket;
    b = addItem(b, onigiri).basket;
    assert.deepEqual(b.lines.map((l) => [l.lineId, l.item.code, l.quantity]), [
      ['L1', onigiri.code, 1], ['L2', beer.code, 1], ['L3', onigiri.code, 1],
    ]);
  });

  test('totals per tax rate', () => {
    let b = emptyBasket();
    b = addItem(b, onigiri, 2).basket;
    b = addItem(b, beer).basket;
    const t = basketTotals(b);
    assert.equal(t.total, 528);
    assert.equal(t.itemCount, 3);
    assert.deepEqual(t.taxes.map((r) => [r.ratePercent, r.gross, r.tax]), [[8, 300, 22], [10, 228, 20]]);
  });

  test('void and quantity change; line ids are never reused', () => {
    let b = emptyBasket();
    b = addItem(b, onigiri).basket;
    b = addItem(b, beer).basket;
    b = voidLine(b, 'L1');
    b = setQuantity(b, 'L2', 3);
    assert.deepEqual(b.lines.map((l) => [l.lineId, l.quantity, l.amount]), [['L2', 3, 684]]);
    b = addItem(b, onigiri).basket;
    assert.equal(b.lines.at(-1)?.lineId, 'L3');
  });

  test('bad line ids and quantities are refused with a reason', () => {
    const b = addItem(emptyBasket(), onigiri).basket;
    assert.throws(() => voidLine(b, 'L9'), (e: unknown) => e instanceof BasketError && e.code === 'line.notFound');
    for (const q of [0, -1, 1.5, 1000, Number.NaN]) {
      assert.throws(() => setQuantity(b, 'L1', q), (e: unknown) => e instanceof BasketError && e.code === 'quantity.invalid');
    }
  });
});
