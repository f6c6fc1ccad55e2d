/** The history search form's text fields -> a SaleSearchQuery, or the key of what to fix. Dates are JST days. */
import type { SaleSearchQuery } from '../../core/records/records-types.js';
import type { UiKey } from '../i18n/translate.js';

export interface SearchFields {
  from: string;
  to: string;
  minTotal: string;
  maxTotal: string;
  barcode: string;
  walletTransactionId: string;
}

export const EMPTY_FIELDS: SearchFields = { from: '', to: '', minTotal: '', maxTotal: '', barcode: '', walletTransactionId: '' };

export const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** Midnight JST of a YYYY-MM-DD day, as epoch ms; null if not a real date. */
export function jstDayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - JST_OFFSET_MS;
}

/** The JST day (YYYY-MM-DD) an instant falls in. */
export function jstDay(epochMs: number): string {
  return new Date(epochMs + JST_OFFSET_MS).toISOString().slice(0, 10);
}

function yen(text: string): number | null | 'bad' {
  const s = text.trim().replace(/[,¥]/g, '');
  if (s === '') return null;
  if (!/^\d{1,9}$/.test(s)) return 'bad';
  return Number(s);
}

export function toQuery(fields: SearchFields, page: number): { ok: true; query: SaleSearchQuery } | { ok: false; problem: UiKey } {
  const query: SaleSearchQuery = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  if (fields.from.trim() !== '') {
    const from = jstDayStart(fields.from.trim());
    if (from === null) return { ok: false, problem: 'invalidRange' };
    query.from = from;
  }
  if (fields.to.trim() !== '') {
    const to = jstDayStart(fields.to.trim());
    if (to === null) return { ok: false, problem: 'invalidRange' };
    query.to = to + DAY_MS; // the end day is included
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) return { ok: false, problem: 'invalidRange' };
  const min = yen(fields.minTotal);
  const max = yen(fields.maxTotal);
  if (min === 'bad' || max === 'bad') return { ok: false, problem: 'invalidAmount' };
  if (min !== null) query.minTotal = min;
  if (max !== null) query.maxTotal = max;
  if (min !== null && max !== null && min > max) return { ok: false, problem: 'invalidAmount' };
  const barcode = fields.barcode.trim();
  if (barcode !== '') {
    if (!/^\d{6,20}$/.test(barcode)) return { ok: false, problem: 'invalidBarcode' };
    query.barcode = barcode;
  }
  const tx = fields.walletTransactionId.trim();
  if (tx !== '') query.walletTransactionId = tx;
  return { ok: true, query };
}
