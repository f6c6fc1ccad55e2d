/**
 * A split tender on screen: part of the sale paid by the customer's wallet barcode, the rest in cash. What the
 * customer display says between the two parts, and what the cashier's cash panel and sale-complete panel show.
 * Each test starts a register and sells its basket through the control API.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RegisterState } from '../core/api.js';
import type { CompletedSale } from '../core/domain/sale.js';
import type { WalletPayResult } from '../core/payments/wallet-tender.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import type { HostProcess } from './support/host-process.js';
import { priceOf, useBrowserRig, yen } from './support/browser-rig.js';

const rig = useBrowserRig('regi-e2e-split-');
let started: HostProcess | undefined;

/** A register of its own for each test (a test that fails half way must not leave the next one a paid wallet part). */
async function host(): Promise<HostProcess> {
  await started?.stop();
  started = await rig.startHost(['--sim-scanners', '0']);
  return started;
}

const CODES = [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea];
const TOTAL = CODES.reduce((sum, c) => sum + priceOf(c), 0);
const WALLET_PART = 100;
const REMAINING = TOTAL - WALLET_PART;

/** Opens a sale with CODES and pays `amount` of it (all of it when absent) with a fresh wallet's one-time code. */
async function scanAndPayWallet(h: HostProcess, amount?: number): Promise<WalletPayResult> {
  for (const data of CODES) await h.api('POST', '/api/register/scan', { data, source: 'keyboard' });
  const wallet = await h.api<{ walletId: string }>('POST', '/api/sim/wallets', { balance: 20_000, name: 'split' });
  const { code } = await h.api<{ code: string }>('GET', `/api/sim/wallets/${encodeURIComponent(wallet.walletId)}/code`);
  return h.api<WalletPayResult>('POST', '/api/rpc', { method: 'payWallet', params: { code, ...(amount === undefined ? {} : { amount }) } });
}

describe('split tender (wallet part, then cash) on screen', () => {
  test('the customer display says what is still to pay after the wallet part, and "complete" only when the sale is', async () => {
    assert.ok(REMAINING > 0, `the basket (${TOTAL}) costs more than the wallet part`);
    const h = await host();
    const paid = await scanAndPayWallet(h, WALLET_PART);
    assert.equal(paid.state, 'SUCCEEDED');
    assert.equal(paid.remaining, REMAINING);
    const state = await h.api<RegisterState>('GET', '/api/register');
    assert.equal(state.phase, 'scanning');
    assert.equal(state.wallet?.paid, WALLET_PART);

    const customer = await rig.open(h, '#/customer');
    const wallet = customer.getByTestId('customer-wallet');
    await wallet.getByTestId('customer-remaining').getByText(`残り ${yen(REMAINING)}`).waitFor({ timeout: 5_000 });
    const ja = await wallet.textContent();
    assert.match(ja ?? '', new RegExp(`バーコード決済済み ${yen(WALLET_PART)}`));
    assert.doesNotMatch(ja ?? '', /完了/, `nothing says the payment is complete while cash is due: ${ja}`);
    assert.equal(await customer.getByTestId('customer-thanks').count(), 0);

    await customer.evaluate(() => window.localStorage.setItem('regi.lang', 'en'));
    await customer.reload();
    await customer.getByTestId('customer-remaining').getByText(`${yen(REMAINING)} remaining`).waitFor({ timeout: 5_000 });
    assert.doesNotMatch((await customer.getByTestId('customer-wallet').textContent()) ?? '', /complete/i);
    await customer.evaluate(() => window.localStorage.setItem('regi.lang', 'ja'));
    await customer.reload();
    await customer.getByTestId('customer-remaining').waitFor({ timeout: 5_000 });

    // The cash completes the sale: now the display shows it paid, with the wallet part, the change and thanks.
    const sale = await h.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1000 });
    assert.deepEqual(sale.tenders.map((t) => [t.kind, t.amount]), [['wallet', WALLET_PART], ['cash', REMAINING]]);
    await customer.getByTestId('customer-thanks').getByText('ありがとうございました').waitFor({ timeout: 5_000 });
    assert.equal(await customer.getByTestId('customer-change').textContent(), `お釣り ${yen(1000 - REMAINING)}`);
    assert.equal(await customer.getByTestId('customer-paid-wallet').textContent(), `バーコード決済済み ${yen(WALLET_PART)}`);
    assert.equal(await customer.getByTestId('customer-wallet').count(), 0, 'no wallet progress is left once the sale completed');
    await customer.close();
  });

  test('the cashier sees the cash still due as "remaining", and a sale-complete panel that adds up with the wallet part', async () => {
    const h = await host();
    const paid = await scanAndPayWallet(h, WALLET_PART);
    assert.equal(paid.remaining, REMAINING);
    const register = await rig.open(h, '');
    await register.getByTestId('connection-status').and(register.locator('[data-status="connected"]')).waitFor();
    await register.getByTestId('wallet-paid').waitFor();

    // The cash panel asks for what remains after the wallet part and calls it that, not the sale's total.
    await register.keyboard.press('F4');
    await register.getByTestId('tendered-input').waitFor();
    assert.equal(await register.locator('.tender-head').getByTestId('tender-due').or(register.locator('.tender-total')).textContent(), `残り (現金) ${yen(REMAINING)}`);
    await register.getByTestId('tendered-input').fill('1000');
    await register.getByTestId('tendered-input').press('Enter');

    // Total = wallet part + cash received - change, all on the panel, in the order the receipt lists the tenders.
    const panel = register.getByTestId('sale-complete');
    await panel.waitFor();
    const rows = async () =>
      panel.locator('.complete-grid').evaluate((grid) => [...grid.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    assert.deepEqual(await rows(), [
      ['合計', yen(TOTAL)],
      ['バーコード決済', yen(WALLET_PART)],
      ['お預かり', yen(1000)],
      ['お釣り', yen(1000 - REMAINING)],
    ]);
    await register.evaluate(() => window.localStorage.setItem('regi.lang', 'en'));
    await register.reload();
    await register.getByTestId('sale-complete').waitFor();
    assert.deepEqual(await rows(), [
      ['Total', yen(TOTAL)],
      ['Wallet payment', yen(WALLET_PART)],
      ['Received', yen(1000)],
      ['Change', yen(1000 - REMAINING)],
    ]);
    await register.evaluate(() => window.localStorage.setItem('regi.lang', 'ja'));
    await register.close();
  });

  test('a sale paid wholly by wallet shows the wallet payment, not cash received equal to the total', async () => {
    const h = await host();
    const paid = await scanAndPayWallet(h);
    assert.equal(paid.sale?.totals.total, TOTAL);
    const register = await rig.open(h, '');
    const panel = register.getByTestId('sale-complete');
    await panel.waitFor();
    assert.equal(await panel.getByTestId('complete-received').count(), 0, 'no cash was received');
    assert.equal(await panel.getByTestId('complete-wallet').textContent(), yen(TOTAL));
    assert.equal(await panel.getByTestId('change').textContent(), yen(0));
    await register.close();
  });
});
