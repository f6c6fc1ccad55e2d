import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { GatewayClient } from '../client/gateway-client.js';
import { newKey, startTestGateway, type TestGateway } from './test-support.js';

describe('gateway payments', () => {
  let gw: TestGateway;
  let client: GatewayClient;
  before(async () => {
    gw = await startTestGateway();
    client = await gw.client('T-PAY');
  });
  after(async () => {
    try {
      const books = await gw.admin.reconcile();
      assert.deepEqual(books.mismatches, []);
    } finally {
      await gw.close();
    }
  });

  const payment = (code: string, amount: number, key = newKey()) => ({
    merchantPaymentId: key,
    code,
    amount,
    terminalId: 'T-PAY',
    categoryTotals: { general: amount },
    requestedAt: gw.clock.now(),
  });

  test('a live code pays once and debits the wallet through the ledger', async () => {
    const w = await gw.admin.createWallet({ balance: 20_000, name: 'Hanako' });
    const { code } = await gw.admin.code(w.walletId);
    const result = await client.pay(payment(code, 1_280));
    assert.equal(result.kind, 'succeeded');
    assert.equal(result.kind === 'succeeded' && result.payment.walletId, w.walletId);
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 18_720);
    const ledger = await gw.admin.ledger(w.walletId);
    assert.deepEqual(
      ledger.map((e) => [e.kind, e.amount, e.balanceAfter]),
      [
        ['open', 20_000, 20_000],
        ['payment', -1_280, 18_720],
      ],
    );
  });

  test('a code is single use: a second payment with it is declined, even a code from an earlier step', async () => {
    const w = await gw.admin.createWallet({ balance: 10_000 });
    const early = (await gw.admin.code(w.walletId)).code;
    gw.clock.advance(60_000);
    const current = (await gw.admin.code(w.walletId)).code;
    assert.notEqual(early, current);
    assert.equal((await client.pay(payment(current, 100))).kind, 'succeeded');
    const again = await client.pay(payment(current, 100));
    assert.equal(again.kind === 'declined' && again.reason, 'CODE_ALREADY_USED');
    const older = await client.pay(payment(early, 100));
    assert.equal(older.kind === 'declined' && older.reason, 'CODE_ALREADY_USED');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 9_900);
  });

  test('a code is accepted one step late but not two', async () => {
    const w = await gw.admin.createWallet({ balance: 10_000 });
    const code = (await gw.admin.code(w.walletId)).code;
    gw.clock.advance(60_000);
    assert.equal((await client.pay(payment(code, 100))).kind, 'succeeded');
    const stale = (await gw.admin.code(w.walletId)).code;
    gw.clock.advance(120_000);
    const late = await client.pay(payment(stale, 100));
    assert.equal(late.kind === 'declined' && late.reason, 'CODE_EXPIRED_OR_INVALID');
  });

  test('a garbled or unknown code is declined with a reason', async () => {
    const bad = await client.pay(payment('12345', 100));
    assert.equal(bad.kind === 'declined' && bad.reason, 'INVALID_CODE');
    const unknown = await client.pay(payment('279999999912345678', 100));
    assert.equal(unknown.kind === 'declined' && unknown.reason, 'CODE_NOT_FOUND');
  });

  test('same key and body replays the stored result; same key with another body is 409', async () => {
    const w = await gw.admin.createWallet({ balance: 5_000 });
    const body = payment((await gw.admin.code(w.walletId)).code, 700);
    const first = await client.pay(body);
    const second = await client.pay(body);
    assert.equal(first.kind, 'succeeded');
    assert.deepEqual(second, first);
    const conflict = await client.pay({ ...body, amount: 701 });
    assert.equal(conflict.kind, 'rejected');
    assert.equal(conflict.kind === 'rejected' && conflict.status, 409);
    assert.equal(conflict.kind === 'rejected' && conflict.code, 'IDEMPOTENCY_MISMATCH');
    assert.equal((await gw.admin.payment(body.merchantPaymentId)).charges, 1);
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 4_300);
  });

  test('insufficient balance is declined and charges nothing', async () => {
    const w = await gw.admin.createWallet({ balance: 500 });
    const r = await client.pay(payment((await gw.admin.code(w.walletId)).code, 501));
    assert.equal(r.kind === 'declined' && r.reason, 'INSUFFICIENT_BALANCE');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 500);
  });

  test('cancel reverses a completed payment; cancelling again answers the same', async () => {
    const w = await gw.admin.createWallet({ balance: 3_000 });
    const body = payment((await gw.admin.code(w.walletId)).code, 1_000);
    assert.equal((await client.pay(body)).kind, 'succeeded');
    const c1 = await client.cancelPayment(body.merchantPaymentId);
    assert.equal(c1.kind === 'cancelled' && c1.payment.status, 'REVERSED');
    const c2 = await client.cancelPayment(body.merchantPaymentId);
    assert.equal(c2.kind === 'cancelled' && c2.payment.status, 'REVERSED');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 3_000);
    const q = await client.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.status, 'REVERSED');
  });

  test('cancel outside the window is refused; refund instead', async () => {
    await gw.admin.setRules({ cancelWindowMinutes: 10 });
    const w = await gw.admin.createWallet({ balance: 3_000 });
    const body = payment((await gw.admin.code(w.walletId)).code, 1_000);
    assert.equal((await client.pay(body)).kind, 'succeeded');
    gw.clock.advance(11 * 60_000);
    const c = await client.cancelPayment(body.merchantPaymentId);
    assert.equal(c.kind === 'refused' && c.code, 'CANCEL_WINDOW_EXPIRED');
    await gw.admin.setRules({ cancelWindowMinutes: 24 * 60 });
  });

  test('cancel of an unknown key blocks a late payment with that key forever', async () => {
    const w = await gw.admin.createWallet({ balance: 3_000 });
    const body = payment((await gw.admin.code(w.walletId)).code, 1_000);
    const c = await client.cancelPayment(body.merchantPaymentId);
    assert.equal(c.kind === 'cancelled' && c.payment.status, 'CANCELED');
    const late = await client.pay(body);
    assert.equal(late.kind === 'declined' && late.reason, 'ALREADY_CANCELLED');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 3_000);
    assert.equal((await client.queryPayment(body.merchantPaymentId)).kind, 'not-found');
  });

  test('refunds: own idempotency key, partial, capped at the payment, 409 on a changed body', async () => {
    const w = await gw.admin.createWallet({ balance: 3_000 });
    const body = payment((await gw.admin.code(w.walletId)).code, 1_000);
    assert.equal((await client.pay(body)).kind, 'succeeded');
    const r1 = { merchantRefundId: newKey('rf'), merchantPaymentId: body.merchantPaymentId, amount: 400 };
    assert.equal((await client.refund(r1)).kind, 'succeeded');
    assert.equal((await client.refund(r1)).kind, 'succeeded');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 2_400);
    const tooMuch = await client.refund({ merchantRefundId: newKey('rf'), merchantPaymentId: body.merchantPaymentId, amount: 700 });
    assert.equal(tooMuch.kind === 'declined' && tooMuch.reason, 'REFUND_EXCEEDS_PAYMENT');
    const changed = await client.refund({ ...r1, amount: 401 });
    assert.equal(changed.kind === 'rejected' && changed.code, 'IDEMPOTENCY_MISMATCH');
    const q = await client.queryPayment(body.merchantPaymentId);
    assert.equal(q.kind === 'found' && q.payment.refundedAmount, 400);
    const cancel = await client.cancelPayment(body.merchantPaymentId);
    assert.equal(cancel.kind === 'refused' && cancel.code, 'PARTIALLY_REFUNDED');
  });

  test('above the confirmation threshold the payment awaits the customer, then completes or is voided', async () => {
    await gw.admin.setRules({ userConfirmationAbove: 5_000 });
    try {
      const w = await gw.admin.createWallet({ balance: 20_000 });
      const b1 = payment((await gw.admin.code(w.walletId)).code, 6_000);
      const r1 = await client.pay(b1);
      assert.equal(r1.kind, 'awaiting-user');
      assert.equal((await gw.admin.wallet(w.walletId)).balance, 20_000);
      await gw.admin.confirmPayment(b1.merchantPaymentId, true);
      const q = await client.queryPayment(b1.merchantPaymentId);
      assert.equal(q.kind === 'found' && q.payment.status, 'COMPLETED');
      assert.equal((await gw.admin.wallet(w.walletId)).balance, 14_000);

      gw.clock.advance(60_000);
      const b2 = payment((await gw.admin.code(w.walletId)).code, 7_000);
      assert.equal((await client.pay(b2)).kind, 'awaiting-user');
      const c = await client.cancelPayment(b2.merchantPaymentId);
      assert.equal(c.kind === 'cancelled' && c.payment.status, 'CANCELED');
      await assert.rejects(gw.admin.confirmPayment(b2.merchantPaymentId, true), /NOT_AUTHORIZING/);
      assert.equal((await gw.admin.wallet(w.walletId)).balance, 14_000);
    } finally {
      await gw.admin.setRules({ userConfirmationAbove: null });
    }
  });

  test('top-ups go through the ledger and balances reconcile to the yen', async () => {
    const w = await gw.admin.createWallet({ balance: 0 });
    await gw.admin.topUp(w.walletId, 3_333, 'bank:mizuho');
    const view = await gw.admin.topUp(w.walletId, 1, 'convenience-store');
    assert.equal(view.balance, 3_334);
    const ledger = await gw.admin.ledger(w.walletId);
    assert.deepEqual(ledger.map((e) => e.source), ['bank:mizuho', 'convenience-store']);
    const books = await gw.admin.reconcile();
    assert.equal(books.ok, true, books.mismatches.join('\n'));
  });

  test('the terminal named in the body must be the signing terminal', async () => {
    const w = await gw.admin.createWallet({ balance: 3_000 });
    const r = await client.pay({ ...payment((await gw.admin.code(w.walletId)).code, 100), terminalId: 'SOMEONE-ELSE' });
    assert.equal(r.kind === 'rejected' && r.code, 'TERMINAL_MISMATCH');
  });
});

describe('gateway payments are scoped to the terminal that made them', () => {
  let gw: TestGateway;
  before(async () => {
    gw = await startTestGateway();
  });
  after(async () => {
    try {
      assert.deepEqual((await gw.admin.reconcile()).mismatches, []);
    } finally {
      await gw.close();
    }
  });

  test("another terminal can neither see, cancel nor refund a terminal's payment, nor reuse its keys", async () => {
    const mine = await gw.client('T-OWN');
    const other = await gw.client('T-OTHER');
    const w = await gw.admin.createWallet({ balance: 5_000 });
    const body = { merchantPaymentId: newKey(), code: (await gw.admin.code(w.walletId)).code, amount: 700, terminalId: 'T-OWN', categoryTotals: {}, requestedAt: gw.clock.now() };
    assert.equal((await mine.pay(body)).kind, 'succeeded');

    assert.equal((await other.queryPayment(body.merchantPaymentId)).kind, 'not-found');
    const cancel = await other.cancelPayment(body.merchantPaymentId);
    assert.equal(cancel.kind === 'rejected' && cancel.code, 'PAYMENT_NOT_FOUND');
    const refund = await other.refund({ merchantRefundId: newKey(), merchantPaymentId: body.merchantPaymentId, amount: 700 });
    assert.equal(refund.kind === 'declined' && refund.reason, 'PAYMENT_NOT_FOUND');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 4_300, 'nothing moved');

    // Its own terminal still sees it, refunds it, and only it can read that refund back.
    assert.equal((await mine.queryPayment(body.merchantPaymentId)).kind, 'found');
    const refundId = newKey();
    assert.equal((await mine.refund({ merchantRefundId: refundId, merchantPaymentId: body.merchantPaymentId, amount: 700 })).kind, 'succeeded');
    assert.equal((await mine.queryRefund(refundId)).kind, 'found');
    assert.equal((await other.queryRefund(refundId)).kind, 'not-found');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 5_000);
  });

  test("a terminal's cancel-before-arrival marker belongs to it", async () => {
    const mine = await gw.client('T-OWN2');
    const other = await gw.client('T-OTHER2');
    const key = newKey();
    assert.equal((await mine.cancelPayment(key)).kind, 'cancelled');
    const w = await gw.admin.createWallet({ balance: 1_000 });
    const late = { merchantPaymentId: key, code: (await gw.admin.code(w.walletId)).code, amount: 100, terminalId: 'T-OTHER2', categoryTotals: {}, requestedAt: gw.clock.now() };
    const r = await other.pay(late);
    assert.equal(r.kind === 'rejected' && r.code, 'IDEMPOTENCY_MISMATCH', 'the key is taken; nothing is charged');
    assert.equal((await gw.admin.wallet(w.walletId)).balance, 1_000);
  });
});
