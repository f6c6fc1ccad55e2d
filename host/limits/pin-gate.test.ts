import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pinAttemptEvent } from '../../core/domain/audit/limit-events.js';
import type { ManagerDirectory, PinAttempt, StaffRecord } from '../../core/domain/limits/manager-pin.js';
import type { Clock } from '../../core/ports.js';
import { DEFAULT_SCRYPT_COST, hashPin, pinMatches, pinRecordProblem, PinError, type ScryptCost } from './pin-hasher.js';
import { PinGate } from './pin-gate.js';

/** Real scrypt at a lower cost so the lockout tests do not load the shared machine. */
const LIGHT: ScryptCost = { N: 1024, r: 8, p: 1, keyLength: 32 };
const MIN = 60_000;

class SteppingClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

describe('PIN hashing (scrypt)', () => {
  test('the right PIN matches, a wrong one does not', async () => {
    const record = await hashPin('482913');
    assert.deepEqual({ N: record.N, r: record.r, p: record.p, keyLength: record.keyLength }, DEFAULT_SCRYPT_COST);
    assert.equal(await pinMatches(record, '482913'), true);
    assert.equal(await pinMatches(record, '482914'), false);
    assert.equal(await pinMatches(record, '48291'), false);
    assert.equal(record.hash.includes('482913'), false);
  });

  test('each user gets a fresh salt, so equal PINs hash differently', async () => {
    const a = await hashPin('1234', LIGHT);
    const b = await hashPin('1234', LIGHT);
    assert.notEqual(a.salt, b.salt);
    assert.notEqual(a.hash, b.hash);
    assert.equal(await pinMatches(b, '1234'), true);
  });

  test('verification uses the cost stored with the hash', async () => {
    const light = await hashPin('5555', LIGHT);
    assert.equal(await pinMatches(light, '5555'), true);
    assert.equal(await pinMatches({ ...light, N: 2048 }, '5555'), false);
  });

  test('PINs that are not 4 to 8 digits are refused when set', async () => {
    for (const bad of ['123', '123456789', 'abcd', '12 34', '']) {
      await assert.rejects(hashPin(bad, LIGHT), (e: unknown) => e instanceof PinError && e.code === 'pin.format');
    }
  });

  test('a damaged record is named, not silently failed', async () => {
    const good = await hashPin('2468', LIGHT);
    assert.equal(pinRecordProblem(good), undefined);
    assert.match(pinRecordProblem({ ...good, N: 1000 }) ?? '', /power of two/);
    assert.match(pinRecordProblem({ ...good, hash: 'AAAA' }) ?? '', /not 32 bytes/);
    await assert.rejects(pinMatches({ ...good, salt: '' }, '2468'), /stored PIN record is unusable: salt/);
  });
});

describe('PIN gate: lockout and reporting', async () => {
  const staff: StaffRecord[] = [
    { staffId: 'm1', name: 'Sato', role: 'manager', pin: await hashPin('7391', LIGHT) },
    { staffId: 'c1', name: 'Tanaka', role: 'cashier', pin: await hashPin('1111', LIGHT) },
  ];
  const directory: ManagerDirectory = { findStaff: (id) => staff.find((s) => s.staffId === id) };
  const dummyRecord = await hashPin('00000000', LIGHT);

  function gate(clock: Clock) {
    const attempts: PinAttempt[] = [];
    const g = new PinGate({ directory, clock, dummyRecord, onAttempt: (a) => attempts.push(a) });
    return { g, attempts };
  }

  test('a manager with the right PIN gets in; the attempt is reported', async () => {
    const { g, attempts } = gate(new SteppingClock(1000));
    const r = await g.verify('m1', '7391', 'console.login');
    assert.equal(r.ok, true);
    assert.deepEqual(attempts, [{ staffId: 'm1', at: 1000, outcome: 'ok', failures: 0, purpose: 'console.login' }]);
    assert.equal(pinAttemptEvent(attempts[0]!).kind, 'manager.login');
  });

  test('a cashier with a right PIN is not a manager', async () => {
    const { g } = gate(new SteppingClock(0));
    const r = await g.verify('c1', '1111', 'limit.override');
    assert.deepEqual([r.ok, r.ok ? '' : r.reason], [false, 'not-manager']);
  });

  test('5 failures lock the id for 5 minutes, even against the right PIN; then it opens again', async () => {
    const clock = new SteppingClock(10 * MIN);
    const { g, attempts } = gate(clock);
    for (let i = 1; i <= 4; i++) {
      const r = await g.verify('m1', '0000', 'console.login');
      assert.deepEqual([r.ok, r.ok ? '' : r.reason, r.attempt.failures, r.attempt.lockedUntil], [false, 'wrong-pin', i, undefined]);
    }
    const fifth = await g.verify('m1', '0000', 'console.login');
    assert.equal(fifth.ok ? 0 : fifth.lockedUntil, 15 * MIN);
    assert.equal(pinAttemptEvent(fifth.attempt).kind, 'manager.locked');

    clock.time = 15 * MIN - 1;
    const locked = await g.verify('m1', '7391', 'console.login');
    assert.deepEqual([locked.ok, locked.ok ? '' : locked.reason], [false, 'locked']);
    assert.equal(pinAttemptEvent(locked.attempt).kind, 'manager.loginFailed');

    clock.time = 15 * MIN;
    assert.equal((await g.verify('m1', '7391', 'console.login')).ok, true);
    assert.deepEqual(g.status('m1'), { failures: 0 });
    assert.deepEqual(attempts.map((a) => a.outcome), ['wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'locked', 'ok']);
  });

  test('a success resets the failure count', async () => {
    const { g } = gate(new SteppingClock(0));
    for (let i = 0; i < 4; i++) await g.verify('m1', '9999', 'x');
    assert.equal((await g.verify('m1', '7391', 'x')).ok, true);
    const r = await g.verify('m1', '9999', 'x');
    assert.equal(r.attempt.failures, 1);
  });

  test('guesses fired all at once cannot get past the limit', async () => {
    const { g } = gate(new SteppingClock(0));
    const guesses = ['0001', '0002', '0003', '0004', '0005', '7391', '0007'];
    const results = await Promise.all(guesses.map((pin) => g.verify('m1', pin, 'x')));
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.reason)), ['wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'locked', 'locked']);
  });

  test('unknown staff ids fail and lock the same way and are reported', async () => {
    const { g, attempts } = gate(new SteppingClock(0));
    for (let i = 0; i < 5; i++) await g.verify('ghost', '1234', 'x');
    const r = await g.verify('ghost', '1234', 'x');
    assert.deepEqual([r.ok, r.ok ? '' : r.reason], [false, 'locked']);
    assert.deepEqual(attempts.map((a) => a.outcome).slice(0, 2), ['unknown-staff', 'unknown-staff']);
    // Other ids are unaffected.
    assert.equal((await g.verify('m1', '7391', 'x')).ok, true);
  });
});
