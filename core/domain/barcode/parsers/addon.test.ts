import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';

const MAGAZINE = '4910203110337';

describe('add-on parser', () => {
  test(']E3 magazine with a 5-digit add-on: main for lookup, add-on apart, price read', () => {
    const result = classifyBarcode(`${MAGAZINE}00680`, { aimId: ']E3' });
    if (!result.ok || result.kind !== 'JAN-magazine') throw new Error(JSON.stringify(result));
    assert.equal(result.lookupCode, MAGAZINE);
    assert.deepEqual(result.addon, { digits: '00680', length: 5 });
    assert.deepEqual(result.magazine, { code: '20311', issue: '03', yearDigit: 3, price: 680 });
  });
  test('inline ]E3 prefix works the same as a reported AIM id', () => {
    const result = classifyBarcode(`]E3${MAGAZINE}00680`);
    assert.equal(result.ok && result.lookupCode, MAGAZINE);
  });
  test('space-separated and bare concatenated 15/18 digits', () => {
    const spaced = classifyBarcode('4901234567894 12');
    assert.equal(spaced.ok && spaced.kind, 'EAN-13');
    assert.deepEqual(spaced.ok && 'addon' in spaced && spaced.addon, { digits: '12', length: 2 });
    const fifteen = classifyBarcode('490123456789412');
    assert.equal(fifteen.ok && fifteen.lookupCode, '4901234567894');
    const eighteen = classifyBarcode('978406210001451200');
    assert.equal(eighteen.ok && eighteen.kind, 'ISBN');
    assert.deepEqual(eighteen.ok && 'addon' in eighteen && eighteen.addon, { digits: '51200', length: 5 });
  });
  test('UPC-A (12) and UPC-E (8) main codes with a spaced add-on keep their own lookup', () => {
    const upcA = classifyBarcode('036000291452 12345');
    assert.equal(upcA.ok && upcA.lookupCode, '0036000291452');
    const upcE = classifyBarcode('04252614 07');
    assert.equal(upcE.ok && upcE.kind, 'UPC-E');
    assert.equal(upcE.ok && upcE.lookupCode, '0042100005264');
  });
  test('a bad main code is rejected, naming the main code', () => {
    const result = classifyBarcode(`4910203110338 00680`);
    assert.equal(!result.ok && result.code, 'check-digit');
    assert.match(!result.ok ? result.reason : '', /^main code: EAN-13 check digit is 8, expected 7/);
  });
  test('an add-on read alone (]E1 / ]E2) asks for the main barcode', () => {
    for (const [aimId, data] of [[']E1', '12'], [']E2', '00680']] as const) {
      const result = classifyBarcode(data, { aimId });
      assert.equal(!result.ok && result.code, 'addon');
      assert.match(!result.ok ? result.reason : '', /scan the main barcode/);
    }
  });
  test(']E3 with a length that holds no add-on is a length error', () => {
    const result = classifyBarcode('4910203110337', { aimId: ']E3' });
    assert.equal(!result.ok && result.code, 'length');
  });
  test('a price-embedded in-store code does not take an add-on', () => {
    const result = classifyBarcode('2012345001985 12', {
      storeLayouts: [{ prefix: '20', itemDigits: 5, priceDigits: 5, hasPriceCheckDigit: false }],
    });
    assert.equal(!result.ok && result.code, 'addon');
  });
});
