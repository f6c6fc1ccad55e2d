import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';
import { expandUpcE, upcEToUpcA } from './upc-e.js';

describe('UPC-E expansion', () => {
  // Each last data digit selects a rule; the expected UPC-A bodies are written out by hand from the rules.
  const cases: [string, string][] = [
    ['01234505', '012000003455'], // 0-2: manufacturer d1 d2 d6 00, item 00 d3 d4 d5
    ['01234514', '012100003454'],
    ['01234523', '012200003453'],
    ['01234531', '012300000451'], // 3: d1 d2 d3 00000 d4 d5
    ['01234543', '012340000053'], // 4: d1 d2 d3 d4 00000 d5
    ['01234558', '012345000058'], // 5-9: d1..d5 0000 d6
    ['01234596', '012345000096'],
    ['12345670', '123456000070'], // number system 1
    ['04252614', '042100005264'],
  ];
  for (const [upcE, upcA] of cases) {
    test(`${upcE} -> ${upcA}`, () => {
      assert.equal(upcEToUpcA(upcE), upcA);
      const result = classifyBarcode(upcE, { aimId: ']E0' });
      assert.deepEqual(result, { ok: true, kind: 'UPC-E', lookupCode: `0${upcA}`, data: upcE });
    });
  }
  test('expandUpcE without the check digit', () => {
    assert.equal(expandUpcE('0', '425261'), '04210000526');
  });
});

describe('UPC-E parser', () => {
  test('without an AIM id a valid UPC-E starting 0 is UPC-E', () => {
    const result = classifyBarcode('04252614');
    assert.equal(result.ok && result.kind, 'UPC-E');
  });
  test('rejects a check digit that does not match the expanded form', () => {
    const result = classifyBarcode('04252615', { aimId: ']E0' });
    assert.deepEqual(result, {
      ok: false,
      code: 'check-digit',
      reason: 'UPC-E check digit is 5, expected 4: bad read, scan again',
      data: '04252615',
    });
  });
  test('rejects number systems other than 0 and 1 under ]E0', () => {
    const result = classifyBarcode('24252614', { aimId: ']E0' });
    assert.equal(!result.ok && result.code, 'number-system');
    assert.match(!result.ok ? result.reason : '', /number system is 2/);
  });
});
