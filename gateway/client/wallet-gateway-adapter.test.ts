import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Redemption } from '../../core/payments/redemption-state.js';
import { WalletRedemptions, type RedemptionStore } from '../../core/payments/wallet-redemption.js';
import { newKey, startTestGateway, type TestGateway } from '../sim/test-support.js';
import { HttpWalletGateway } from './wallet-gateway-adapter.js';

class MemoryStore implements RedemptionStore {
  rows = new Map<string, Redemption>();
  save(r: Redemption): void {
    this.rows.set(r.merchantPaymentId, r);
  }
  get(id: string): Redemption | undefined {
    return this.rows.get(id);
  }
  unresolved(): Redemption[] {
    return [...this.rows.values()].filter((r) => !['SUCCEEDED', 'FAILED', 'VOIDED', 'REVERSED', 'REFUNDED'].includes(r.state));
  }
}

/** The register's redemption state machine (core) driving the real gateway through HttpWalletGateway, faults on. */
describe('wallet redemption against the sandbox gateway', () => {
  let gw: TestGateway;
  let redemptions: WalletRedemptions;
  let store: MemoryStore;
  before(async () => {
    gw = await startTestGateway();
    const client = await gw.client('T-SM', { maxAttempts: 1, timeoutMs: 300 });
    store = new MemoryStore();
    redemptions = new WalletRedemptions({
      gateway: new HttpWalletGateway(client),
      store,
      clock: gw.clock,
      sleep: async (ms) => gw.clock.advance(ms),
      policy: { queryIntervalMs: 3_000, deadlineMs: 15_000 },
    });
  });
  afterEach(async () => {
    await gw.admin.clearFaults();
    await gw.admin.setRules({ userConfirmationAbove: null });
  });
  after(async () => {
    try {
      assert.deepEqual((await gw.admin.reconcile()).mismatches, []);
      assert.deepEqual(store.unresolved(), [], 'every unknown outcome ended settled');
    } finally {
      await gw.close();
    }
  });

  async function start(amount: number) {
    gw.clock.advance(60_000);
    const w = await gw.admin.createWallet({ balance: 10_000 });
    const { code } = await gw.admin.code(w.walletId);
    return { walletId: w.walletId, request: { merchantPaymentId: newKey('sm'), code, amount, terminalId: 'T-SM', categoryTotals: { tobacco: 0 } } };
  }
  const balance = async (walletId: string) => (await gw.admin.wallet(walletId)).balance;

  test('a declined code ends FAILED with the reason, no charge', async () => {
    const { request, walletId } = await start(20_000);
    const r = await redemptions.pay(request);
    assert.equal(r.state, 'FAILED');
    assert.equal(r.failureCode, 'INSUFFICIENT_BALANCE');
    assert.equal(await balance(walletId), 10_000);
  });

  test('dropped response: UNKNOWN, the query finds it, SUCCEEDED with one charge', async () => {
    const { request, walletId } = await start(1_000);
    await gw.admin.injectFault({ kind: 'drop-response', path: '/v1/payments', method: 'POST' });
    const r = await redemptions.pay(request);
    assert.equal(r.state, 'SUCCEEDED');
    assert.equal((await gw.admin.payment(request.merchantPaymentId)).charges, 1);
    assert.equal(await balance(walletId), 9_000);
  });

  test('5xx with the payment landing late: the register cancels at the deadline and the late payment is refused', async () => {
    const { request, walletId } = await start(2_000);
    await gw.admin.injectFault({ kind: 'error-then-late-success', path: '/v1/payments', delayMs: 1_500 });
    const late = once(gw.server.events, 'late-commit');
    const r = await redemptions.pay(request);
    const [, reply] = (await late) as [string, { status: number }];
    // Either end is correct as long as the books agree; on an idle machine the cancel comes first.
    if (r.state === 'VOIDED') {
      assert.equal(reply.status, 409);
      assert.equal(await balance(walletId), 10_000);
    } else {
      assert.equal(r.state, 'SUCCEEDED');
      assert.equal(await balance(walletId), 8_000);
    }
  });

  test('customer never confirms and the cancel is asked to wait: CANCEL_UNKNOWN, resumed to VOIDED', async () => {
    await gw.admin.setRules({ userConfirmationAbove: 500 });
    const { request, walletId } = await start(800);
    await gw.admin.injectFault({ kind: 'cancel-retry-later', path: '/v1/payments/*/cancel', count: 1 });
    const parked = await redemptions.pay(request);
    assert.equal(parked.state, 'CANCEL_UNKNOWN');
    const r = await redemptions.resume(request.merchantPaymentId);
    assert.equal(r.state, 'VOIDED');
    await assert.rejects(gw.admin.confirmPayment(request.merchantPaymentId, true), /NOT_AUTHORIZING/);
    assert.equal(await balance(walletId), 10_000);
  });

  test('refused connections: UNKNOWN, not found, cancelled at the deadline: VOIDED, never charged later', async () => {
    const { request, walletId } = await start(700);
    const refusing = once(gw.server.events, 'refusing');
    await gw.admin.injectFault({ kind: 'refuse-connections', durationMs: 400 });
    await refusing;
    const listening = once(gw.server.events, 'listening');
    const first = redemptions.pay(request);
    await listening;
    const r = await first;
    // The payment never reached the gateway; whether the queries saw the listener back or not, it ends VOIDED.
    assert.ok(r.state === 'VOIDED' || r.state === 'CANCEL_UNKNOWN', r.state);
    const settled = r.state === 'VOIDED' ? r : await redemptions.resume(request.merchantPaymentId);
    assert.equal(settled.state, 'VOIDED');
    assert.equal(await balance(walletId), 10_000);
  });
});
