/**
 * The wallet tender of the open sale: the register's use cases around WalletRedemptions. It owns the
 * "which wallet payments belong to the basket" bookkeeping (split tender), the cashier-facing progress,
 * completing the sale in the same transaction that attaches the payment, cancelling a paid part the
 * cashier gives up on, and refunds with their own idempotency keys.
 */
import { RegisterError } from '../api.js';
import type { BasketLine, BasketTotals } from '../domain/basket.js';
import type { MessageCode, MessageLevel, MessageParams, RegisterMessage } from '../domain/messages.js';
import type { Yen } from '../domain/money.js';
import type { CompletedSale, Tender } from '../domain/sale.js';
import type { Clock } from '../ports.js';
import { transition, type Redemption, type RedemptionState } from './redemption-state.js';
import type { WalletGateway } from './wallet-gateway.js';
import { WalletRedemptions, type RedemptionPolicy, type RedemptionStore } from './wallet-redemption.js';

/** What the cashier screen shows while a wallet tender is under way (RegisterState.wallet). */
export interface WalletProgress {
  /** 'ENTERING': waiting for the customer's code; then the redemption's state. */
  state: 'ENTERING' | RedemptionState;
  /** Yen asked of the wallet (for 'ENTERING' without an amount: the remaining total). */
  amount: Yen;
  merchantPaymentId: string | null;
  /** What to tell the cashier now (translated by the renderer). */
  message: MessageCode | null;
  /** Yen already paid by wallet toward the open sale, waiting for the rest in cash (split tender). */
  paid: Yen;
}

export interface WalletPayResult {
  state: RedemptionState | 'OFFLINE';
  merchantPaymentId: string | null;
  /** The completed sale when this payment covered the rest of the total. */
  sale: CompletedSale | null;
  /** Yen still due (cash) after this payment. */
  remaining: Yen;
  message: RegisterMessage;
}

export interface SaleRefund {
  refundId: string;
  saleId: string;
  walletAmount: Yen;
  cashAmount: Yen;
  completedAt: number;
}

/** RedemptionStore plus the sale links db/redemption-store.ts keeps. */
export interface WalletRedemptionStore extends RedemptionStore {
  forSale(saleId: string): Redemption[];
  /** SUCCEEDED payments attached to no sale (their basket was lost in a restart). */
  orphaned(): Redemption[];
}

export interface WalletSaleCommitter {
  /** Commits the sale and attaches the wallet payments to it in ONE transaction; throws and writes nothing otherwise. */
  commitWalletSale(sale: Omit<CompletedSale, 'saleNo'>, merchantPaymentIds: readonly string[]): CompletedSale;
  getSale(saleId: string): CompletedSale | undefined;
}

export interface RefundRecord {
  refundId: string;
  saleId: string;
  walletAmount: Yen;
  cashAmount: Yen;
  merchantPaymentId: string | null;
  /** Gateway idempotency key of the wallet refund, stored before the request. */
  merchantRefundId: string | null;
  /** Staff id of the manager who approved it (stored in sale_refunds.manager_session). */
  approvedBy: string | null;
  createdAt: number;
  state: 'PENDING' | 'COMPLETED';
}

export interface RefundLedger {
  forSale(saleId: string): RefundRecord | undefined;
  /** Durably records a pending refund before any gateway request; throws if the sale has one already. */
  begin(refund: RefundRecord): void;
  /** Marks it completed and queues its 'refund.upload' outbox row, in one transaction. */
  complete(refundId: string, completedAt: number, registerId: string): void;
  noteError(refundId: string, error: string): void;
}

export interface WalletTenderDeps {
  gateway: WalletGateway;
  store: WalletRedemptionStore;
  committer: WalletSaleCommitter;
  refunds: RefundLedger;
  terminalId: string;
  registerId: string;
  clock: Clock;
  newId: () => string;
  sleep: (ms: number) => Promise<void>;
  policy?: RedemptionPolicy;
  /** Is the gateway reachable right now? A wallet code is never taken while it is not. */
  reachable: () => Promise<boolean>;
}

/** What WalletTender needs of the register's open sale. */
export interface WalletSaleView {
  lines(): readonly BasketLine[];
  totals(): BasketTotals;
  /** Builds and commits the open sale with these tenders (through commit() below). */
  complete(tenders: readonly Tender[]): CompletedSale;
  /**
   * The register's tender check (age confirmation, purchase limits); throws a RegisterError when refused.
   * Called without a wallet id before any gateway request, and again with the wallet id the gateway named
   * (a code does not say whose wallet it is): a refusal then cancels the payment before the sale completes.
   */
  tenderGate(walletId?: string): void;
  say(code: MessageCode, level: MessageLevel, params?: MessageParams): RegisterMessage;
  changed(): void;
}

const PROGRESS_MESSAGE: Partial<Record<RedemptionState, MessageCode>> = {
  NEW: 'wallet.sending',
  SUBMITTING: 'wallet.sending',
  AWAITING_USER: 'wallet.pending',
  UNKNOWN: 'wallet.unknown',
  CANCELLING: 'wallet.cancelling',
  CANCEL_UNKNOWN: 'wallet.cancelUnknown',
};

export class WalletTender {
  readonly redemptions: WalletRedemptions;
  private progressNow: WalletProgress | null = null;
  /** Succeeded wallet payments of the open sale, not yet committed with it. */
  private held: Redemption[] = [];
  private inFlight: string | null = null;
  /** A paid part is being reversed at the cashier's request (abort): a second abort has nothing to add. */
  private reversing = false;
  private view: WalletSaleView | null = null;

  constructor(private readonly deps: WalletTenderDeps) {
    this.redemptions = new WalletRedemptions({
      gateway: deps.gateway,
      store: deps.store,
      clock: deps.clock,
      sleep: deps.sleep,
      ...(deps.policy ? { policy: deps.policy } : {}),
      onChange: (r) => this.onChange(r),
    });
  }

  progress(): WalletProgress | null {
    return this.progressNow;
  }

  paidAmount(): Yen {
    return this.held.reduce((sum, r) => sum + r.amount, 0);
  }

  heldTenders(): Tender[] {
    return this.held.map((r) => ({ kind: 'wallet', amount: r.amount, reference: r.paymentId ?? r.merchantPaymentId }));
  }

  /** Refuses basket changes while a wallet payment runs or a paid wallet part waits for the rest. */
  assertBasketOpen(view: WalletSaleView): void {
    this.refuseWhileRunning(view);
    this.refuseWhilePartPaid(view);
  }

  /**
   * Refuses a cash tender while a wallet payment runs: its outcome is not known yet, and a sale completed in cash
   * meanwhile would leave the payment to be reversed after the customer was charged.
   */
  refuseWhileRunning(view: WalletSaleView): void {
    if (this.inFlight === null) return;
    view.say('wallet.busy', 'warning');
    view.changed();
    throw new RegisterError('wallet.busy', 'a wallet payment is under way: wait for its outcome or abort it first');
  }

  private refuseWhilePartPaid(view: WalletSaleView): void {
    if (this.held.length === 0) return;
    const amount = this.paidAmount();
    view.say('wallet.partPaid', 'warning', { amount });
    view.changed();
    throw new RegisterError('wallet.busy', `¥${amount} of this sale is paid by wallet: take the rest in cash, or cancel the wallet payment first`, { paid: amount });
  }

  /** Commits the sale with the held wallet payments attached (one transaction), then forgets them. */
  commit(sale: Omit<CompletedSale, 'saleNo'>): CompletedSale {
    const ids = this.held.map((r) => r.merchantPaymentId);
    const committed = this.deps.committer.commitWalletSale(sale, ids);
    this.held = [];
    this.progressNow = null;
    return committed;
  }

  /** The cashier pressed the wallet key: the next scanner read is the customer's code. */
  begin(view: WalletSaleView, amount?: Yen): void {
    this.requireIdle(view);
    const due = this.due(view);
    const asked = this.checkAmount(due, amount);
    this.progressNow = { state: 'ENTERING', amount: asked, merchantPaymentId: null, message: 'wallet.enterCode', paid: this.paidAmount() };
    view.say('wallet.enterCode', 'info', { amount: asked });
    view.changed();
  }

  /** A scanner read while the wallet key is armed goes here instead of into the basket (true: taken or refused here). */
  capture(view: WalletSaleView, data: string): boolean {
    if (this.progressNow?.state !== 'ENTERING') {
      if (this.inFlight === null && this.held.length === 0) return false;
      // A scanner read must not change a basket whose wallet payment runs or is partly paid.
      try {
        this.assertBasketOpen(view);
      } catch {
        // Said to the cashier; a scanner read has no caller to reject to.
      }
      return true;
    }
    const amount = this.progressNow.amount;
    this.pay(view, { code: data, amount }).catch(() => {
      // pay() told the cashier already; a scanner read has no caller to reject to.
    });
    return true;
  }

  async pay(view: WalletSaleView, request: { code: string; amount?: Yen }): Promise<WalletPayResult> {
    this.view = view;
    this.requireIdle(view);
    const due = this.due(view);
    const amount = this.checkAmount(due, request.amount);
    view.tenderGate();

    this.inFlight = 'probing';
    this.progressNow = { state: 'NEW', amount, merchantPaymentId: null, message: 'wallet.sending', paid: this.paidAmount() };
    view.changed();
    let reachable = false;
    try {
      reachable = await this.deps.reachable();
    } catch {
      reachable = false;
    }
    if (!reachable) {
      this.inFlight = null;
      this.progressNow = null;
      const message = view.say('wallet.offline', 'error');
      view.changed();
      return { state: 'OFFLINE', merchantPaymentId: null, sale: null, remaining: due, message };
    }

    // A fresh key per attempt: a new code or amount is a new payment, never a retry of an old one.
    const merchantPaymentId = this.deps.newId();
    this.inFlight = merchantPaymentId;
    let r: Redemption;
    try {
      r = await this.redemptions.pay({
        merchantPaymentId,
        code: request.code,
        amount,
        terminalId: this.deps.terminalId,
        categoryTotals: categoryShares(view.lines(), amount),
      });
    } catch (error) {
      this.inFlight = null;
      this.progressNow = null;
      const message = view.say('wallet.unknown', 'error', { error: error instanceof Error ? error.message : String(error) });
      view.changed();
      throw new RegisterError('internal', `wallet payment ${merchantPaymentId} failed to run: ${message.params['error'] as string}`);
    }
    this.inFlight = null;
    return this.settle(view, r, due);
  }

  /** Cashier abort: disarms the code entry, cancels a running payment, or cancels (reverses) a paid wallet part. */
  async abort(view: WalletSaleView): Promise<void> {
    if (this.progressNow?.state === 'ENTERING') {
      this.progressNow = this.held.length > 0 ? { ...this.progressNow, state: 'SUCCEEDED', message: 'wallet.succeeded' } : null;
      if (this.held.length === 0) this.progressNow = null;
      view.changed();
      return;
    }
    if (this.reversing) return;
    if (this.inFlight !== null) {
      if (this.inFlight !== 'probing') this.redemptions.abort(this.inFlight);
      if (this.progressNow) this.progressNow = { ...this.progressNow, message: 'wallet.cancelling' };
      view.say('wallet.cancelling', 'warning');
      view.changed();
      return;
    }
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    // Until the gateway has reversed the paid part, it is a payment under way: no cash, no basket change
    // (refuseWhileRunning), and the screens show it cancelling, not still paid.
    this.reversing = true;
    try {
      for (const r of held) {
        this.inFlight = r.merchantPaymentId;
        this.progressNow = { state: 'CANCELLING', amount: r.amount, merchantPaymentId: r.merchantPaymentId, message: 'wallet.cancelling', paid: 0 };
        view.say('wallet.cancelling', 'warning');
        view.changed();
        this.sayReversal(view, await this.reverse(r), 'info');
      }
    } finally {
      this.inFlight = null;
      this.reversing = false;
    }
    this.progressNow = null;
    view.changed();
  }

  /**
   * Refunds a completed sale: the wallet part through the gateway (own key), the cash part as cash back. Refunds of
   * one sale run one after another: a second request while the first awaits the gateway waits for it, then finds
   * the sale refunded ('invalid-request'), instead of both completing the one record and the second failing inside.
   */
  async refund(view: Pick<WalletSaleView, 'say' | 'changed'>, saleId: string, approvedBy: string): Promise<SaleRefund> {
    const before = this.refunding.get(saleId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.refundOnce(view, saleId, approvedBy));
    const settled = mine.then(() => undefined, () => undefined);
    this.refunding.set(saleId, settled);
    void settled.then(() => {
      if (this.refunding.get(saleId) === settled) this.refunding.delete(saleId);
    });
    return mine;
  }

  private readonly refunding = new Map<string, Promise<void>>();

  private async refundOnce(view: Pick<WalletSaleView, 'say' | 'changed'>, saleId: string, approvedBy: string): Promise<SaleRefund> {
    const sale = this.deps.committer.getSale(saleId);
    if (!sale) throw new RegisterError('invalid-request', `no sale ${saleId}`);
    let record = this.deps.refunds.forSale(saleId);
    if (record?.state === 'COMPLETED') throw new RegisterError('invalid-request', `sale ${saleId} was refunded already (${record.refundId})`);
    const payments = this.deps.store.forSale(saleId);
    if (payments.length > 1) throw new RegisterError('invalid-request', `sale ${saleId} has ${payments.length} wallet payments; one is supported`);
    const wallet = payments[0];
    const walletAmount = wallet?.amount ?? 0;
    if (!record) {
      record = {
        refundId: this.deps.newId(),
        saleId,
        walletAmount,
        cashAmount: sale.totals.total - walletAmount,
        merchantPaymentId: wallet?.merchantPaymentId ?? null,
        merchantRefundId: wallet ? this.deps.newId() : null,
        approvedBy,
        createdAt: this.deps.clock.now(),
        state: 'PENDING',
      };
      this.deps.refunds.begin(record);
    }
    if (wallet && wallet.state === 'SUCCEEDED') {
      try {
        await this.redemptions.refund(wallet.merchantPaymentId, record.merchantRefundId!);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        this.deps.refunds.noteError(record.refundId, text);
        view.say('wallet.refundFailed', 'error', { saleNo: sale.saleNo, error: text });
        view.changed();
        throw new RegisterError('not-available', `wallet refund of sale ${sale.saleNo} did not complete (try again; it will not refund twice): ${text}`);
      }
    }
    const completedAt = this.deps.clock.now();
    this.deps.refunds.complete(record.refundId, completedAt, this.deps.registerId);
    view.say('sale.refunded', 'info', { saleNo: sale.saleNo, wallet: record.walletAmount, cash: record.cashAmount });
    view.changed();
    return { refundId: record.refundId, saleId, walletAmount: record.walletAmount, cashAmount: record.cashAmount, completedAt };
  }

  /**
   * After a host restart: every unsettled payment is resumed (query, never re-pay; cancel at the deadline), then
   * payments that succeeded for a basket the restart lost are cancelled, so no customer stays charged for no sale.
   */
  async resumeAfterRestart(): Promise<Redemption[]> {
    const out: Redemption[] = [];
    for (const r of this.deps.store.unresolved()) out.push(await this.redemptions.resume(r.merchantPaymentId));
    for (const r of this.deps.store.orphaned()) out.push(await this.reverse(r));
    return out;
  }

  /** Retries cancels whose outcome is unknown (CANCEL_UNKNOWN); returns how many are still unresolved. */
  async retryCancels(): Promise<number> {
    let left = 0;
    for (const r of this.deps.store.unresolved()) {
      if (r.state !== 'CANCEL_UNKNOWN' || r.merchantPaymentId === this.inFlight) continue;
      const after = await this.redemptions.resume(r.merchantPaymentId);
      if (after.state === 'CANCEL_UNKNOWN') left++;
    }
    return left;
  }

  // ---- internals ------------------------------------------------------------------------------

  private async settle(view: WalletSaleView, r: Redemption, due: Yen): Promise<WalletPayResult> {
    const result = (state: WalletPayResult['state'], message: RegisterMessage, sale: CompletedSale | null, remaining: Yen): WalletPayResult => ({
      state, merchantPaymentId: r.merchantPaymentId, sale, remaining, message,
    });
    if (r.state !== 'SUCCEEDED') {
      this.progressNow = this.held.length > 0 ? this.heldProgress() : null;
      const offline = /connection-refused/.test(r.lastError ?? '');
      let message: RegisterMessage;
      if (r.state === 'FAILED') message = view.say('wallet.declined', 'error', { reason: r.failureReason ?? r.failureCode ?? 'declined', code: r.failureCode ?? '' });
      else if (r.state === 'CANCEL_UNKNOWN') message = view.say('wallet.cancelUnknown', 'error', { amount: r.amount });
      else message = view.say(offline ? 'wallet.offline' : 'wallet.voided', offline ? 'error' : 'warning', { amount: r.amount });
      view.changed();
      return result(r.state, message, null, due);
    }
    try {
      if (r.walletId) view.tenderGate(r.walletId);
    } catch (error) {
      // Refused for this wallet (its last 24 h): the payment is cancelled before any sale carries it.
      const reversed = await this.reverse(r);
      this.progressNow = this.held.length > 0 ? this.heldProgress() : null;
      // Info, so the banner keeps the limit's refusal (said by tenderGate): that is what the cashier must read.
      this.sayReversal(view, reversed, 'info');
      view.changed();
      throw error;
    }
    this.held.push(r);
    const remaining = due - r.amount;
    if (remaining > 0) {
      this.progressNow = this.heldProgress();
      const message = view.say('wallet.succeeded', 'info', { amount: r.amount, remaining });
      view.changed();
      return result('SUCCEEDED', message, null, remaining);
    }
    let sale: CompletedSale;
    try {
      sale = view.complete(this.heldTenders());
    } catch (error) {
      // The sale could not be recorded: the customer must not stay charged for it.
      const held = this.held;
      this.held = [];
      for (const h of held) this.sayReversal(view, await this.reverse(h), 'warning');
      this.progressNow = null;
      view.changed();
      throw error;
    }
    const message = view.say('wallet.succeeded', 'info', { amount: r.amount, remaining: 0 });
    view.changed();
    return result('SUCCEEDED', message, sale, 0);
  }

  /** How a reversal ended: given back (the customer was charged), voided before any charge, or not known yet. */
  private sayReversal(view: WalletSaleView, settled: Redemption, level: MessageLevel): void {
    const amount = settled.amount;
    if (settled.state === 'CANCEL_UNKNOWN') view.say('wallet.cancelUnknown', 'error', { amount });
    else if (settled.state === 'REVERSED') view.say('wallet.reversed', level, { amount });
    else view.say('wallet.voided', 'warning', { amount });
  }

  /** Cancels a succeeded payment that no sale will carry. */
  private async reverse(r: Redemption): Promise<Redemption> {
    const current = this.deps.store.get(r.merchantPaymentId) ?? r;
    if (current.state === 'SUCCEEDED') this.deps.store.save(transition(current, 'CANCELLING', this.deps.clock.now()));
    return this.redemptions.resume(r.merchantPaymentId);
  }

  private heldProgress(): WalletProgress {
    const last = this.held[this.held.length - 1]!;
    return { state: 'SUCCEEDED', amount: last.amount, merchantPaymentId: last.merchantPaymentId, message: 'wallet.succeeded', paid: this.paidAmount() };
  }

  private onChange(r: Redemption): void {
    if (this.inFlight !== r.merchantPaymentId) return;
    this.progressNow = {
      state: r.state,
      amount: r.amount,
      merchantPaymentId: r.merchantPaymentId,
      message: PROGRESS_MESSAGE[r.state] ?? null,
      paid: this.paidAmount(),
    };
    this.view?.changed();
  }

  private requireIdle(view: WalletSaleView): void {
    if (view.lines().length === 0) {
      view.say('sale.emptyBasket', 'warning');
      view.changed();
      throw new RegisterError('sale.emptyBasket', 'the basket is empty: scan an item first');
    }
    this.assertBasketOpen(view);
  }

  private due(view: WalletSaleView): Yen {
    return view.totals().total - this.paidAmount();
  }

  private checkAmount(due: Yen, amount: Yen | undefined): Yen {
    const asked = amount ?? due;
    if (!Number.isSafeInteger(asked) || asked <= 0 || asked > due) {
      throw new RegisterError('invalid-request', `wallet amount must be a whole number of yen from 1 to ¥${due} (the amount due), got ${String(amount)}`);
    }
    return asked;
  }

}

/**
 * Yen per category for the gateway's tobacco-share rule. For a part payment the basket's category totals are
 * scaled to the amount (largest remainder), so the shares stay those of the basket.
 */
export function categoryShares(lines: readonly BasketLine[], amount: Yen): Record<string, Yen> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.item.category, (totals.get(line.item.category) ?? 0) + line.amount);
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return {};
  const entries = [...totals.entries()].map(([category, yen]) => {
    const exact = (yen * amount) / total;
    return { category, floor: Math.floor(exact), frac: exact - Math.floor(exact) };
  });
  let left = amount - entries.reduce((s, e) => s + e.floor, 0);
  for (const e of [...entries].sort((a, b) => b.frac - a.frac)) {
    if (left <= 0) break;
    e.floor += 1;
    left -= 1;
  }
  return Object.fromEntries(entries.map((e) => [e.category, e.floor]));
}
