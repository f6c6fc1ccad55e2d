import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test, type TestContext } from 'node:test';
import type { SyncState } from '../core/sync/sync-monitor.js';
import { openRegisterStore, type RegisterStore } from '../db/register-store.js';
import { DEMO_CATALOG } from '../db/seed/demo-catalog.js';
import { sampleSale } from '../db/testing/sample-sale.js';
import { tempDir } from '../db/testing/temp-dir.js';
import { startTestGateway, type TestGateway } from '../gateway/sim/test-support.js';
import { readTerminalFile, startGatewayLink } from './back-office-setup.js';
import { setUpSync, type HostSync } from './sync-setup.js';

const HOUR = 3_600_000;

interface Rig {
  gw: TestGateway;
  store: RegisterStore;
  sync: HostSync;
  dataDir: string;
  sell(n: number): string;
}

/** A real sandbox gateway, a real register store, delivery with backoff long enough that only the test drives passes. */
async function rig(t: TestContext, timeoutMs = 2_000): Promise<Rig> {
  const gw = await startTestGateway();
  const dataDir = tempDir(t, 'regi-sync-');
  const store = openRegisterStore(dataDir, { clock: gw.clock, newRegisterId: () => 'R-SYNC01' });
  const link = await startGatewayLink({
    dataDir, registerId: store.registerId, mode: 'production', clock: gw.clock, gatewayUrl: gw.server.url, gatewayAdminToken: gw.server.adminToken,
  });
  const sync = setUpSync({
    outbox: store.outbox, registerId: store.registerId, link, clock: gw.clock, random: () => 0.5,
    tuning: { timeoutMs, baseDelayMs: HOUR, maxDelayMs: HOUR, idleIntervalMs: HOUR },
  });
  t.after(async () => {
    await sync.stop();
    store.close();
    await gw.close();
  });
  let n = 0;
  return {
    gw, store, sync, dataDir,
    sell(count: number) {
      let last = '';
      for (let i = 0; i < count; i++) {
        n++;
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        store.journal.commitSale({ ...sampleSale(id, [{ item: DEMO_CATALOG[n % 20]!, quantity: 1 + (n % 3) }], 10_000, gw.clock.now()), registerId: store.registerId });
        last = id;
      }
      return last;
    },
  };
}

function insertRaw(store: RegisterStore, key: string, payload: unknown, at: number): void {
  store.db
    .prepare("INSERT INTO outbox (topic, idempotency_key, payload, created_at, next_attempt_at) VALUES ('sale.upload', ?, ?, ?, ?)")
    .run(key, JSON.stringify(payload), at, at);
}

async function storedKeys(gw: TestGateway): Promise<string[]> {
  return (await gw.admin.ingestItems('sale.upload')).map((i) => i.idempotencyKey).sort();
}

describe('outbox delivery to the sandbox back office', () => {
  test('committed sales reach the back office once; a resend after a lost answer is a harmless duplicate', async (t) => {
    const r = await rig(t);
    r.sell(3);
    assert.equal(r.sync.monitor.state().queueDepth, 0, 'figures refresh on rowsQueued, not by themselves');
    r.sync.rowsQueued();
    assert.equal(r.sync.monitor.state().queueDepth, 3);
    await r.sync.runNow();
    assert.deepEqual(r.sync.monitor.state(), { online: true, queueDepth: 0, parked: 0, oldestPendingAt: null, lastError: null });
    assert.equal((await storedKeys(r.gw)).length, 3);

    // The back office commits but the answer is lost (dropped connection): the rows stay queued, are resent, and
    // are stored once.
    r.sell(2);
    await r.gw.admin.injectFault({ kind: 'drop-response', path: '/v1/ingest/batch' });
    await r.sync.runNow();
    const afterDrop = r.sync.monitor.state();
    assert.equal(afterDrop.online, false);
    assert.equal(afterDrop.queueDepth, 2);
    assert.match(afterDrop.lastError ?? '', /back office unavailable \(connection-dropped\)/);
    r.sync.monitor.retryNow(false);
    await r.sync.runNow();
    assert.equal(r.sync.monitor.state().queueDepth, 0);
    assert.equal((await storedKeys(r.gw)).length, 5);
    const stats = await r.gw.admin.ingestStats();
    assert.equal(stats.duplicates, 2, 'the resend was deduped by the back office');
  });

  test('a poison row is parked with its reason and the rows behind it are delivered', async (t) => {
    const r = await rig(t);
    r.sell(1);
    const now = r.gw.clock.now();
    // Valid JSON, but not a sale the back office accepts (tenders do not cover the total).
    insertRaw(r.store, 'poison-1', { saleId: 'poison-1', saleNo: 99, registerId: 'R-SYNC01', completedAt: now, lines: [], totals: { total: 500, itemCount: 1 }, tenders: [] }, now);
    // A key the batch schema refuses outright (space): the whole request is 400, so the adapter splits it.
    insertRaw(r.store, 'bad key', { saleId: 'x' }, now);
    const last = r.sell(2);
    await r.sync.runNow();
    const state = r.sync.monitor.state();
    assert.equal(state.queueDepth, 0);
    assert.equal(state.parked, 2);
    assert.equal(state.online, true);
    const keys = await storedKeys(r.gw);
    assert.equal(keys.length, 3);
    assert.ok(keys.includes(last));
    const parked = r.sync.monitor.list({ states: ['parked'], limit: 10 });
    assert.deepEqual(parked.map((p) => p.idempotencyKey), ['poison-1', 'bad key']);
    assert.match(parked[0]!.lastError ?? '', /payload\.tenders: tender amounts must add up/);
    assert.match(parked[1]!.lastError ?? '', /^400 /);
    assert.equal('payload' in parked[0]!, false, 'the console list carries no payloads');

    // "Retry now" including parked rows sends them again; still invalid, they are parked again, nothing else moves.
    assert.equal(r.sync.monitor.retryNow(true), 2);
    await r.sync.runNow();
    assert.equal(r.sync.monitor.state().parked, 2);
    assert.equal(r.sync.monitor.list({ states: ['parked'], limit: 10 })[0]!.attempts, 2);
    assert.equal((await storedKeys(r.gw)).length, 3);
  });

  test('refused connections: offline with the queue kept; back online after the listener returns', async (t) => {
    const r = await rig(t);
    r.sell(1);
    await r.sync.runNow(); // provisions the terminal while the gateway is there
    await r.gw.admin.injectFault({ kind: 'refuse-connections', durationMs: 600 });
    await once(r.gw.server.events, 'refusing');
    r.sell(4);
    r.sync.rowsQueued();
    await r.sync.runNow();
    // A keep-alive socket the gateway closed may fail first as "dropped"; the next attempt opens a new connection.
    if (/connection-dropped/.test(r.sync.monitor.state().lastError ?? '')) {
      r.sync.monitor.retryNow(false);
      await r.sync.runNow();
    }
    let state: SyncState = r.sync.monitor.state();
    assert.equal(state.online, false);
    assert.equal(state.queueDepth, 4);
    assert.match(state.lastError ?? '', /connection-refused/);
    assert.ok(r.store.outbox.list({ states: ['pending'], limit: 10 })[0]!.attempts >= 1);
    await once(r.gw.server.events, 'listening');
    r.sync.monitor.retryNow(false);
    await r.sync.runNow();
    state = r.sync.monitor.state();
    assert.equal(state.online, true);
    assert.equal(state.queueDepth, 0);
    assert.equal((await storedKeys(r.gw)).length, 5);
  });

  test('a back office that answers after the timeout counts as offline; the late commit dedupes the resend', async (t) => {
    const r = await rig(t, 300);
    r.sell(2);
    await r.gw.admin.injectFault({ kind: 'delay-response', path: '/v1/ingest/batch', delayMs: 1_000 });
    const done = once(r.gw.server.events, 'fault-done');
    await r.sync.runNow();
    assert.equal(r.sync.monitor.state().online, false);
    assert.match(r.sync.monitor.state().lastError ?? '', /timeout/);
    await done;
    r.sync.monitor.retryNow(false);
    await r.sync.runNow();
    assert.equal(r.sync.monitor.state().queueDepth, 0);
    assert.equal((await storedKeys(r.gw)).length, 2);
    assert.equal((await r.gw.admin.ingestStats()).duplicates, 2);
  });

  test('a sale queued while online is delivered in the background without a runNow', async (t) => {
    const r = await rig(t);
    const delivered = new Promise<void>((resolve) => {
      r.sync.monitor.onChange((s) => {
        if (s.online === true && s.queueDepth === 0) resolve();
      });
    });
    r.sell(1);
    r.sync.rowsQueued();
    await delivered;
    assert.equal((await storedKeys(r.gw)).length, 1);
  });

  test('without a back office the queue is kept and says why nothing is sent', (t) => {
    const dataDir = tempDir(t, 'regi-sync-');
    const store = openRegisterStore(dataDir);
    t.after(() => store.close());
    const sync = setUpSync({ outbox: store.outbox, registerId: store.registerId, link: null, clock: { now: () => 1 } });
    store.journal.commitSale(sampleSale('00000000-0000-4000-8000-000000000001', [{ item: DEMO_CATALOG[0]! }], 1000));
    sync.rowsQueued();
    assert.deepEqual(sync.monitor.state(), {
      online: null, queueDepth: 1, parked: 0, oldestPendingAt: 1_760_000_000_000, lastError: 'no back office configured (start the register with --gateway URL)',
    });
  });

  test('an external gateway with its admin token: the terminal is provisioned at start, before any sale needs it', async (t) => {
    // A sandbox gateway makes a new admin token at each start: provisioned only at the first sale, a register whose
    // gateway restarted before that sale could never send anything (QA).
    const gw = await startTestGateway();
    t.after(() => gw.close());
    const dataDir = tempDir(t, 'regi-sync-');
    const store = openRegisterStore(dataDir, { clock: gw.clock });
    t.after(() => store.close());
    await startGatewayLink({ dataDir, registerId: store.registerId, mode: 'production', clock: gw.clock, gatewayUrl: gw.server.url, gatewayAdminToken: gw.server.adminToken });
    const deadline = Date.now() + 5_000;
    while (readTerminalFile(dataDir) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(readTerminalFile(dataDir)?.terminalId, store.registerId, 'terminal.json written at start');
    assert.ok(gw.server.services.terminals.list().some((x) => x.terminalId === store.registerId), 'the gateway knows the terminal');
  });

  test('an external gateway without terminal.json or admin token: unavailable with a message saying what to do', async (t) => {
    const gw = await startTestGateway();
    t.after(() => gw.close());
    const dataDir = tempDir(t, 'regi-sync-');
    const store = openRegisterStore(dataDir, { clock: gw.clock });
    const link = await startGatewayLink({ dataDir, registerId: store.registerId, mode: 'production', clock: gw.clock, gatewayUrl: gw.server.url });
    const sync = setUpSync({ outbox: store.outbox, registerId: store.registerId, link, clock: gw.clock, tuning: { baseDelayMs: HOUR, maxDelayMs: HOUR } });
    t.after(async () => {
      await sync.stop();
      store.close();
    });
    store.journal.commitSale({ ...sampleSale('00000000-0000-4000-8000-000000000001', [{ item: DEMO_CATALOG[0]! }], 1000), registerId: store.registerId });
    await sync.runNow();
    assert.equal(sync.monitor.state().online, false);
    assert.match(sync.monitor.state().lastError ?? '', /not provisioned.*--gateway-token/);
    assert.equal(sync.monitor.state().queueDepth, 1);
  });
});
