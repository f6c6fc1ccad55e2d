import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SalesReports } from '../../core/records/records-types.js';
import { hourlyText, limitText, outboxText, tenderText } from './report-view.js';

const report: SalesReports = {
  range: { from: 0, to: 1 },
  generatedAt: 1,
  salesByHour: Array.from({ length: 24 }, (_, hour) => ({ hour, sales: hour === 10 ? 3 : 0, total: hour === 10 ? 1234 : 0 })),
  tenderMix: [{ kind: 'cash', count: 2, amount: 734 }, { kind: 'wallet', count: 1, amount: 500 }],
  limitEvents: [{ kind: 'blocked', rule: 'たばこ', cashier: 'c1', count: 2 }],
  limitEventsAvailable: true,
  outboxAge: [{ bucket: '<1m', pending: 1, parked: 0 }],
};

describe('report chart text', () => {
  test('aria labels read out the numbers in the page language', () => {
    assert.equal(hourlyText(report, 'ja').ariaLabel, '時間帯別売上: 売上合計 ¥1,234; 10時 3件 ¥1,234');
    assert.match(hourlyText(report, 'en').ariaLabel, /10:00 3 sales ¥1,234/);
    assert.equal(tenderText(report, 'ja').ariaLabel, '支払方法の内訳: 現金 ¥734 (59%, 2件); バーコード決済 ¥500 (41%, 1件)');
    assert.match(limitText(report, 'en').ariaLabel, /Blocked たばこ \/ c1: 2/);
    assert.match(outboxText(report, 'en').ariaLabel, /<1m: Pending 1, Parked 0/);
  });

  test('empty reports say so', () => {
    const empty = { ...report, salesByHour: report.salesByHour.map((h) => ({ ...h, sales: 0, total: 0 })), tenderMix: report.tenderMix.map((r) => ({ ...r, count: 0, amount: 0 })), limitEvents: [], outboxAge: [{ bucket: '<1m' as const, pending: 0, parked: 0 }] };
    assert.equal(hourlyText(empty, 'ja').empty, true);
    assert.equal(tenderText(empty, 'ja').empty, true);
    assert.equal(limitText(empty, 'ja').empty, true);
    assert.equal(outboxText(empty, 'ja').empty, true);
    assert.equal(hourlyText(report, 'ja').empty, false);
  });
});
