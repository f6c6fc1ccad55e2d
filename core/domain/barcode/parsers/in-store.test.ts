import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode, createBarcodeClassifier } from '../classify.js';
import type { StoreLayout } from '../types.js';
import { storeLayoutProblems } from './in-store.js';

const FIVE_DIGIT_PRICE: StoreLayout = { prefix: '20', itemDigits: 5, priceDigits: 5, hasPriceCheckDigit: false };
const PRICE_CHECKED: StoreLayout = { prefix: '21', itemDigits: 5, priceDigits: 4, hasPriceCheckDigit: true };
const classify = createBarcodeClassifier({ storeLayouts: [FIVE_DIGIT_PRICE, PRICE_CHECKED] });

describe('in-store parser without layouts', () => {
  test('02 and 20-29 codes are plain in-store items looked up by the full code', () => {
    assert.deepEqual(classifyBarcode('2012345001985'), {
      ok: true,
      kind: 'in-store',
      lookupCode: '2012345001985',
      data: '2012345001985',
    });
    const zeroTwo = classifyBarcode('0212345000007');
    assert.equal(zeroTwo.ok && zeroTwo.kind, 'in-store');
  });
  test('a 12-digit UPC-A of number system 2 is the 13-digit 02 code', () => {
    const result = classifyBarcode('212345000014');
    assert.deepEqual(result, { ok: true, kind: 'in-store', lookupCode: '0212345000014', data: '212345000014' });
  });
  test('rejects a wrong check digit', () => {
    const result = classifyBarcode('2012345001984');
    assert.deepEqual(result, {
      ok: false,
      code: 'check-digit',
      reason: 'In-store code check digit is 4, expected 5: bad read, scan again',
      data: '2012345001984',
    });
  });
});

describe('in-store parser with price-embedded layouts', () => {
  test('20 IIIII PPPPP C: price in yen, lookup code with the price zeroed', () => {
    const result = classify('2012345001985');
    if (!result.ok || result.kind !== 'in-store-price') throw new Error(JSON.stringify(result));
    assert.equal(result.embeddedPrice, 198);
    assert.equal(result.itemReference, '12345');
    assert.equal(result.lookupCode, '2012345000001');
  });
  test('21 IIIII V PPPP C: price verifier checked, then zeroed with the price', () => {
    const result = classify('2112345102986');
    if (!result.ok || result.kind !== 'in-store-price') throw new Error(JSON.stringify(result));
    assert.equal(result.embeddedPrice, 298);
    assert.equal(result.lookupCode, '2112345000008');
  });
  test('a wrong price verifier is rejected even when the overall check digit fits', () => {
    // Price verifier 2 instead of 1, overall check digit recomputed so only the price check can catch it.
    const result = classify('2112345202983');
    assert.deepEqual(result, {
      ok: false,
      code: 'price-check-digit',
      reason: 'price check digit is 2, expected 1 for price 0298: the price was misread, scan again',
      data: '2112345202983',
    });
  });
  test('22 IIII V PPPPP C: a 5-digit price with its verifier', () => {
    const c = createBarcodeClassifier({ storeLayouts: [{ prefix: '22', itemDigits: 4, priceDigits: 5, hasPriceCheckDigit: true }] });
    const result = c('2212345019809');
    if (!result.ok || result.kind !== 'in-store-price') throw new Error(JSON.stringify(result));
    assert.equal(result.embeddedPrice, 1980);
    assert.equal(result.lookupCode, '2212340000000');
    const misread = c('2212346019808'); // verifier 6 instead of 5, overall check digit recomputed
    assert.equal(!misread.ok && misread.code, 'price-check-digit');
  });
  test('prefixes without a layout stay plain in-store items', () => {
    const result = classify('0212345000007');
    assert.equal(result.ok && result.kind, 'in-store');
  });
  test('the longest matching prefix wins', () => {
    const c = createBarcodeClassifier({
      storeLayouts: [FIVE_DIGIT_PRICE, { prefix: '209', itemDigits: 4, priceDigits: 5, hasPriceCheckDigit: false }],
    });
    const result = c('2091234012349');
    if (!result.ok || result.kind !== 'in-store-price') throw new Error(JSON.stringify(result));
    assert.equal(result.layout.prefix, '209');
    assert.equal(result.itemReference, '1234');
    assert.equal(result.embeddedPrice, 1234);
    assert.equal(result.lookupCode, '2091234000001');
  });
});

describe('store layout config', () => {
  test('a good config has no problems', () => {
    assert.deepEqual(storeLayoutProblems([FIVE_DIGIT_PRICE, PRICE_CHECKED]), []);
  });
  test('each bad field is named', () => {
    const problems = storeLayoutProblems([
      { prefix: '45', itemDigits: 5, priceDigits: 5, hasPriceCheckDigit: false },
      { prefix: '22', itemDigits: 6, priceDigits: 5, hasPriceCheckDigit: false },
      { prefix: '23', itemDigits: 5, priceDigits: 3, hasPriceCheckDigit: 'yes' },
      'x',
    ]);
    assert.match(problems[0]!, /storeLayouts\[0\]\.prefix must be 2 or 3 digits starting 02 or 20-29, got "45"/);
    assert.match(problems[1]!, /storeLayouts\[1\]: .* must fill the 12 digits before the check digit, got 13/);
    assert.ok(problems.some((p) => p.startsWith('storeLayouts[2].priceDigits must be 4 or 5')));
    assert.ok(problems.some((p) => p.startsWith('storeLayouts[2].hasPriceCheckDigit')));
    assert.ok(problems.includes('storeLayouts[3] must be an object'));
    assert.deepEqual(storeLayoutProblems([FIVE_DIGIT_PRICE, FIVE_DIGIT_PRICE]), ['storeLayouts[1].prefix 20 is configured twice']);
  });
  test('createBarcodeClassifier refuses a bad config up front; classifyBarcode rejects the read instead of throwing', () => {
    const bad = [{ prefix: '20', itemDigits: 4, priceDigits: 5, hasPriceCheckDigit: false }] as const;
    assert.throws(() => createBarcodeClassifier({ storeLayouts: bad }), /store layout config is invalid: storeLayouts\[0\]/);
    const result = classifyBarcode('2012345001985', { storeLayouts: bad });
    assert.equal(!result.ok && result.code, 'config');
  });
});
