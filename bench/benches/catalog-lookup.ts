/**
 * Catalog lookup with 1,000,000 generated items (valid JAN check digits) in the register's SQLite catalog
 * (db/catalog-repository.ts SqliteCatalog, stored through upsertItems so every item is validated).
 *
 * - Lookup p99: a separate Node process opens the store as the host does and times 100,000 random
 *   findByCode calls one by one (performance.now() around each call), after 10,000 warm-up lookups.
 * - Host memory: the real host (`regi serve`, simulator mode, as a child process) started on the same data
 *   directory; after 300 scans of random generated codes through its control API, its VmRSS from /proc.
 *   socat (the simulated scanner's pty pair) is a process of its own and is not counted.
 */
import { join } from 'node:path';
import type { Bench, BenchContext } from '../bench.js';
import { openRegisterStore } from '../../db/register-store.js';
import { startHostProcess } from '../../e2e/support/host-process.js';
import { describeMs, type Summary } from '../stats.js';
import type { TableRow } from '../table.js';
import { processRss, runJsonChild } from '../support/child-process.js';
import { generatedCode, generatedItem, seededRandom } from '../support/generated-catalog.js';

/** A random item that needs no age check, so the host lets the bench pay for the sale without the customer display. */
function saleableIndex(random: () => number, items: number): number {
  for (;;) {
    const n = Math.floor(random() * items);
    if (!generatedItem(n).ageRestricted) return n;
  }
}

const CHUNK = 50_000;

export const catalogLookupBench: Bench = {
  name: 'catalog',
  title: 'catalog lookup p99 with 1,000,000 items in SQLite, and the host process RSS with that catalog',
  run,
};

interface ChildResult {
  summary: Summary;
  misses: number;
  count: number;
  rssBeforeOpenMiB: number;
  rssAfterOpenMiB: number;
  rssAfterLookupsMiB: number;
  peakRssMiB: number;
}

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const items = ctx.quick ? 20_000 : 1_000_000;
  const lookups = ctx.quick ? 5_000 : 100_000;
  const hostScans = ctx.quick ? 40 : 300;

  let t = performance.now();
  const store = openRegisterStore(ctx.dir, { seedDemo: false });
  try {
    for (let start = 0; start < items; start += CHUNK) {
      const chunk = [];
      for (let n = start; n < Math.min(items, start + CHUNK); n++) chunk.push(generatedItem(n));
      store.catalog.upsertItems(chunk);
    }
    if (store.catalog.count() !== items) throw new Error(`catalog holds ${store.catalog.count()} items, expected ${items}`);
  } finally {
    store.close();
  }
  ctx.log(`catalog: ${items.toLocaleString('en-US')} items stored in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const child = await runJsonChild<ChildResult>('bench/support/catalog-lookup-child.ts', [ctx.dir, String(items), String(lookups)], 600_000);
  if (child.misses > 0) throw new Error(`${child.misses} of ${lookups} lookups of stored codes found nothing`);
  ctx.log(`catalog: findByCode ${describeMs(child.summary, 4)}`);
  ctx.log(
    `catalog: lookup process RSS ${child.rssBeforeOpenMiB.toFixed(0)} MiB before opening, ${child.rssAfterOpenMiB.toFixed(0)} after, ` +
      `${child.rssAfterLookupsMiB.toFixed(0)} after the lookups (peak ${child.peakRssMiB.toFixed(0)})`,
  );

  // For comparison: the same host with only the 224-item demo catalog, just after start.
  const demo = await startHostProcess({ dataDir: join(ctx.dir, 'demo-host') });
  try {
    ctx.log(`catalog: host RSS at ready with the demo catalog ${processRss(demo.child.pid!).rssMiB.toFixed(0)} MiB`);
  } finally {
    await demo.stop();
  }

  t = performance.now();
  const host = await startHostProcess({ dataDir: ctx.dir });
  let rss: { rssMiB: number; peakMiB: number };
  try {
    ctx.log(`catalog: host ready in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS at ready ${processRss(host.child.pid!).rssMiB.toFixed(0)} MiB`);
    const random = seededRandom(0xcafe);
    for (let i = 1; i <= hostScans; i++) {
      const outcome = await host.api<{ accepted: boolean }>('POST', '/api/register/scan', { data: generatedCode(saleableIndex(random, items)) });
      if (!outcome.accepted) throw new Error(`the host refused a stored code: ${JSON.stringify(outcome)}`);
      if (i % 20 === 0) await host.api('POST', '/api/register/pay-cash', { tendered: 1_000_000 });
    }
    rss = processRss(host.child.pid!);
  } finally {
    await host.stop();
  }
  ctx.log(`catalog: host RSS after ${hostScans} scans ${rss.rssMiB.toFixed(0)} MiB (peak ${rss.peakMiB.toFixed(0)} MiB)`);

  const n = `${items.toLocaleString('en-US')} items`;
  return [
    {
      benchmark: `catalog lookup p99 (${n})`,
      measured: { value: child.summary.p99, unit: 'ms' },
      limit: { value: 0.1, unit: 'ms', label: 'target' },
      better: 'lower',
    },
    {
      benchmark: `host RSS with ${n}`,
      measured: { value: rss.rssMiB, unit: 'MiB' },
      limit: { value: 200, unit: 'MiB', label: 'target' },
      better: 'lower',
    },
  ];
}
