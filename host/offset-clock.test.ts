import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockStartingAt, parseClockStart } from './offset-clock.js';

describe('offset clock', () => {
  test('starts at the given instant and follows the base clock', () => {
    let base = 1_000;
    const clock = clockStartingAt(Date.UTC(2026, 3, 1, 1, 30), { now: () => base });
    assert.equal(clock.now(), Date.UTC(2026, 3, 1, 1, 30));
    base += 2_500;
    assert.equal(clock.now(), Date.UTC(2026, 3, 1, 1, 30) + 2_500);
  });

  test('only ISO date-times with a zone', () => {
    assert.equal(parseClockStart('2026-04-01T10:30:00+09:00'), Date.UTC(2026, 3, 1, 1, 30));
    assert.equal(parseClockStart('2026-04-01T01:30Z'), Date.UTC(2026, 3, 1, 1, 30));
    assert.throws(() => parseClockStart('2026-04-01 10:30'), /ISO date-time with a zone/);
    assert.throws(() => parseClockStart('2026-13-01T10:30:00Z'), /not a real date-time/);
  });
});
