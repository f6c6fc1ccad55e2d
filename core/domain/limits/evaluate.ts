/**
 * Pure evaluation of purchase limits: on every scan (a change to the basket, tender not yet known)
 * and again at tender (the whole basket, tender kind and wallet known).
 *
 * Which rules bite when:
 * - tender filter 'any' rules are enforced at scan time and at tender;
 * - 'wallet' / 'cash' rules are enforced only at a tender of that kind, and at scan time (tender
 *   'none') they are reported as warnings so the cashier can tell the customer early;
 * - a 'wallet-24h' rule counts per wallet, so it only ever applies to wallet tenders: it behaves as
 *   a 'wallet' rule whatever its filter says (ruleProblems rejects the contradictory 'cash').
 *
 * A rule is violated by a change that adds something in its scope and takes the total above max.
 * Removing items, or adding items outside the scope, never violates, even when the basket is already
 * over (a manager approved it, or the rules changed mid-sale).
 */
import type { BasketLine } from '../basket.js';
import type { CatalogItem } from '../catalog-item.js';
import { formatYen } from '../money.js';
import type { MessageParams } from '../messages.js';
import type { TenderKind } from '../sale.js';
import { addMeasured, measureItem, measureLines, NOTHING, pick, type Measured } from './measure.js';
import { WALLET_WINDOW_MS, type LimitAction, type LimitMeasure, type LimitRule, type LimitWindow, type RuleSet, type TenderFilter } from './rule.js';
import type { WalletSpendHistory } from './wallet-history.js';

export type LimitChange =
  /** A scan or keyed quantity: `quantity` more of `item`. */
  | { kind: 'add'; item: CatalogItem; quantity: number }
  /** A line's quantity edited; only an increase can violate. An unknown lineId changes nothing (the basket refuses it). */
  | { kind: 'setQuantity'; lineId: string; quantity: number }
  /** The tender check: the whole basket is what is being bought. */
  | { kind: 'tender' };

/** The tender being attempted; 'none' while scanning. */
export type AttemptedTender = 'none' | TenderKind;

/** A manager's approval, for the current sale, to go above one rule up to a total. */
export interface ActiveOverride {
  ruleId: string;
  /** The rule set version the approval was given under; a different version needs a new approval. */
  version: number;
  /** The approved total (units or yen, the rule's measure). Going beyond it needs another approval. */
  allowedUpTo: number;
  managerId: string;
  reasonCode: string;
  at: number;
}

export interface LimitCheck {
  /** The version in force (ruleSetAt); undefined means no limits. */
  ruleSet: RuleSet | undefined;
  /** The basket before the change. */
  lines: readonly BasketLine[];
  change: LimitChange;
  tender: AttemptedTender;
  /** The paying wallet's id from the gateway (wallet tender only). */
  walletId?: string;
  /** Clock time of the check: the rolling window is (now - 24 h, now]. */
  now: number;
  history?: WalletSpendHistory;
  overrides?: readonly ActiveOverride[];
}

export interface LimitViolation {
  ruleId: string;
  ruleName: string;
  /** The rule set version this was checked against: store it with the sale or audit entry. */
  version: number;
  measure: LimitMeasure;
  window: LimitWindow;
  tender: TenderFilter;
  action: LimitAction;
  /** The rule's max. */
  limit: number;
  /** Counted before the change: the wallet's last 24 h (wallet-24h rules) plus the basket (scan checks) or nothing (tender checks). */
  current: number;
  /** What the total would become with the change. */
  attempted: number;
  /** Allowance left before the change: max(0, limit - current). */
  remaining: number;
  /** False when a wallet-24h rule was checked without a wallet id or history: this sale alone was counted. */
  walletHistoryCounted: boolean;
}

export interface LimitDecision {
  /** False when any violation blocks the change. */
  allowed: boolean;
  /** The rule set version checked against; null when no rule set was in force. */
  version: number | null;
  /** Violations that refuse the change now. */
  violations: LimitViolation[];
  /** True when every blocking violation has action 'override': a manager may approve them. */
  overridable: boolean;
  /** Rules that would be violated by a tender not chosen yet (scan time only): shown, not enforced. */
  warnings: LimitViolation[];
  /** Violations covered by an active manager override: allowed, but to be recorded. */
  overridden: LimitViolation[];
}

type Enforcement = 'enforce' | 'warn' | 'skip';

function enforcement(rule: LimitRule, tender: AttemptedTender): Enforcement {
  let filter = rule.tender;
  if (rule.window === 'wallet-24h') {
    if (filter === 'cash') return 'skip';
    filter = 'wallet';
  }
  if (filter === 'any') return 'enforce';
  if (tender === 'none') return 'warn';
  return filter === tender ? 'enforce' : 'skip';
}

export function evaluateLimits(check: LimitCheck): LimitDecision {
  const decision: LimitDecision = {
    allowed: true,
    version: check.ruleSet?.version ?? null,
    violations: [],
    overridable: false,
    warnings: [],
    overridden: [],
  };
  if (!check.ruleSet) return decision;
  const version = check.ruleSet.version;

  for (const rule of check.ruleSet.rules) {
    if (!rule.enabled) continue;
    const mode = enforcement(rule, check.tender);
    if (mode === 'skip') continue;

    const { before, delta } = splitChange(rule, check);
    const added = pick(delta, rule.measure);
    if (added <= 0) continue;

    let history: Measured = NOTHING;
    let walletHistoryCounted = rule.window === 'sale';
    if (rule.window === 'wallet-24h' && check.walletId !== undefined && check.history) {
      history = check.history.spentInWindow(check.walletId, check.now - WALLET_WINDOW_MS, rule.scope);
      walletHistoryCounted = true;
    }
    const current = pick(addMeasured(history, before), rule.measure);
    const attempted = current + added;
    if (attempted <= rule.max) continue;

    const violation: LimitViolation = {
      ruleId: rule.ruleId,
      ruleName: rule.name,
      version,
      measure: rule.measure,
      window: rule.window,
      tender: rule.tender,
      action: rule.action,
      limit: rule.max,
      current,
      attempted,
      remaining: Math.max(0, rule.max - current),
      walletHistoryCounted,
    };
    if (mode === 'warn') {
      decision.warnings.push(violation);
    } else if (rule.action === 'override' && isCovered(rule, version, attempted, check.overrides)) {
      decision.overridden.push(violation);
    } else {
      decision.violations.push(violation);
    }
  }
  decision.allowed = decision.violations.length === 0;
  decision.overridable = !decision.allowed && decision.violations.every((v) => v.action === 'override');
  return decision;
}

function splitChange(rule: LimitRule, check: LimitCheck): { before: Measured; delta: Measured } {
  const change = check.change;
  switch (change.kind) {
    case 'add':
      return { before: measureLines(rule.scope, check.lines), delta: measureItem(rule.scope, change.item, change.quantity) };
    case 'setQuantity': {
      const line = check.lines.find((l) => l.lineId === change.lineId);
      const before = measureLines(rule.scope, check.lines);
      if (!line) return { before, delta: NOTHING };
      return { before, delta: measureItem(rule.scope, line.item, change.quantity - line.quantity) };
    }
    case 'tender':
      return { before: NOTHING, delta: measureLines(rule.scope, check.lines) };
  }
}

function isCovered(rule: LimitRule, version: number, attempted: number, overrides: readonly ActiveOverride[] | undefined): boolean {
  return (overrides ?? []).some((o) => o.ruleId === rule.ruleId && o.version === version && attempted <= o.allowedUpTo);
}

/** Parameters for a 'limit.*' RegisterMessage: the rule's name and what is left of the allowance. */
export function violationParams(v: LimitViolation): MessageParams {
  return {
    ruleId: v.ruleId,
    rule: v.ruleName,
    version: v.version,
    measure: v.measure,
    limit: v.limit,
    current: v.current,
    attempted: v.attempted,
    remaining: v.remaining,
    action: v.action,
  };
}

/** Plain English for logs, the CLI and tests; the renderer translates violationParams itself. */
export function describeViolation(v: LimitViolation): string {
  const fmt = (n: number): string => (v.measure === 'amount' ? formatYen(n) : `${n} units`);
  const scope = v.window === 'wallet-24h' ? 'for this wallet in 24 h' : 'in this sale';
  const then = v.action === 'override' ? 'manager override required' : 'not allowed';
  return `${v.ruleName} (rule ${v.ruleId}, v${v.version}): limit ${fmt(v.limit)} ${scope}, ` +
    `${fmt(v.remaining)} remaining, this would make ${fmt(v.attempted)}: ${then}`;
}
