import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';
import type { BarcodeResult, Gs1Element } from '../types.js';
import { catalogGtin, encodeElementString, GS } from './gs1-element-string.js';

function elementsOf(result: BarcodeResult): Gs1Element[] {
  if (!result.ok || result.kind !== 'GS1-element-string') throw new Error(`expected a GS1 element string, got ${JSON.stringify(result)}`);
  return result.elements;
}

describe('GS1 element string parser', () => {
  test('GS1-128 under ]C1: GTIN, expiry, batch (GS-terminated) and serial', () => {
    const result = classifyBarcode(`0104912345678904172611301
0ABC123${GS}21SN1`.replace('\n', ''), { aimId: ']C1' });
    assert.equal(result.ok && result.kind === 'GS1-element-string' && result.symbology, 'GS1-128');
    assert.equal(result.ok && result.lookupCode, '4912345678904');
    const elements = elementsOf(result);
    assert.deepEqual(
      elements.map((e) => [e.ai, e.value]),
      [['01', '04912345678904'], ['17', '261130'], ['10', 'ABC123'], ['21', 'SN1']],
    );
    assert.deepEqual(elements[1]!.date, { year: 2026, month: 11, day: 30 });
  });
  test('FNC1 as a leading GS, and the AIM id inline in the data', () => {
    assert.equal(elementsOf(classifyBarcode(`${GS}0104912345678904`)).length, 1);
    const inline = classifyBarcode(']C10104912345678904');
    assert.equal(inline.ok && inline.kind === 'GS1-element-string' && inline.symbology, 'GS1-128');
  });
  test('GS1 DataBar (]e0) with a variable-measure GTIN, weight and price', () => {
    const result = classifyBarcode(`0194912345678907310300125039200298`, { aimId: ']e0' });
    assert.equal(result.ok && result.kind === 'GS1-element-string' && result.symbology, 'GS1 DataBar');
    const [gtin, weight, price] = elementsOf(result);
    assert.equal(gtin!.value, '94912345678907');
    assert.deepEqual([weight!.ai, weight!.value, weight!.decimals, weight!.title], ['3103', '001250', 3, 'NET WEIGHT (kg)']);
    assert.deepEqual([price!.ai, price!.value, price!.decimals], ['3920', '0298', 0]);
    assert.equal(result.ok && result.lookupCode, '94912345678907');
  });
  test('393n carries the currency code', () => {
    const [, price] = elementsOf(classifyBarcode(`(01)04912345678904(3930)3921500`));
    assert.deepEqual([price!.currency, price!.value], ['392', '3921500']);
  });
  test('the human-readable form with parentheses', () => {
    const result = classifyBarcode('(01)04912345678904(15)260300(10)LOT-7');
    const elements = elementsOf(result);
    assert.deepEqual(elements.map((e) => e.ai), ['01', '15', '10']);
    assert.deepEqual(elements[1]!.date, { year: 2026, month: 3, day: 0 }); // day 00: any day that month
  });
  test('an SSCC without a GTIN is classified but looked up by the read itself', () => {
    const result = classifyBarcode('00345678901234567895', { aimId: ']C1' });
    assert.equal(result.ok && result.lookupCode, '00345678901234567895');
    assert.equal(result.ok && result.kind === 'GS1-element-string' && result.gtin, undefined);
  });
  test('bare digits starting 01 from a scanner that strips the AIM id', () => {
    const result = classifyBarcode('0104912345678904');
    assert.equal(result.ok && result.lookupCode, '4912345678904');
  });
  test('GTIN forms: GTIN-13 and GTIN-8 inside a GTIN-14 map to their catalog form', () => {
    assert.equal(catalogGtin('04912345678904'), '4912345678904');
    assert.equal(catalogGtin('00000045123450'), '45123450');
    assert.equal(catalogGtin('94912345678907'), '94912345678907');
  });
  test('GS1 sliding century window with a reference year', () => {
    const at = (yymmdd: string) => elementsOf(classifyBarcode(`(17)${yymmdd}`, { referenceYear: 2026 }))[0]!.date!.year;
    assert.equal(at('751231'), 2075);
    assert.equal(at('761231'), 2076);
    assert.equal(at('770101'), 1977);
  });
  test('encodeElementString adds GS only after variable-length AIs that are not last', () => {
    const encoded = encodeElementString([
      { ai: '10', value: 'A1' },
      { ai: '01', value: '04912345678904' },
      { ai: '21', value: 'Z' },
    ]);
    assert.equal(encoded, `10A1${GS}0104912345678904` + '21Z');
  });
});

describe('GS1 element string rejections', () => {
  const cases: [string, string, string, RegExp][] = [
    ['GTIN check digit', '0104912345678905', 'check-digit', /\(01\) GTIN check digit is 5, expected 4: bad read/],
    ['SSCC check digit', '00345678901234567890', 'check-digit', /\(00\) SSCC check digit is 0, expected 5/],
    ['unknown AI', '0104912345678904231', 'ai-unknown', /unknown Application Identifier at "231"/],
    ['missing separator', `0104912345678904101234567890123456789012345`, 'ai-syntax', /FNC1 separator is probably missing/],
    ['bad month', '010491234567890417171301', 'date', /\(17\) USE BY: date 171301 has month 13/],
    ['bad day', '010491234567890417170231', 'date', /2017-02 has 28 days/],
    ['short fixed value', '01049123', 'ai-value', /\(01\) GTIN needs 14 digits, got 6/],
    ['letters in a numeric AI', `30A${GS}`, 'ai-value', /\(30\) VAR. COUNT must be digits/],
    ['nothing after FNC1', GS, 'ai-syntax', /holds no data/],
    ['character outside the GS1 set', '10A B', 'ai-value', /outside the GS1 character set/],
  ];
  for (const [name, data, code, reason] of cases) {
    test(name, () => {
      const result = classifyBarcode(data, { aimId: ']C1' });
      assert.equal(result.ok, false, JSON.stringify(result));
      assert.equal(!result.ok && result.code, code);
      assert.match(!result.ok ? result.reason : '', reason);
    });
  }
  test('parenthesised form with an AI not in the table', () => {
    const result = classifyBarcode('(01)04912345678904(23)5');
    assert.equal(!result.ok && result.code, 'ai-unknown');
  });
});
