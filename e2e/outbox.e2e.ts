/**
 * The outbox as people see it (issue 6): the cashier header shows the back office online and nothing unsent after
 * a sale; a poison row (crafted straight into the outbox table) is parked with its reason on "retry now" in the
 * manager console's Outbox panel, shown in the header's held count, and blocks nothing behind it.
 * The host runs in simulator mode, so its sandbox back office runs in-process.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { RegisterState } from '../core/api.js';
import type { CompletedSale } from '../core/domain/sale.js';
import { openDatabase } from '../db/open-database.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { useBrowserRig } from './support/browser-rig.js';
import type { HostProcess } from './support/host-process.js';

const rig = useBrowserRig('regi-e2e-outbox-', { width: 1280, height: 720 });
let host: HostProcess;

before(async () => {
  host = await rig.startHost(['--sim-scanners', '0']);
});

describe('outbox on screen', () => {
  test('header: online with nothing unsent after a cash sale', async () => {
    const page = await rig.open(host, '');
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.onigiriSalmon });
    await host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1000 });
    const badge = page.locator('[data-testid="sync-status"][data-online="online"][data-queue="0"]');
    await badge.waitFor();
    assert.match(await badge.innerText(), /本部: オンライン/);
    await page.close();
  });

  test('a poison row is parked with its reason in the manager console; sales behind it still go through', async () => {
    const now = Date.now();
    const db = openDatabase(join(rig.dataDir, 'register.sqlite'));
    try {
      db.prepare("INSERT INTO outbox (topic, idempotency_key, payload, created_at, next_attempt_at) VALUES ('sale.upload', 'poison-e2e', ?, ?, ?)")
        .run(JSON.stringify({ saleId: 'poison-e2e', saleNo: 1, registerId: 'x', completedAt: now, lines: [], totals: { total: 100, itemCount: 0 }, tenders: [] }), now, now);
    } finally {
      db.close();
    }

    const page = await rig.open(host, '#/manager');
    await page.getByTestId('manager-id').fill('M001');
    await page.getByTestId('manager-pin').fill('1234');
    await page.getByTestId('manager-login').click();
    await page.getByTestId('outbox-panel').waitFor();
    await page.getByTestId('outbox-retry').click();

    const row = page.locator('[data-testid="outbox-row"][data-state="parked"][data-key="poison-e2e"]');
    await row.waitFor();
    assert.match(await row.innerText(), /tender amounts must add up/);
    await page.locator('[data-testid="outbox-parked"]').getByText('1', { exact: true }).waitFor();

    // A sale after the poison row is delivered: the parked row holds nothing up.
    await host.api('POST', '/api/register/scan', { data: DEMO_CODES.greenTea });
    await host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: 1000 });
    const cashier = await rig.open(host, '');
    await cashier.locator('[data-testid="sync-status"][data-online="online"][data-queue="0"][data-parked="1"]').waitFor();
    const state = await host.api<RegisterState>('GET', '/api/register');
    assert.equal(state.sync.parked, 1);
    assert.equal(state.sync.queueDepth, 0);
    await cashier.close();
    await page.close();
  });

  test('the outbox API refuses callers without a manager session', async () => {
    await assert.rejects(host.api('POST', '/api/rpc', { method: 'outboxList', params: { session: 'made-up', states: ['parked'], limit: 5 } }), /401|unauthorized/);
    await assert.rejects(host.api('POST', '/api/rpc', { method: 'outboxRetry', params: { includeParked: true } }), /400.*session/);
  });
});
