/**
 * Control API routes for receipts, store settings and report CSVs (docs/api.md). Text, PDF and CSV
 * answers are RawBody values, which control-api.ts sends as they are instead of as JSON.
 */
import type { ServerResponse } from 'node:http';
import { buildReceipt } from '../core/domain/receipt/receipt.js';
import { renderReceiptText } from '../core/domain/receipt/receipt-text.js';
import type { ReceiptLang } from '../core/domain/receipt/receipt-labels.js';
import { REPORT_NAMES, type ReportName } from '../core/records/records-types.js';
import type { Context, Route } from './control-api.js';
import { dispatchCall } from './dispatch.js';
import { HttpError, STATUS_BY_CODE } from './http-util.js';
import { receiptHtml } from './receipt-html.js';
import { ReceiptPdfError, ReceiptPdfRenderer } from './receipt-pdf.js';
import { reportCsv } from './reports-csv.js';

export class RawBody {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    readonly filename?: string,
  ) {}

  send(res: ServerResponse, status: number): void {
    res.writeHead(status, {
      'content-type': this.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(this.filename ? { 'content-disposition': `inline; filename="${this.filename}"` } : {}),
    });
    res.end(this.body);
  }
}

let pdfRenderer: ReceiptPdfRenderer | null = null;

/** Closes the shared Chromium used for receipt PDFs (host shutdown). */
export async function closeReceiptPdf(): Promise<void> {
  const renderer = pdfRenderer;
  pdfRenderer = null;
  await renderer?.close();
}

function langOf(url: URL): ReceiptLang {
  const lang = url.searchParams.get('lang') ?? 'ja';
  if (lang !== 'ja' && lang !== 'en') throw new HttpError(400, `lang: must be "ja" or "en" (got ${JSON.stringify(lang)})`);
  return lang;
}

async function call<T>(ctx: Context, method: 'getSale' | 'getStoreSettings' | 'salesReports', params: unknown): Promise<T> {
  const result = await dispatchCall(ctx.register, 1, method, params);
  if (!result.ok) throw new HttpError(STATUS_BY_CODE[result.error.code], result.error.message, result.error.code);
  return result.value as T;
}

async function receiptOf(ctx: Context, saleId: string) {
  const sale = await call<Awaited<ReturnType<Context['register']['getSale']>>>(ctx, 'getSale', { saleId });
  if (!sale) throw new HttpError(404, `no sale ${saleId} on this register`, 'not-found');
  const store = await call<Awaited<ReturnType<Context['register']['getStoreSettings']>>>(ctx, 'getStoreSettings', undefined);
  return buildReceipt(sale, store);
}

/** A time bound in a query string: epoch ms, an ISO date-time, or a date (midnight JST). */
export function parseTimeParam(name: string, value: string | null): number {
  if (value === null || value === '') throw new HttpError(400, `${name}: required (epoch ms, ISO date-time or YYYY-MM-DD)`);
  if (/^\d{1,16}$/.test(value)) return Number(value);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+09:00` : value;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw new HttpError(400, `${name}: ${JSON.stringify(value)} is not epoch ms, an ISO date-time or YYYY-MM-DD`);
  // Date.parse rolls an impossible day over (2026-02-30 would be 2026-03-02): the calendar date must exist as written.
  if (!calendarDateExists(iso.slice(0, 10))) throw new HttpError(400, `${name}: ${JSON.stringify(value)} has no such date (${iso.slice(0, 10)})`);
  return ms;
}

function calendarDateExists(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

export const RECORDS_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/sales\/([^/]+)\/receipt\.txt$/,
    handle: async (ctx, m, _b, url) => {
      const receipt = await receiptOf(ctx, decodeURIComponent(m[1]!));
      return [200, new RawBody('text/plain; charset=utf-8', renderReceiptText(receipt, langOf(url)))];
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/sales\/([^/]+)\/receipt\.pdf$/,
    handle: async (ctx, m, _b, url) => {
      const lang = langOf(url);
      const receipt = await receiptOf(ctx, decodeURIComponent(m[1]!));
      pdfRenderer ??= new ReceiptPdfRenderer();
      try {
        const pdf = await pdfRenderer.render(receiptHtml(receipt, lang));
        return [200, new RawBody('application/pdf', pdf, `receipt-${receipt.registerId}-${receipt.saleNo}.pdf`)];
      } catch (error) {
        if (error instanceof ReceiptPdfError) throw new HttpError(503, error.message, 'not-available');
        throw error;
      }
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/reports\/([^/]+)\.csv$/,
    handle: async (ctx, m, _b, url) => {
      const name = m[1]!;
      if (!(REPORT_NAMES as readonly string[]).includes(name)) {
        throw new HttpError(404, `no report ${JSON.stringify(name)}; reports: ${REPORT_NAMES.join(', ')}`, 'not-found');
      }
      const range = { from: parseTimeParam('from', url.searchParams.get('from')), to: parseTimeParam('to', url.searchParams.get('to')) };
      const report = await call<Awaited<ReturnType<Context['register']['salesReports']>>>(ctx, 'salesReports', range);
      return [200, new RawBody('text/csv; charset=utf-8', reportCsv(name as ReportName, report), `${name}.csv`)];
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/settings\/store$/,
    handle: async (ctx) => [200, await call(ctx, 'getStoreSettings', undefined)],
  },
  {
    method: 'POST',
    pattern: /^\/api\/settings\/store$/,
    handle: async (ctx, _m, body) => {
      const result = await dispatchCall(ctx.register, 1, 'setStoreSettings', body);
      if (result.ok) return [200, result.value];
      return [STATUS_BY_CODE[result.error.code], { error: result.error }];
    },
  },
];

