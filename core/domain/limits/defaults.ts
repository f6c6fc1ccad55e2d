/**
 * The limits Regi ships with, aimed at the 2019 7pay tobacco run (stolen wallet balances spent on
 * cartons). Ordinary data: managers edit, disable or replace them, which makes a new version.
 */
import { cloneRule, type LimitRule, type RuleSet } from './rule.js';

/** At most one carton (10 packs) per sale, whatever the tender; a manager may approve more. */
export const TOBACCO_PACKS_PER_SALE: LimitRule = {
  ruleId: 'tobacco-packs-per-sale',
  name: 'Tobacco: at most 10 packs (1 carton) per sale',
  scope: { kind: 'category', categories: ['tobacco'] },
  measure: 'quantity',
  max: 10,
  window: 'sale',
  tender: 'any',
  action: 'override',
  enabled: true,
};

/** At most ¥10,000 of tobacco per wallet per rolling 24 h; refused outright, before the gateway is called. */
export const TOBACCO_YEN_PER_WALLET_DAY: LimitRule = {
  ruleId: 'tobacco-wallet-yen-24h',
  name: 'Tobacco: at most ¥10,000 per wallet per 24 h',
  scope: { kind: 'category', categories: ['tobacco'] },
  measure: 'amount',
  max: 10_000,
  window: 'wallet-24h',
  tender: 'wallet',
  action: 'block',
  enabled: true,
};

/** Version 1, in force from the epoch, for a register with no rule history yet. */
export function defaultRuleSet(createdAt = 0): RuleSet {
  return {
    version: 1,
    effectiveFrom: 0,
    rules: [cloneRule(TOBACCO_PACKS_PER_SALE), cloneRule(TOBACCO_YEN_PER_WALLET_DAY)],
    createdBy: 'system',
    createdAt,
    comment: 'Defaults shipped with Regi',
  };
}
