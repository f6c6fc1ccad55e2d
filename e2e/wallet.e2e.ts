/**
 * Wallet barcode payment end to end, as a tester sees it: the host starts its own sandbox gateway; on the tester
 * panel the customer's phone gets a wallet with ¥20,000 and shows its live code as a barcode; two items are
 * scanned; the cashier presses F5 and the phone's code is "scanned" through the simulated serial scanner; the
 * sale completes on the register screen and the phone's balance drops by the total.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RegisterState } from '../core/api.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { priceOf, useBrowserRig, yen } from './support/browser-rig.js';

const rig = useBrowserRig('regi-e2e-wallet-');

describe('wallet payment in the browser', () => {
  test('the phone code scanned through the simulated scanner pays the sale; the wallet drops by the total', async () => {
    const host = await rig.startHost();
    const codes = [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea];
    const total = codes.reduce((sum, c) => sum + priceOf(c), 0);

    const phone = await rig.open(host, '#/tester');
    await phone.getByTestId('phone-balance-input').fill('20000');
    await phone.getByTestId('phone-create').click();
    await phone.getByTestId('phone-balance').getByText(yen(20_000)).waitFor();
    await phone.getByTestId('phone-code').getByText(/^2\d{17}$/).waitFor();
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
    for (let i = 0; i < 50; i++) {
      if ((await host.api<RegisterState>('GET', '/api/register')).wallet?.state === 'ENTERING') break;
      await register.waitForTimeout(100);
    }

    // The customer display tells the customer what to do, in the stored language (Japanese by default).
    const customer = await rig.open(host, '#/customer');
    await customer.locator('[data-testid="customer-wallet"][data-state="ENTERING"]').getByText(/スマホのバーコード/).waitFor();

    await phone.getByTestId('phone-scan').click();
    await register.getByTestId('sale-complete').waitFor({ timeout: 20_000 });
    await register.getByTestId('complete-total').getByText(yen(total)).waitFor();
    // The wallet panel is gone: focus is back in the code field (where a wedge scanner types), not on <body>.
    await register.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'code-input', undefined, { timeout: 5_000 });

    const state = await host.api<RegisterState>('GET', '/api/register');
    assert.equal(state.phase, 'completed');
    assert.deepEqual(state.lastSale?.tenders.map((t) => [t.kind, t.amount]), [['wallet', total]]);
    await phone.getByTestId('phone-balance').getByText(yen(20_000 - total)).waitFor({ timeout: 15_000 });
  });
});
