import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { GatewayAdminError } from '../client/admin-client.js';
import type { GatewayClient } from '../client/gateway-client.js';
import { DEFAULT_RULES } from './rules.js';
import { newKey, startTestGateway, type TestGateway } from './test-support.js';

describe('gateway fraud rules', () => {
  let gw: TestGateway;
  let client: GatewayClient;
  before(async () => {
    gw = await startTestGateway();
    client = await gw.client('T-FRAUD');
  });
  afterEach(async () => {
    await gw.admin.setRules({ ...DEFAULT_RULES });
    gw.clock.advance(3_600_000);
  });
  after(async () => {
    try {
      assert.deepEqual((await gw.admin.reconcile()).mismatches, []);
    } finally {
      await gw.close();
    }
  });

  async function pay(walletId: string, amount: number, opts: { categoryTotals?: Record<string, number>; terminal?: GatewayClient; terminalId?: string } = {}) {
    // A fresh TOTP step per payment: each code is single use.
    gw.clock.advance(60_000);
    const { code } = await gw.admin.code(walletId);
    return (opts.terminal ?? client).pay({
      merchantPaymentId: newKey(),
      code,
      amount,
      terminalId: opts.terminalId ?? 'T-FRAUD',
      categoryTotals: opts.categoryTotals ?? { general: amount },
      requestedAt: gw.clock.now(),
    });
  }
  const reasonOf = (r: Awaited<ReturnType<typeof pay>>) => (r.kind === 'declined' ? r.reason : r.kind);
  const lastEvent = async (rule: string) => (await gw.admin.fraudEvents(rule, 1))[0];

  test('per-transaction cap', async () => {
    await gw.admin.setRules({ maxPerTransaction: 10_000 });
    const w = await gw.admin.createWallet({ balance: 50_000 });
    gw.clock.advance(3_600_000);
    assert.equal(reasonOf(await pay(w.walletId, 10_000)), 'succeeded');
    assert.equal(reasonOf(await pay(w.walletId, 10_001)), 'FRAUD_PER_TRANSACTION_CAP');
    const e = await lastEvent('maxPerTransaction');
    assert.equal(e?.decision, 'deny');
    assert.equal(e?.walletId, w.walletId);
  });

  test('daily spend cap over a rolling 24 hours', async () => {
    await gw.admin.setRules({ dailySpendCap: 30_000 });
    const w = await gw.admin.createWallet({ balance: 100_000 });
    assert.equal(reasonOf(await pay(w.walletId, 20_000)), 'succeeded');
    assert.equal(reasonOf(await pay(w.walletId, 10_000)), 'succeeded');
    assert.equal(reasonOf(await pay(w.walletId, 1)), 'FRAUD_DAILY_CAP');
    assert.deepEqual((await lastEvent('dailySpendCap'))?.detail, { amount: 1, spent: 30_000, limit: 30_000 });
    gw.clock.advance(24 * 3_600_000);
    assert.equal(reasonOf(await pay(w.walletId, 1)), 'succeeded');
  });

  test('charge then spend of about the same size within minutes', async () => {
    await gw.admin.setRules({ chargeThenSpend: { withinMinutes: 30, tolerancePercent: 5 } });
    const w = await gw.admin.createWallet({ balance: 1_000 });
    gw.clock.advance(3_600_000);
    await gw.admin.topUp(w.walletId, 30_000, 'credit-card:unverified');
    assert.equal(reasonOf(await pay(w.walletId, 29_500)), 'FRAUD_CHARGE_THEN_SPEND');
    assert.equal(reasonOf(await pay(w.walletId, 5_000)), 'succeeded');
    gw.clock.advance(31 * 60_000);
    assert.equal(reasonOf(await pay(w.walletId, 25_000)), 'succeeded');
    assert.equal((await gw.admin.fraudEvents('chargeThenSpend', 10)).filter((e) => e.decision === 'deny').length, 1);
  });

  test('top-ups per minute', async () => {
    await gw.admin.setRules({ topUpsPerMinute: 2 });
    const w = await gw.admin.createWallet({ balance: 0 });
    await gw.admin.topUp(w.walletId, 1_000, 'bank');
    await gw.admin.topUp(w.walletId, 1_000, 'bank');
    await assert.rejects(gw.admin.topUp(w.walletId, 1_000, 'bank'), (e: unknown) => e instanceof GatewayAdminError && e.code === 'FRAUD_TOPUP_RATE');
    assert.equal((await lastEvent('topUpsPerMinute'))?.decision, 'deny');
    gw.clock.advance(61_000);
    assert.equal((await gw.admin.topUp(w.walletId, 1_000, 'bank')).balance, 3_000);
  });

  test('more than N distinct wallets at one terminal within M minutes', async () => {
    await gw.admin.setRules({ terminalDistinctWallets: { max: 2, withinMinutes: 10 } });
    const other = await gw.client('T-FRAUD-2');
    const ws = await Promise.all([1, 2, 3].map(() => gw.admin.createWallet({ balance: 5_000 })));
    gw.clock.advance(3_600_000);
    const at2 = { terminal: other, terminalId: 'T-FRAUD-2' };
    assert.equal(reasonOf(await pay(ws[0]!.walletId, 100, at2)), 'succeeded');
    assert.equal(reasonOf(await pay(ws[1]!.walletId, 100, at2)), 'succeeded');
    assert.equal(reasonOf(await pay(ws[0]!.walletId, 100, at2)), 'succeeded', 'a wallet already seen does not count again');
    assert.equal(reasonOf(await pay(ws[2]!.walletId, 100, at2)), 'FRAUD_TERMINAL_WALLETS');
    assert.equal(reasonOf(await pay(ws[2]!.walletId, 100)), 'succeeded', 'another terminal is not affected');
    gw.clock.advance(11 * 60_000);
    assert.equal(reasonOf(await pay(ws[2]!.walletId, 100, at2)), 'succeeded');
  });

  test('tobacco share of a payment', async () => {
    await gw.admin.setRules({ maxTobaccoSharePercent: 50 });
    const w = await gw.admin.createWallet({ balance: 50_000 });
    gw.clock.advance(3_600_000);
    assert.equal(reasonOf(await pay(w.walletId, 1_000, { categoryTotals: { tobacco: 500, food: 500 } })), 'succeeded');
    assert.equal(reasonOf(await pay(w.walletId, 1_000, { categoryTotals: { tobacco: 501, food: 499 } })), 'FRAUD_TOBACCO_SHARE');
    assert.equal((await lastEvent('maxTobaccoSharePercent'))?.detail['tobacco'], 501);
  });

  test('a frozen wallet cannot pay or top up until unfrozen', async () => {
    const w = await gw.admin.createWallet({ balance: 5_000 });
    await gw.admin.freeze(w.walletId);
    assert.equal(reasonOf(await pay(w.walletId, 100)), 'WALLET_FROZEN');
    await assert.rejects(gw.admin.topUp(w.walletId, 100, 'bank'), /WALLET_FROZEN/);
    await gw.admin.freeze(w.walletId, false);
    assert.equal(reasonOf(await pay(w.walletId, 100)), 'succeeded');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 4_900);
  });

  test('account-wide switches: suspend top-ups, suspend sign-ups', async () => {
    const w = await gw.admin.createWallet({ balance: 0 });
    await gw.admin.setRules({ suspendTopUps: true, suspendSignUps: true });
    await assert.rejects(gw.admin.topUp(w.walletId, 100, 'bank'), (e: unknown) => e instanceof GatewayAdminError && e.code === 'TOPUPS_SUSPENDED');
    await assert.rejects(gw.admin.createWallet({ balance: 0 }), (e: unknown) => e instanceof GatewayAdminError && e.code === 'SIGNUPS_SUSPENDED');
    assert.equal((await lastEvent('suspendSignUps'))?.decision, 'deny');
    await gw.admin.setRules({ suspendTopUps: false, suspendSignUps: false });
    assert.equal((await gw.admin.topUp(w.walletId, 100, 'bank')).balance, 100);
  });

  test('enabled rules log their allow decisions too', async () => {
    await gw.admin.setRules({ maxPerTransaction: 10_000, maxTobaccoSharePercent: 80 });
    const w = await gw.admin.createWallet({ balance: 5_000 });
    gw.clock.advance(3_600_000);
    const r = await pay(w.walletId, 100);
    assert.equal(r.kind, 'succeeded');
    const ref = r.kind === 'succeeded' ? r.payment.merchantPaymentId : '';
    const events = (await gw.admin.fraudEvents(undefined, 10)).filter((e) => e.ref === ref);
    assert.deepEqual(events.map((e) => [e.rule, e.decision]).sort(), [
      ['maxPerTransaction', 'allow'],
      ['maxTobaccoSharePercent', 'allow'],
    ]);
  });
});
