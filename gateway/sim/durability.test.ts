import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { GatewayAdminClient } from '../client/admin-client.js';
import { GatewayClient } from '../client/gateway-client.js';
import { startGatewayServer } from './server.js';
import { ManualClock } from './test-support.js';

describe('gateway database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-gateway-db-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = new ManualClock();

  test('wallets, payments and used codes survive a restart; a replay after restart does not charge again', async () => {
    const first = await startGatewayServer({ dataDir, port: 0, clock });
    let admin = new GatewayAdminClient(first.url, first.adminToken);
    const { key } = await admin.provisionTerminal('T-DB');
    const w = await admin.createWallet({ balance: 9_000 });
    const second = (await admin.addDevice(w.walletId)).devices[1]!.deviceNo;
    const { code } = await admin.code(w.walletId, second);
    const body = { merchantPaymentId: 'db-1', code, amount: 1_000, terminalId: 'T-DB', categoryTotals: {}, requestedAt: clock.now() };
    const paid = await new GatewayClient({ baseUrl: first.url, terminalId: 'T-DB', key, clock }).pay(body);
    assert.equal(paid.kind === 'succeeded' && paid.payment.walletId, w.walletId, "the second device's code pays from the same wallet");
    await first.close();

    const restarted = await startGatewayServer({ dataDir, port: 0, clock });
    try {
      admin = new GatewayAdminClient(restarted.url, restarted.adminToken);
      const client = new GatewayClient({ baseUrl: restarted.url, terminalId: 'T-DB', key, clock });
      assert.deepEqual(await client.pay(body), paid);
      const reuse = await client.pay({ ...body, merchantPaymentId: 'db-2' });
      assert.equal(reuse.kind === 'declined' && reuse.reason, 'CODE_ALREADY_USED');
      assert.equal((await admin.wallet(w.walletId)).balance, 8_000);
      assert.equal((await admin.reconcile()).ok, true);
    } finally {
      await restarted.close();
    }
  });

  test('reconcile reports a balance that does not match its ledger', async () => {
    const db = new Database(join(dataDir, 'gateway.sqlite'));
    db.prepare('UPDATE wallets SET balance = balance + 1').run();
    db.close();
    const server = await startGatewayServer({ dataDir, port: 0, clock });
    try {
      const books = await new GatewayAdminClient(server.url, server.adminToken).reconcile();
      assert.equal(books.ok, false);
      assert.match(books.mismatches[0]!, /balance 8001 but ledger sums to 8000/);
    } finally {
      await server.close();
    }
  });

  test('refuses a database whose migrations are not a prefix of the known ones', async () => {
    const db = new Database(join(dataDir, 'gateway.sqlite'));
    db.prepare("UPDATE migrations SET name = '0001_from_elsewhere.sql' WHERE name = '0001_init.sql'").run();
    db.close();
    await assert.rejects(startGatewayServer({ dataDir, port: 0, clock }), /migrations 0001_from_elsewhere\.sql(, [^ ]+)* are not a prefix/);
  });
});
