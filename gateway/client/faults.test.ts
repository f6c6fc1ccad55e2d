import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import type { PaymentRequest } from '../protocol/wire.js';
import { newKey, startTestGateway, type TestGateway } from '../sim/test-support.js';
import type { GatewayClient } from './gateway-client.js';

/**
 * Every injected fault against the real client: the client reports UNKNOWN (never a guess), a query or a retry
 * with the same key resolves it, and the ledger shows at most one charge per key.
 */
describe('GatewayClient under injected faults', () => {
  let gw: TestGateway;
  let once1: GatewayClient; // one attempt: shows the raw outcome
  let patient: GatewayClient; // retries with the same key and body
  before(async () => {
    gw = await startTestGateway();
    once1 = await gw.client('T-FAULT', { maxAttempts: 1, timeoutMs: 300 });
    const { key } = await gw.admin.provisionTerminal('T-FAULT-R');
    const { GatewayClient } = await import('./gateway-client.js');
    patient = new GatewayClient({ baseUrl: gw.server.url, terminalId: 'T-FAULT-R', key, clock: gw.clock, maxAttempts: 4, retryDelayMs: 5, timeoutMs: 300 });
  });
  afterEach(async () => {
    await gw.admin.clearFaults();
  });
  after(async () => {
    try {
      const books = await gw.admin.reconcile();
      assert.deepEqual(books.mismatches, []);
    } finally {
      await gw.close();
    }
  });

  async function newPayment(amount: number, terminalId = 'T-FAULT'): Promise<{ body: PaymentRequest; walletId: string }> {
    const w = await gw.admin.createWallet({ balance: 10_000 });
    const { code } = await gw.admin.code(w.walletId);
    return {
      walletId: w.walletId,
      body: { merchantPaymentId: newKey(), code, amount, terminalId, categoryTotals: {}, requestedAt: gw.clock.now() },
    };
  }
  const balance = async (walletId: string) => (await gw.admin.wallet(walletId)).balance;
  const charges = async (key: string) => (await gw.admin.payment(key)).charges;

  test('commit then drop the response: UNKNOWN, query finds it COMPLETED, a replay does not charge again', async () => {
    const { body, walletId } = await newPayment(1_000);
    await gw.admin.injectFault({ kind: 'drop-response', path: '/v1/payments', method: 'POST' });
    const r = await once1.pay(body);
    assert.equal(r.kind, 'unknown');
    assert.equal(r.kind === 'unknown' && r.cause, 'connection-dropped');
    const q = await once1.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.status, 'COMPLETED');
    assert.equal((await once1.pay(body)).kind, 'succeeded');
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 9_000);
  });

  test('dropped response with retries: the retry replays the stored result', async () => {
    const { body, walletId } = await newPayment(1_500, 'T-FAULT-R');
    await gw.admin.injectFault({ kind: 'drop-response', path: '/v1/payments', count: 2 });
    const r = await patient.pay(body);
    assert.equal(r.kind, 'succeeded');
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 8_500);
  });

  test('answer after the client timeout: UNKNOWN (timeout), query resolves COMPLETED', async () => {
    const { body, walletId } = await newPayment(2_000);
    await gw.admin.injectFault({ kind: 'delay-response', path: '/v1/payments', delayMs: 1_500 });
    const done = once(gw.server.events, 'fault-done');
    const r = await once1.pay(body);
    assert.equal(r.kind === 'unknown' && r.cause, 'timeout');
    const q = await once1.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.status, 'COMPLETED');
    await done;
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 8_000);
  });

  test('5xx then late success: UNKNOWN, query not found, then COMPLETED once the late commit lands', async () => {
    const { body, walletId } = await newPayment(3_000);
    await gw.admin.injectFault({ kind: 'error-then-late-success', path: '/v1/payments', delayMs: 200 });
    const late = once(gw.server.events, 'late-commit');
    const r = await once1.pay(body);
    assert.equal(r.kind === 'unknown' && r.cause, 'server-error');
    assert.equal((await once1.queryPayment(body.merchantPaymentId)).kind, 'not-found');
    await late;
    const q = await once1.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.status, 'COMPLETED');
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 7_000);
  });

  test('5xx then late success, cancelled before it lands: the late payment is refused, nothing charged', async () => {
    const { body, walletId } = await newPayment(3_000);
    await gw.admin.injectFault({ kind: 'error-then-late-success', path: '/v1/payments', delayMs: 200 });
    const late = once(gw.server.events, 'late-commit');
    assert.equal((await once1.pay(body)).kind, 'unknown');
    const c = await once1.cancelPayment(body.merchantPaymentId);
    assert.equal(c.kind === 'cancelled' && c.payment.status, 'CANCELED');
    const [, reply] = (await late) as [string, { status: number; body: { error: { code: string } } }];
    assert.equal(reply.status, 409);
    assert.equal(reply.body.error.code, 'ALREADY_CANCELLED');
    assert.equal(await balance(walletId), 10_000);
  });

  test('5xx then late success with retries: retry charges, the late request replays, one charge', async () => {
    const { body, walletId } = await newPayment(4_000, 'T-FAULT-R');
    await gw.admin.injectFault({ kind: 'error-then-late-success', path: '/v1/payments', delayMs: 100 });
    const late = once(gw.server.events, 'late-commit');
    assert.equal((await patient.pay(body)).kind, 'succeeded');
    await late;
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 6_000);
  });

  test('query answers not-found for N seconds of gateway time, then finds the payment', async () => {
    const { body } = await newPayment(500);
    assert.equal((await once1.pay(body)).kind, 'succeeded');
    await gw.admin.injectFault({ kind: 'query-not-found', path: '/v1/payments/*', durationMs: 10_000 });
    assert.equal((await once1.queryPayment(body.merchantPaymentId)).kind, 'not-found');
    assert.equal((await once1.queryPayment(body.merchantPaymentId)).kind, 'not-found');
    gw.clock.advance(10_000);
    const q = await once1.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.status, 'COMPLETED');
  });

  test('cancel answers retry-later N times, then reverses exactly once', async () => {
    const { body, walletId } = await newPayment(800);
    assert.equal((await once1.pay(body)).kind, 'succeeded');
    await gw.admin.injectFault({ kind: 'cancel-retry-later', path: '/v1/payments/*/cancel', count: 2 });
    assert.equal((await once1.cancelPayment(body.merchantPaymentId)).kind, 'retry-later');
    assert.equal((await once1.cancelPayment(body.merchantPaymentId)).kind, 'retry-later');
    assert.equal(await balance(walletId), 9_200);
    const c = await once1.cancelPayment(body.merchantPaymentId);
    assert.equal(c.kind === 'cancelled' && c.payment.status, 'REVERSED');
    assert.equal(await balance(walletId), 10_000);
  });

  test('cancel retry-later is retried by the client with the same key', async () => {
    const { body, walletId } = await newPayment(800, 'T-FAULT-R');
    assert.equal((await patient.pay(body)).kind, 'succeeded');
    await gw.admin.injectFault({ kind: 'cancel-retry-later', path: '/v1/payments/*/cancel', count: 2 });
    const c = await patient.cancelPayment(body.merchantPaymentId);
    assert.equal(c.kind === 'cancelled' && c.payment.status, 'REVERSED');
    assert.equal(await balance(walletId), 10_000);
  });

  for (const status of [429, 503] as const) {
    test(`${status} for N requests: not processed; retried with the same key it completes once`, async () => {
      const { body, walletId } = await newPayment(600);
      await gw.admin.injectFault({ kind: 'status', status, path: '/v1/payments', method: 'POST', count: 1 });
      const r = await once1.pay(body);
      assert.equal(r.kind === 'unknown' && r.cause, status === 429 ? 'rate-limited' : 'server-error');
      assert.equal((await once1.queryPayment(body.merchantPaymentId)).kind, 'not-found');

      const other = await newPayment(600, 'T-FAULT-R');
      await gw.admin.injectFault({ kind: 'status', status, path: '/v1/payments', method: 'POST', count: 1 });
      assert.equal((await patient.pay(other.body)).kind, 'succeeded');
      assert.equal(await charges(other.body.merchantPaymentId), 1);
      assert.equal(await balance(walletId), 10_000);
    });
  }

  test('refused connections for a while: UNKNOWN (refused), then the same key completes once', async () => {
    const { body, walletId } = await newPayment(700);
    const refusing = once(gw.server.events, 'refusing');
    await gw.admin.injectFault({ kind: 'refuse-connections', durationMs: 1_000 });
    await refusing;
    const listening = once(gw.server.events, 'listening');
    const r = await once1.pay(body);
    assert.equal(r.kind === 'unknown' && r.cause, 'connection-refused');
    await listening;
    assert.equal((await once1.queryPayment(body.merchantPaymentId)).kind, 'not-found');
    assert.equal((await once1.pay(body)).kind, 'succeeded');
    assert.equal(await charges(body.merchantPaymentId), 1);
    assert.equal(await balance(walletId), 9_300);
  });

  test('a fault spec is validated, naming the missing field', async () => {
    await assert.rejects(gw.admin.injectFault({ kind: 'delay-response', path: '/v1/payments' }), /delayMs: required/);
    await assert.rejects(gw.admin.injectFault({ kind: 'explode' }), /kind/);
  });
});
