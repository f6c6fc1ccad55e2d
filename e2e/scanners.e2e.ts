/**
 * Scanners end to end in Chromium: a HID POS scanner added and driven from the tester panel (#/tester) scans
 * into the basket on the cashier page (#/); a flipped-byte fault shows the bad-read banner and adds
 * nothing; on the cashier page a keyboard-wedge burst (5 ms a key) is a scan, while the same kind of code
 * typed at 120 ms a key is keyed entry, added once. A scenario run from the panel passes on its own register.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RegisterState } from '../core/api.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { launchChromium } from './support/browser.js';
import { startHostProcess, type HostProcess } from './support/host-process.js';
import { onScreen } from './support/visibility.js';

const dataDir = mkdtempSync(join(tmpdir(), 'regi-e2e-scanners-'));
let browser: Browser;
let host: HostProcess;
let tester: Page;
let cashier: Page;

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => assert.fail(`page error on ${path}: ${error.message}`));
  await page.goto(`${host.url}/${path}`);
  return page;
}

const itemCount = async () => (await host.api<RegisterState>('GET', '/api/register')).totals.itemCount;

async function waitForItemCount(n: number): Promise<void> {
  // the cashier page shows the basket; the API confirms the count itself
  for (let i = 0; i < 100 && (await itemCount()) !== n; i++) await cashier.waitForTimeout(50);
  assert.equal(await itemCount(), n);
}

before(async () => {
  browser = await launchChromium();
  host = await startHostProcess({ dataDir, extra: ['--sim-scanners', '0'] });
  cashier = await open('#/');
  await cashier.getByTestId('connection-status').and(cashier.locator('[data-status="connected"]')).waitFor();
  tester = await open('#/tester');
  await tester.getByTestId('tester-scanners').waitFor();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scanners in the browser', () => {
  test('tester panel: add a HID POS scanner, scan a demo code, it is on the cashier page', async () => {
    await tester.getByTestId('sim-kind').selectOption('hid-pos');
    await tester.getByTestId('sim-add').click();
    const row = tester.locator('[data-testid="sim-row"][data-id="sim-hid-pos-1"][data-state="connected"]');
    await row.waitFor();
    await row.getByText('接続', { exact: true }).waitFor(); // the state in the page's language, not the register's word
    await cashier.locator('[data-testid="scanner-row"][data-driver-id="sim-hid-pos-1"][data-state="connected"]').waitFor();

    await tester.getByTestId('sim-code').fill(DEMO_CODES.onigiriSalmon);
    await tester.getByTestId('sim-scan').click();
    await tester.locator('[data-testid="sim-result"][data-outcome="scan"]').first().waitFor();
    await cashier.getByTestId('basket-line').first().waitFor();
    assert.equal(await cashier.getByTestId('basket-line').count(), 1);
    await waitForItemCount(1);
  });

  test('a flipped byte: the bad-read banner on the cashier page, nothing added, counted', async () => {
    await tester.getByTestId('sim-fault').selectOption('flip-byte');
    await tester.getByTestId('sim-inject').click();
    const result = tester.getByTestId('sim-result').first();
    await tester.locator('[data-testid="sim-result"][data-outcome="bad-read"]').first().waitFor();
    assert.match((await result.textContent()) ?? '', /bad read/);
    await cashier.getByTestId('message-banner').and(cashier.locator('[data-code="scan.badRead"]')).waitFor();
    assert.equal(await itemCount(), 1);
    assert.equal(await cashier.getByTestId('basket-line').count(), 1);
    await tester.locator('[data-testid="sim-row"][data-id="sim-hid-pos-1"] [data-testid="sim-bad-reads"]', { hasText: '1' }).waitFor();
  });

  test('keyboard wedge: a burst at 5 ms a key is a scan, counted on the wedge row; the code field stays empty', async () => {
    await cashier.getByTestId('code-input').click();
    // the detector wants a quiet moment before a burst, as before any real scan
    await cashier.waitForTimeout(200);
    await cashier.keyboard.type(`${DEMO_CODES.greenTea}\n`, { delay: 5 });
    await waitForItemCount(2);
    assert.equal(await cashier.getByTestId('code-input').inputValue(), '');
    // The wedge's read count reaches the row in its own state update, which may follow the line's by a moment.
    const wedge = cashier.locator('[data-testid="scanner-row"][data-driver-id="wedge"]');
    await wedge.filter({ hasText: /wedge.*\b1\b/ }).waitFor({ timeout: 5_000 });
    assert.match((await wedge.textContent()) ?? '', /wedge.*\b1\b/);
  });

  test('keyboard wedge: the same typed at 120 ms a key goes into the code field and is added once', async () => {
    await cashier.getByTestId('code-input').click();
    await cashier.keyboard.type(DEMO_CODES.water, { delay: 120 });
    assert.equal(await cashier.getByTestId('code-input').inputValue(), DEMO_CODES.water);
    await cashier.keyboard.press('Enter');
    await waitForItemCount(3);
    // a second add would have been sent with the first: one more round trip shows none came
    await cashier.getByTestId('last-message').waitFor();
    assert.equal(await itemCount(), 3);
    const wedge = cashier.locator('[data-testid="scanner-row"][data-driver-id="wedge"]');
    assert.doesNotMatch((await wedge.textContent()) ?? '', /\b2\b/);
  });

  test('tester panel: a scenario runs step by step on its own register; this basket is untouched', async () => {
    const before = await itemCount();
    await tester.getByTestId('scenario-pick').selectOption('02-bad-check-digit');
    await tester.getByTestId('scenario-run').click();
    await tester.locator('[data-testid="scenario-run-view"][data-state="passed"]').waitFor({ timeout: 60_000 });
    assert.equal(await tester.locator('[data-testid="scenario-step"][data-ok="true"]').count(), 4);
    assert.equal(await itemCount(), before);
  });

  test('with eight scanners attached the cashier page still shows recent sales and the history link', async () => {
    for (let i = 0; i < 6; i++) await host.api('POST', '/api/sim/scanners', { kind: i % 2 === 0 ? 'serial' : 'hid-pos' });
    await host.api('POST', '/api/register/pay-cash', { tendered: 10_000 });
    const small = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    try {
      await small.goto(`${host.url}/#/`);
      await small.getByTestId('recent-sales').getByText('No.1').waitFor();
      assert.ok((await small.getByTestId('scanner-row').count()) >= 8, 'eight scanner rows: the sims and the wedge');
      const [recent, link] = [await onScreen(small, 'recent-sales'), await onScreen(small, 'history-link')];
      assert.deepEqual({ recent, link }, { recent: true, link: true });
      // The scanner list scrolls in its own panel instead of pushing the rest off the column.
      assert.equal(await small.getByTestId('scanner-status').evaluate((panel) => panel.scrollHeight > panel.clientHeight), true);
    } finally {
      await small.close();
    }
  });
});

