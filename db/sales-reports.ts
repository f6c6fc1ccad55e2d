/**
 * Manager reports straight from the register's tables. The audit log belongs to purchase limits
 * (migration 0002); a register without it still reports everything else.
 */
import type { TenderKind } from '../core/domain/sale.js';
import {
  OUTBOX_AGE_BUCKETS, type HourBucket, type LimitEventRow, type OutboxAgeBucket, type OutboxAgeRow, type ReportRange,
  type SalesReports, type TenderMixRow,
} from '../core/records/records-types.js';
import type { SqliteDatabase } from './open-database.js';

const HOUR_MS = 3_600_000;
const JST_OFFSET_MS = 9 * HOUR_MS;

export function buildReports(db: SqliteDatabase, range: ReportRange, now: number): SalesReports {
  return db.transaction(() => {
    const limit = limitEvents(db, range);
    return {
      range: { ...range },
      generatedAt: now,
      salesByHour: salesByHour(db, range),
      tenderMix: tenderMix(db, range),
      limitEvents: limit.rows,
      limitEventsAvailable: limit.available,
      outboxAge: outboxAge(db, now),
    };
  })();
}

function salesByHour(db: SqliteDatabase, range: ReportRange): HourBucket[] {
  const rows = db
    .prepare(
      `SELECT ((completed_at + ${JST_OFFSET_MS}) / ${HOUR_MS}) % 24 AS hour, count(*) AS sales, sum(total) AS total
       FROM sales WHERE completed_at >= ? AND completed_at < ? GROUP BY hour`,
    )
    .all(range.from, range.to) as { hour: number; sales: number; total: number }[];
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, sales: byHour.get(hour)?.sales ?? 0, total: byHour.get(hour)?.total ?? 0 }));
}

function tenderMix(db: SqliteDatabase, range: ReportRange): TenderMixRow[] {
  const rows = db
    .prepare(
      `SELECT t.kind AS kind, count(*) AS count, sum(t.amount) AS amount FROM tenders t JOIN sales s ON s.sale_id = t.sale_id
       WHERE s.completed_at >= ? AND s.completed_at < ? GROUP BY t.kind`,
    )
    .all(range.from, range.to) as { kind: TenderKind; count: number; amount: number }[];
  return (['cash', 'wallet'] as const).map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, count: row?.count ?? 0, amount: row?.amount ?? 0 };
  });
}

function hasTable(db: SqliteDatabase, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function limitEvents(db: SqliteDatabase, range: ReportRange): { available: boolean; rows: LimitEventRow[] } {
  if (!hasTable(db, 'audit_log')) return { available: false, rows: [] };
  // One blocked event may name several rules; each rule counts once per event.
  const rows = db
    .prepare(
      `SELECT 'blocked' AS kind, coalesce(json_extract(v.value, '$.ruleName'), json_extract(v.value, '$.ruleId'), '?') AS rule,
              a.actor AS cashier, count(*) AS count
       FROM audit_log a, json_each(a.details, '$.violations') v
       WHERE a.kind = 'limit.blocked' AND a.at >= ? AND a.at < ? GROUP BY rule, cashier
       UNION ALL
       SELECT 'override' AS kind,
              coalesce(json_extract(a.details, '$.violation.ruleName'), json_extract(a.details, '$.violation.ruleId'), '?') AS rule,
              coalesce(json_extract(a.details, '$.cashierId'), '?') AS cashier, count(*) AS count
       FROM audit_log a WHERE a.kind = 'limit.override' AND a.at >= ? AND a.at < ? GROUP BY rule, cashier
       ORDER BY kind, count DESC, rule, cashier`,
    )
    .all(range.from, range.to, range.from, range.to) as LimitEventRow[];
  return { available: true, rows: rows.map((r) => ({ kind: r.kind, rule: String(r.rule), cashier: String(r.cashier), count: r.count })) };
}

export function ageBucket(ageMs: number): OutboxAgeBucket {
  const minutes = ageMs / 60_000;
  if (minutes < 1) return '<1m';
  if (minutes < 5) return '1-5m';
  if (minutes < 15) return '5-15m';
  if (minutes < 60) return '15-60m';
  if (minutes < 24 * 60) return '1-24h';
  return '>24h';
}

function outboxAge(db: SqliteDatabase, now: number): OutboxAgeRow[] {
  const rows = db.prepare("SELECT state, created_at FROM outbox WHERE state IN ('pending', 'parked')").all() as {
    state: 'pending' | 'parked'; created_at: number;
  }[];
  const buckets = new Map<OutboxAgeBucket, OutboxAgeRow>(OUTBOX_AGE_BUCKETS.map((bucket) => [bucket, { bucket, pending: 0, parked: 0 }]));
  for (const row of rows) buckets.get(ageBucket(Math.max(0, now - row.created_at)))![row.state]++;
  return [...buckets.values()];
}
