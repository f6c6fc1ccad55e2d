import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { GatewayClient } from '../client/gateway-client.js';
import { startTestGateway, type TestGateway } from './test-support.js';

function sale(saleId: string, registerId: string, total = 1_080) {
  return {
    saleId,
    saleNo: 1,
    registerId,
    startedAt: 1,
    completedAt: 2,
    lines: [{ lineId: 'L1', item: { code: '4901234567894', name: 'お茶' }, quantity: 1, amount: total }],
    totals: { itemCount: 1, total, taxes: [] },
    tenders: [{ kind: 'cash', amount: total, tendered: 2_000, change: 2_000 - total }],
  };
}

describe('back-office ingest', () => {
  let gw: TestGateway;
  let r1: GatewayClient;
  let r2: GatewayClient;
  before(async () => {
    gw = await startTestGateway();
    r1 = await gw.client('REG-1');
    r2 = await gw.client('REG-2');
  });
  after(async () => {
    await gw.close();
  });

  test('dedupes by idempotency key across registers and rejects a poison item alone', async () => {
    const first = await r1.ingestBatch('REG-1', [
      { idempotencyKey: 'sale-A', topic: 'sale.upload', payload: sale('sale-A', 'REG-1') },
      { idempotencyKey: 'sale-B', topic: 'sale.upload', payload: { ...sale('sale-B', 'REG-1'), tenders: [] } },
      { idempotencyKey: 'refund-A', topic: 'refund.upload', payload: { refundId: 'refund-A', saleId: 'sale-A', amount: 100, at: 3 } },
      { idempotencyKey: 'audit-1', topic: 'audit.upload', payload: { seq: 1, kind: 'limit.blocked', at: 4, hash: 'ab12' } },
      { idempotencyKey: 'weird-1', topic: 'sale.teleport', payload: {} },
    ]);
    assert.equal(first.kind, 'ok');
    const verdicts = first.kind === 'ok' ? first.results : [];
    assert.deepEqual(
      verdicts.map((v) => [v.idempotencyKey, v.status]),
      [
        ['sale-A', 'accepted'],
        ['sale-B', 'rejected'],
        ['refund-A', 'accepted'],
        ['audit-1', 'accepted'],
        ['weird-1', 'rejected'],
      ],
    );
    assert.match(verdicts[1]!.reason!, /payload\.tenders: tender amounts must add up/);
    assert.match(verdicts[4]!.reason!, /topic: must be one of/);

    // The same sale uploaded again, by this register (a retry) and by another (a copied row): stored once.
    const again = await r1.ingestBatch('REG-1', [{ idempotencyKey: 'sale-A', topic: 'sale.upload', payload: sale('sale-A', 'REG-1') }]);
    assert.equal(again.kind === 'ok' && again.results[0]!.status, 'duplicate');
    const other = await r2.ingestBatch('REG-2', [
      { idempotencyKey: 'sale-A', topic: 'sale.upload', payload: sale('sale-A', 'REG-1') },
      { idempotencyKey: 'sale-C', topic: 'sale.upload', payload: sale('sale-C', 'REG-2', 500) },
    ]);
    assert.deepEqual(other.kind === 'ok' && other.results.map((v) => v.status), ['duplicate', 'accepted']);

    const sales = await gw.admin.ingestItems('sale.upload');
    assert.deepEqual(sales.map((s) => s.idempotencyKey).sort(), ['sale-A', 'sale-C']);
    assert.equal(sales.find((s) => s.idempotencyKey === 'sale-A')?.registerId, 'REG-1');
    const stats = await gw.admin.ingestStats();
    assert.equal(stats.stored, 4);
    assert.equal(stats.duplicates, 2);
    assert.equal(stats.rejected, 2);
    assert.equal(stats.registers, 2);
    assert.deepEqual(stats.byTopic, { 'sale.upload': 2, 'refund.upload': 1, 'audit.upload': 1 });
  });

  test('a register cannot upload under another register id; a malformed batch names the field', async () => {
    const spoof = await r1.ingestBatch('REG-2', [{ idempotencyKey: 'x', topic: 'audit.upload', payload: {} }]);
    assert.equal(spoof.kind === 'rejected' && spoof.code, 'TERMINAL_MISMATCH');
    const bad = await r1.ingestBatch('REG-1', [{ topic: 'audit.upload', payload: {} } as unknown as { idempotencyKey: string; topic: string; payload: unknown }]);
    assert.equal(bad.kind === 'rejected' && bad.status, 400);
    assert.match(bad.kind === 'rejected' ? bad.message : '', /items\.0\.idempotencyKey/);
  });
});
