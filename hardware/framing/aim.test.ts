import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAim, symbologyForAim } from './aim.js';

describe('parseAim', () => {
  const cases: [string, string, string, string][] = [
    [']E04901234567894', ']E0', 'EAN-13', '4901234567894'],
    [']E449012346', ']E4', 'EAN-8', '49012346'],
    [']C1(01)0491234567890', ']C1', 'GS1-128', '(01)0491234567890'],
    [']C0ABC', ']C0', 'Code 128', 'ABC'],
    [']e00104912345678904', ']e0', 'GS1 DataBar', '0104912345678904'],
    [']A0CODE39', ']A0', 'Code 39', 'CODE39'],
    [']Q1https://example.jp/pay', ']Q1', 'QR Code', 'https://example.jp/pay'],
    [']d2\x1d0104912345678904', ']d2', 'GS1 DataMatrix', '\x1d0104912345678904'],
    [']F0A12345B', ']F0', 'Codabar', 'A12345B'],
    [']I10491234567890', ']I1', 'ITF', '0491234567890'],
  ];
  for (const [text, aimId, symbology, rest] of cases) {
    test(`${JSON.stringify(text)} -> ${aimId} ${symbology}`, () => {
      assert.deepEqual(parseAim(text), { aimId, symbology, rest });
    });
  }

  test('E0 names UPC-A by its 12-digit length and UPC-E by 8 digits', () => {
    assert.equal(parseAim(']E0012345678905')?.symbology, 'UPC-A');
    assert.equal(parseAim(']E001234565')?.symbology, 'UPC-E');
  });

  test('an unknown code character is recorded with symbology "unknown"', () => {
    assert.deepEqual(parseAim(']W0data'), { aimId: ']W0', symbology: 'unknown', rest: 'data' });
  });

  test('text without a well-formed prefix is not an AIM id', () => {
    for (const text of ['4901234567894', ']', ']E', ']#0x', ' ]E0123', ']E-123', '']) {
      assert.equal(parseAim(text), undefined, JSON.stringify(text));
    }
  });

  test('a prefix with no data after it parses with empty rest', () => {
    assert.deepEqual(parseAim(']E0'), { aimId: ']E0', symbology: 'EAN-13', rest: '' });
  });
});

describe('symbologyForAim', () => {
  test('names ids and refuses malformed ones', () => {
    assert.equal(symbologyForAim(']Q3'), 'GS1 QR Code');
    assert.equal(symbologyForAim(']z0'), 'Aztec');
    assert.equal(symbologyForAim(']E0x'), 'unknown');
    assert.equal(symbologyForAim('E0'), 'unknown');
  });
});
