import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';
import { ean13Parser } from './ean13.js';

describe('EAN-13 / JAN parser', () => {
  test('accepts a JAN (49 prefix) and looks it up as is', () => {
    assert.deepEqual(classifyBarcode('4901234567894'), {
      ok: true,
      kind: 'EAN-13',
      lookupCode: '4901234567894',
      data: '4901234567894',
    });
  });
  test('accepts a JAN under ]E0 and with a CR/LF suffix left on', () => {
    const result = classifyBarcode('4501234567896\r\n', { aimId: ']E0' });
    assert.equal(result.ok && result.kind, 'EAN-13');
    assert.equal(result.ok && result.lookupCode, '4501234567896');
  });
  test('rejects a wrong check digit with the expected digit and what to do', () => {
    const result = classifyBarcode('4901234567895');
    assert.deepEqual(result, {
      ok: false,
      code: 'check-digit',
      reason: 'EAN-13 check digit is 5, expected 4: bad read, scan again',
      data: '4901234567895',
    });
  });
  test('recognises a Japanese magazine code (491) with its fields', () => {
    const result = classifyBarcode('4910203110337');
    assert.equal(result.ok, true);
    if (!result.ok || result.kind !== 'JAN-magazine') throw new Error(`expected a magazine, got ${JSON.stringify(result)}`);
    assert.deepEqual(result.magazine, { code: '20311', issue: '03', yearDigit: 3 });
    assert.equal(result.lookupCode, '4910203110337');
  });
  test('recognises a book by its ISBN bar (978/979)', () => {
    const result = classifyBarcode('9784062100014');
    assert.equal(result.ok && result.kind, 'ISBN');
    assert.equal(result.ok && result.kind === 'ISBN' && result.isbn13, '9784062100014');
    const isbn979 = classifyBarcode('9791012345678');
    assert.equal(isbn979.ok && isbn979.kind, 'ISBN');
  });
  test("reads the book's second bar (192): Cコード and 本体価格", () => {
    const result = classifyBarcode('1920093016001');
    if (!result.ok || result.kind !== 'JP-book-price') throw new Error(`expected a book price bar, got ${JSON.stringify(result)}`);
    assert.equal(result.cCode, '0093');
    assert.equal(result.price, 1600);
  });
  test('a bad check digit on a magazine is still a bad read', () => {
    const result = classifyBarcode('4910203110338');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'check-digit');
  });
  test('passes on other lengths and on non-EAN AIM ids', () => {
    assert.equal(ean13Parser('490123456789', {}), undefined);
    assert.equal(ean13Parser('4901234567894', { aimId: ']E4' }), undefined);
    assert.equal(ean13Parser('4901234567894', { aimId: ']C0' }), undefined);
  });
});
