import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { moveSelection, parseQuantity, reconcileSelection, stepQuantity } from './selection.js';

const lines = (...ids: string[]) => ids.map((lineId) => ({ lineId }));

describe('selected line', () => {
  test('a new scan selects the scanned line', () => {
    assert.equal(reconcileSelection(lines('L1', 'L2', 'L3'), 'L1', 'L2', 'L3'), 'L3');
    // Scanning the item on the last line again (same lastLineId) keeps a manual selection.
    assert.equal(reconcileSelection(lines('L1', 'L2'), 'L1', 'L2', 'L2'), 'L1');
  });

  test('keeps a selection that still exists, else falls back to the last line or nothing', () => {
    assert.equal(reconcileSelection(lines('L1', 'L2'), 'L1', null, null), 'L1');
    assert.equal(reconcileSelection(lines('L1', 'L3'), 'L2', 'L2', null), 'L3');
    assert.equal(reconcileSelection([], 'L2', 'L2', null), null);
    assert.equal(reconcileSelection(lines('L1'), null, null, null), 'L1');
  });

  test('↑/↓ move one line and stop at the ends', () => {
    const ls = lines('L1', 'L2', 'L3');
    assert.equal(moveSelection(ls, 'L2', -1), 'L1');
    assert.equal(moveSelection(ls, 'L1', -1), 'L1');
    assert.equal(moveSelection(ls, 'L2', 1), 'L3');
    assert.equal(moveSelection(ls, 'L3', 1), 'L3');
    assert.equal(moveSelection(ls, null, -1), 'L3');
    assert.equal(moveSelection([], 'L1', 1), null);
  });

  test('+/- stay within 1..999', () => {
    assert.equal(stepQuantity(1, 1), 2);
    assert.equal(stepQuantity(2, -1), 1);
    assert.equal(stepQuantity(1, -1), null);
    assert.equal(stepQuantity(999, 1), null);
  });

  test('a quantity typed before * must be 1..999', () => {
    assert.deepEqual(parseQuantity('12'), { ok: true, quantity: 12 });
    assert.deepEqual(parseQuantity(' 3 '), { ok: true, quantity: 3 });
    for (const bad of ['', '0', '1000', '2.5', 'abc', '-1']) {
      const result = parseQuantity(bad);
      assert.equal(result.ok, false, bad);
      assert.deepEqual(result, { ok: false, problem: 'badQuantity', got: bad.trim() });
    }
  });
});
