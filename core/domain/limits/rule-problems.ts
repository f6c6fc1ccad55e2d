/**
 * Meaning checks on a well-typed draft (the shape is checked at the boundary, e.g. with zod in host/):
 * things a type cannot say, such as unique rule ids or a wallet window that can never apply.
 * Each problem carries the path of the offending value so an importer can point at its line.
 */
import { hasValidGs1CheckDigit } from '../barcode/check-digit.js';
import { CATEGORIES } from '../catalog-item.js';
import type { LimitRule, RuleSetDraft } from './rule.js';

export type ProblemPath = readonly (string | number)[];

export interface RuleProblem {
  path: ProblemPath;
  message: string;
}

const GTIN = /^\d{8,14}$/;

export function ruleSetProblems(draft: RuleSetDraft): RuleProblem[] {
  return partialRuleSetProblems(draft);
}

/**
 * The same checks on the parts of a draft that are well-typed, for an importer that also reports shape errors:
 * `undefined` stands for a rule (or an effectiveFrom) that failed its shape check. It is skipped but keeps its
 * place, so every path and "already used by rules[i]" names the index in the file.
 */
export function partialRuleSetProblems(draft: { effectiveFrom?: number | undefined; rules: readonly (LimitRule | undefined)[] }): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (draft.effectiveFrom !== undefined && (!Number.isSafeInteger(draft.effectiveFrom) || draft.effectiveFrom < 0)) {
    problems.push({ path: ['effectiveFrom'], message: 'effectiveFrom must be a time (epoch ms, not negative)' });
  }
  const seen = new Map<string, number>();
  draft.rules.forEach((rule, i) => {
    if (rule === undefined) return;
    const earlier = seen.get(rule.ruleId);
    if (earlier !== undefined) {
      problems.push({ path: ['rules', i, 'ruleId'], message: `ruleId "${rule.ruleId}" is already used by rules[${earlier}]` });
    } else {
      seen.set(rule.ruleId, i);
    }
    for (const p of ruleProblems(rule)) problems.push({ path: ['rules', i, ...p.path], message: p.message });
  });
  return problems;
}

export function ruleProblems(rule: LimitRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rule.ruleId.trim() === '') problems.push({ path: ['ruleId'], message: 'ruleId must not be empty' });
  if (rule.name.trim() === '') problems.push({ path: ['name'], message: 'name must not be empty' });
  if (!Number.isSafeInteger(rule.max) || rule.max < 0) {
    const unit = rule.measure === 'amount' ? 'yen' : 'units';
    problems.push({ path: ['max'], message: `max must be a whole number of ${unit}, 0 or more, got ${rule.max}` });
  }
  if (rule.scope.kind === 'item') {
    if (rule.scope.codes.length === 0) problems.push({ path: ['scope', 'codes'], message: 'an item rule needs at least one item code' });
    rule.scope.codes.forEach((code, j) => {
      const problem = itemCodeProblem(code);
      if (problem) problems.push({ path: ['scope', 'codes', j], message: problem });
    });
  } else if (rule.scope.kind === 'category') {
    if (rule.scope.categories.length === 0) {
      problems.push({ path: ['scope', 'categories'], message: 'a category rule needs at least one category' });
    }
    rule.scope.categories.forEach((c, j) => {
      if (!CATEGORIES.includes(c)) problems.push({ path: ['scope', 'categories', j], message: `"${c}" is not a category` });
    });
  }
  if (rule.window === 'wallet-24h' && rule.tender === 'cash') {
    // A cash sale has no wallet to count against, so this rule could never apply.
    problems.push({ path: ['tender'], message: "a 'wallet-24h' rule cannot have tender 'cash': cash sales have no wallet" });
  }
  return problems;
}

/**
 * A rule's item code is compared with the catalog's codes as they are: the 13-digit GTIN form (EAN-8 stays 8 digits,
 * core/domain/barcode/types.ts). A code in another form, or with a wrong check digit, would never match a line.
 */
function itemCodeProblem(code: string): string | null {
  if (!GTIN.test(code)) return `"${code}" is not an item code (8 to 14 digits)`;
  if (!hasValidGs1CheckDigit(code)) return `"${code}" has a wrong check digit: it would match no item`;
  if (code.length === 12) return `"${code}" is a 12-digit UPC-A code: the catalog knows it as "0${code}"`;
  if (code.length === 14 && code.startsWith('0')) return `"${code}" is a GTIN-14: the catalog knows it as "${code.slice(1)}"`;
  if (code.length !== 8 && code.length !== 13) return `"${code}" is not an item's code: use its 13-digit JAN (or 8-digit EAN-8)`;
  return null;
}
