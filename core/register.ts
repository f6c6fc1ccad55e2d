/**
 * The register: the use cases behind RegisterApi. Pure: everything outside (catalog, journal,
 * scanners, clock, ids) comes in through ports.
 */
import {
  RegisterError,
  type RegisterApi,
  type RegisterEvent,
  type RegisterMode,
  type RegisterState,
  type ScanOutcome,
  type ScanRequest,
} from './api.js';
import { addItem, basketTotals, BasketError, emptyBasket, setQuantity, voidLine, type Basket } from './domain/basket.js';
import { classifyBarcode, type BarcodeClassifier } from './domain/barcode/classify.js';
import type { MessageCode, MessageLevel, MessageParams, RegisterMessage } from './domain/messages.js';
import { cashTender, saleChange, type CompletedSale, type Tender, type TenderKind } from './domain/sale.js';
import type {
  BadRead,
  Catalog,
  Clock,
  SaleJournal,
  SaleSummary,
  ScanEvent,
  ScannerDriver,
  ScannerStatus,
  Unsubscribe,
} from './ports.js';
import type { RegisterLimits } from './limits/register-limits.js';
import type { StoreSettings } from './domain/receipt/store-settings.js';
import { RegisterRecords } from './records/register-records.js';
import type * as Records from './records/records-types.js';
import type { SaleRefund, WalletPayResult, WalletSaleView, WalletTender } from './payments/wallet-tender.js';
import type * as Limits from './limits/api-types.js';
import type { OutboxState } from './sync/outbox-ports.js';
import { NO_SYNC, type OutboxRow, type SyncMonitor } from './sync/sync-monitor.js';

export interface RegisterDeps {
  registerId: string;
  mode: RegisterMode;
  catalog: Catalog;
  journal: SaleJournal;
  clock: Clock;
  /** Makes client-side ids (sale ids are idempotency keys): UUIDs in production. */
  newId: () => string;
  /** Delivery to the back office (outbox): shown in the state, listed and retried from the manager console. */
  sync?: SyncMonitor;
  /** Refuses (throws RegisterError 'unauthorized') unless the token is a live manager session. */
  /** The manager behind a live manager session; throws RegisterError 'unauthorized' otherwise. */
  requireManager?: (session: string) => { staffId: string };
  /** The store's barcode classifier (with its in-store price-embedded layouts); default: no layouts. */
  classify?: BarcodeClassifier;
  /** Purchase limits, age confirmation and the manager console (core/limits/); absent: none of them. */
  limits?: RegisterLimits;
  /** Wallet barcode payments (core/payments/wallet-tender.ts); absent: the register has no gateway. */
  wallet?: WalletTender;
  /** Store settings, sale history and reports (db/sale-records.ts); absent: those methods answer 'not-available'. */
  records?: Records.SaleRecords;
}

const MAX_MESSAGES = 20;

export class Register implements RegisterApi {
  private basket: Basket = emptyBasket();
  private startedAt: number | null = null;
  private lastLineId: string | null = null;
  private lastSale: CompletedSale | null = null;
  private saleNo: number;
  /** Which try at sale saleNo this is: a sale emptied and given up starts the next try (see abandonEmptySale). */
  private attempt = 1;
  private messages: RegisterMessage[] = [];
  private readonly listeners = new Set<(event: RegisterEvent) => void>();
  private readonly scanners = new Map<string, { driver: ScannerDriver; status: ScannerStatus; rejected: number; unsubscribe: Unsubscribe[] }>();

  constructor(private readonly deps: RegisterDeps) {
    this.saleNo = deps.journal.nextSaleNo();
    deps.sync?.onChange(() => this.emitState());
  }

  // ---- events ---------------------------------------------------------------------------------

  subscribe(listener: (event: RegisterEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: RegisterEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed socket, say) must not stop the register.
      }
    }
  }

  private emitState(): void {
    this.emit({ type: 'state', state: this.snapshot() });
  }

  private say(code: MessageCode, level: MessageLevel, params: MessageParams = {}): RegisterMessage {
    const message: RegisterMessage = { code, level, params, at: this.deps.clock.now() };
    this.messages = [message, ...this.messages].slice(0, MAX_MESSAGES);
    this.emit({ type: 'message', message });
    return message;
  }

  // ---- scanners -------------------------------------------------------------------------------

  attachScanner(driver: ScannerDriver): void {
    if (this.scanners.has(driver.id)) throw new RegisterError('invalid-request', `scanner ${driver.id} is already attached`);
    // rejected: reads the driver framed but the barcode chain refused; counted with the driver's own bad reads
    const entry = { driver, status: driver.status(), rejected: 0, unsubscribe: [] as Unsubscribe[] };
    entry.unsubscribe.push(
      driver.onScan((event) => this.handleScanEvent(event)),
      driver.onBadRead((bad) => this.handleBadRead(bad)),
      driver.onStatus((status) => {
        const before = entry.status.state;
        entry.status = status;
        if (before !== status.state) {
          if (status.state === 'connected') this.say('scanner.connected', 'info', { driverId: status.driverId });
          if (status.state === 'disconnected') this.say('scanner.disconnected', 'warning', { driverId: status.driverId });
          if (status.state === 'error') {
            this.say('scanner.error', 'error', { driverId: status.driverId, error: status.error ?? 'unknown error' });
          }
        }
        this.emitState();
      }),
    );
    this.scanners.set(driver.id, entry);
    this.emitState();
  }

  detachScanner(driverId: string): ScannerDriver | undefined {
    const entry = this.scanners.get(driverId);
    if (!entry) return undefined;
    for (const off of entry.unsubscribe) off();
    this.scanners.delete(driverId);
    this.emitState();
    return entry.driver;
  }

  scannerDrivers(): ScannerDriver[] {
    return [...this.scanners.values()].map((e) => e.driver);
  }

  /** A scanner's status with the register's counts, as in getState().scanners; undefined when it is not attached. */
  scannerStatus(driverId: string): ScannerStatus | undefined {
    const entry = this.scanners.get(driverId);
    return entry && countedStatus(entry);
  }

  private handleScanEvent(event: ScanEvent): void {
    if (this.deps.wallet?.capture(this.walletView, event.data)) return;
    const outcome = this.scanData(event.data, event.aimId);
    const entry = this.scanners.get(event.driverId);
    if (entry && !outcome.accepted && outcome.message.code === 'scan.badRead') {
      entry.rejected++;
      this.emitState();
    }
  }

  private handleBadRead(bad: BadRead): void {
    this.say('scan.badRead', 'error', { driverId: bad.driverId, reason: bad.reason });
    this.emitState();
  }

  // ---- RegisterApi ------------------------------------------------------------------------------

  async getState(): Promise<RegisterState> {
    return this.snapshot();
  }

  async scan(request: ScanRequest): Promise<ScanOutcome> {
    this.deps.wallet?.assertBasketOpen(this.walletView);
    return this.scanData(request.data, undefined);
  }

  private scanData(data: string, aimId: string | undefined): ScanOutcome {
    const barcode = (this.deps.classify ?? classifyBarcode)(data, aimId === undefined ? {} : { aimId });
    if (!barcode.ok) {
      const message = this.say('scan.badRead', 'error', { data: printable(data), reason: barcode.reason, rejectCode: barcode.code });
      this.emitState();
      return { accepted: false, message };
    }
    if (barcode.kind === 'bill-payment' || barcode.kind === 'JP-book-price') {
      // Bill payments (収納代行) and a book's second (price) bar are not goods: nothing to add.
      const message = this.say('scan.notSellable', 'warning', { kind: barcode.kind, code: printable(barcode.data) });
      this.emitState();
      return { accepted: false, message };
    }
    const found = this.deps.catalog.findByCode(barcode.lookupCode);
    if (!found) {
      const message = this.say('scan.unknownItem', 'error', { code: barcode.lookupCode });
      this.emitState();
      return { accepted: false, message };
    }
    // Price-embedded in-store labels (meat, deli by weight) carry the price; the catalog holds the item once.
    const item = barcode.kind === 'in-store-price' ? { ...found, price: barcode.embeddedPrice } : found;
    const refused = this.limitGate({ kind: 'add', item, quantity: 1 });
    if (refused) return { accepted: false, message: refused };
    this.openSaleIfCompleted();
    if (this.startedAt === null) this.startedAt = this.deps.clock.now();
    const { basket, line } = addItem(this.basket, item);
    this.basket = basket;
    this.lastLineId = line.lineId;
    this.say('scan.added', 'info', { code: item.code, name: item.nameJa, nameEn: item.name, quantity: line.quantity, price: item.price });
    this.emitState();
    return { accepted: true, line };
  }

  async setQuantity(request: { lineId: string; quantity: number }): Promise<RegisterState> {
    this.deps.wallet?.assertBasketOpen(this.walletView);
    this.limitGateOrThrow({ kind: 'setQuantity', lineId: request.lineId, quantity: request.quantity });
    this.basket = this.basketOp(() => setQuantity(this.basket, request.lineId, request.quantity));
    this.lastLineId = request.lineId;
    this.say('scan.quantityChanged', 'info', { lineId: request.lineId, quantity: request.quantity });
    this.emitState();
    return this.snapshot();
  }

  async voidLine(request: { lineId: string }): Promise<RegisterState> {
    this.deps.wallet?.assertBasketOpen(this.walletView);
    this.basket = this.basketOp(() => voidLine(this.basket, request.lineId));
    if (this.lastLineId === request.lineId) this.lastLineId = null;
    this.say('line.voided', 'info', { lineId: request.lineId });
    this.abandonEmptySale();
    this.emitState();
    return this.snapshot();
  }

  async payCash(request: { tendered: number }): Promise<CompletedSale> {
    const tendered = request.tendered;
    if (!Number.isSafeInteger(tendered) || tendered < 0) {
      throw new RegisterError('invalid-request', `tendered must be a whole number of yen, got ${String(tendered)}`);
    }
    if (this.basket.lines.length === 0) {
      this.say('sale.emptyBasket', 'warning');
      this.emitState();
      throw new RegisterError('sale.emptyBasket', 'the basket is empty: scan an item first');
    }
    this.deps.wallet?.refuseWhileRunning(this.walletView);
    const totals = basketTotals(this.basket);
    // Split tender: a wallet part already paid leaves only the rest due in cash.
    const due = totals.total - (this.deps.wallet?.paidAmount() ?? 0);
    if (tendered < due) {
      // After a wallet part (split tender) the cash is short of what remains, not of the sale's total.
      const remaining = due !== totals.total;
      this.say('sale.insufficientCash', 'error', { total: due, tendered, short: due - tendered, ...(remaining ? { remaining: 1 } : {}) });
      this.emitState();
      throw new RegisterError('sale.insufficientCash', `¥${tendered} does not cover the ${remaining ? 'remaining' : 'total'} ¥${due}`, {
        total: due,
        tendered,
      });
    }
    this.tenderGate('cash');
    return this.finishSale([...(this.deps.wallet?.heldTenders() ?? []), cashTender(due, tendered)]);
  }

  /** Commits the open sale with these tenders, then (only then) clears the basket. */
  private finishSale(tenders: readonly Tender[]): CompletedSale {
    const totals = basketTotals(this.basket);
    const now = this.deps.clock.now();
    const sale = {
      saleId: this.deps.newId(),
      registerId: this.deps.registerId,
      startedAt: this.startedAt ?? now,
      completedAt: now,
      lines: this.basket.lines,
      totals,
      tenders,
    };
    // Commit first; memory changes only after the sale is durable (with its wallet payments attached, if any).
    const committed = this.deps.wallet ? this.deps.wallet.commit(sale) : this.deps.journal.commitSale(sale);
    this.basket = emptyBasket();
    this.startedAt = null;
    this.lastLineId = null;
    this.lastSale = committed;
    this.saleNo = this.deps.journal.nextSaleNo();
    this.attempt = 1;
    this.say('sale.completed', 'info', {
      saleNo: committed.saleNo,
      total: committed.totals.total,
      change: saleChange(committed),
    });
    this.emitState();
    return committed;
  }

  // ---- wallet barcode payments (core/payments/wallet-tender.ts) --------------------------------

  private readonly walletView: WalletSaleView = {
    lines: () => this.basket.lines,
    totals: () => basketTotals(this.basket),
    complete: (tenders) => this.finishSale(tenders),
    tenderGate: (walletId) => this.tenderGate('wallet', walletId),
    say: (code, level, params) => this.say(code, level, params),
    changed: () => this.emitState(),
  };

  private walletTender(): WalletTender {
    if (!this.deps.wallet) {
      this.say('wallet.offline', 'error');
      this.emitState();
      throw new RegisterError('not-available', 'wallet payments are not set up on this register (no gateway): take cash');
    }
    return this.deps.wallet;
  }

  async beginWallet(request: { amount?: number } = {}): Promise<RegisterState> {
    this.walletTender().begin(this.walletView, request.amount);
    return this.snapshot();
  }

  async payWallet(request: { code: string; amount?: number }): Promise<WalletPayResult> {
    return this.walletTender().pay(this.walletView, request);
  }

  async abortWallet(): Promise<RegisterState> {
    await this.walletTender().abort(this.walletView);
    return this.snapshot();
  }

  /** Money goes back: only with a live manager session, and the refund records which manager approved it. */
  async refundSale(request: { saleId: string; managerSession: string }): Promise<SaleRefund> {
    const manager = this.managerOnly(request.managerSession);
    return this.walletTender().refund(this.walletView, request.saleId, manager.staffId);
  }

  /** After a completed sale: opens the next. On an open sale whose basket is empty: starts afresh (abandonEmptySale). */
  async newSale(): Promise<RegisterState> {
    if (this.lastSale === null && this.basket.lines.length === 0) {
      this.abandonEmptySale();
      this.say('sale.started', 'info');
    } else if (this.lastSale === null) {
      // F1 on an open sale: nothing changes (its lines are the customer's), but the cashier is told why. With a
      // wallet part paid, voiding the lines is no way out (refused): the paid part is what to finish or cancel.
      const paid = this.deps.wallet?.paidAmount() ?? 0;
      if (paid > 0) this.say('wallet.partPaid', 'warning', { amount: paid });
      else this.say('sale.stillOpen', 'warning', { lines: this.basket.lines.length });
    } else {
      // After a completed sale the next one starts: said, so that what was said about the last one goes.
      this.say('sale.started', 'info');
    }
    this.openSaleIfCompleted();
    this.emitState();
    return this.snapshot();
  }

  async recentSales(request: { limit: number }): Promise<SaleSummary[]> {
    return this.deps.journal.recentSales(Math.max(1, Math.min(100, Math.trunc(request.limit))));
  }

  async getSale(request: { saleId: string }): Promise<CompletedSale | null> {
    return this.deps.journal.getSale(request.saleId) ?? null;
  }

  async outboxList(request: { session: string; states: readonly OutboxState[]; limit: number }): Promise<OutboxRow[]> {
    this.managerOnly(request.session);
    return this.syncMonitor().list({ states: request.states, limit: Math.max(1, Math.min(500, Math.trunc(request.limit))) });
  }

  async outboxRetry(request: { session: string; includeParked: boolean }): Promise<{ retried: number }> {
    this.managerOnly(request.session);
    return { retried: this.syncMonitor().retryNow(request.includeParked) };
  }

  // ---- receipts, sale history, reports (core/records/) -----------------------------------------

  async getStoreSettings(): Promise<StoreSettings> {
    return this.records().getStoreSettings();
  }
  async setStoreSettings(request: Partial<StoreSettings>): Promise<StoreSettings> {
    return this.records().setStoreSettings(request);
  }
  async searchSales(request: Records.SaleSearchQuery): Promise<Records.SaleSearchResult> {
    return this.records().searchSales(request);
  }
  async salesReports(request: Records.ReportRange): Promise<Records.SalesReports> {
    return this.records().reports(request);
  }
  private records(): RegisterRecords {
    if (!this.deps.records) throw new RegisterError('not-available', 'this register keeps no sale records (history, reports, store settings)');
    return new RegisterRecords(this.deps.records, this.deps.clock);
  }

  private managerOnly(session: string): { staffId: string } {
    // Closed by default: without a manager check wired in, the queue is not shown or touched through the API.
    if (!this.deps.requireManager) throw new RegisterError('not-available', 'the manager console is not set up on this register');
    return this.deps.requireManager(session);
  }

  private syncMonitor(): SyncMonitor {
    if (!this.deps.sync) throw new RegisterError('not-available', 'this register has no outbox to show');
    return this.deps.sync;
  }

  // ---- purchase limits, age confirmation, manager console (core/limits/register-limits.ts) -------

  async approveOverride(request: Limits.ApproveOverrideRequest): Promise<RegisterState> {
    const change = await this.limitsOf().guard.approveOverride(this.saleRef(), request);
    if (change.kind === 'add') {
      if (this.limitGate(change) === null) {
        this.openSaleIfCompleted();
        if (this.startedAt === null) this.startedAt = this.deps.clock.now();
        const { basket, line } = addItem(this.basket, change.item, change.quantity);
        this.basket = basket;
        this.lastLineId = line.lineId;
        this.say('scan.added', 'info', { code: change.item.code, name: change.item.nameJa, nameEn: change.item.name, quantity: line.quantity, price: change.item.price });
      }
      this.emitState();
      return this.snapshot();
    }
    if (change.kind === 'setQuantity') return this.setQuantity({ lineId: change.lineId, quantity: change.quantity });
    this.emitState();
    return this.snapshot();
  }

  async cancelOverride(): Promise<RegisterState> {
    this.limitsOf().guard.cancelOverride(this.saleRef());
    this.emitState();
    return this.snapshot();
  }

  async confirmAge(request: Limits.ConfirmAgeRequest): Promise<RegisterState> {
    const { removeLineIds, message } = this.limitsOf().guard.confirmAge(this.saleRef(), this.basket.lines, request.confirmed);
    for (const lineId of removeLineIds) this.basket = voidLine(this.basket, lineId);
    if (this.lastLineId !== null && removeLineIds.includes(this.lastLineId)) this.lastLineId = null;
    this.say(message.code, message.level, message.params);
    this.abandonEmptySale();
    this.emitState();
    return this.snapshot();
  }

  async managerLogin(request: { managerId: string; pin: string }): Promise<Limits.ManagerSession> {
    return this.limitsOf().console.managerLogin(request);
  }
  async managerLogout(request: Limits.SessionRequest): Promise<{ loggedOut: boolean }> {
    return this.limitsOf().console.managerLogout(request);
  }
  async limitsOverview(request: Limits.SessionRequest): Promise<Limits.LimitsOverview> {
    return this.limitsOf().console.limitsOverview(request);
  }
  async limitsSave(request: Limits.DraftRequest): Promise<Limits.RuleSet> {
    return this.limitsOf().console.limitsSave(request);
  }
  async limitsImport(request: Limits.SessionRequest & { text: string }): Promise<Limits.RulesImportResult> {
    return this.limitsOf().console.limitsImport(request);
  }
  async limitsExport(request: Limits.SessionRequest & { version?: number }): Promise<{ version: number; json: string }> {
    return this.limitsOf().console.limitsExport(request);
  }
  async limitsDryRun(request: Limits.SessionRequest & { rules: Limits.LimitRule[]; days: number }): Promise<Limits.DryRunReport> {
    return this.limitsOf().console.limitsDryRun(request);
  }
  async auditLog(request: Limits.SessionRequest & { limit: number; beforeSeq?: number }): Promise<Limits.AuditEntry[]> {
    return this.limitsOf().console.auditLog(request);
  }
  async auditVerify(request: Limits.SessionRequest): Promise<Limits.ChainVerdict> {
    return this.limitsOf().console.auditVerify(request);
  }

  /**
   * The tender check (age confirmation, then limits) every tender runs before taking money. A wallet
   * tender calls it with the wallet id from the gateway BEFORE asking the gateway to pay; it throws a
   * RegisterError ('age.confirmationRequired', 'limit.blocked', 'limit.overrideRequired') when refused.
   */
  tenderGate(tender: TenderKind, walletId?: string): void {
    const guard = this.deps.limits?.guard;
    if (!guard) return;
    const verdict = guard.checkTender(this.saleRef(), this.basket.lines, tender, walletId);
    for (const m of verdict.messages) this.say(m.code, m.level, m.params);
    if (!verdict.allowed) {
      this.emitState();
      throw new RegisterError(verdict.code, verdict.explanation);
    }
  }

  /** Runs the limits on a basket change; returns the refusal message, or null to go ahead. */
  private limitGate(change: Limits.BasketChange): RegisterMessage | null {
    const guard = this.deps.limits?.guard;
    if (!guard) return null;
    const verdict = guard.checkChange(this.saleRef(), this.basket.lines, change);
    let last: RegisterMessage | null = null;
    for (const m of verdict.messages) last = this.say(m.code, m.level, m.params);
    if (verdict.allowed) return null;
    this.emitState();
    return last;
  }

  private limitGateOrThrow(change: Limits.BasketChange): void {
    const guard = this.deps.limits?.guard;
    if (!guard) return;
    const verdict = guard.checkChange(this.saleRef(), this.basket.lines, change);
    for (const m of verdict.messages) this.say(m.code, m.level, m.params);
    if (!verdict.allowed) {
      this.emitState();
      throw new RegisterError(verdict.code, verdict.explanation);
    }
  }

  /** The sale the limit guard and the audit log know: "R1#11", and "R1#11.2" for a second try after an abandoned one. */
  private saleRef(): string {
    return `${this.deps.registerId}#${this.saleNo}${this.attempt > 1 ? `.${this.attempt}` : ''}`;
  }

  /**
   * An open sale whose basket was emptied (every line voided or refused at the age check, or F1 on an empty basket)
   * is given up: the next scan starts a new try at the same sale number, with nothing of the old one. Above all not
   * its manager overrides or the customer's age confirmation: voiding everything and scanning again is how the next
   * customer's sale begins. A try that never started (nothing scanned, nothing held) is kept.
   */
  private abandonEmptySale(): void {
    if (this.lastSale !== null || this.basket.lines.length > 0) return;
    const pending = this.deps.limits?.guard.state(this.saleRef(), this.basket.lines).pendingOverride ?? null;
    if (this.startedAt === null && pending === null) return;
    this.attempt++;
    this.startedAt = null;
    this.lastLineId = null;
  }

  private limitsOf(): RegisterLimits {
    if (!this.deps.limits) throw new RegisterError('not-available', 'purchase limits are not set up on this register');
    return this.deps.limits;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private openSaleIfCompleted(): void {
    if (this.lastSale !== null && this.basket.lines.length === 0) {
      this.lastSale = null;
    }
  }

  private basketOp(op: () => Basket): Basket {
    try {
      return op();
    } catch (error) {
      if (error instanceof BasketError) throw new RegisterError(error.code, error.message);
      throw error;
    }
  }

  snapshot(): RegisterState {
    return {
      registerId: this.deps.registerId,
      mode: this.deps.mode,
      phase: this.lastSale !== null && this.basket.lines.length === 0 ? 'completed' : 'scanning',
      saleNo: this.saleNo,
      lines: this.basket.lines,
      totals: basketTotals(this.basket),
      lastLineId: this.lastLineId,
      lastSale: this.lastSale,
      scanners: [...this.scanners.values()].map(countedStatus),
      messages: this.messages,
      wallet: this.deps.wallet?.progress() ?? null,
      ...(this.deps.limits?.guard.state(this.saleRef(), this.basket.lines) ?? { pendingOverride: null, ageCheck: 'not-required' }),
      sync: this.deps.sync?.state() ?? NO_SYNC,
    };
  }
}

/**
 * A read the driver framed but the barcode chain refused (length, check digit) is a bad read, not a scan
 * (docs/scanners.md): it moves from the driver's scans to its bad reads, so scans + badReads is every read.
 */
function countedStatus(entry: { status: ScannerStatus; rejected: number }): ScannerStatus {
  const { status, rejected } = entry;
  return rejected === 0 ? status : { ...status, scans: status.scans - rejected, badReads: status.badReads + rejected };
}

/**
 * A rejected read as one readable line: control characters (and line separators) as \xNN or \uNNNN; anything else,
 * a full-width ５ typed on a Japanese keyboard included, as itself.
 */
function printable(data: string): string {
  const shown = data.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return shown.length > 64 ? `${[...shown].slice(0, 61).join('')}...` : shown;
}
