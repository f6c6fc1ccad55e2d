/**
 * Screen layout at the register's smallest screen (1024x768) and at 1280: what a cashier or manager needs stays
 * on screen, uncovered and inside its box.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RegisterState } from '../core/api.js';
import type { LimitsOverview, ManagerSession } from '../core/limits/api-types.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { useBrowserRig } from './support/browser-rig.js';

const rig = useBrowserRig('regi-e2e-layout-');
/** One register for the file (they would share the rig's data directory); each test leaves it usable. */
let hostStarted: ReturnType<typeof rig.startHost> | undefined;
const sharedHost = () => (hostStarted ??= rig.startHost());

interface Box { name: string; left: number; top: number; right: number; bottom: number }

/** The boxes of the first element matching each selector (a missing element fails). */
async function boxes(page: Page, selectors: Record<string, string>): Promise<Box[]> {
  return page.evaluate((sel) => Object.entries(sel).map(([name, s]) => {
    const el = document.querySelector(s);
    if (!el) throw new Error(`no element ${s} (${name})`);
    const r = el.getBoundingClientRect();
    return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }), selectors);
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

describe('screen layout', () => {
  test('the manager-override prompt covers none of the controls the cashier still needs, with or without an error', async () => {
    const host = await sharedHost();
    const page = await rig.open(host, '#/');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
    for (let i = 0; i < 11; i++) await host.api('POST', '/api/register/scan', { data: DEMO_CODES.tobaccoPack, source: 'keyboard' });
    const prompt = page.getByTestId('override-prompt');
    await prompt.waitFor();
    const controls = {
      'code field': '[data-testid="code-input"]',
      'code field button': '.code-entry button[type="submit"]',
      'cash key': '[data-testid="pay-cash"]',
      'wallet key': '[data-testid="pay-wallet"]',
      'new sale key': '[data-testid="new-sale"]',
      'recent sales': '[data-testid="recent-sales"]',
      'history link': '[data-testid="history-link"]',
      'shortcut strip': '.shortcuts',
      'basket line': '[data-testid="basket-line"]',
    };
    const check = async (when: string) => {
      const [promptBox, ...others] = await boxes(page, { prompt: '[data-testid="override-prompt"]', ...controls });
      assert.ok(promptBox, 'the prompt has a box');
      assert.ok(promptBox.top >= 0 && promptBox.bottom <= 768 && promptBox.left >= 0 && promptBox.right <= 1024, `${when}: the prompt is inside the window`);
      for (const other of others) {
        assert.ok(!overlaps(promptBox, other), `${when}: the override prompt ${JSON.stringify(promptBox)} covers the ${other.name} ${JSON.stringify(other)}`);
        assert.ok(other.top >= 0 && other.bottom <= 768, `${when}: the ${other.name} is inside the window`);
      }
    };
    await check('prompt shown');
    await prompt.getByRole('button', { name: '承認' }).click();
    await prompt.getByRole('alert').waitFor();
    await check('prompt with an error');
    // The prompt's controls are real form fields with visible labels.
    await prompt.getByLabel('店長ID').fill('M001');
    await prompt.getByLabel('暗証番号').fill('1234');
    await prompt.getByRole('button', { name: '承認' }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.close();
  });

  test('the manager console\'s purchase-limit rules fit their card at 1024 and 1280 in both languages, text uncut', async () => {
    const host = await sharedHost();
    for (const width of [1024, 1280]) {
      for (const lang of ['ja', 'en']) {
        const page = await rig.browser.newPage({ viewport: { width, height: 768 } });
        await page.addInitScript((l) => window.localStorage.setItem('regi.lang', l), lang);
        await page.goto(`${host.url}/#/manager`);
        await page.getByTestId('manager-id').fill('M001');
        await page.getByTestId('manager-pin').fill('1234');
        await page.getByTestId('manager-login').click();
        await page.getByTestId('rule-tobacco-packs-per-sale').waitFor();
        const problems = await page.evaluate(() => {
          const found: string[] = [];
          const rules = document.querySelector('[data-testid="rule-tobacco-packs-per-sale"]');
          const card = rules?.closest('section');
          if (!rules || !card) return ['no rules card'];
          const box = card.getBoundingClientRect();
          if (box.right > window.innerWidth + 0.5) found.push(`the card ends at ${box.right}, past the window's ${window.innerWidth}`);
          for (const el of card.querySelectorAll('input, select, button, label')) {
            const r = el.getBoundingClientRect();
            const what = `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}"`;
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5) found.push(`${what} at ${r.left}-${r.right} is outside the card (${box.left}-${box.right})`);
            if (el instanceof HTMLInputElement && el.type === 'text' && el.closest('[data-testid^="rule-"]') && el.scrollWidth > el.clientWidth + 1) {
              found.push(`${what} cuts its text "${el.value}" (${el.scrollWidth} > ${el.clientWidth})`);
            }
          }
          for (const rule of card.querySelectorAll('[data-testid^="rule-tobacco"]')) {
            for (const el of rule.querySelectorAll('button, label:has(input[type="checkbox"])')) {
              // Text lines: the distinct tops of the text's boxes (esbuild's helpers are not in the page, so no local function).
              const tops = new Set<number>();
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(node);
                for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) tops.add(Math.round(r.top));
              }
              const lines = tops.size;
              if (lines > 1) found.push(`"${el.textContent?.trim() ?? ''}" wraps onto ${lines} lines`);
            }
          }
          return found;
        });
        assert.deepEqual(problems, [], `${lang} at ${width}px:\n${problems.join('\n')}`);
        await page.close();
      }
    }
  });

  test('the limit-events chart on #/reports shows whole labels: "Blocked:" and "Override:" and the rule stay readable', async () => {
    const host = await sharedHost();
    const before = await host.api<RegisterState>('GET', '/api/register');
    if (before.pendingOverride) await host.api('POST', '/api/register/override/cancel');
    for (const line of before.lines) await host.api('POST', '/api/register/void', { lineId: line.lineId });
    // An override: the 11th pack with the shipped rule (manager override above 10 packs), approved.
    for (let i = 0; i < 11; i++) await host.api('POST', '/api/register/scan', { data: DEMO_CODES.tobaccoPack, source: 'keyboard' });
    await host.api('POST', '/api/register/override/approve', { managerId: 'M001', pin: '1234', reasonCode: 'business-purchase' });
    // A block: the same rule set to block, and a 12th pack.
    const rpc = <T>(method: string, params: unknown) => host.api<T>('POST', '/api/rpc', { method, params });
    const session = await rpc<ManagerSession>('managerLogin', { managerId: 'M001', pin: '1234' });
    const overview = await rpc<LimitsOverview>('limitsOverview', { session: session.token });
    const rules = (overview.current?.rules ?? []).map((r) => (r.ruleId === 'tobacco-packs-per-sale' ? { ...r, action: 'block' } : r));
    await rpc('limitsSave', { session: session.token, rules, comment: 'tobacco blocked above 10 packs' });
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.tobaccoPack, source: 'keyboard' });
    await rpc('limitsSave', { session: session.token, rules: overview.current?.rules ?? [], comment: 'shipped rules again' });

    for (const lang of ['ja', 'en']) {
      const page = await rig.browser.newPage({ viewport: { width: 1024, height: 768 } });
      await page.addInitScript((l) => window.localStorage.setItem('regi.lang', l), lang);
      await page.goto(`${host.url}/#/reports`);
      const chart = page.getByTestId('chart-limits');
      await chart.waitFor();
      const texts = await chart.evaluate((el) => {
        const area = (el.closest('section') ?? el).getBoundingClientRect();
        const chartBox = el.getBoundingClientRect();
        const left = Math.max(area.left, chartBox.left);
        const right = Math.min(area.right, chartBox.right);
        const shown: { text: string; whole: boolean }[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          // Whole: every line of the text lies inside the chart and its card, and its element does not clip it.
          const holder = node.parentElement;
          const clipped = holder instanceof HTMLElement && (holder.scrollWidth > holder.clientWidth + 1 || holder.scrollHeight > holder.clientHeight + 1);
          shown.push({ text: node.textContent ?? '', whole: !clipped && rects.length > 0 && rects.every((r) => r.left >= left - 0.5 && r.right <= right + 0.5) });
        }
        return shown;
      });
      const labels = texts.filter((t) => t.text.includes('Tobacco: at most 10 packs'));
      const kinds = lang === 'ja' ? ['ブロック: ', '店長承認: '] : ['Blocked: ', 'Override: '];
      assert.deepEqual(labels.map((l) => l.text.split('Tobacco')[0]).sort(), [...kinds].sort(), `${lang}: one bar per kind`);
      for (const label of labels) assert.ok(label.whole, `${lang}: the label "${label.text}" is cut`);
      await page.close();
    }
  });

  test('no screen asks for a file the host does not have (the favicon) or logs a console error', async () => {
    const host = await sharedHost();
    for (const hash of ['#/', '#/history', '#/reports', '#/settings', '#/manager', '#/customer', '#/tester']) {
      const page = await rig.browser.newPage({ viewport: { width: 1024, height: 768 } });
      const problems: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${host.url}/${hash}`, { waitUntil: 'load' });
      // The browser asks for the icon after the page has loaded.
      await page.waitForTimeout(1000);
      assert.deepEqual(problems, [], `${hash}: ${problems.join('; ')}`);
      assert.equal(await page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute('href')), 'favicon.svg');
      await page.close();
    }
    const icon = await fetch(`${host.url}/favicon.svg`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
  });
});
