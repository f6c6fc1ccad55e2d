import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatFleetReport, percentile, runFleet, stats } from './run-fleet.js';

describe('fleet', () => {
  test('percentiles are nearest-rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([], 50), 0);
    assert.deepEqual(stats([3, 1, 2]), { count: 3, p50Ms: 2, p99Ms: 3, maxMs: 3 });
  });

  test('two registers, a few sales: every sale completes and the report has its parts (no timing asserted)', { timeout: 60_000 }, async () => {
    const report = await runFleet({ registers: 2, sales: 3 });
    assert.deepEqual(report.failures, []);
    assert.equal(report.completedSales, 6);
    assert.equal(report.latency.cashSale.count, 4);
    assert.equal(report.latency.walletPayment.count, 2);
    assert.ok(report.latency.scan.count >= 12);
    for (const s of Object.values(report.latency)) {
      assert.ok(Number.isFinite(s.p50Ms) && Number.isFinite(s.p99Ms));
      assert.ok(s.p50Ms <= s.p99Ms && s.p99Ms <= s.maxMs);
    }
    assert.equal(report.reconcileOk, true);
    assert.match(formatFleetReport(report), /wallet payment\s+2\s/);
  });
});
