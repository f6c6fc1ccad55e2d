import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { includedTax, taxBreakdown } from './tax.js';

describe('consumption tax (tax-inclusive prices)', () => {
  test('tax contained in a gross amount is rounded down', () => {
    assert.equal(includedTax(108, 8), 8);
    assert.equal(includedTax(110, 10), 10);
    assert.equal(includedTax(150, 8), 11); // 150 * 8 / 108 = 11.11
    assert.equal(includedTax(199, 10), 18); // 18.09
    assert.equal(includedTax(0, 10), 0);
  });

  test('rounded once per rate per receipt, not per line', () => {
    // Three ¥130 drinks: per line 130*8/108 = 9.63 -> 9 each = 27; once on ¥390 -> 28.
    const rows = taxBreakdown({ reduced: 390, standard: 0 });
    assert.deepEqual(rows, [{ taxClass: 'reduced', ratePercent: 8, gross: 390, tax: 28, net: 362 }]);
  });

  test('both rates shown separately, empty rates omitted', () => {
    const rows = taxBreakdown({ reduced: 300, standard: 580 });
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => [r.ratePercent, r.gross, r.tax]), [[8, 300, 22], [10, 580, 52]]);
    assert.deepEqual(taxBreakdown({ reduced: 0, standard: 1100 }).map((r) => r.ratePercent), [10]);
  });

  test('large amounts stay exact (no floating point drift)', () => {
    assert.equal(includedTax(1_000_000_000_008, 8), 74_074_074_074);
  });

  test('refund (negative) amounts mirror positive ones', () => {
    assert.equal(includedTax(-150, 8), -11);
  });
});
