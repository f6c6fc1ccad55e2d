/**
 * Screenshots of every screen in Japanese and English at 1024x768, compared with reviewed baselines
 * (e2e/screens/baseline/NAME.png). A screen without a baseline is written to e2e/screens/pending/ and
 * the test fails until a person has looked at it and moved it to baseline/. On a mismatch the actual
 * image and a diff are written to test-results/screens/ and the failure names them.
 * Data are fixed (support/records-seed.ts); what still changes per run (register id, seconds, wallet
 * transaction ids, the phone's live code) is masked.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { CompletedSale } from '../core/domain/sale.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { useBrowserRig } from './support/browser-rig.js';
import { ROOT } from './support/host-process.js';
import { comparePngs, MAX_DIFF_RATIO } from './support/png-compare.js';
import { drained, REPORT_DAY, startSeededHost, type SeededHost } from './support/records-seed.js';

const BASELINE_DIR = join(ROOT, 'e2e/screens/baseline');
const PENDING_DIR = join(ROOT, 'e2e/screens/pending');
const RESULTS_DIR = join(ROOT, 'test-results/screens');
const LANGS = ['ja', 'en'] as const;

const rig = useBrowserRig('regi-screens-');
let seeded: SeededHost;
const problems: string[] = [];

before(async () => {
  seeded = await startSeededHost((extra) => rig.startHost(extra));
});

async function open(lang: string, hash: string): Promise<Page> {
  const page = await rig.browser.newPage({ viewport: { width: 1024, height: 768 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Asia/Tokyo' });
  page.on('pageerror', (error) => problems.push(`page error on ${hash}: ${error.message}`));
  await page.addInitScript((l) => window.localStorage.setItem('regi.lang', l), lang);
  await page.goto(`${seeded.host.url}/${hash}`);
  return page;
}

function masks(page: Page): Locator[] {
  return [
    page.getByText(/R-[0-9A-F]{6}/),
    page.locator('[data-testid="receipt-datetime"], [data-dynamic="time"], .recent-time, [data-testid="receipt-wallet-tx"]'),
    page.locator('[data-testid="phone-barcode"], [data-testid="phone-code"]'),
  ];
}

/** Compares with the baseline, or writes a pending image for review. Returns a problem or null. */
async function check(page: Page, name: string): Promise<string | null> {
  await page.evaluate(() => document.fonts.ready);
  const actual = await page.screenshot({ animations: 'disabled', caret: 'hide', mask: masks(page), maskColor: '#888888' });
  const baselineFile = join(BASELINE_DIR, `${name}.png`);
  if (!existsSync(baselineFile)) {
    mkdirSync(PENDING_DIR, { recursive: true });
    writeFileSync(join(PENDING_DIR, `${name}.png`), actual);
    return `${name}: no baseline; review e2e/screens/pending/${name}.png by eye and move it to e2e/screens/baseline/`;
  }
  const result = await comparePngs(rig.browser, actual, readFileSync(baselineFile));
  if (result.sameSize && result.ratio <= MAX_DIFF_RATIO) return null;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const actualFile = join(RESULTS_DIR, `${name}.actual.png`);
  const diffFile = join(RESULTS_DIR, `${name}.diff.png`);
  writeFileSync(actualFile, actual);
  writeFileSync(diffFile, result.diffPng);
  return `${name}: ${result.sameSize ? '' : 'size differs; '}${result.differing} pixels (${(result.ratio * 100).toFixed(2)}%) differ, more than ${MAX_DIFF_RATIO * 100}%: see ${actualFile} and ${diffFile}`;
}

async function shoot(name: string, hash: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  for (const lang of LANGS) {
    const page = await open(lang, hash);
    try {
      await ready(page);
      const problem = await check(page, `${name}.${lang}`);
      if (problem) problems.push(problem);
    } finally {
      await page.close();
    }
  }
}

describe('screens in Japanese and English at 1024x768', () => {
  test('cashier with a basket', async () => {
    for (const data of [DEMO_CODES.onigiriTunaMayo, DEMO_CODES.melonPan, DEMO_CODES.beer]) {
      await seeded.host.api('POST', '/api/register/scan', { data, source: 'keyboard' });
    }
    await shoot('cashier-basket', '#/', async (page) => {
      await page.getByTestId('basket-line').nth(2).waitFor();
    });
  });

  test('completed sale with its receipt', async () => {
    await seeded.host.api('POST', '/api/register/confirm-age', { confirmed: true }).catch(() => undefined);
    await seeded.host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1000 });
    await drained(seeded.host);
    await shoot('cashier-receipt', '#/', async (page) => {
      await page.getByTestId('sale-complete').waitFor();
      await page.getByTestId('receipt').waitFor();
    });
  });

  test('sale history with a cash and a wallet receipt', async () => {
    for (const [name, sale] of [['history-cash', seeded.cashSale], ['history-wallet', seeded.walletSale]] as const) {
      await shoot(name, `#/history?from=${REPORT_DAY}&to=${REPORT_DAY}&sale=${sale.saleId}`, async (page) => {
        await page.getByTestId('history-row').nth(2).waitFor();
        await page.getByTestId('receipt').waitFor();
      });
    }
  });

  test('reports', async () => {
    await shoot('reports', `#/reports?from=${REPORT_DAY}&to=${REPORT_DAY}`, async (page) => {
      await page.getByTestId('reports-ready').waitFor();
    });
  });

  test('settings', async () => {
    await shoot('settings', '#/settings', async (page) => {
      await page.getByTestId('settings-form').waitFor();
    });
  });

  test('manager, customer and tester screens', async () => {
    await shoot('manager', '#/manager', (page) => page.locator('[data-testid="manager-console"], [data-testid="manager-id"]').first().waitFor());
    await shoot('customer', '#/customer', (page) => page.getByTestId('customer-display').waitFor());
    await shoot('tester', '#/tester', async (page) => {
      await page.getByTestId('tester-panel').waitFor();
      // The phone draws its barcode once the live code has arrived: wait for both so the mask has its final size.
      await page.getByTestId('phone-code').filter({ hasText: /\d{8}/ }).waitFor();
      await page.waitForFunction(() => {
        const canvas = document.querySelector('[data-testid="phone-barcode"]');
        return canvas instanceof HTMLCanvasElement && canvas.width > 0 && canvas.height > 0;
      });
      await page.locator('[data-testid="scenario-pick"] option').first().waitFor({ state: 'attached' });
    });
  });

  test('every screen matches its reviewed baseline', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
