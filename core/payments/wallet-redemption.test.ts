import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IllegalTransitionError, transition, type Redemption } from './redemption-state.js';
import { WalletRedemptions, type RedemptionStore } from './wallet-redemption.js';
import type { WalletCancelOutcome, WalletGateway, WalletPayOutcome, WalletQueryOutcome } from './wallet-gateway.js';

/** A gateway that answers from scripts and records every call: the port's contract, no network. */
class ScriptedGateway implements WalletGateway {
  calls: string[] = [];
  payAnswers: WalletPayOutcome[] = [];
  queryAnswers: WalletQueryOutcome[] = [];
  cancelAnswers: WalletCancelOutcome[] = [];
  async pay(r: { merchantPaymentId: string }) {
    this.calls.push(`pay ${r.merchantPaymentId}`);
    return this.payAnswers.shift() ?? { outcome: 'unknown' as const, error: 'no script' };
  }
  async query(id: string) {
    this.calls.push(`query ${id}`);
    return this.queryAnswers.shift() ?? { outcome: 'not-found' as const };
  }
  async cancel(id: string) {
    this.calls.push(`cancel ${id}`);
    return this.cancelAnswers.shift() ?? { outcome: 'voided' as const };
  }
  async refund(r: { merchantRefundId: string }) {
    this.calls.push(`refund ${r.merchantRefundId}`);
    return { outcome: 'refunded' as const, refundId: 'RF1' };
  }
}

class MemoryStore implements RedemptionStore {
  rows = new Map<string, Redemption>();
  log: string[] = [];
  save(r: Redemption) {
    this.rows.set(r.merchantPaymentId, r);
    this.log.push(r.state);
  }
  get(id: string) {
    return this.rows.get(id);
  }
  unresolved() {
    return [...this.rows.values()].filter((r) => !['SUCCEEDED', 'FAILED', 'VOIDED', 'REVERSED', 'REFUNDED'].includes(r.state));
  }
}

function setup() {
  const gateway = new ScriptedGateway();
  const store = new MemoryStore();
  let now = 1_000_000;
  const payments = new WalletRedemptions({
    gateway, store, clock: { now: () => now },
    sleep: async (ms) => { now += ms; },
    policy: { queryIntervalMs: 3000, deadlineMs: 15_000 },
  });
  const request = { merchantPaymentId: 'MP-1', code: '2001234567890123', amount: 580, terminalId: 'T1', categoryTotals: { tobacco: 580 } };
  return { gateway, store, payments, request };
}

describe('wallet redemption', () => {
  test('persists NEW and SUBMITTING before the request, then SUCCEEDED', async () => {
    const { gateway, store, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'succeeded', paymentId: 'P1', walletId: 'W1' });
    const r = await payments.pay(request);
    assert.equal(r.state, 'SUCCEEDED');
    assert.deepEqual(store.log, ['NEW', 'SUBMITTING', 'SUCCEEDED']);
    assert.deepEqual(gateway.calls, ['pay MP-1']);
  });

  test('declined is final and says why', async () => {
    const { gateway, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'declined', code: 'INSUFFICIENT_BALANCE', reason: 'balance too low' });
    const r = await payments.pay(request);
    assert.equal(r.state, 'FAILED');
    assert.equal(r.failureCode, 'INSUFFICIENT_BALANCE');
  });

  test('unknown outcome is queried, never paid again', async () => {
    const { gateway, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'unknown', error: 'timeout' });
    gateway.queryAnswers.push({ outcome: 'not-found' }, { outcome: 'succeeded', paymentId: 'P1', walletId: 'W1' });
    const r = await payments.pay(request);
    assert.equal(r.state, 'SUCCEEDED');
    assert.deepEqual(gateway.calls, ['pay MP-1', 'query MP-1', 'query MP-1']);
  });

  test('still unknown at the deadline: cancelled and VOIDED', async () => {
    const { gateway, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'unknown', error: '503' });
    const r = await payments.pay(request);
    assert.equal(r.state, 'VOIDED');
    assert.equal(gateway.calls.filter((c) => c.startsWith('pay')).length, 1);
    assert.equal(gateway.calls.at(-1), 'cancel MP-1');
    assert.equal(gateway.calls.filter((c) => c.startsWith('query')).length, 5);
  });

  test('cashier abort while awaiting the customer cancels', async () => {
    const { gateway, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'awaiting-user' });
    gateway.queryAnswers.push({ outcome: 'awaiting-user' });
    gateway.cancelAnswers.push({ outcome: 'reversed' });
    const pending = payments.pay(request);
    payments.abort('MP-1');
    const r = await pending;
    assert.equal(r.state, 'REVERSED');
  });

  test('a cancel that cannot be confirmed is parked as CANCEL_UNKNOWN and resolved on resume', async () => {
    const { gateway, payments, store, request } = setup();
    gateway.payAnswers.push({ outcome: 'unknown', error: 'dropped' });
    gateway.queryAnswers.push({ outcome: 'unknown', error: 'x' }, { outcome: 'unknown', error: 'x' }, { outcome: 'unknown', error: 'x' }, { outcome: 'unknown', error: 'x' }, { outcome: 'unknown', error: 'x' });
    gateway.cancelAnswers.push({ outcome: 'retry-later', reason: 'busy' });
    const parked = await payments.pay(request);
    assert.equal(parked.state, 'CANCEL_UNKNOWN');
    assert.deepEqual(store.unresolved().map((r) => r.merchantPaymentId), ['MP-1']);
    gateway.cancelAnswers.push({ outcome: 'voided' });
    assert.equal((await payments.resume('MP-1')).state, 'VOIDED');
    assert.deepEqual(store.unresolved(), []);
  });

  test('a query finding the payment already cancelled records what it became: voided or reversed', async () => {
    for (const reversed of [false, true]) {
      const { gateway, store, payments, request } = setup();
      store.save({ ...request, state: 'UNKNOWN', createdAt: 1_000_000, updatedAt: 1_000_000, deadlineAt: 1_015_000, attempts: 1 });
      gateway.queryAnswers.push({ outcome: 'cancelled', reversed });
      const r = await payments.resume('MP-1');
      assert.equal(r.state, reversed ? 'REVERSED' : 'VOIDED');
      assert.deepEqual(gateway.calls, ['query MP-1'], 'nothing is cancelled twice');
    }
  });

  test('after a crash mid-submit the payment is queried, not resent', async () => {
    const { gateway, store, payments, request } = setup();
    store.save({ ...request, state: 'SUBMITTING', createdAt: 1_000_000, updatedAt: 1_000_000, deadlineAt: 1_015_000, attempts: 1 });
    gateway.queryAnswers.push({ outcome: 'succeeded', paymentId: 'P1', walletId: 'W1' });
    const r = await payments.resume('MP-1');
    assert.equal(r.state, 'SUCCEEDED');
    assert.deepEqual(gateway.calls, ['query MP-1']);
  });

  test('the same key is never paid twice; refunds use their own key', async () => {
    const { gateway, payments, request } = setup();
    gateway.payAnswers.push({ outcome: 'succeeded', paymentId: 'P1', walletId: 'W1' });
    await payments.pay(request);
    await assert.rejects(payments.pay(request), /exists already/);
    const refunded = await payments.refund('MP-1', 'MR-1');
    assert.equal(refunded.state, 'REFUNDED');
    assert.deepEqual(gateway.calls, ['pay MP-1', 'refund MR-1']);
  });

  test('illegal transitions are refused', () => {
    const r: Redemption = { merchantPaymentId: 'X', code: 'c', amount: 1, terminalId: 'T', categoryTotals: {}, state: 'FAILED', createdAt: 0, updatedAt: 0, deadlineAt: 0, attempts: 0 };
    assert.throws(() => transition(r, 'SUCCEEDED', 1), IllegalTransitionError);
    assert.throws(() => transition({ ...r, state: 'NEW' }, 'SUCCEEDED', 1), IllegalTransitionError);
  });
});
