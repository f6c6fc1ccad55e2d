import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_TENDER_YEN, parseParams } from './api-schemas.js';

describe('tender amounts the API accepts', () => {
  test('a basket over ten million yen can be paid, by cash or wallet (QA: ¥11,374,614 could not)', () => {
    assert.deepEqual(parseParams('payCash', { tendered: 11_374_614 }), { tendered: 11_374_614 });
    assert.deepEqual(parseParams('payWallet', { code: '279000000000000001', amount: 11_374_614 }), { code: '279000000000000001', amount: 11_374_614 });
    assert.deepEqual(parseParams('beginWallet', { amount: MAX_TENDER_YEN }), { amount: MAX_TENDER_YEN });
  });

  test('a tender above nine digits of yen, or not whole yen, is refused', () => {
    assert.throws(() => parseParams('payCash', { tendered: MAX_TENDER_YEN + 1 }), /tendered/);
    assert.throws(() => parseParams('payCash', { tendered: 100.5 }), /whole number of yen/);
  });
});

describe('quantities', () => {
  test('an out-of-range quantity reaches the basket, which refuses it as quantity.invalid (docs/api.md)', () => {
    assert.deepEqual(parseParams('setQuantity', { lineId: 'L1', quantity: 1000 }), { lineId: 'L1', quantity: 1000 });
    assert.throws(() => parseParams('setQuantity', { lineId: 'L1', quantity: 2.5 }), /whole number/);
  });
});
