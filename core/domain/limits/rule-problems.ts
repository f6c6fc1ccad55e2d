/**
 * Meaning checks on a well-typed draft (the shape is checked at the boundary, e.g. with zod in host/):
 * things a type cannot say, such as unique rule ids or a wallet window that can never apply.
 * Each problem carries the path of the offending value so an importer can point at its line.
 */
import { hasValidGs1CheckDigit } from '../barcode/check-digit.js';
import { CATEGORIES } from '../catalog-item.js';
import type { LimitRule, RuleSetDraft } from './rule.js';

export type ProblemPath = readonly (string | number)[];

/**
 * What is wrong, as a code and its values (a screen words it in its own language) and in English words (files, CLI,
 * logs): the words come from RULE_PROBLEM_TEXT, so the two cannot drift apart.
 */
export interface RuleProblem {
  path: ProblemPath;
  code: RuleProblemCode;
  params: Readonly<Record<string, string | number>>;
  message: string;
}

type Params = Readonly<Record<string, string | number>>;

export const RULE_PROBLEM_TEXT = {
  badEffectiveFrom: () => 'effectiveFrom must be a time (epoch ms, not negative)',
  duplicateRuleId: (p: Params) => `ruleId "${p.ruleId}" is already used by rules[${p.earlier}]`,
  emptyRuleId: () => 'ruleId must not be empty',
  emptyName: () => 'name must not be empty',
  badMax: (p: Params) => `max must be a whole number of ${p.measure === 'amount' ? 'yen' : 'units'}, 0 or more, got ${p.max}`,
  noItemCodes: () => 'an item rule needs at least one item code',
  notItemCode: (p: Params) => `"${p.code}" is not an item code (8 to 14 digits)`,
  wrongCheckDigit: (p: Params) => `"${p.code}" has a wrong check digit: it would match no item`,
  upcA: (p: Params) => `"${p.code}" is a 12-digit UPC-A code: the catalog knows it as "${p.catalogCode}"`,
  gtin14: (p: Params) => `"${p.code}" is a GTIN-14: the catalog knows it as "${p.catalogCode}"`,
  notCatalogForm: (p: Params) => `"${p.code}" is not an item's code: use its 13-digit JAN (or 8-digit EAN-8)`,
  noCategories: () => 'a category rule needs at least one category',
  unknownCategory: (p: Params) => `"${p.category}" is not a category`,
  walletWindowCash: () => "a 'wallet-24h' rule cannot have tender 'cash': cash sales have no wallet",
} as const satisfies Record<string, (p: Params) => string>;

export type RuleProblemCode = keyof typeof RULE_PROBLEM_TEXT;

function problem(path: ProblemPath, code: RuleProblemCode, params: Params = {}): RuleProblem {
  return { path, code, params, message: RULE_PROBLEM_TEXT[code](params) };
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
    problems.push(problem(['effectiveFrom'], 'badEffectiveFrom'));
  }
  const seen = new Map<string, number>();
  draft.rules.forEach((rule, i) => {
    if (rule === undefined) return;
    const earlier = seen.get(rule.ruleId);
    if (earlier !== undefined) {
      problems.push(problem(['rules', i, 'ruleId'], 'duplicateRuleId', { ruleId: rule.ruleId, earlier }));
    } else {
      seen.set(rule.ruleId, i);
    }
    for (const p of ruleProblems(rule)) problems.push({ ...p, path: ['rules', i, ...p.path] });
  });
  return problems;
}

export function ruleProblems(rule: LimitRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rule.ruleId.trim() === '') problems.push(problem(['ruleId'], 'emptyRuleId'));
  if (rule.name.trim() === '') problems.push(problem(['name'], 'emptyName'));
  if (!Number.isSafeInteger(rule.max) || rule.max < 0) problems.push(problem(['max'], 'badMax', { measure: rule.measure, max: rule.max }));
  if (rule.scope.kind === 'item') {
    if (rule.scope.codes.length === 0) problems.push(problem(['scope', 'codes'], 'noItemCodes'));
    rule.scope.codes.forEach((code, j) => {
      const wrong = itemCodeProblem(code);
      if (wrong) problems.push(problem(['scope', 'codes', j], wrong.code, { code, ...wrong.params }));
    });
  } else if (rule.scope.kind === 'category') {
    if (rule.scope.categories.length === 0) {
      problems.push(problem(['scope', 'categories'], 'noCategories'));
    }
    rule.scope.categories.forEach((c, j) => {
      if (!CATEGORIES.includes(c)) problems.push(problem(['scope', 'categories', j], 'unknownCategory', { category: c }));
    });
  }
  if (rule.window === 'wallet-24h' && rule.tender === 'cash') {
    // A cash sale has no wallet to count against, so this rule could never apply.
    problems.push(problem(['tender'], 'walletWindowCash'));
  }
  return problems;
}

/**
 * A rule's item code is compared with the catalog's codes as they are: the 13-digit GTIN form (EAN-8 stays 8 digits,
 * core/domain/barcode/types.ts). A code in another form, or with a wrong check digit, would never match a line.
 */
function itemCodeProblem(code: string): { code: RuleProblemCode; params?: Params } | null {
  if (!GTIN.test(code)) return { code: 'notItemCode' };
  if (!hasValidGs1CheckDigit(code)) return { code: 'wrongCheckDigit' };
  if (code.length === 12) return { code: 'upcA', params: { catalogCode: `0${code}` } };
  if (code.length === 14 && code.startsWith('0')) return { code: 'gtin14', params: { catalogCode: code.slice(1) } };
  if (code.length !== 8 && code.length !== 13) return { code: 'notCatalogForm' };
  return null;
}
