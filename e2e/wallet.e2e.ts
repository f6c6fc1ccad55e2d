/**
 * Wallet barcode payment end to end, as a tester sees it: the host starts its own sandbox gateway; on the tester
 * panel the customer's phone gets a wallet with ¥20,000 and shows its live code as a barcode; two items are
 * scanned; the cashier presses F5 and the phone's code is "scanned" through the simulated serial scanner; the
 * sale completes on the register screen and the phone's balance drops by the total.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RegisterState } from '../core/api.js';
import type { WalletProgress } from '../core/payments/wallet-tender.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { priceOf, useBrowserRig, yen } from './support/browser-rig.js';
import type { HostProcess } from './support/host-process.js';

const rig = useBrowserRig('regi-e2e-wallet-');
const REGI = join(import.meta.dirname, '../bin/regi.mjs');

describe('wallet payment in the browser', () => {
  let host: HostProcess;
  before(async () => {
    host = await rig.startHost();
  });

  /** Polls the register until its wallet tender is as wanted (the screen acts on the register's state). */
  const walletBecomes = async (want: (w: WalletProgress | null) => boolean, what: string) => {
    for (let i = 0; i < 100; i++) {
      const wallet = (await host.api<RegisterState>('GET', '/api/register')).wallet ?? null;
      if (want(wallet)) return wallet;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`the register's wallet tender never became ${what}`);
  };
  /** A new wallet on the tester panel's phone, showing its live code. */
  const newPhoneWallet = async (phone: Page, balance: number) => {
    await phone.getByTestId('phone-balance-input').fill(String(balance));
    await phone.getByTestId('phone-create').click();
    await phone.getByTestId('phone-balance').getByText(yen(balance)).waitFor();
    await phone.getByTestId('phone-code').getByText(/^2\d{17}$/).waitFor();
  };

  test('the phone code scanned through the simulated scanner pays the sale; the wallet drops by the total', async () => {
    const codes = [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea];
    const total = codes.reduce((sum, c) => sum + priceOf(c), 0);

    const phone = await rig.open(host, '#/tester');
    await newPhoneWallet(phone, 20_000);
    const barcode = await phone.getByTestId('phone-barcode').evaluate((c) => (c as HTMLCanvasElement).width);
    assert.ok(barcode > 100, `the barcode is drawn (${barcode} px wide)`);

    const register = await rig.open(host, '');
    await register.getByTestId('connection-status').and(register.locator('[data-status="connected"]')).waitFor();
    await register.locator('[data-testid="scanner-row"][data-state="connected"]').first().waitFor();
    for (const code of codes) await host.api('POST', '/api/sim/scanners/sim-serial-1/scan', { data: code, aimId: ']E0' });
    await register.getByTestId('total').getByText(yen(total)).waitFor();

    await register.keyboard.press('F5');
    await register.getByTestId('wallet-panel').waitFor();
    await register.getByTestId('wallet-code').waitFor();
    // The register is armed when its state says so: the next scanner read is the customer's code.
    await walletBecomes((w) => w?.state === 'ENTERING', 'armed');

    // The customer display tells the customer what to do, in the stored language (Japanese by default).
    const customer = await rig.open(host, '#/customer');
    await customer.locator('[data-testid="customer-wallet"][data-state="ENTERING"]').getByText(/スマホのバーコード/).waitFor();

    await phone.getByTestId('phone-scan').click();
    await phone.getByTestId('phone-status').getByText('sim-serial-1 で読み取りました').waitFor();
    await register.getByTestId('sale-complete').waitFor({ timeout: 20_000 });
    await register.getByTestId('complete-total').getByText(yen(total)).waitFor();
    // The wallet panel is gone: focus is back in the code field (where a wedge scanner types), not on <body>.
    await register.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'code-input', undefined, { timeout: 5_000 });

    const state = await host.api<RegisterState>('GET', '/api/register');
    assert.equal(state.phase, 'completed');
    assert.deepEqual(state.lastSale?.tenders.map((t) => [t.kind, t.amount]), [['wallet', total]]);
    await phone.getByTestId('phone-balance').getByText(yen(20_000 - total)).waitFor({ timeout: 15_000 });
  });

  test('split tender on the cashier screen: a bad amount disarms, Esc aborts, a paid part can be cancelled, no cash while a payment runs', async () => {
    const codes = [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea];
    const total = codes.reduce((sum, c) => sum + priceOf(c), 0);
    const phone = await rig.open(host, '#/tester');
    await newPhoneWallet(phone, 20_000);
    const register = await rig.open(host, '');
    await register.getByTestId('connection-status').and(register.locator('[data-status="connected"]')).waitFor();
    await register.locator('[data-testid="scanner-row"][data-state="connected"]').first().waitFor();
    for (const code of codes) await host.api('POST', '/api/sim/scanners/sim-serial-1/scan', { data: code, aimId: ']E0' });
    await register.getByTestId('total').getByText(yen(total)).waitFor();
    await register.getByRole('contentinfo').getByText('バーコード決済').waitFor(); // F5 is on the shortcut strip

    // An amount over the total is said on the panel, and the register stops waiting for a code at the old amount.
    await register.keyboard.press('F5');
    await walletBecomes((w) => w?.state === 'ENTERING' && w.amount === total, 'armed for the total');
    await register.getByTestId('wallet-amount').fill('99999');
    await register.getByTestId('wallet-amount-problem').getByText(`決済金額は ¥1 から ${yen(total)} までです`).waitFor();
    await walletBecomes((w) => w === null, 'disarmed');
    await register.getByTestId('last-message').getByText('スマホのバーコード', { exact: false }).waitFor({ state: 'detached' });
    // Esc, as the Abort button says, leaves the wallet tender.
    await register.getByTestId('wallet-amount').fill('100');
    await walletBecomes((w) => w?.state === 'ENTERING' && w.amount === 100, 'armed for ¥100');
    await register.keyboard.press('Escape');
    await register.getByTestId('wallet-panel').waitFor({ state: 'detached' });
    await walletBecomes((w) => w === null, 'disarmed by Esc');

    // ¥100 by wallet; the customer cannot pay the rest: the cashier cancels the paid part and it is reversed.
    await register.keyboard.press('F5');
    await register.getByTestId('wallet-amount').fill('100');
    await walletBecomes((w) => w?.state === 'ENTERING' && w.amount === 100, 'armed for ¥100');
    await phone.getByTestId('phone-scan').click();
    await register.getByTestId('wallet-paid').getByText(yen(100)).waitFor({ timeout: 15_000 });
    await phone.getByTestId('phone-balance').getByText(yen(19_900)).waitFor({ timeout: 15_000 });
    await register.keyboard.press('F5');
    await register.locator('[data-testid="message-banner"][data-code="wallet.partPaid"]').getByText(`バーコード決済 ${yen(100)} は支払い済みです`, { exact: false }).waitFor();
    await register.getByTestId('wallet-cancel-paid').click();
    await register.getByTestId('wallet-paid').waitFor({ state: 'detached', timeout: 15_000 });
    await phone.getByTestId('phone-balance').getByText(yen(20_000)).waitFor({ timeout: 15_000 });

    // F4 while the register waits for a code: cash instead, and the register no longer waits.
    await register.keyboard.press('F5');
    await walletBecomes((w) => w?.state === 'ENTERING', 'armed');
    await register.keyboard.press('F4');
    await register.getByTestId('tendered-input').waitFor();
    await walletBecomes((w) => w === null, 'disarmed by F4');
    await register.keyboard.press('Escape');

    // A slow gateway: while the payment runs, F4 is refused in words and the sale is the wallet's alone.
    await newPhoneWallet(phone, 20_000); // the first phone's code of this minute is spent
    await register.keyboard.press('F5');
    await walletBecomes((w) => w?.state === 'ENTERING', 'armed');
    await promisify(execFile)(process.execPath, [REGI, 'gateway', 'fault', 'delay-response', '--path', '/v1/payments', '--method', 'POST', '--count', '1', '--delay-ms', '3000', '--data', join(rig.dataDir, 'gateway')]);
    await phone.getByTestId('phone-scan').click();
    await walletBecomes((w) => w !== null && w.state !== 'ENTERING', 'running');
    await register.keyboard.press('F4');
    await register.locator('[data-testid="message-banner"][data-code="wallet.busy"]').waitFor();
    assert.equal(await register.getByTestId('tendered-input').count(), 0, 'no cash panel while the payment runs');
    await register.getByTestId('sale-complete').waitFor({ timeout: 20_000 });
    const state = await host.api<RegisterState>('GET', '/api/register');
    assert.deepEqual(state.lastSale?.tenders.map((t) => [t.kind, t.amount]), [['wallet', total]]);
    await phone.getByTestId('phone-balance').getByText(yen(20_000 - total)).waitFor({ timeout: 15_000 });
    await register.close();
    await phone.close();
  });

  test('a declined code leaves the panel waiting for the next one; a reload while it waits shows the panel again', async () => {
    const phone = await rig.open(host, '#/tester');
    await newPhoneWallet(phone, 50); // too little for the sale
    const register = await rig.open(host, '');
    await register.getByTestId('connection-status').and(register.locator('[data-status="connected"]')).waitFor();
    await register.locator('[data-testid="scanner-row"][data-state="connected"]').first().waitFor();
    await host.api('POST', '/api/sim/scanners/sim-serial-1/scan', { data: DEMO_CODES.greenTea, aimId: ']E0' });
    await register.getByTestId('total').getByText(yen(priceOf(DEMO_CODES.greenTea))).waitFor();
    await register.keyboard.press('F5');
    await walletBecomes((w) => w?.state === 'ENTERING', 'armed');

    await register.reload();
    await register.getByTestId('wallet-panel').waitFor(); // the register still waits for a code: so does the screen
    await phone.getByTestId('phone-scan').click();
    await register.locator('[data-testid="message-banner"][data-code="wallet.declined"]').getByText('残高が足りません', { exact: false }).waitFor({ timeout: 15_000 });
    await walletBecomes((w) => w?.state === 'ENTERING', 'armed again after the decline');
    await register.getByTestId('wallet-panel').waitFor();

    await newPhoneWallet(phone, 20_000); // the customer tops up (another wallet here)
    await phone.getByTestId('phone-scan').click();
    await register.getByTestId('sale-complete').waitFor({ timeout: 20_000 });
    await register.close();
    await phone.close();
  });
});
