/**
 * A refund from the history screen, as a store manager does it: the sale's receipt, "Refund", the manager's id and
 * PIN. A wrong PIN refunds nothing; the right one refunds the sale once (cash back shown), records the manager and
 * queues the refund for the back office; asking again is refused.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CompletedSale } from '../core/domain/sale.js';
import { openDatabase } from '../db/open-database.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { priceOf, useBrowserRig, yen } from './support/browser-rig.js';

const rig = useBrowserRig('regi-e2e-refund-', { width: 1280, height: 900 });

describe('refund from the history screen', () => {
  test('needs a manager PIN, refunds once, records the manager and queues it for the back office', async () => {
    const host = await rig.startHost(['--sim-scanners', '0']);
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.onigiriSalmon });
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.greenTea });
    const sale = await host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1_000 });
    const total = priceOf(DEMO_CODES.onigiriSalmon) + priceOf(DEMO_CODES.greenTea);
    assert.equal(sale.totals.total, total);

    const page = await rig.open(host, `#/history?sale=${sale.saleId}`);
    await page.evaluate(() => window.localStorage.setItem('regi.lang', 'en'));
    await page.reload();
    await page.getByTestId('receipt').waitFor();
    /** Refund, the manager id and this PIN, confirm. */
    const askRefund = async (pin: string): Promise<void> => {
      await page.getByTestId('refund-start').click();
      await page.getByTestId('refund-manager-id').fill('M001');
      await page.getByTestId('refund-manager-pin').fill(pin);
      await page.getByTestId('refund-confirm').click();
    };
    await askRefund('1');
    assert.equal(await page.getByTestId('refund-error').innerText(), 'A PIN is 4 to 8 digits');
    await page.getByTestId('refund-manager-pin').fill('9999');
    await page.getByTestId('refund-confirm').click();
    await page.getByTestId('refund-error').filter({ hasText: /Wrong manager id or PIN/ }).waitFor();
    assert.equal(refundRows(rig.dataDir).length, 0, 'a wrong PIN refunds nothing');

    await page.getByTestId('refund-manager-pin').fill('1234');
    await page.getByTestId('refund-confirm').click();
    const done = await page.getByTestId('refund-done').innerText();
    assert.match(done, new RegExp(`cash back ${yen(total)}`));
    assert.deepEqual(refundRows(rig.dataDir), [{ state: 'COMPLETED', approved_by: 'M001', cash_amount: total, queued: 1 }]);

    // The list marks the sale refunded at once, and after a reload, which keeps the sale selected (the address has it).
    const badge = page.locator('[data-testid="history-refund"][data-refund="completed"]');
    await badge.waitFor({ timeout: 5_000 });
    await page.goto(page.url().replace(/\?.*$/, ''));
    await page.reload();
    await badge.waitFor();
    await page.getByTestId('history-row').first().getByRole('button').first().click();
    await page.getByTestId('receipt').waitFor();
    assert.match(page.url(), new RegExp(`sale=${sale.saleId}`));
    await page.reload();
    await page.getByTestId('receipt').waitFor();
    // Asking again is refused, still one refund.
    await askRefund('1234');
    assert.match(await page.getByTestId('refund-error').innerText(), /already been refunded/);
    assert.equal(refundRows(rig.dataDir).length, 1);
    await page.close();
  });
});

function refundRows(dataDir: string): { state: string; approved_by: string; cash_amount: number; queued: number }[] {
  const db = openDatabase(join(dataDir, 'register.sqlite'));
  try {
    return db
      .prepare(
        `SELECT r.state, r.manager_session AS approved_by, r.cash_amount,
                (SELECT COUNT(*) FROM outbox o WHERE o.idempotency_key = 'refund-' || r.refund_id) AS queued
         FROM sale_refunds r`,
      )
      .all() as { state: string; approved_by: string; cash_amount: number; queued: number }[];
  } finally {
    db.close();
  }
}
