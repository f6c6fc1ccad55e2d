import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Redemption, RedemptionState } from '../core/payments/redemption-state.js';
import type { Register } from '../core/register.js';
import { openRegisterStore, type RegisterStore } from '../db/register-store.js';
import { SqliteWalletSpendHistory } from '../db/wallet-spend-history.js';
import { GatewayClient } from '../gateway/client/gateway-client.js';
import { startTestGateway, type TestGateway } from '../gateway/sim/test-support.js';
import type { GatewayLink } from './back-office-setup.js';
import { createRegister } from './create-register.js';
import { setupWallet, type WalletSetup } from './wallet-setup.js';
import { INGEST_PAYLOAD_SCHEMAS } from '../gateway/protocol/wire.js';
import { RegisterError } from '../core/api.js';

const ONIGIRI = '4987301000105';
const TEA = '4962106000109';

/**
 * WalletTender end to end below the UI: a real Register over the real SQLite store, paying through the real
 * sandbox gateway (HTTP, signed) with faults injected. The gateway's clock is advanced instead of sleeping.
 * At the end: no payment charged twice, every unknown outcome settled, balances reconcile to the yen.
 */
const MANAGER_SESSION = 'manager-session-token';

describe('wallet tender against the sandbox gateway and the real database', () => {
  let gw: TestGateway;
  let dataDir: string;
  let store: RegisterStore;
  let link: GatewayLink;
  let terminalKey: string;
  const setups: WalletSetup[] = [];

  before(async () => {
    gw = await startTestGateway();
    dataDir = mkdtempSync(join(tmpdir(), 'regi-wallet-'));
    store = openRegisterStore(dataDir, { clock: gw.clock });
    const { key } = await gw.admin.provisionTerminal(store.registerId);
    terminalKey = key;
    const credentials = { gatewayUrl: gw.server.url, terminalId: store.registerId, key };
    let stopped = false;
    link = {
      url: gw.server.url,
      kind: 'external',
      credentials: async () => {
        if (stopped) throw new Error('stopped');
        return credentials;
      },
      sandbox: null,
      close: async () => {
        stopped = true;
      },
    };
  });
  afterEach(async () => {
    await gw.admin.clearFaults();
    await gw.admin.setRules({ userConfirmationAbove: null });
  });
  after(async () => {
    try {
      // The invariant over everything the tests did.
      const all = store.db.prepare('SELECT merchant_payment_id AS id, state FROM wallet_redemptions').all() as { id: string; state: string }[];
      assert.ok(all.length >= 10, `payments made: ${all.length}`);
      for (const row of all) {
        assert.ok(['SUCCEEDED', 'FAILED', 'VOIDED', 'REVERSED', 'REFUNDED'].includes(row.state), `${row.id} ended ${row.state}`);
        const charges = await gw.admin.payment(row.id).then((p) => p.charges).catch(() => 0);
        assert.ok(charges <= 1, `${row.id} charged ${charges} times`);
      }
      assert.deepEqual((await gw.admin.reconcile()).mismatches, []);
    } finally {
      for (const s of setups) await s.close();
      store.close();
      await gw.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  function newRegister(deadlineMs = 15_000): { register: Register; wallet: WalletSetup } {
    const wallet = setupWallet({
      link,
      db: store.db,
      journal: store.journal,
      registerId: store.registerId,
      clock: gw.clock,
      policy: { queryIntervalMs: 3_000, deadlineMs },
      client: { timeoutMs: 300, maxAttempts: 1, retryDelayMs: 5, probeTimeoutMs: 1_000 },
      resolver: { log: () => {} },
      sleep: async (ms) => {
        gw.clock.advance(ms);
        await new Promise((resolve) => setImmediate(resolve)); // lets a cashier's abort arrive between queries
      },
    });
    setups.push(wallet);
    const register = createRegister({
      registerId: store.registerId,
      mode: 'simulator',
      catalog: store.catalog,
      journal: store.journal,
      clock: gw.clock,
      requireManager: (session) => {
        if (session !== MANAGER_SESSION) throw new RegisterError('unauthorized', 'manager session missing or expired');
        return { staffId: 'M001' };
      },
      ...(wallet.tender ? { wallet: wallet.tender } : {}),
    });
    return { register, wallet };
  }

  async function basket(register: Register, codes = [ONIGIRI, TEA]): Promise<number> {
    for (const code of codes) assert.equal((await register.scan({ data: code })).accepted, true);
    return (await register.getState()).totals.total;
  }

  async function walletWith(balance: number): Promise<{ walletId: string; code: () => Promise<string> }> {
    gw.clock.advance(60_000); // a fresh TOTP step: codes are single use
    const w = await gw.admin.createWallet({ balance });
    return { walletId: w.walletId, code: async () => (await gw.admin.code(w.walletId)).code };
  }
  /** Resolves once the register's wallet tender is in this state (AWAITING_USER: the customer is asked to confirm). */
  const walletReaches = (register: Register, state: RedemptionState) =>
    new Promise<void>((resolve) => {
      const off = register.subscribe((e) => {
        if (e.type === 'state' && e.state.wallet?.state === state) {
          off();
          resolve();
        }
      });
    });
  const balance = async (walletId: string) => (await gw.admin.wallet(walletId)).balance;
  const row = (wallet: WalletSetup, id: string | null): Redemption & { saleId?: string } => wallet.store.get(id!)!;

  test('success: the sale completes with the wallet tender, linked to its payment, and the wallet pays the total', async () => {
    const { register, wallet } = newRegister();
    const total = await basket(register);
    const w = await walletWith(20_000);
    const result = await register.payWallet({ code: await w.code() });
    assert.equal(result.state, 'SUCCEEDED');
    assert.equal(result.message.code, 'wallet.succeeded');
    const sale = result.sale!;
    assert.equal(sale.totals.total, total);
    assert.deepEqual(sale.tenders.map((t) => t.kind), ['wallet']);
    const r = row(wallet, result.merchantPaymentId);
    assert.equal(sale.tenders[0]!.reference, r.paymentId);
    assert.equal(r.saleId, sale.saleId);
    assert.equal(r.walletId, w.walletId);
    assert.equal(await balance(w.walletId), 20_000 - total);
    const state = await register.getState();
    assert.equal(state.phase, 'completed');
    assert.equal(state.wallet, null);
    // The limits' WalletSpendHistory sees the sale for this wallet.
    const spent = new SqliteWalletSpendHistory(store.db, store.journal).spentInWindow(w.walletId, gw.clock.now() - 86_400_000, { kind: 'basket' });
    assert.equal(spent.amount, total);
  });

  test('declined for insufficient balance and for a frozen wallet: FAILED, the basket stays, nothing charged', async () => {
    const { register } = newRegister();
    const total = await basket(register);
    const poor = await walletWith(total - 1);
    const r1 = await register.payWallet({ code: await poor.code() });
    assert.equal(r1.state, 'FAILED');
    assert.equal(r1.message.code, 'wallet.declined');
    assert.equal(r1.message.params['code'], 'INSUFFICIENT_BALANCE');
    const frozen = await walletWith(20_000);
    await gw.admin.freeze(frozen.walletId);
    const r2 = await register.payWallet({ code: await frozen.code() });
    assert.equal(r2.state, 'FAILED');
    assert.equal(r2.message.params['code'], 'WALLET_FROZEN');
    const state = await register.getState();
    assert.equal(state.lines.length, 2);
    assert.equal(state.wallet, null);
    assert.equal(await balance(poor.walletId), total - 1);
    await register.payCash({ tendered: total });
  });

  test('commit then drop the response: the query finds it, one charge, the sale completes', async () => {
    const { register } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.injectFault({ kind: 'drop-response', path: '/v1/payments', method: 'POST' });
    const result = await register.payWallet({ code: await w.code() });
    assert.equal(result.state, 'SUCCEEDED');
    assert.ok(result.sale);
    assert.equal((await gw.admin.payment(result.merchantPaymentId!)).charges, 1);
    assert.equal(await balance(w.walletId), 10_000 - total);
  });

  test('answer after the client timeout: UNKNOWN, resolved SUCCEEDED by query', async () => {
    const { register } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.injectFault({ kind: 'delay-response', path: '/v1/payments', delayMs: 1_000 });
    const done = once(gw.server.events, 'fault-done');
    const seen: string[] = [];
    register.subscribe((e) => {
      if (e.type === 'state' && e.state.wallet) seen.push(e.state.wallet.state);
    });
    const result = await register.payWallet({ code: await w.code() });
    await done;
    assert.equal(result.state, 'SUCCEEDED');
    assert.ok(seen.includes('UNKNOWN'), `progress shown: ${seen.join(',')}`);
    assert.equal(await balance(w.walletId), 10_000 - total);
  });

  test('5xx then a late success: the register cancels at the deadline, the late payment is refused, basket kept', async () => {
    const { register } = newRegister();
    await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.injectFault({ kind: 'error-then-late-success', path: '/v1/payments', delayMs: 1_000 });
    const late = once(gw.server.events, 'late-commit');
    const result = await register.payWallet({ code: await w.code() });
    assert.equal(result.state, 'VOIDED');
    assert.equal(result.message.code, 'wallet.voided');
    await late;
    assert.equal(await balance(w.walletId), 10_000);
    assert.equal((await register.getState()).lines.length, 2);
    await register.payCash({ tendered: 10_000 });
  });

  test('query answers not-found for a while after a dropped response: queried until found, one charge', async () => {
    const { register } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.injectFault({ kind: 'drop-response', path: '/v1/payments', method: 'POST' });
    await gw.admin.injectFault({ kind: 'query-not-found', path: '/v1/payments/*', durationMs: 7_000 });
    const result = await register.payWallet({ code: await w.code() });
    assert.equal(result.state, 'SUCCEEDED');
    assert.equal(await balance(w.walletId), 10_000 - total);
  });

  test('the customer never confirms, the cancel asks for retry: CANCEL_UNKNOWN, then the resolver voids it', async () => {
    const { register, wallet } = newRegister();
    await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.setRules({ userConfirmationAbove: 100 });
    await gw.admin.injectFault({ kind: 'cancel-retry-later', path: '/v1/payments/*/cancel', count: 2 });
    const result = await register.payWallet({ code: await w.code() });
    assert.equal(result.state, 'CANCEL_UNKNOWN');
    assert.equal(result.message.code, 'wallet.cancelUnknown');
    assert.equal(await wallet.resolver!.runOnce(), 1, 'second retry-later: still unresolved');
    assert.equal(await wallet.resolver!.runOnce(), 0);
    assert.equal(row(wallet, result.merchantPaymentId).state, 'VOIDED');
    assert.equal(await balance(w.walletId), 10_000);
    await register.payCash({ tendered: 10_000 });
  });

  test('the cashier aborts while the customer is asked to confirm: cancelled long before the deadline, nothing charged', async () => {
    const { register, wallet } = newRegister(3_600_000);
    await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.setRules({ userConfirmationAbove: 100 });
    const paying = register.payWallet({ code: await w.code() });
    await walletReaches(register, 'AWAITING_USER');
    await register.abortWallet();
    const result = await paying;
    assert.equal(result.state, 'VOIDED');
    assert.ok(row(wallet, result.merchantPaymentId).attempts < 20, 'the abort, not the one-hour deadline, ended it');
    assert.equal(await balance(w.walletId), 10_000);
    await register.payCash({ tendered: 10_000 });
  });

  test('cash is refused while a wallet payment runs: its outcome decides the sale, so the customer is never charged and then reversed', async () => {
    const { register } = newRegister(3_600_000);
    const total = await basket(register);
    const w = await walletWith(10_000);
    await gw.admin.setRules({ userConfirmationAbove: 100 });
    const paying = register.payWallet({ code: await w.code() });
    await walletReaches(register, 'AWAITING_USER');
    await assert.rejects(register.payCash({ tendered: 10_000 }), (error: RegisterError) => error.code === 'wallet.busy');
    assert.equal((await register.getState()).messages[0]?.code, 'wallet.busy');
    assert.equal((await register.getState()).lines.length, 2, 'the basket is still open');
    await register.abortWallet();
    assert.equal((await paying).state, 'VOIDED');
    assert.equal(await balance(w.walletId), 10_000);
    const sale = await register.payCash({ tendered: 10_000 });
    assert.equal(sale.totals.total, total);
  });

  test('a second wallet payment or a basket change after a paid wallet part is refused as wallet.busy, saying what is paid', async () => {
    const { register } = newRegister();
    await basket(register);
    const w = await walletWith(10_000);
    assert.equal((await register.payWallet({ code: await w.code(), amount: 100 })).state, 'SUCCEEDED');
    await assert.rejects(register.scan({ data: ONIGIRI }), (error: RegisterError) => error.code === 'wallet.busy');
    assert.deepEqual((await register.getState()).messages[0], { ...(await register.getState()).messages[0], code: 'wallet.partPaid', params: { amount: 100 } });
    await assert.rejects(register.beginWallet({}), (error: RegisterError) => error.code === 'wallet.busy');
    await register.newSale(); // F1: voiding the lines is refused now, so the message names the paid part instead
    assert.equal((await register.getState()).messages[0]?.code, 'wallet.partPaid');
    await register.abortWallet();
    await register.payCash({ tendered: 10_000 });
  });

  for (const status of [429, 503] as const) {
    test(`${status} once: not processed; the query finds nothing, cancel at the deadline voids it`, async () => {
      const { register } = newRegister();
      await basket(register);
      const w = await walletWith(10_000);
      await gw.admin.injectFault({ kind: 'status', status, path: '/v1/payments', method: 'POST', count: 1 });
      const result = await register.payWallet({ code: await w.code() });
      assert.equal(result.state, 'VOIDED');
      assert.equal(await balance(w.walletId), 10_000);
      // The cashier tries again with the customer's next code: a new key, a new payment, which goes through.
      gw.clock.advance(60_000);
      const again = await register.payWallet({ code: await w.code() });
      assert.equal(again.state, 'SUCCEEDED');
      assert.notEqual(again.merchantPaymentId, result.merchantPaymentId);
    });
  }

  test('refused connections: the cashier is told to take cash; no payment row, nothing sent', async () => {
    const { register, wallet } = newRegister();
    await basket(register);
    const w = await walletWith(10_000);
    const refusing = once(gw.server.events, 'refusing');
    await gw.admin.injectFault({ kind: 'refuse-connections', durationMs: 800 });
    await refusing;
    const listening = once(gw.server.events, 'listening');
    const before = wallet.store.unresolved().length;
    const result = await register.payWallet({ code: await w.code().catch(() => '279000000112345678') });
    assert.equal(result.state, 'OFFLINE');
    assert.equal(result.message.code, 'wallet.offline');
    assert.equal(result.merchantPaymentId, null);
    assert.equal(wallet.store.unresolved().length, before);
    await listening;
    const sale = await register.payCash({ tendered: 10_000 });
    assert.deepEqual(sale.tenders.map((t) => t.kind), ['cash']);
  });

  test('split tender: part by wallet, the rest in cash; change only from cash; basket locked in between', async () => {
    const { register, wallet } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    const part = await register.payWallet({ code: await w.code(), amount: 100 });
    assert.equal(part.state, 'SUCCEEDED');
    assert.equal(part.sale, null);
    assert.equal(part.remaining, total - 100);
    const state = await register.getState();
    assert.equal(state.wallet?.paid, 100);
    await assert.rejects(register.scan({ data: ONIGIRI }), /wallet payment/);
    await assert.rejects(register.payCash({ tendered: total - 101 }), /does not cover the remaining/);
    assert.deepEqual((await register.getState()).messages[0]?.params, { total: total - 100, tendered: total - 101, short: 1, remaining: 1 });
    const sale = await register.payCash({ tendered: 1_000 });
    assert.deepEqual(sale.tenders.map((t) => [t.kind, t.amount, t.change ?? null]), [
      ['wallet', 100, null],
      ['cash', total - 100, 1_000 - (total - 100)],
    ]);
    assert.equal(row(wallet, part.merchantPaymentId).saleId, sale.saleId);
    assert.equal(await balance(w.walletId), 9_900);
  });

  test('split tender abandoned: aborting cancels the paid wallet part (reversed)', async () => {
    const { register, wallet } = newRegister();
    await basket(register);
    const w = await walletWith(10_000);
    const part = await register.payWallet({ code: await w.code(), amount: 50 });
    assert.equal(part.state, 'SUCCEEDED');
    await register.abortWallet();
    assert.equal(row(wallet, part.merchantPaymentId).state, 'REVERSED');
    assert.equal(await balance(w.walletId), 10_000);
    assert.equal((await register.getState()).wallet, null);
    assert.deepEqual((await register.getState()).messages[0]?.code, 'wallet.reversed', 'given back, not "nothing charged"');
    await register.payCash({ tendered: 10_000 });
  });

  test('cancelling a paid part: until the gateway has reversed it the state says CANCELLING, and cash and basket changes are refused', async () => {
    const { register, wallet } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    const part = await register.payWallet({ code: await w.code(), amount: 60 });
    assert.equal(part.state, 'SUCCEEDED');
    await gw.admin.injectFault({ kind: 'delay-response', path: '/v1/payments/*/cancel', delayMs: 250 });
    const cancelling = walletReaches(register, 'CANCELLING');
    const aborting = register.abortWallet();
    await Promise.race([cancelling, delay(2_000).then(() => assert.fail('the register never said CANCELLING while the paid part was reversed'))]);
    await assert.rejects(register.payCash({ tendered: total }), (error: RegisterError) => error.code === 'wallet.busy');
    await assert.rejects(register.scan({ data: ONIGIRI }), (error: RegisterError) => error.code === 'wallet.busy');
    await aborting;
    assert.equal(row(wallet, part.merchantPaymentId).state, 'REVERSED');
    assert.equal((await register.getState()).wallet, null);
    const sale = await register.payCash({ tendered: total });
    assert.deepEqual(sale.tenders.map((t) => [t.kind, t.amount]), [['cash', total]]);
    assert.equal(await balance(w.walletId), 10_000);
  });

  test('refund: the wallet part is refunded with its own key, the refund and its outbox row are recorded once', async () => {
    const { register, wallet } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    const part = await register.payWallet({ code: await w.code(), amount: 200 });
    const sale = await register.payCash({ tendered: total - 200 });
    await assert.rejects(register.refundSale({ saleId: sale.saleId, managerSession: 'cashier-guess' }), /manager session/);
    assert.equal(row(wallet, part.merchantPaymentId).state, 'SUCCEEDED', 'without a manager nothing is refunded');
    const refund = await register.refundSale({ saleId: sale.saleId, managerSession: MANAGER_SESSION });
    assert.deepEqual([refund.walletAmount, refund.cashAmount], [200, total - 200]);
    assert.equal(row(wallet, part.merchantPaymentId).state, 'REFUNDED');
    assert.equal(await balance(w.walletId), 10_000);
    const outbox = store.db.prepare("SELECT idempotency_key, payload FROM outbox WHERE topic = 'refund.upload'").all() as { idempotency_key: string; payload: string }[];
    const queued = outbox.find((o) => o.idempotency_key === `refund-${refund.refundId}`);
    assert.ok(queued, 'the refund is queued for the back office');
    // What the back office's ingest checks this topic against: a refund it refused would sit parked forever.
    const contract = INGEST_PAYLOAD_SCHEMAS['refund.upload'].safeParse(JSON.parse(queued.payload));
    assert.ok(contract.success, `refund.upload payload breaks the back office contract: ${contract.error?.message ?? ''}`);
    assert.equal((JSON.parse(queued.payload) as { approvedBy: string }).approvedBy, 'M001', 'the approving manager, not the session token');
    await assert.rejects(register.refundSale({ saleId: sale.saleId, managerSession: MANAGER_SESSION }), /refunded already/);
    const spent = new SqliteWalletSpendHistory(store.db, store.journal).spentInWindow(w.walletId, gw.clock.now() - 86_400_000, { kind: 'basket' });
    assert.equal(spent.amount, 0, 'a refunded sale no longer counts toward the wallet limits');
  });

  test('four refunds of one sale at once: one refunds, the others are told it was refunded already (none fails inside)', async () => {
    const { register } = newRegister();
    const total = await basket(register);
    const w = await walletWith(10_000);
    await register.payWallet({ code: await w.code(), amount: 100 });
    const sale = await register.payCash({ tendered: total - 100 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => register.refundSale({ saleId: sale.saleId, managerSession: MANAGER_SESSION })));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    for (const o of outcomes) {
      if (o.status === 'rejected') assert.match(String(o.reason), /refunded already/, 'a refusal a manager understands, not "refund ... is not pending"');
    }
    assert.equal(await balance(w.walletId), 10_000);
    const refunds = store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'refund.upload' AND payload LIKE ?").get(`%${sale.saleId}%`) as { n: number };
    assert.equal(refunds.n, 1);
  });

  test('restart mid-payment: a SUBMITTING row is resumed by query (never re-paid); its lost basket is reversed', async () => {
    const w = await walletWith(10_000);
    const code = await w.code();
    // The gateway committed the payment; the register crashed before it heard the answer.
    const key = randomUUID();
    const client = new GatewayClient({ baseUrl: gw.server.url, terminalId: store.registerId, key: terminalKey, clock: gw.clock });
    const now = gw.clock.now();
    assert.equal((await client.pay({ merchantPaymentId: key, code, amount: 700, terminalId: store.registerId, categoryTotals: {}, requestedAt: now })).kind, 'succeeded');
    const unsent = randomUUID();
    const base = { code, terminalId: store.registerId, categoryTotals: {}, createdAt: now, updatedAt: now, deadlineAt: now + 15_000, attempts: 1 };
    const { wallet } = newRegister();
    wallet.store.save({ ...base, merchantPaymentId: key, amount: 700, state: 'SUBMITTING' });
    wallet.store.save({ ...base, merchantPaymentId: unsent, amount: 300, state: 'SUBMITTING' });
    const settled = await wallet.tender!.resumeAfterRestart();
    const states = Object.fromEntries(settled.map((r) => [r.merchantPaymentId, r.state]));
    assert.equal(states[unsent], 'VOIDED');
    assert.equal(states[key], 'REVERSED');
    assert.equal((await gw.admin.payment(key)).charges, 1);
    assert.equal(await balance(w.walletId), 10_000);
  });

  test('bad input is refused with the field named, and nothing is sent', async () => {
    const { register } = newRegister();
    await assert.rejects(register.payWallet({ code: '279000000112345678' }), /basket is empty/);
    const total = await basket(register);
    await assert.rejects(register.payWallet({ code: '279000000112345678', amount: total + 1 }), /wallet amount must be/);
    await register.payCash({ tendered: total });
  });
});
