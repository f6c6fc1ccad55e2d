/**
 * Durable sale commit: db/sale-journal.ts commitSale (sale, lines, tender and outbox row in one IMMEDIATE
 * transaction; WAL, synchronous=FULL) against the physical floor of the same file system in the same run: a
 * raw 4 KiB pwrite + fdatasync into a preallocated file beside the database (overwriting in place, as WAL
 * frames are rewritten after a checkpoint). The two alternate one for one, so load from other processes hits both alike.
 *
 * Both SQLite files are timed in steady state: once a checkpoint has reset the WAL, later commits overwrite frames
 * the file already has, like the raw writes; while a WAL still grows, each sync also commits the file's new size,
 * which costs about 1.7x a sync of data alone here. A register's WAL grows only until its first checkpoint (about
 * 70 sales after start). The bench logs each WAL's size before and after the timed run: unchanged means no timed
 * commit grew it.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openRegisterStore } from '../../db/register-store.js';
import type { Bench, BenchContext } from '../bench.js';
import { describeMs, summarize } from '../stats.js';
import type { TableRow } from '../table.js';
import { benchSale } from '../support/sales.js';

const BLOCK = 4096;
const SLOTS = 256;
const ALLOWED = 1.2;

export const saleCommitBench: Bench = {
  name: 'commit',
  title: 'durable sale commit (SQLite WAL, synchronous=FULL) vs raw 4 KiB write + fdatasync on the same fs',
  run,
};

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const count = ctx.quick ? 40 : 1000;
  const warmUp = ctx.quick ? 5 : 50;
  const store = openRegisterStore(ctx.dir);
  const rawFile = join(ctx.dir, 'raw-fdatasync.bin');
  const fd = openSync(rawFile, 'w+');
  /** The floor of any SQLite write here: one row of a sale's size, one transaction, same settings (logged). */
  const floor = openFloorTable(ctx.dir);
  try {
    const block = Buffer.alloc(BLOCK, 0x5a);
    for (let slot = 0; slot < SLOTS; slot++) writeSync(fd, block, 0, BLOCK, slot * BLOCK);
    fdatasyncSync(fd);

    const commit: number[] = [];
    const raw: number[] = [];
    /** The same commit with synchronous=OFF: SQLite's CPU and WAL writes without the sync (a breakdown, not a row). */
    const unsynced: number[] = [];
    const oneRow: number[] = [];
    const base = Date.now();
    const walSizes = () => ({ store: walBytes(store.db.name), floor: walBytes(floor.path) });
    let before = walSizes();
    for (let i = 0; i < warmUp + count; i++) {
      if (i === warmUp) before = walSizes();
      const sale = benchSale(store.registerId, randomUUID(), i, base + i);
      let t = performance.now();
      store.journal.commitSale(sale);
      const commitMs = performance.now() - t;

      block.writeUInt32LE(i, 0);
      t = performance.now();
      writeSync(fd, block, 0, BLOCK, (i % SLOTS) * BLOCK);
      fdatasyncSync(fd);
      const rawMs = performance.now() - t;

      store.db.pragma('synchronous = OFF');
      const unsyncedSale = benchSale(store.registerId, randomUUID(), i, base + i);
      t = performance.now();
      store.journal.commitSale(unsyncedSale);
      const unsyncedMs = performance.now() - t;
      store.db.pragma('synchronous = FULL');

      const payload = JSON.stringify(unsyncedSale);
      t = performance.now();
      floor.insert(payload);
      const oneRowMs = performance.now() - t;
      if (i < warmUp) continue;
      oneRow.push(oneRowMs);
      commit.push(commitMs);
      raw.push(rawMs);
      unsynced.push(unsyncedMs);
    }
    const after = walSizes();
    const c = summarize(commit);
    const r = summarize(raw);
    ctx.log(`commit: commitSale ${describeMs(c)}`);
    ctx.log(`commit: raw 4 KiB pwrite + fdatasync ${describeMs(r)}`);
    ctx.log(`commit:   the same commitSale with synchronous=OFF (CPU and WAL writes, no sync) ${describeMs(summarize(unsynced))}`);
    const o = summarize(oneRow);
    ctx.log(`commit:   one-row SQLite transaction (the sale as one JSON row, WAL, synchronous=FULL, steady state) ${describeMs(o)} = ${(o.p50 / r.p50).toFixed(2)} x raw at p50`);
    const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
    ctx.log(`commit:   WAL sizes before / after the timed run: sale store ${kib(before.store)} / ${kib(after.store)}, one-row floor ${kib(before.floor)} / ${kib(after.floor)} (unchanged = steady state, frames overwritten)`);
    const commitRate = (count * 1000) / (c.mean * count);
    const rawRate = (count * 1000) / (r.mean * count);
    ctx.log(`commit: ${commitRate.toFixed(0)} sales/s vs ${rawRate.toFixed(0)} raw syncs/s (sequential, one at a time)`);
    const n = `${count.toLocaleString('en-US')} sales`;
    return [
      {
        benchmark: `sale commit p50 (${n})`,
        measured: { value: c.p50, unit: 'ms' },
        limit: { value: ALLOWED * r.p50, unit: 'ms', label: `1.2 x raw fdatasync p50 ${r.p50.toFixed(3)} ms` },
        better: 'lower',
      },
      {
        benchmark: `sale commit p99 (${n})`,
        measured: { value: c.p99, unit: 'ms' },
        limit: { value: ALLOWED * r.p99, unit: 'ms', label: `1.2 x raw fdatasync p99 ${r.p99.toFixed(3)} ms` },
        better: 'lower',
      },
      {
        benchmark: 'sale commit throughput (sequential)',
        measured: { value: commitRate, unit: 'sales/s' },
        limit: { value: rawRate / ALLOWED, unit: 'sales/s', label: `raw fdatasync ${rawRate.toFixed(0)}/s / 1.2` },
        better: 'higher',
      },
    ];
  } finally {
    closeSync(fd);
    store.close();
    floor.close();
  }
}

/**
 * A database beside the store with one table of JSON rows: what a single-row durable write costs on this fs. One
 * row a transaction is about one WAL frame, so the timed run alone would not reach the first checkpoint: its WAL
 * is taken through one cycle first (rows written without sync, the automatic checkpoint at 1,000 frames resets
 * it), so the timed rows overwrite frames as the sale store's commits do.
 */
function openFloorTable(dir: string): { path: string; insert(payload: string): void; close(): void } {
  const path = join(dir, 'one-row-floor.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.prepare<[string]>('INSERT INTO journal (payload) VALUES (?)');
  const write = db.transaction((payload: string) => insert.run(payload));
  db.pragma('synchronous = OFF');
  const filler = 'x'.repeat(1500);
  for (let i = 0; i < 1100; i++) write.immediate(filler);
  db.pragma('synchronous = FULL');
  return { path, insert: (payload) => void write.immediate(payload), close: () => db.close() };
}

function walBytes(databasePath: string): number {
  const wal = `${databasePath}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}
