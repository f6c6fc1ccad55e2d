/**
 * Outbox drain: 100,000 real sales committed through db/sale-journal.ts (in big outer transactions, so queueing is
 * quick; each commitSale still writes its sale, lines, tender and outbox row) and then delivered by core/sync's
 * OutboxWorker over db's SqliteOutbox to the sandbox back office (gateway/sim, its own process, loopback) through
 * gateway/client ingestBatch, signed as a terminal provisioned with the admin client (terminal id = register id).
 * Timed from the first runPass() until the outbox has no pending row. The back office's ingest stats must then
 * show every sale stored once and no duplicate, or the benchmark fails.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { systemClock } from '../../core/ports.js';
import { OutboxWorker } from '../../core/sync/outbox-worker.js';
import { openRegisterStore } from '../../db/register-store.js';
import { GatewayAdminClient } from '../../gateway/client/admin-client.js';
import { GatewayClient } from '../../gateway/client/gateway-client.js';
import type { Bench, BenchContext } from '../bench.js';
import type { TableRow } from '../table.js';
import { gatewayBackOffice } from '../support/back-office.js';
import { startGatewayProcess } from '../support/gateway-process.js';
import { benchSale } from '../support/sales.js';

/** The gateway's ingest accepts at most 500 items per batch; see docs/benchmarks.md for the choice. */
export const OUTBOX_BATCH = Number(process.env.REGI_BENCH_OUTBOX_BATCH ?? 500);
const QUEUE_CHUNK = 10_000;

export const outboxDrainBench: Bench = {
  name: 'outbox',
  title: 'outbox drain: 100,000 queued sales to the sandbox back office on loopback (OutboxWorker + ingestBatch)',
  run,
};

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const sales = ctx.quick ? 2_000 : 100_000;
  const store = openRegisterStore(join(ctx.dir, 'register'));
  const gateway = await startGatewayProcess(join(ctx.dir, 'gateway'));
  try {
    let t = performance.now();
    const base = Date.now() - sales;
    for (let start = 0; start < sales; start += QUEUE_CHUNK) {
      store.db.transaction(() => {
        for (let n = start; n < Math.min(sales, start + QUEUE_CHUNK); n++) store.journal.commitSale(benchSale(store.registerId, randomUUID(), n, base + n));
      })();
    }
    const queued = store.outbox.stats().pending;
    if (queued !== sales) throw new Error(`outbox holds ${queued} pending rows, expected ${sales}`);
    ctx.log(`outbox: ${sales.toLocaleString('en-US')} sales committed and queued in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const admin = new GatewayAdminClient(gateway.url, gateway.adminToken);
    const { key } = await admin.provisionTerminal(store.registerId);
    const client = new GatewayClient({ baseUrl: gateway.url, terminalId: store.registerId, key, timeoutMs: 30_000 });
    const worker = new OutboxWorker({
      outbox: store.outbox,
      backOffice: gatewayBackOffice(client),
      registerId: store.registerId,
      clock: systemClock,
      random: Math.random,
      batchSize: OUTBOX_BATCH,
    });

    t = performance.now();
    let sent = 0;
    while (store.outbox.stats().pending > 0) {
      const pass = await worker.runPass();
      if (pass.failed > 0 || pass.parked > 0) {
        throw new Error(`outbox pass failed ${pass.failed} and parked ${pass.parked} rows: ${worker.status().lastError ?? 'see the parked rows'}`);
      }
      sent += pass.sent + pass.duplicates;
    }
    const seconds = (performance.now() - t) / 1000;
    const rate = sales / seconds;
    const stats = await admin.ingestStats();
    ctx.log(
      `outbox: drained in ${seconds.toFixed(2)} s (${rate.toFixed(0)} sales/s, batch ${OUTBOX_BATCH}); back office stored ${stats.stored}, ` +
        `accepted ${stats.accepted}, duplicates ${stats.duplicates}, rejected ${stats.rejected}`,
    );
    if (sent !== sales || stats.stored !== sales || stats.duplicates !== 0 || stats.rejected !== 0) {
      throw new Error(`delivery not exactly once: sent ${sent}, stored ${stats.stored}, duplicates ${stats.duplicates}, rejected ${stats.rejected} of ${sales}`);
    }
    return [
      {
        benchmark: `outbox drain (${sales.toLocaleString('en-US')} sales, batch ${OUTBOX_BATCH}, 0 duplicates)`,
        measured: { value: rate, unit: 'sales/s' },
        limit: { value: 5000, unit: 'sales/s', label: 'target' },
        better: 'higher',
      },
    ];
  } finally {
    await gateway.stop();
    store.close();
  }
}
