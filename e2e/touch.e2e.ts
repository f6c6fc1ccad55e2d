/**
 * The cashier screen on a touch screen at 1024x768: every step of a sale done by tapping
 * (select a line, void it, open cash tender, pay with a quick amount), no keyboard.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { RegisterState } from '../core/api.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { launchChromium } from './support/browser.js';
import { startHostProcess, type HostProcess } from './support/host-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'regi-touch-'));
let browser: Browser;
let host: HostProcess | undefined;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('touch', () => {
  test('a whole sale by tapping at 1024x768', async () => {
    host = await startHostProcess({ dataDir });
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${host.url}/`);
    await page.getByTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();

    for (const data of [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea, DEMO_CODES.water]) {
      await host.api('POST', '/api/register/scan', { data, source: 'keyboard' });
    }
    const lines = page.getByTestId('basket-line');
    await lines.nth(2).waitFor();

    // Tap the first line to select it, then tap its void button.
    await lines.nth(0).tap();
    await lines.nth(0).getByTestId('void-line').tap();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="basket-line"]').length === 2);
    const state = await host.api<RegisterState>('GET', '/api/register');
    assert.deepEqual(state.lines.map((l) => l.item.code), [DEMO_CODES.greenTea, DEMO_CODES.water]);

    // Cash by tapping: the tender key, then a quick amount (one tap pays with that note).
    await page.getByTestId('pay-cash').tap();
    await page.getByTestId('tender-1000').tap();
    await page.getByTestId('sale-complete').waitFor();
    const change = Number(await page.getByTestId('change').getAttribute('data-amount'));
    assert.equal(change, 1000 - state.totals.total);

    // Every tap target is at least 44 px high (a fingertip).
    for (const id of ['pay-cash', 'new-sale']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.height >= 44, `${id} is ${box?.height} px high`);
    }
    await context.close();
  });
});
