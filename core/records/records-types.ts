/**
 * Sale history, store settings and manager reports as the UI sees them (RegisterApi), and the port
 * the register reads them through (db/sale-records.ts implements it over SQLite).
 */
import type { Yen } from '../domain/money.js';
import type { TenderKind } from '../domain/sale.js';
import type { StoreSettings } from '../domain/receipt/store-settings.js';

export interface SaleSearchQuery {
  /** completedAt >= from (epoch ms). */
  from?: number;
  /** completedAt < to (epoch ms). */
  to?: number;
  minTotal?: Yen;
  maxTotal?: Yen;
  /** A line's item code (JAN/EAN) exactly. */
  barcode?: string;
  /** A wallet tender's transaction id (the gateway's payment id) exactly. */
  walletTransactionId?: string;
  limit: number;
  offset: number;
}

export interface SaleSearchRow {
  saleId: string;
  saleNo: number;
  completedAt: number;
  total: Yen;
  itemCount: number;
  tenderKinds: TenderKind[];
  walletTransactionIds: string[];
  /** The sale's refund: completed, pending (begun, cut off before it completed: finish it), or none. */
  refund: 'completed' | 'pending' | null;
}

export interface SaleSearchResult {
  /** Sales matching the filters, before limit/offset. */
  matched: number;
  sales: SaleSearchRow[];
}

export interface ReportRange {
  from: number;
  to: number;
}

export interface HourBucket {
  /** Hour of the day in JST, 0-23. */
  hour: number;
  sales: number;
  total: Yen;
}

export interface TenderMixRow {
  kind: TenderKind;
  /** Tenders of this kind (a split sale counts once per kind). */
  count: number;
  amount: Yen;
}

export interface LimitEventRow {
  kind: 'blocked' | 'override';
  rule: string;
  /** The cashier at the register (for overrides: the cashier whose sale was approved). */
  cashier: string;
  count: number;
}

export const OUTBOX_AGE_BUCKETS = ['<1m', '1-5m', '5-15m', '15-60m', '1-24h', '>24h'] as const;
export type OutboxAgeBucket = (typeof OUTBOX_AGE_BUCKETS)[number];

export interface OutboxAgeRow {
  bucket: OutboxAgeBucket;
  pending: number;
  parked: number;
}

export interface SalesReports {
  range: ReportRange;
  /** The clock's now when the report was made (outbox ages are measured from it). */
  generatedAt: number;
  salesByHour: HourBucket[];
  tenderMix: TenderMixRow[];
  limitEvents: LimitEventRow[];
  /** False when this register has no audit log (limits not set up): the section shows "no data". */
  limitEventsAvailable: boolean;
  /** Undelivered outbox rows now, by age; not limited to the range. */
  outboxAge: OutboxAgeRow[];
}

export const REPORT_NAMES = ['sales-by-hour', 'tender-mix', 'limit-events', 'outbox-age'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The register's records port. */
export interface SaleRecords {
  getStoreSettings(): StoreSettings;
  /** Validated by the caller; stores and returns the whole settings. */
  setStoreSettings(settings: StoreSettings): StoreSettings;
  searchSales(query: SaleSearchQuery): SaleSearchResult;
  reports(range: ReportRange, now: number): SalesReports;
}
