/**
 * Crash-safety harness (issue 6): drives cash sales into a real register host as fast as it can, kills the host with
 * SIGKILL at random points (mid-scan, mid-tender, mid-upload, or at a random instant), restarts it, and at the end
 * proves that
 *   - every sale the register answered as complete is in the back office exactly once, and the back office holds
 *     exactly the register's sales (nothing lost, nothing invented, nothing stored twice);
 *   - no half-written sale exists (each has lines, a tender and its outbox row; totals match the lines);
 *   - the outbox drains to zero after the last restart, with nothing parked.
 *
 *   node --import tsx e2e/crash/kill-harness.ts [--kills N] [--seed S]      (npm run soak:crash: 1000 kills)
 * e2e/crash/crash-safety.e2e.ts runs the CI-sized form inside `npm test`.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegisterStore } from '../../db/register-store.js';
import {
  buildHostBundle,
  CashDriver,
  HostCallError,
  seededRandom,
  startBackOffice,
  startHostChild,
  waitForDrain,
  type BackOfficeRig,
  type HostChild,
} from './rig.js';

export type KillPoint = 'instant' | 'scan' | 'tender' | 'sync';
const KILL_POINTS: readonly KillPoint[] = ['instant', 'scan', 'tender', 'sync'];

export interface CrashOptions {
  kills: number;
  seed?: number;
  /** Progress lines (every 25 kills); silent by default. */
  log?: (line: string) => void;
}

export interface CrashReport {
  seed: number;
  kills: number;
  killsAt: Record<KillPoint, number>;
  /** Sales whose pay-cash call answered success. */
  acknowledged: number;
  /** pay-cash calls cut off by a kill: the sale may or may not have committed. */
  unknownOutcomes: number;
  registerSales: number;
  ingestStored: number;
  /** Uploads the back office recognised as already stored (resends after a kill), deduped. */
  duplicatesDeduped: number;
  durationMs: number;
  /** Empty when every check passed. */
  problems: string[];
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-crash-'));
  const bundle = await buildHostBundle();
  const backOffice = await startBackOffice();
  const driver = new CashDriver(random);
  const killsAt: Record<KillPoint, number> = { instant: 0, scan: 0, tender: 0, sync: 0 };
  const start = (): Promise<HostChild> =>
    startHostChild({ entry: bundle.entry, dataDir, gatewayUrl: backOffice.server.url, gatewayToken: backOffice.server.adminToken });

  try {
    for (let kill = 1; kill <= options.kills; kill++) {
      const point = pick(KILL_POINTS);
      const host = await start();
      try {
        await runUntilKilled(point, host, driver, backOffice, between, random);
      } catch (error) {
        throw new Error(`kill ${kill} (${point}, seed ${seed}): ${error instanceof Error ? error.message : String(error)}\n--- host output ---\n${host.output()}`);
      } finally {
        await host.kill();
      }
      killsAt[point]++;
      if (kill % 25 === 0) options.log?.(`${kill} kills, ${driver.completed.length} sales acknowledged (${Math.round((Date.now() - started) / 1000)} s)`);
    }

    // The last start: no kill; the outbox must drain on its own.
    await backOffice.admin.clearFaults();
    const last = await start();
    let parked: number;
    try {
      parked = (await waitForDrain(last, 120_000)).sync.parked;
    } finally {
      await last.stop();
    }
    const problems = await verify(dataDir, backOffice, driver);
    if (parked !== 0) problems.push(`${parked} outbox rows are parked`);
    const stats = await backOffice.admin.ingestStats();
    const registerSales = countSales(dataDir);
    return {
      seed,
      kills: options.kills,
      killsAt,
      acknowledged: driver.completed.length,
      unknownOutcomes: driver.unknownOutcomes,
      registerSales,
      ingestStored: stats.stored,
      duplicatesDeduped: stats.duplicates,
      durationMs: Date.now() - started,
      problems,
    };
  } finally {
    await backOffice.close();
    bundle.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Drives the host until the chosen kill point, then kills it. Errors while the host is alive are real failures. */
async function runUntilKilled(
  point: KillPoint,
  host: HostChild,
  driver: CashDriver,
  backOffice: BackOfficeRig,
  between: (lo: number, hi: number) => number,
  random: () => number,
): Promise<void> {
  const soon = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  switch (point) {
    case 'instant': {
      // A random instant: during start-up's first upload, a scan, a commit or an upload.
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        void host.kill();
      }, between(0, 250));
      try {
        for (;;) await driver.sale(host);
      } catch (error) {
        if (!killed || error instanceof HostCallError) throw error;
      } finally {
        clearTimeout(timer);
      }
      return;
    }
    case 'scan': {
      for (let i = between(0, 2); i > 0; i--) await driver.sale(host);
      for (let i = between(0, 2); i > 0; i--) await driver.scan(host);
      const inFlight = driver.scan(host).catch(() => undefined);
      await soon(between(0, 2));
      await host.kill();
      await inFlight;
      return;
    }
    case 'tender': {
      for (let i = between(0, 2); i > 0; i--) await driver.sale(host);
      for (let i = between(1, 3); i > 0; i--) await driver.scan(host);
      // Killed before, during or just after the commit; a success that arrives first is counted as complete.
      const inFlight = driver.payCash(host).catch(() => undefined);
      await soon(between(0, 3));
      await host.kill();
      await inFlight;
      return;
    }
    case 'sync': {
      await backOffice.admin.clearFaults();
      // Half the time the back office commits the batch and the answer is lost on the way back.
      if (random() < 0.5) await backOffice.admin.injectFault({ kind: 'drop-response', path: '/v1/ingest/batch' });
      const batch = once(backOffice.ingests, 'batch');
      for (let i = between(1, 2); i > 0; i--) await driver.sale(host);
      await withTimeout(batch, 30_000, 'no upload reached the back office within 30 s');
      await host.kill();
      return;
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function countSales(dataDir: string): number {
  const store = openRegisterStore(dataDir, { seedDemo: false });
  try {
    return (store.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
  } finally {
    store.close();
  }
}

async function verify(dataDir: string, backOffice: BackOfficeRig, driver: CashDriver): Promise<string[]> {
  const problems: string[] = [];
  // Opening runs the full integrity check: a torn page would stop it here.
  const store = openRegisterStore(dataDir, { seedDemo: false, check: 'full' });
  try {
    const db = store.db;
    const half = db
      .prepare(
        `SELECT s.sale_id AS id, s.total, s.item_count AS items,
                (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.sale_id) AS lines,
                (SELECT COALESCE(SUM(l.amount), -1) FROM sale_lines l WHERE l.sale_id = s.sale_id) AS line_total,
                (SELECT COALESCE(SUM(l.quantity), -1) FROM sale_lines l WHERE l.sale_id = s.sale_id) AS line_items,
                (SELECT COUNT(*) FROM tenders t WHERE t.sale_id = s.sale_id) AS tenders,
                (SELECT COALESCE(SUM(t.amount), -1) FROM tenders t WHERE t.sale_id = s.sale_id) AS tendered,
                (SELECT COUNT(*) FROM outbox o WHERE o.idempotency_key = s.sale_id AND o.topic = 'sale.upload') AS outbox
         FROM sales s`,
      )
      .all() as { id: string; total: number; items: number; lines: number; line_total: number; line_items: number; tenders: number; tendered: number; outbox: number }[];
    for (const s of half) {
      if (s.lines === 0 || s.tenders === 0 || s.outbox !== 1 || s.line_total !== s.total || s.line_items !== s.items || s.tendered !== s.total) {
        problems.push(`half-written or inconsistent sale ${s.id}: ${JSON.stringify(s)}`);
      }
    }
    const orphans = db
      .prepare("SELECT idempotency_key AS k FROM outbox WHERE topic = 'sale.upload' AND idempotency_key NOT IN (SELECT sale_id FROM sales)")
      .all() as { k: string }[];
    for (const o of orphans) problems.push(`outbox row ${o.k} announces a sale that does not exist`);
    const waiting = db.prepare("SELECT state, COUNT(*) AS n FROM outbox WHERE state != 'sent' GROUP BY state").all() as { state: string; n: number }[];
    for (const w of waiting) problems.push(`${w.n} outbox rows still ${w.state} after the final drain`);

    const registerSales = new Map(half.map((s) => [s.id, s]));
    const items = await backOffice.admin.ingestItems('sale.upload');
    const stored = new Map<string, number>();
    for (const item of items) stored.set(item.idempotencyKey, (stored.get(item.idempotencyKey) ?? 0) + 1);
    for (const [key, n] of stored) if (n !== 1) problems.push(`back office stores sale ${key} ${n} times`);
    for (const item of items) {
      const sale = registerSales.get(item.idempotencyKey);
      if (!sale) {
        problems.push(`back office holds sale ${item.idempotencyKey} the register does not have`);
        continue;
      }
      const payload = item.payload as { totals?: { total?: number }; lines?: unknown[]; registerId?: string };
      if (payload.totals?.total !== sale.total || payload.lines?.length !== sale.lines) {
        problems.push(`back office copy of ${item.idempotencyKey} differs: total ${payload.totals?.total} vs ${sale.total}, ${payload.lines?.length} vs ${sale.lines} lines`);
      }
      if (item.registerId !== store.registerId) problems.push(`sale ${item.idempotencyKey} stored for register ${item.registerId}, not ${store.registerId}`);
    }
    for (const id of registerSales.keys()) if (!stored.has(id)) problems.push(`register sale ${id} never reached the back office`);
    for (const ack of driver.completed) {
      const sale = registerSales.get(ack.saleId);
      if (!sale) problems.push(`sale ${ack.saleId} was shown complete but is not in the register database`);
      else if (sale.total !== ack.total || sale.lines !== ack.lines) problems.push(`sale ${ack.saleId} differs from what the register answered`);
      if (stored.get(ack.saleId) !== 1) problems.push(`sale ${ack.saleId} was shown complete but is in the back office ${stored.get(ack.saleId) ?? 0} times`);
    }
  } finally {
    store.close();
  }
  return problems;
}

// ---- command line (npm run soak:crash) ---------------------------------------------------------------------------

async function cli(argv: string[]): Promise<number> {
  const value = (name: string): number | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got ${argv[i + 1]}`);
    return n;
  };
  const kills = value('kills') ?? 1000;
  const seed = value('seed');
  console.log(`crash soak: ${kills} SIGKILLs${seed === undefined ? '' : `, seed ${seed}`}`);
  const report = await runCrashHarness({ kills, ...(seed === undefined ? {} : { seed }), log: (line) => console.log(`  ${line}`) });
  console.log(JSON.stringify({ ...report, problems: report.problems.slice(0, 20) }, null, 2));
  if (report.problems.length > 0) {
    console.error(`FAILED: ${report.problems.length} problems (replay with --seed ${report.seed})`);
    return 1;
  }
  console.log(`ok: ${report.acknowledged} acknowledged sales, all in the back office exactly once; outbox drained`);
  return 0;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
