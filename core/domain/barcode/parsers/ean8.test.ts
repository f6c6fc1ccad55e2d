import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';
import { ean8Parser } from './ean8.js';

describe('EAN-8 parser', () => {
  test('accepts a short JAN and keeps 8 digits as the lookup code', () => {
    assert.deepEqual(classifyBarcode('45123450'), { ok: true, kind: 'EAN-8', lookupCode: '45123450', data: '45123450' });
    assert.equal(classifyBarcode('49876543', { aimId: ']E4' }).ok, true);
  });
  test('rejects a wrong check digit', () => {
    const result = classifyBarcode('45123451');
    assert.deepEqual(result, {
      ok: false,
      code: 'check-digit',
      reason: 'EAN-8 check digit is 1, expected 0: bad read, scan again',
      data: '45123451',
    });
  });
  test('an 8-digit read valid both ways: UPC-E when bare, EAN-8 under ]E4', () => {
    const bare = classifyBarcode('01234565');
    assert.equal(bare.ok && bare.kind, 'UPC-E');
    const ean8 = classifyBarcode('01234565', { aimId: ']E4' });
    assert.deepEqual(ean8, { ok: true, kind: 'EAN-8', lookupCode: '01234565', data: '01234565' });
  });
  test('under ]E4 a valid UPC-E that fails as EAN-8 is rejected as EAN-8', () => {
    const result = classifyBarcode('04252614', { aimId: ']E4' });
    assert.equal(!result.ok && result.reason, 'EAN-8 check digit is 4, expected 0: bad read, scan again');
  });
  test('without an AIM id, a 0/1-leading read that fails both says so', () => {
    const result = classifyBarcode('01234567');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /EAN-8 check digit is 7, expected \d \(and it is no valid UPC-E\)/);
  });
  test('passes on ]E0 (UPC-E) and other lengths', () => {
    assert.equal(ean8Parser('45123450', { aimId: ']E0' }), undefined);
    assert.equal(ean8Parser('4512345', {}), undefined);
  });
});
