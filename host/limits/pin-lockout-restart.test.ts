import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Clock } from '../../core/ports.js';
import { openRegisterStore } from '../../db/register-store.js';
import { setupLimits } from './setup-limits.js';

const LIGHT = { N: 1024, r: 8, p: 1, keyLength: 32 };

class SteppingClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

/** One run of the register: open the store, wire limits, do something, close (a restart between runs). */
async function run<T>(dir: string, clock: Clock, body: (pins: Awaited<ReturnType<typeof setupLimits>>['pins']) => Promise<T>): Promise<T> {
  const store = openRegisterStore(dir, { clock });
  try {
    const { pins } = await setupLimits(store, clock, { scryptCost: LIGHT });
    return await body(pins);
  } finally {
    store.close();
  }
}

describe('manager PIN lockout across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regi-pin-restart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const clock = new SteppingClock(Date.UTC(2026, 10, 24, 9, 0));

  test('a locked manager id stays locked after a restart, until the lock runs out', async () => {
    await run(dir, clock, async (pins) => {
      for (let i = 0; i < 5; i++) await pins.verify('M001', '9999', 'override');
      assert.ok(pins.status('M001').lockedUntil);
    });
    clock.time += 60_000;
    await run(dir, clock, async (pins) => {
      const r = await pins.verify('M001', '1234', 'override');
      assert.equal(r.ok === false && r.reason, 'locked', 'the right PIN is refused while the lock from before the restart holds');
    });
    clock.time += 5 * 60_000;
    await run(dir, clock, async (pins) => {
      assert.equal((await pins.verify('M001', '1234', 'override')).ok, true, 'the lock has run out');
    });
  });

  test('failures short of a lock are counted on after a restart; a success clears them', async () => {
    await run(dir, clock, async (pins) => {
      for (let i = 0; i < 3; i++) await pins.verify('M001', '0001', 'override');
    });
    await run(dir, clock, async (pins) => {
      assert.equal(pins.status('M001').failures, 3);
      await pins.verify('M001', '0002', 'override');
      const fifth = await pins.verify('M001', '0003', 'override');
      assert.equal(fifth.ok === false && fifth.lockedUntil !== undefined, true, 'the fifth failure in all locks the id');
    });
    clock.time += 6 * 60_000;
    await run(dir, clock, async (pins) => {
      assert.equal((await pins.verify('M001', '1234', 'override')).ok, true);
    });
    await run(dir, clock, async (pins) => {
      assert.deepEqual(pins.status('M001'), { failures: 0 });
    });
  });
});
