/**
 * RegisterApi: the only contract the UI sees. One method per operation, each taking one plain
 * object (or nothing) and returning a promise of plain data, so that the same interface runs
 * in-process, over WebSocket (browser mode) and over contextBridge IPC (Electron).
 */
import type { BasketLine, BasketTotals } from './domain/basket.js';
import type { RegisterMessage } from './domain/messages.js';
import type { CompletedSale } from './domain/sale.js';
import type { SaleSummary, ScannerStatus } from './ports.js';
import type { SaleRefund, WalletPayResult, WalletProgress } from './payments/wallet-tender.js';
import type * as Limits from './limits/api-types.js';
import type { OutboxState } from './sync/outbox-ports.js';
import type { OutboxRow, SyncState } from './sync/sync-monitor.js';
import type * as Records from './records/records-types.js';
import type { StoreSettings } from './domain/receipt/store-settings.js';

export type RegisterMode = 'simulator' | 'production';

export interface RegisterState {
  registerId: string;
  mode: RegisterMode;
  /** 'scanning' while a sale is open; 'completed' shows the last sale until the next scan. */
  phase: 'scanning' | 'completed';
  /** Number the open sale will get when it completes. */
  saleNo: number;
  lines: readonly BasketLine[];
  totals: BasketTotals;
  /** Line touched by the last scan, for highlighting. */
  lastLineId: string | null;
  lastSale: CompletedSale | null;
  scanners: readonly ScannerStatus[];
  /** Most recent first, at most 20. */
  messages: readonly RegisterMessage[];
  /** Wallet tender of the open sale (entering the code, waiting, resolving, paid part of a split tender), or null. */
  wallet?: WalletProgress | null;
  /** Purchase limits (core/limits/): a refused change waiting for a manager, or null. */
  pendingOverride?: Limits.PendingOverride | null;
  /** Age confirmation of the open sale; tender is refused until 'confirmed' when it is 'required'. */
  ageCheck?: Limits.AgeCheck;
  /** Delivery of completed sales to the back office (the outbox): online state and queue depth. */
  sync: SyncState;
}

export type ScanSource = 'keyboard' | 'scanner';

export interface ScanRequest {
  data: string;
  source?: ScanSource;
}

export type ScanOutcome =
  | { accepted: true; line: BasketLine }
  | { accepted: false; message: RegisterMessage };

export interface RegisterApi {
  getState(): Promise<RegisterState>;
  /** Keyed entry (or any scan not coming from a driver): the same path a scanner read takes. */
  scan(request: ScanRequest): Promise<ScanOutcome>;
  setQuantity(request: { lineId: string; quantity: number }): Promise<RegisterState>;
  voidLine(request: { lineId: string }): Promise<RegisterState>;
  payCash(request: { tendered: number }): Promise<CompletedSale>;
  /** Clears the completed-sale display and opens the next sale. */
  newSale(): Promise<RegisterState>;
  recentSales(request: { limit: number }): Promise<SaleSummary[]>;
  getSale(request: { saleId: string }): Promise<CompletedSale | null>;
  // ---- wallet barcode payments (docs/wallet.md) ----
  /** Arms the wallet tender: the next scanner read is the customer's code (amount: a split-tender part; default the rest). */
  beginWallet(request: { amount?: number }): Promise<RegisterState>;
  /** Pays the remaining amount (or `amount` of it, split tender) with the customer's one-time code. Needs the gateway. */
  payWallet(request: { code: string; amount?: number }): Promise<WalletPayResult>;
  /** Cashier abort: stops code entry, cancels a running wallet payment, or cancels a paid wallet part of the open sale. */
  abortWallet(): Promise<RegisterState>;
  /** Refunds a completed sale: its wallet part through the gateway (own idempotency key), the rest as cash. */
  /** Manager only: `managerSession` from managerLogin; the refund records that manager's staff id. */
  refundSale(request: { saleId: string; managerSession: string }): Promise<SaleRefund>;
  // ---- purchase limits, age confirmation, manager console (docs/limits.md) ----
  /** Approves the pending override with a manager's PIN and a reason, then applies the held change. */
  approveOverride(request: Limits.ApproveOverrideRequest): Promise<RegisterState>;
  cancelOverride(): Promise<RegisterState>;
  /** The customer's answer on the customer display; a refusal removes the age-restricted lines. */
  confirmAge(request: Limits.ConfirmAgeRequest): Promise<RegisterState>;
  managerLogin(request: { managerId: string; pin: string }): Promise<Limits.ManagerSession>;
  managerLogout(request: Limits.SessionRequest): Promise<{ loggedOut: boolean }>;
  limitsOverview(request: Limits.SessionRequest): Promise<Limits.LimitsOverview>;
  limitsSave(request: Limits.DraftRequest): Promise<Limits.RuleSet>;
  limitsImport(request: Limits.SessionRequest & { text: string }): Promise<Limits.RulesImportResult>;
  limitsExport(request: Limits.SessionRequest & { version?: number }): Promise<{ version: number; json: string }>;
  limitsDryRun(request: Limits.SessionRequest & { rules: Limits.LimitRule[]; days: number }): Promise<Limits.DryRunReport>;
  auditLog(request: Limits.SessionRequest & { limit: number; beforeSeq?: number }): Promise<Limits.AuditEntry[]>;
  auditVerify(request: Limits.SessionRequest): Promise<Limits.ChainVerdict>;
  /** Outbox rows in the given states, oldest first (manager console; needs a manager session). */
  outboxList(request: { session: string; states: readonly OutboxState[]; limit: number }): Promise<OutboxRow[]>;
  /** "Retry now" (manager session): makes waiting (and, when asked, parked) rows due at once and wakes delivery. */
  outboxRetry(request: { session: string; includeParked: boolean }): Promise<{ retried: number }>;
  // ---- receipts, sale history, reports (docs/ui.md) ----
  /** Store name, address, phone and qualified-invoice registration number printed on receipts. */
  getStoreSettings(): Promise<StoreSettings>;
  /** Changes the given fields; a malformed registration number (not "T" + 13 digits) is refused. */
  setStoreSettings(request: Partial<StoreSettings>): Promise<StoreSettings>;
  /** Completed sales by time, amount, item barcode or wallet transaction id, newest first. */
  searchSales(request: Records.SaleSearchQuery): Promise<Records.SaleSearchResult>;
  /** Manager reports over [from, to): sales by hour, tender mix, limit events, outbox age. */
  salesReports(request: Records.ReportRange): Promise<Records.SalesReports>;
}

export type RegisterMethod = keyof RegisterApi;

/** Every method name, for bridges that are generated from the interface (IPC, WebSocket). */
export const REGISTER_METHODS = [
  'getState',
  'scan',
  'setQuantity',
  'voidLine',
  'payCash',
  'newSale',
  'recentSales',
  'getSale',
  'beginWallet',
  'payWallet',
  'abortWallet',
  'refundSale',
  'approveOverride',
  'cancelOverride',
  'confirmAge',
  'managerLogin',
  'managerLogout',
  'limitsOverview',
  'limitsSave',
  'limitsImport',
  'limitsExport',
  'limitsDryRun',
  'auditLog',
  'auditVerify',
  'outboxList',
  'outboxRetry',
  'getStoreSettings',
  'setStoreSettings',
  'searchSales',
  'salesReports',
] as const satisfies readonly RegisterMethod[];

// Compile-time check that the list above names every method exactly.
type Missing = Exclude<RegisterMethod, (typeof REGISTER_METHODS)[number]>;
const _allMethodsListed: Missing extends never ? true : Missing = true;
void _allMethodsListed;

export type RegisterEvent =
  | { type: 'state'; state: RegisterState }
  | { type: 'message'; message: RegisterMessage };

/** Error codes a RegisterApi call can reject with; the message says what to fix. */
export type RegisterErrorCode =
  | 'invalid-request'
  | 'line.notFound'
  | 'quantity.invalid'
  | 'sale.emptyBasket'
  | 'sale.insufficientCash'
  | 'unauthorized'
  | 'limit.blocked'
  | 'limit.overrideRequired'
  | 'age.confirmationRequired'
  | 'wallet.busy'
  | 'not-available'
  | 'internal';

export class RegisterError extends Error {
  constructor(
    readonly code: RegisterErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
    this.name = 'RegisterError';
  }
}
