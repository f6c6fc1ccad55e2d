/**
 * The manager console's Outbox panel follows the queue while the back office keeps failing. Every upload fails the
 * same way (503), so the register's pushed sync summary (online, depth, last error) stays the same from one attempt
 * to the next, while each attempt counts on the row and moves its next attempt. The panel must show that without
 * the cashier pressing 更新 (refresh), and its "next attempt" column must count down rather than freeze.
 * The back office is a real sandbox gateway in this process (real clock) that the register reaches over HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CompletedSale } from '../core/domain/sale.js';
import type { ManagerSession } from '../core/limits/sessions.js';
import type { OutboxRow } from '../core/sync/sync-monitor.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { startTestGateway, type TestGateway } from '../gateway/sim/test-support.js';
import { useBrowserRig } from './support/browser-rig.js';
import type { HostProcess } from './support/host-process.js';

const rig = useBrowserRig('regi-e2e-outbox-panel-', { width: 1280, height: 720 });
let gw: TestGateway;
let host: HostProcess;

before(async () => {
  gw = await startTestGateway({ clock: { now: () => Date.now() } });
  host = await rig.startHost([
    '--sim-scanners', '0', '--gateway', gw.server.url, '--gateway-token', gw.server.adminToken, '--sync-max-backoff-ms', '3000',
  ]);
});

after(async () => {
  await gw?.close();
});

/** The texts of one column (1-based, as in the table) of the panel's rows. */
function column(page: Page, n: number): Promise<string[]> {
  return page.locator(`[data-testid="outbox-row"] td:nth-child(${n})`).allInnerTexts();
}

describe('outbox panel during an outage', () => {
  test('attempts and next attempt follow the queue without a manual refresh', async () => {
    await gw.admin.injectFault({ kind: 'status', status: 503, path: '/v1/ingest/batch', count: 1_000_000 });
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.onigiriSalmon });
    await host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1000 });

    const page = await rig.open(host, '#/manager');
    await page.getByTestId('manager-id').fill('M001');
    await page.getByTestId('manager-pin').fill('1234');
    await page.getByTestId('manager-login').click();
    await page.locator('[data-testid="outbox-online"][data-online="false"]').waitFor();
    await page.locator('[data-testid="outbox-row"][data-state="pending"]').waitFor();

    // A session of its own, to ask the register what the panel should be showing.
    const { token } = await host.api<ManagerSession>('POST', '/api/rpc', { method: 'managerLogin', params: { managerId: 'M001', pin: '1234' } });
    const attemptsNow = async (): Promise<number> => {
      const rows = await host.api<OutboxRow[]>('POST', '/api/rpc', { method: 'outboxList', params: { session: token, states: ['pending'], limit: 5 } });
      return rows[0]?.attempts ?? 0;
    };

    // Later attempts (a few seconds apart) show up by themselves: the attempts column reaches what the register
    // reports some attempts after the panel first loaded.
    const shown = Number((await column(page, 6))[0]);
    let target = shown;
    await waitUntil(async () => (target = await attemptsNow()) >= shown + 2, 20_000, 'the register to make two more attempts');
    await page.waitForFunction(
      (want) => Number(document.querySelector('[data-testid="outbox-row"] td:nth-child(6)')?.textContent) >= want,
      target,
      { timeout: 10_000 },
    ).catch(async () => assert.fail(`the panel still shows ${(await column(page, 6))[0]} attempts; the register made ${target}`));

    // "Next attempt" is a countdown against the clock: it takes several different values as time passes.
    const seen = new Set<string>();
    await waitUntil(async () => {
      seen.add((await column(page, 7))[0] ?? '');
      return seen.size >= 3;
    }, 15_000, () => `"next attempt" to change (seen: ${[...seen].join(', ')})`);
    await page.close();
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
