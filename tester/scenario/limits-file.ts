/** A scenario's `limits` as a rules file in the limits JSON format (docs/limits.md), for limitsImport. */
import { TOBACCO_PACKS_PER_SALE, TOBACCO_YEN_PER_WALLET_DAY } from '../../core/domain/limits/defaults.js';
import type { LimitRule } from '../../core/domain/limits/rule.js';
import type { ScenarioHead } from './schema.js';

/** null: keep the shipped defaults (version 1), nothing to import. */
export function limitsFileFor(limits: ScenarioHead['limits']): string | null {
  if (limits === undefined || limits === 'defaults') return null;
  let rules: LimitRule[] = [{ ...TOBACCO_PACKS_PER_SALE }, { ...TOBACCO_YEN_PER_WALLET_DAY }];
  let comment = 'scenario';
  if (limits === 'none') {
    rules = rules.map((r) => ({ ...r, enabled: false }));
    comment = 'scenario: all limits off';
  } else {
    if (limits.tobaccoPacksPerSale !== undefined) rules[0] = { ...rules[0]!, max: limits.tobaccoPacksPerSale, name: `Tobacco: at most ${limits.tobaccoPacksPerSale} packs per sale` };
    if (limits.tobaccoYenPerWallet24h !== undefined) rules[1] = { ...rules[1]!, max: limits.tobaccoYenPerWallet24h, name: `Tobacco: at most ¥${limits.tobaccoYenPerWallet24h} per wallet per 24 h` };
    for (const rule of limits.rules ?? []) {
      const full = { ...rule, enabled: rule.enabled ?? true } as LimitRule;
      const at = rules.findIndex((r) => r.ruleId === rule.ruleId);
      if (at >= 0) rules[at] = full;
      else rules.push(full);
    }
    comment = limits.comment ?? comment;
  }
  return JSON.stringify({ format: 'regi.limit-rules', formatVersion: 1, effectiveFrom: 0, comment, rules }, null, 2);
}
