/**
 * Accessibility: axe-core (node_modules/axe-core, injected into the page) on every screen, failing on
 * serious and critical violations; the charts' roles and labels; and the Tab order of the cashier screen.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { useBrowserRig } from './support/browser-rig.js';
import { ROOT } from './support/host-process.js';
import { REPORT_DAY, startSeededHost, type SeededHost } from './support/records-seed.js';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const rig = useBrowserRig('regi-a11y-');
let seeded: SeededHost;

before(async () => {
  seeded = await startSeededHost((extra) => rig.startHost(extra));
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function open(hash: string, lang = 'ja'): Promise<Page> {
  // bypassCSP: the page's CSP (script-src 'self') would refuse the injected axe script, as it should.
  const page = await rig.browser.newPage({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
  await page.addInitScript((l) => window.localStorage.setItem('regi.lang', l), lang);
  await page.goto(`${seeded.host.url}/${hash}`);
  return page;
}

/** Serious and critical axe violations (WCAG 2.1 A and AA) as readable lines. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const SCREENS: readonly { name: string; hash: string; ready: string }[] = [
  { name: 'history', hash: `#/history?from=${REPORT_DAY}&to=${REPORT_DAY}&sale=SALE`, ready: '[data-testid="receipt"]' },
  { name: 'reports', hash: `#/reports?from=${REPORT_DAY}&to=${REPORT_DAY}`, ready: '[data-testid="reports-ready"]' },
  { name: 'settings', hash: '#/settings', ready: '[data-testid="settings-form"]' },
  { name: 'manager', hash: '#/manager', ready: '[data-testid="manager-console"], [data-testid="manager-id"]' },
  { name: 'customer', hash: '#/customer', ready: '[data-testid="customer-display"]' },
  { name: 'tester', hash: '#/tester', ready: '[data-testid="tester-panel"]' },
];

describe('accessibility', () => {
  test('cashier screen: no serious violations with a basket and after a sale; Tab follows the work', async () => {
    for (const data of [DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea]) await seeded.host.api('POST', '/api/register/scan', { data, source: 'keyboard' });
    for (const lang of ['ja', 'en']) {
      const page = await open('#/', lang);
      await page.getByTestId('basket-line').nth(1).waitFor();
      assert.deepEqual(await axe(page), [], `cashier (${lang}) with a basket`);
      await page.close();
    }

    const page = await open('#/');
    await page.getByTestId('basket-line').nth(1).waitFor();
    // The code input has focus on load (where a wedge scanner types); from the top of the page, Tab
    // walks header, basket, code entry, tender keys, then the history link, once round.
    const order: string[] = [];
    for (let i = 0; i < 50; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'body';
        // A simple accessible name: aria-label, aria-labelledby, a <label>, then the element's own text.
        const labelledBy = el.getAttribute('aria-labelledby')?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        const labels = (el as HTMLInputElement).labels ? [...(el as HTMLInputElement).labels!].map((l) => l.textContent ?? '').join(' ') : '';
        const name = (el.getAttribute('aria-label') || labelledBy || labels || el.textContent || el.getAttribute('title') || '').trim();
        return `${el.dataset.testid ?? el.tagName.toLowerCase()}|${name}`;
      });
      order.push(id);
    }
    // One full round from the top of the page: between two visits to the page itself.
    const start = order.indexOf('body');
    const end = order.indexOf('body', start + 1);
    assert.ok(start >= 0 && end > start, `Tab comes back round to the page: ${order.join(' > ')}`);
    const ids = order.slice(start + 1, end).map((o) => o.split('|')[0]!);
    const round = order.slice(start + 1, end);
    assert.equal(new Set(round).size, round.length, `no element is visited twice in one round: ${ids.join(' > ')}`);
    for (const entry of order) {
      const [, name] = entry.split('|');
      assert.ok(entry === 'body' || (name ?? '').length > 0, `every focusable element has an accessible name: ${entry}`);
    }
    const expected = ['void-line', 'code-input', 'pay-cash', 'pay-wallet', 'new-sale', 'history-link'];
    const positions = expected.map((id) => ids.indexOf(id));
    assert.ok(positions.every((p) => p >= 0), `all of ${expected.join(', ')} are reachable by Tab; order was ${ids.join(' > ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, `Tab order: ${ids.join(' > ')}`);
    await page.close();

    await seeded.host.api('POST', '/api/register/pay-cash', { tendered: 1000 });
    const done = await open('#/');
    await done.getByTestId('receipt').waitFor();
    assert.deepEqual(await axe(done), [], 'cashier after a sale, with the receipt');
    await done.close();
  });

  for (const screen of SCREENS) {
    test(`${screen.name}: no serious or critical axe violations (ja and en)`, async () => {
      for (const lang of ['ja', 'en']) {
        const page = await open(screen.hash.replace('SALE', seeded.walletSale.saleId), lang);
        await page.locator(screen.ready).first().waitFor();
        if (screen.name === 'reports') {
          // The data tables behind the charts are checked too.
          for (const toggle of await page.locator('[data-testid$="-table-toggle"]').all()) await toggle.click();
        }
        assert.deepEqual(await axe(page), [], `${screen.name} (${lang})`);
        await page.close();
      }
    });
  }

  test('charts are images with their numbers in the label, and a data table toggle', async () => {
    const page = await open(`#/reports?from=${REPORT_DAY}&to=${REPORT_DAY}`);
    await page.getByTestId('reports-ready').waitFor();
    const hourly = page.getByTestId('chart-hourly');
    assert.equal(await hourly.getAttribute('role'), 'img');
    const label = (await hourly.getAttribute('aria-label')) ?? '';
    // Every sale of the seeded day (the seeded cash and wallet sales, and the cashier test's sale) is at 10時.
    const sales = await seeded.host.api<{ total: number }[]>('GET', '/api/sales?limit=100');
    const total = sales.reduce((sum, s) => sum + s.total, 0);
    assert.ok(sales.length >= 2);
    assert.match(label, new RegExp(`10時 ${sales.length}件 ¥${total.toLocaleString('en-US')}`), label);
    assert.match((await page.getByTestId('chart-tenders').getAttribute('aria-label')) ?? '', /現金 ¥[\d,]+ \(\d+%/);
    const toggle = page.getByTestId('report-hourly-table-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const table = page.locator(`#${await toggle.getAttribute('aria-controls')}`.replaceAll(':', '\\:'));
    await table.getByRole('cell', { name: '10', exact: true }).waitFor();
    await page.close();
  });
});
