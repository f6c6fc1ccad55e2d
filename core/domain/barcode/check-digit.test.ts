import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gs1CheckDigit, hasValidGs1CheckDigit, priceCheckDigit4, priceCheckDigit5, withGs1CheckDigit } from './check-digit.js';

describe('GS1 mod-10 check digit', () => {
  test('matches known GTINs', () => {
    assert.equal(gs1CheckDigit('490123456789'), 4);
    assert.equal(gs1CheckDigit('03600029145'), 2); // UPC-A 036000291452
    assert.equal(withGs1CheckDigit('4512345'), '45123450');
    assert.equal(hasValidGs1CheckDigit('4901234567894'), true);
    assert.equal(hasValidGs1CheckDigit('4901234567895'), false);
  });
});

describe('GS1 price verifier digits (General Specifications 7.9.3)', () => {
  test('4-digit price 2875 has verifier 9 (the specification example)', () => {
    assert.equal(priceCheckDigit4('2875'), 9);
    assert.equal(priceCheckDigit4('0000'), 0);
    assert.equal(priceCheckDigit4('0298'), 1);
  });
  test('5-digit price 14685 has verifier 6', () => {
    // Weights 5+,2-,5-,5+,2- give 5+8+7+4+9 = 33; 40-33 = 7; the digit whose 5- product is 7 is 6.
    assert.equal(priceCheckDigit5('14685'), 6);
    assert.equal(priceCheckDigit5('00000'), 0);
  });
  test('every single changed price digit changes the verifier', () => {
    for (const price of ['2875', '0298', '9999', '14685', '00100']) {
      const check = price.length === 4 ? priceCheckDigit4 : priceCheckDigit5;
      for (let i = 0; i < price.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === price[i]) continue;
          const changed = price.slice(0, i) + String(d) + price.slice(i + 1);
          assert.notEqual(check(changed), check(price), `${price} -> ${changed}`);
        }
      }
    }
  });
  test('refuses input of the wrong length', () => {
    assert.throws(() => priceCheckDigit4('123'), /4-digit price/);
    assert.throws(() => priceCheckDigit5('12a45'), /5-digit price/);
  });
});
