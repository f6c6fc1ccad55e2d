import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';

describe('UPC-A parser', () => {
  test('12 digits: lookup code is the 13-digit GTIN form', () => {
    assert.deepEqual(classifyBarcode('036000291452'), {
      ok: true,
      kind: 'UPC-A',
      lookupCode: '0036000291452',
      data: '036000291452',
    });
  });
  test('sent as EAN-13 with a leading 0 (bare or ]E0): same lookup code', () => {
    for (const aimId of [undefined, ']E0']) {
      const result = classifyBarcode('0036000291452', aimId === undefined ? {} : { aimId });
      assert.equal(result.ok && result.kind, 'UPC-A');
      assert.equal(result.ok && result.lookupCode, '0036000291452');
    }
  });
  test(']E0 with 12 digits is accepted as well', () => {
    assert.equal(classifyBarcode('036000291452', { aimId: ']E0' }).ok, true);
  });
  test('rejects a wrong check digit in either form', () => {
    const twelve = classifyBarcode('036000291453');
    assert.deepEqual(twelve, {
      ok: false,
      code: 'check-digit',
      reason: 'UPC-A check digit is 3, expected 2: bad read, scan again',
      data: '036000291453',
    });
    const thirteen = classifyBarcode('0036000291453', { aimId: ']E0' });
    assert.equal(!thirteen.ok && thirteen.code, 'check-digit');
  });
  test('number system 2 (2... as 12 digits, 02... as 13) is left to the in-store parser', () => {
    const result = classifyBarcode('212345000014');
    assert.equal(result.ok && result.kind, 'in-store');
  });
});
