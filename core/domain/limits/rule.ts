/**
 * Purchase-limit rules as data (../shared/DESIGN.md, "Purchase limits"). Managers edit them; every
 * change is a new RuleSet version, and an evaluation result names the version it was checked against
 * so a recorded sale keeps the rules that applied when it was rung up.
 */
import type { Category } from '../catalog-item.js';

export type LimitScope =
  | { kind: 'item'; codes: string[] }
  | { kind: 'category'; categories: Category[] }
  | { kind: 'basket' };

/**
 * quantity counts units: line quantity times CatalogItem.unitsPerItem (absent = 1), so a carton
 * of cigarettes with unitsPerItem 10 counts as 10 packs. amount counts tax-inclusive yen.
 */
export type LimitMeasure = 'quantity' | 'amount';

/** 'sale': this sale only. 'wallet-24h': this sale plus the paying wallet's purchases in the rolling 24 h. */
export type LimitWindow = 'sale' | 'wallet-24h';

/** Which tender the rule polices. */
export type TenderFilter = 'any' | 'wallet' | 'cash';

/** 'block': refused, no way round. 'override': refused unless a manager approves it with a PIN and reason. */
export type LimitAction = 'block' | 'override';

export interface LimitRule {
  /** Stable across versions: overrides and audit entries refer to it. */
  ruleId: string;
  /** Shown to the cashier when the rule refuses something. */
  name: string;
  scope: LimitScope;
  measure: LimitMeasure;
  /** Largest allowed total (units or yen) in the window; going above it violates the rule. */
  max: number;
  window: LimitWindow;
  tender: TenderFilter;
  action: LimitAction;
  enabled: boolean;
}

export interface RuleSet {
  /** 1, 2, 3, ... in order of creation. */
  version: number;
  /** Epoch ms from which this version may be in force. */
  effectiveFrom: number;
  rules: LimitRule[];
  /** Staff id of the manager (or 'system') who made this version. */
  createdBy: string;
  createdAt: number;
  comment: string;
}

/** What a manager edits or imports: a rule set before it is given a version number. */
export interface RuleSetDraft {
  effectiveFrom: number;
  rules: LimitRule[];
  comment: string;
}

/** The rolling window of a 'wallet-24h' rule. */
export const WALLET_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The version in force at `time`: among the versions whose effectiveFrom <= time, the one with the
 * highest version number. A later version therefore supersedes an earlier one even when the earlier
 * one was scheduled to start later (the manager's latest decision wins); undefined before any version
 * takes effect.
 */
export function ruleSetAt(versions: readonly RuleSet[], time: number): RuleSet | undefined {
  let best: RuleSet | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= time && (best === undefined || v.version > best.version)) best = v;
  }
  return best;
}

/** Makes the next version from a draft. The caller validates the draft first (ruleSetProblems). */
export function nextRuleSetVersion(
  versions: readonly RuleSet[],
  draft: RuleSetDraft,
  meta: { createdBy: string; createdAt: number },
): RuleSet {
  const version = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
  return {
    version,
    effectiveFrom: draft.effectiveFrom,
    rules: draft.rules.map(cloneRule),
    createdBy: meta.createdBy,
    createdAt: meta.createdAt,
    comment: draft.comment,
  };
}

export function cloneRule(rule: LimitRule): LimitRule {
  const scope: LimitScope =
    rule.scope.kind === 'item'
      ? { kind: 'item', codes: [...rule.scope.codes] }
      : rule.scope.kind === 'category'
        ? { kind: 'category', categories: [...rule.scope.categories] }
        : { kind: 'basket' };
  return { ...rule, scope };
}
