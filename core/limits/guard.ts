/**
 * LimitGuard: the register's side of purchase limits and age confirmation. The Register asks it
 * before every basket change (scan, keyed quantity) and before every tender; it answers with the
 * messages to show and whether to go ahead, keeps the per-sale state (a refused change waiting for a
 * manager, approved overrides, the customer's age confirmation) and writes every refusal and
 * override to the audit log.
 *
 * Per-sale state is keyed by a sale reference (register id and sale number), so it starts afresh by
 * itself when a sale completes and the register moves to the next number.
 */
import { RegisterError } from '../api.js';
import type { AuditLog, RuleSetStore } from './ports.js';
import { limitBlockedEvent, limitOverrideEvent } from '../domain/audit/limit-events.js';
import type { BasketLine } from '../domain/basket.js';
import type { CatalogItem } from '../domain/catalog-item.js';
import { evaluateLimits, violationParams, type ActiveOverride, type LimitDecision, type LimitViolation } from '../domain/limits/evaluate.js';
import type { ManagerPinVerifier } from '../domain/limits/manager-pin.js';
import { ruleSetAt, type LimitMeasure, type RuleSet } from '../domain/limits/rule.js';
import type { WalletSpendHistory } from '../domain/limits/wallet-history.js';
import type { MessageCode, MessageLevel, MessageParams } from '../domain/messages.js';
import type { TenderKind } from '../domain/sale.js';
import type { Clock } from '../ports.js';
import { pinRefusal } from './sessions.js';

/** 'not-required' when the basket has no age-restricted line. */
export type AgeCheck = 'not-required' | 'required' | 'confirmed' | 'refused';

/** A refused change a manager may approve, as RegisterState shows it. */
export interface PendingOverride {
  code: 'limit.overrideRequired';
  ruleId: string;
  ruleName: string;
  version: number;
  measure: LimitMeasure;
  /** The rule's max. */
  limit: number;
  /** What the total would become if approved. */
  attempted: number;
  remaining: number;
  /** What is held back until approval. */
  held:
    | { kind: 'add'; code: string; name: string; quantity: number }
    | { kind: 'setQuantity'; lineId: string; quantity: number }
    | { kind: 'tender'; tender: TenderKind };
}

export interface GuardMessage {
  code: MessageCode;
  level: MessageLevel;
  params: MessageParams;
}

export type GuardRefusalCode = 'limit.blocked' | 'limit.overrideRequired' | 'age.confirmationRequired';

export type GuardVerdict =
  | { allowed: true; messages: GuardMessage[] }
  /** The refusing message is the last one in messages. */
  | { allowed: false; code: GuardRefusalCode; messages: GuardMessage[]; explanation: string };

export type HeldChange =
  | { kind: 'add'; item: CatalogItem; quantity: number }
  | { kind: 'setQuantity'; lineId: string; quantity: number }
  | { kind: 'tender'; tender: TenderKind; walletId?: string };

export interface LimitGuardDeps {
  clock: Clock;
  rules: RuleSetStore;
  audit: AuditLog;
  pins: ManagerPinVerifier;
  /** The wallet's purchases for 'wallet-24h' rules; without it only this sale is counted. */
  history?: WalletSpendHistory;
  /** The cashier at the till, for audit entries; the demo cashier when absent. */
  cashierId?: () => string;
}

interface SaleState {
  saleRef: string;
  overrides: ActiveOverride[];
  held: { change: HeldChange; violations: LimitViolation[] } | null;
  age: 'required' | 'confirmed' | 'refused';
}

export const DEMO_CASHIER_ID = 'C001';

export class LimitGuard {
  private sale: SaleState = freshSale('');
  private tenderVersion: number | null = null;

  constructor(private readonly deps: LimitGuardDeps) {}

  /** The rule set in force now (undefined: no limits). */
  ruleSetNow(): RuleSet | undefined {
    return ruleSetAt(this.deps.rules.versions(), this.deps.clock.now());
  }

  /** Before a scan or keyed quantity is applied to `lines`. */
  checkChange(saleRef: string, lines: readonly BasketLine[], change: Exclude<HeldChange, { kind: 'tender' }>): GuardVerdict {
    const sale = this.saleFor(saleRef);
    const now = this.deps.clock.now();
    const decision = evaluateLimits({ ruleSet: this.ruleSetNow(), lines, change, tender: 'none', now, overrides: sale.overrides });
    const messages = noticeMessages(decision);
    if (decision.allowed) {
      sale.held = null;
      if (change.kind === 'add' && change.item.ageRestricted && sale.age === 'refused') sale.age = 'required';
      return { allowed: true, messages };
    }
    return this.refuse(sale, decision, change, messages, change.kind === 'add' ? change.item.code : undefined);
  }

  /**
   * Before any tender: the customer's age confirmation, then the limits as a tender check. The wallet
   * tender calls this with the wallet id from the gateway before asking the gateway to pay.
   */
  checkTender(saleRef: string, lines: readonly BasketLine[], tender: TenderKind, walletId?: string): GuardVerdict {
    const sale = this.saleFor(saleRef);
    if (lines.some((l) => l.item.ageRestricted) && sale.age !== 'confirmed') {
      const message: GuardMessage = { code: 'age.confirmationRequired', level: 'warning', params: {} };
      return {
        allowed: false, code: 'age.confirmationRequired', messages: [message],
        explanation: 'the basket has age-restricted items: the customer must confirm their age on the customer display first',
      };
    }
    const now = this.deps.clock.now();
    const decision = evaluateLimits({
      ruleSet: this.ruleSetNow(), lines, change: { kind: 'tender' }, tender, now, overrides: sale.overrides,
      ...(walletId !== undefined ? { walletId } : {}),
      ...(this.deps.history ? { history: this.deps.history } : {}),
    });
    const messages = noticeMessages(decision).filter((m) => m.code !== 'limit.warning');
    if (decision.allowed) {
      this.tenderVersion = decision.version;
      return { allowed: true, messages };
    }
    return this.refuse(sale, decision, { kind: 'tender', tender, ...(walletId !== undefined ? { walletId } : {}) }, messages, undefined, walletId);
  }

  /** The rule set version the last allowed tender check used: recorded with the sale. */
  versionCheckedAtTender(): number | null {
    return this.tenderVersion;
  }

  /**
   * Verifies the manager's PIN (rate-limited; every attempt is audited by the PIN gate), records an
   * override per refused rule and returns the held change for the register to apply.
   */
  async approveOverride(saleRef: string, request: { managerId: string; pin: string; reasonCode: string }): Promise<HeldChange> {
    const sale = this.saleFor(saleRef);
    const held = sale.held;
    if (!held) throw new RegisterError('invalid-request', 'no limit override is waiting for approval');
    const result = await this.deps.pins.verify(request.managerId, request.pin, 'limit.override');
    if (!result.ok) throw pinRefusal(result.reason, result.lockedUntil);
    // The basket may have moved on while the slow hash ran: only the held change is approved.
    if (sale.held !== held) throw new RegisterError('invalid-request', 'the override request changed while the PIN was checked: try again');
    const at = this.deps.clock.now();
    for (const violation of held.violations) {
      const override: ActiveOverride = {
        ruleId: violation.ruleId, version: violation.version, allowedUpTo: violation.attempted,
        managerId: result.staff.staffId, reasonCode: request.reasonCode, at,
      };
      sale.overrides.push(override);
      this.deps.audit.append(limitOverrideEvent({ override, cashierId: this.cashier(), saleId: saleRef, violation }));
    }
    sale.held = null;
    return held.change;
  }

  cancelOverride(saleRef: string): boolean {
    const sale = this.saleFor(saleRef);
    const had = sale.held !== null;
    sale.held = null;
    return had;
  }

  /**
   * The customer's answer on the customer display. A refusal is audited and returns the restricted
   * lines for the register to remove; a confirmation holds for the rest of the sale, including
   * restricted items scanned after it.
   */
  confirmAge(saleRef: string, lines: readonly BasketLine[], confirmed: boolean): { removeLineIds: string[]; message: GuardMessage } {
    const sale = this.saleFor(saleRef);
    const restricted = lines.filter((l) => l.item.ageRestricted);
    if (restricted.length === 0) throw new RegisterError('invalid-request', 'there is nothing age-restricted in the basket to confirm');
    if (confirmed) {
      sale.age = 'confirmed';
      return { removeLineIds: [], message: { code: 'age.confirmed', level: 'info', params: {} } };
    }
    sale.age = 'refused';
    sale.held = null;
    this.deps.audit.append({
      at: this.deps.clock.now(), kind: 'age.refused', actor: this.cashier(),
      details: { saleId: saleRef, removed: restricted.map((l) => ({ code: l.item.code, quantity: l.quantity, amount: l.amount })) },
    });
    const quantity = restricted.reduce((n, l) => n + l.quantity, 0);
    return { removeLineIds: restricted.map((l) => l.lineId), message: { code: 'age.refused', level: 'warning', params: { lines: restricted.length, quantity } } };
  }

  state(saleRef: string, lines: readonly BasketLine[]): { pendingOverride: PendingOverride | null; ageCheck: AgeCheck } {
    const sale = this.saleFor(saleRef);
    const restricted = lines.some((l) => l.item.ageRestricted);
    const ageCheck: AgeCheck = restricted ? sale.age : sale.age === 'refused' ? 'refused' : 'not-required';
    return { pendingOverride: sale.held ? pending(sale.held.change, sale.held.violations[0]!) : null, ageCheck };
  }

  private refuse(
    sale: SaleState, decision: LimitDecision, change: HeldChange, messages: GuardMessage[], itemCode?: string, walletId?: string,
  ): GuardVerdict {
    const first = decision.violations[0]!;
    const tender = change.kind === 'tender' ? change.tender : 'none';
    this.deps.audit.append(limitBlockedEvent({
      at: this.deps.clock.now(), cashierId: this.cashier(), saleId: sale.saleRef, tender, violations: decision.violations,
      ...(itemCode !== undefined ? { itemCode } : {}), ...(walletId !== undefined ? { walletId } : {}),
    }));
    const code = decision.overridable ? 'limit.overrideRequired' : 'limit.blocked';
    sale.held = decision.overridable ? { change, violations: decision.violations } : null;
    const params = { ...violationParams(first), ...(decision.violations.length > 1 ? { others: decision.violations.length - 1 } : {}) };
    messages.push({ code, level: 'error', params });
    const then = decision.overridable ? 'a manager may approve it' : 'no override is possible';
    const allowance = first.measure === 'amount' ? `¥${first.remaining}` : `${first.remaining}`;
    return { allowed: false, code, messages, explanation: `refused by "${first.ruleName}": ${allowance} remaining of ${first.limit}; ${then}` };
  }

  private saleFor(saleRef: string): SaleState {
    if (this.sale.saleRef !== saleRef) this.sale = freshSale(saleRef);
    return this.sale;
  }

  private cashier(): string {
    return this.deps.cashierId?.() ?? DEMO_CASHIER_ID;
  }
}

function freshSale(saleRef: string): SaleState {
  return { saleRef, overrides: [], held: null, age: 'required' };
}

function noticeMessages(decision: LimitDecision): GuardMessage[] {
  return [
    ...decision.warnings.map((v): GuardMessage => ({ code: 'limit.warning', level: 'warning', params: violationParams(v) })),
    ...decision.overridden.map((v): GuardMessage => ({ code: 'limit.overridden', level: 'info', params: violationParams(v) })),
  ];
}

function pending(change: HeldChange, v: LimitViolation): PendingOverride {
  const held: PendingOverride['held'] =
    change.kind === 'add'
      ? { kind: 'add', code: change.item.code, name: change.item.nameJa, quantity: change.quantity }
      : change.kind === 'setQuantity'
        ? { kind: 'setQuantity', lineId: change.lineId, quantity: change.quantity }
        : { kind: 'tender', tender: change.tender };
  return {
    code: 'limit.overrideRequired', ruleId: v.ruleId, ruleName: v.ruleName, version: v.version, measure: v.measure,
    limit: v.limit, attempted: v.attempted, remaining: v.remaining, held,
  };
}

export type BasketChange = Exclude<HeldChange, { kind: 'tender' }>;
