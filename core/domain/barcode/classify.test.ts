import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode, createBarcodeClassifier, DEFAULT_PARSERS, type BarcodeParser } from './classify.js';

describe('classifyBarcode entry', () => {
  test('empty and whitespace-only reads', () => {
    assert.deepEqual(classifyBarcode('  \r\n'), { ok: false, code: 'empty', reason: 'empty read', data: '' });
    const aimOnly = classifyBarcode(']E0');
    assert.equal(!aimOnly.ok && aimOnly.code, 'empty');
    assert.match(!aimOnly.ok ? aimOnly.reason : '', /only the AIM id \]E0 was read/);
  });
  test('binary noise and non-ASCII are charset errors', () => {
    for (const data of ['49012\x0034567894', '４９０１２３４５６７８９４', '\xff\xfe']) {
      const result = classifyBarcode(data);
      assert.equal(!result.ok && result.code, 'charset', JSON.stringify(data));
    }
  });
  test('a malformed AIM id from the scanner is named', () => {
    const result = classifyBarcode('4901234567894', { aimId: 'E0' });
    assert.equal(!result.ok && result.code, 'symbology');
    assert.match(!result.ok ? result.reason : '', /symbology id "E0"/);
  });
  test('an inline AIM id that contradicts the reported one is refused', () => {
    const result = classifyBarcode(']E44901234567894', { aimId: ']E0' });
    assert.equal(!result.ok && result.code, 'symbology');
  });
  test('an inline AIM id equal to the reported one is simply removed', () => {
    const result = classifyBarcode(']E04901234567894', { aimId: ']E0' });
    assert.equal(result.ok && result.lookupCode, '4901234567894');
    assert.equal(result.data, '4901234567894');
  });
  test('"]" without a valid AIM id after it', () => {
    const result = classifyBarcode(']!0123');
    assert.equal(!result.ok && result.code, 'symbology');
  });
  test('symbologies items are not sold by are named', () => {
    const result = classifyBarcode('ABC-123', { aimId: ']A0' });
    assert.deepEqual(result, {
      ok: false,
      code: 'symbology',
      reason: 'Code 39 (]A0) is not a symbology items are sold by here',
      data: 'ABC-123',
    });
  });
  test('digit runs of no retail length, and text', () => {
    const digits = classifyBarcode('1234567');
    assert.equal(!digits.ok && digits.code, 'length');
    assert.match(!digits.ok ? digits.reason : '', /7 digits is not a retail barcode length/);
    const text = classifyBarcode('hello');
    assert.equal(!text.ok && text.code, 'unsupported');
  });
  test('a custom parser chain is used when given', () => {
    const onlyEight: BarcodeParser = (data) =>
      data.length === 8 ? { ok: true, kind: 'EAN-8', lookupCode: data, data } : undefined;
    assert.equal(classifyBarcode('4901234567894', {}, [onlyEight]).ok, false);
    assert.equal(classifyBarcode('45123450', {}, [onlyEight]).ok, true);
    assert.equal(DEFAULT_PARSERS.length > 5, true);
  });
  test('createBarcodeClassifier keeps its layouts even if the caller mutates the config later', () => {
    const layouts = [{ prefix: '20', itemDigits: 5, priceDigits: 5 as const, hasPriceCheckDigit: false }];
    const classify = createBarcodeClassifier({ storeLayouts: layouts });
    layouts[0]!.prefix = '99';
    const result = classify('2012345001985', { aimId: ']E0' });
    assert.equal(result.ok && result.kind, 'in-store-price');
  });
  test('the fields core/register.ts reads: ok, lookupCode, reason', () => {
    const good = classifyBarcode('4901234567894', { aimId: ']E0' });
    assert.equal(good.ok && typeof good.lookupCode, 'string');
    const bad = classifyBarcode('4901234567895');
    assert.equal(!bad.ok && typeof bad.reason, 'string');
  });
});
