/**
 * Smoke test of the benchmark harness: the table, the arguments, and one real benchmark on tiny counts.
 * It asserts the structure of what is printed, never a timing (timings belong to `npm run bench`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Bench } from './bench.js';
import { BENCHES } from './benches/index.js';
import { saleCommitBench } from './benches/sale-commit.js';
import { parseArgs, runBenches } from './run.js';
import { percentileSorted, summarize } from './stats.js';
import { formatErrors, formatTable, isErrorRow, verdictOf, type Row, type TableRow } from './table.js';

const row = (measured: number, limit: number, better: Row['better'], unit = 'ms'): Row => ({
  benchmark: `b ${measured}/${limit}`,
  measured: { value: measured, unit },
  limit: { value: limit, unit, label: 'target' },
  better,
});

describe('bench table', () => {
  test('verdicts: latency over its limit is "over", throughput under its target is "below", failures are "error"', () => {
    assert.equal(verdictOf(row(0.5, 1, 'lower')), 'within');
    assert.equal(verdictOf(row(1, 1, 'lower')), 'within');
    assert.equal(verdictOf(row(1.5, 1, 'lower')), 'over');
    assert.equal(verdictOf(row(6000, 5000, 'higher', 'sales/s')), 'within');
    assert.equal(verdictOf(row(4000, 5000, 'higher', 'sales/s')), 'below');
    assert.equal(verdictOf({ benchmark: 'x', error: 'socat missing' }), 'error');
  });

  test('every line of the table has the same width, with the ratio measured/limit', () => {
    const rows: TableRow[] = [row(0.25, 1, 'lower'), row(12_345, 5000, 'higher', 'sales/s'), { benchmark: 'ui', error: 'no chromium\nstack' }];
    const lines = formatTable(rows).split('\n');
    assert.equal(lines.length, 2 + rows.length);
    assert.match(lines[0]!, /^\| benchmark +\| measured +\| limit +\| ratio \(measured\/limit\) \| verdict +\|$/);
    assert.equal(new Set(lines.map((l) => [...l].length)).size, 1, lines.join('\n'));
    assert.match(lines[2]!, /\| 0\.250 ms +\| <= 1\.00 ms \(target\) +\| +0\.25 \| within +\|$/);
    assert.match(lines[3]!, /12,345 sales\/s .*\| +2\.47 \| within/);
    assert.match(lines[4]!, /\| error +\| - +\| +- \| error \(see below\) +\|$/);
    assert.deepEqual(formatErrors(rows), ['error in ui: no chromium\nstack']);
  });

  test('a row whose units differ is refused rather than printed with a meaningless ratio', () => {
    assert.throws(() => formatTable([{ ...row(1, 1, 'lower'), limit: { value: 1, unit: 's', label: 'x' } }]), /measured in ms but the limit is in s/);
  });
});

describe('bench statistics', () => {
  test('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentileSorted(sorted, 50), 50);
    assert.equal(percentileSorted(sorted, 99), 99);
    assert.equal(percentileSorted(sorted, 100), 100);
    const s = summarize([5, 1, 3]);
    assert.deepEqual([s.min, s.p50, s.max, s.count], [1, 3, 5, 3]);
    assert.throws(() => summarize([]), /no samples/);
  });
});

describe('bench arguments', () => {
  const names = BENCHES.map((b) => b.name);

  test('the six benchmarks of issue 8 are registered under distinct names', () => {
    assert.deepEqual(names, ['scan', 'commit', 'catalog', 'outbox', 'gateway', 'ui']);
  });

  test('--quick and --only (repeated or comma-separated)', () => {
    assert.deepEqual(parseArgs(['--quick', '--only', 'scan,ui', '--only=commit'], names), { quick: true, only: ['scan', 'ui', 'commit'], help: false });
    assert.deepEqual(parseArgs([], names), { quick: false, only: null, help: false });
  });

  test('an unknown name or argument is refused with the list of known names', () => {
    assert.throws(() => parseArgs(['--only', 'scna'], names), /unknown benchmark scna; known: scan, commit, catalog, outbox, gateway, ui/);
    assert.throws(() => parseArgs(['--only'], names), /--only needs a benchmark name/);
    assert.throws(() => parseArgs(['--fast'], names), /unknown argument "--fast"/);
  });
});

describe('bench runner', () => {
  test('a real benchmark on tiny counts yields complete rows; a failing one yields an error row; temp dirs are removed', async () => {
    const dirs: string[] = [];
    const failing: Bench = {
      name: 'broken',
      title: 'always fails',
      run: async (ctx) => {
        dirs.push(ctx.dir);
        throw new Error('socat is not installed');
      },
    };
    const commit: Bench = {
      ...saleCommitBench,
      run: (ctx) => {
        dirs.push(ctx.dir);
        return saleCommitBench.run(ctx);
      },
    };
    const rows = await runBenches([commit, failing], true, () => undefined);
    assert.equal(rows.length, 4);
    const [p50, p99, rate, broken] = rows;
    for (const r of [p50, p99, rate]) {
      assert.ok(r && !isErrorRow(r), JSON.stringify(r));
      assert.ok(r.measured.value > 0 && r.limit.value > 0);
      assert.equal(r.measured.unit, r.limit.unit);
      assert.match(r.limit.label, /raw fdatasync/);
    }
    assert.deepEqual([p50, p99, rate].map((r) => (r as Row).better), ['lower', 'lower', 'higher']);
    assert.deepEqual(broken, { benchmark: 'broken', error: 'socat is not installed' });
    assert.equal(dirs.length, 2);
    for (const dir of dirs) assert.equal(existsSync(dir), false, `${dir} was removed`);
  });
});
