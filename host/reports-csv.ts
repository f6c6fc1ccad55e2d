/** CSV forms of the manager reports (GET /api/reports/NAME.csv): RFC 4180 quoting, CRLF, UTF-8 with BOM for Excel. */
import type { ReportName, SalesReports } from '../core/records/records-types.js';

function cell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it with a quote.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function reportCsv(name: ReportName, report: SalesReports): string {
  switch (name) {
    case 'sales-by-hour':
      return csv(['hour_jst', 'sales', 'total_yen'], report.salesByHour.map((h) => [h.hour, h.sales, h.total]));
    case 'tender-mix':
      return csv(['tender', 'count', 'amount_yen'], report.tenderMix.map((t) => [t.kind, t.count, t.amount]));
    case 'limit-events':
      return csv(['event', 'rule', 'cashier', 'count'], report.limitEvents.map((e) => [e.kind, e.rule, e.cashier, e.count]));
    case 'outbox-age':
      return csv(['age', 'pending', 'parked'], report.outboxAge.map((o) => [o.bucket, o.pending, o.parked]));
  }
}
