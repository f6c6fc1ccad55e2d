/**
 * Import and export of purchase-limit rule sets as JSON files managers can edit by hand.
 * Import is all or nothing: the text is parsed with positions, checked against the schema (zod) and
 * then against core's meaning checks; any problem rejects the whole file, each problem named with its
 * line, column and path. Only a fully valid file yields a draft, which becomes a new version when the
 * caller saves it (nextRuleSetVersion).
 */
import { z } from 'zod';
import { partialRuleSetProblems, ruleSetProblems } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule, LimitScope, RuleSet, RuleSetDraft } from '../../core/domain/limits/rule.js';
import { parseJsonLocated, type JsonPath, type LocatedJson } from './json-locate.js';
import { limitRuleSchema, limitRulesSchema } from './limits-schemas.js';

export const RULES_FILE_FORMAT = 'regi.limit-rules';
export const RULES_FILE_FORMAT_VERSION = 1;

const TIME_HINT = 'expected a time: epoch milliseconds or ISO 8601 such as "2026-12-01T00:00:00+09:00"';
const Time = z.union([
  z.number().int().min(0),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
], { error: TIME_HINT });

const RulesFile = z.strictObject({
  format: z.literal(RULES_FILE_FORMAT, { error: `not a Regi rules file: "format" must be "${RULES_FILE_FORMAT}"` }),
  formatVersion: z.literal(RULES_FILE_FORMAT_VERSION, { error: `unsupported formatVersion: this Regi reads ${RULES_FILE_FORMAT_VERSION}` }),
  /** Informational on import: the version this file was exported from. */
  version: z.number().int().min(1).optional(),
  effectiveFrom: Time,
  createdBy: z.string().optional(),
  createdAt: Time.optional(),
  comment: z.string().optional(),
  /** The same schema and size caps as the rules the console saves. */
  rules: limitRulesSchema,
});

export interface RulesImportError {
  line: number;
  column: number;
  /** The path in the file, e.g. rules[1].max; empty for the whole document. */
  path: string;
  reason: string;
}

export type RulesImport =
  | {
      ok: true;
      draft: RuleSetDraft;
      /** Where the file came from, as it says; the imported draft gets a new version number when saved. */
      exportedFrom: { version?: number; createdBy?: string; createdAt?: number };
    }
  | { ok: false; errors: RulesImportError[] };

export function importRuleSetJson(text: string): RulesImport {
  const parsed = parseJsonLocated(text);
  if (!parsed.ok) {
    const { position, reason } = parsed.error;
    return { ok: false, errors: [{ line: position.line, column: position.column, path: '', reason: `not valid JSON: ${reason}` }] };
  }
  const json = parsed.json;
  const checked = RulesFile.safeParse(json.value);
  if (!checked.success) {
    const errors = checked.error.issues.map((issue) => {
      let path: JsonPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      let reason = issue.message;
      if (issue.code === 'unrecognized_keys') {
        path = [...path, issue.keys[0]!];
        reason = issue.keys.length === 1 ? `unknown field "${issue.keys[0]}"` : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      }
      return located(json, path, reason);
    });
    // A shape error in one rule does not hide the meaning problems of the others (a negative max, a duplicate
    // ruleId, a wallet window with cash tender): core checks every rule that is well-typed, at its index in the file.
    const problems = partialRuleSetProblems(wellTypedParts(json.value));
    return { ok: false, errors: sortErrors([...errors, ...problems.map((p) => located(json, p.path, p.message))]) };
  }
  const file = checked.data;
  const draft: RuleSetDraft = {
    effectiveFrom: file.effectiveFrom,
    comment: file.comment ?? '',
    rules: file.rules.map(toLimitRule),
  };
  const problems = ruleSetProblems(draft);
  if (problems.length > 0) return { ok: false, errors: sortErrors(problems.map((p) => located(json, p.path, p.message))) };
  return {
    ok: true,
    draft,
    exportedFrom: {
      ...(file.version !== undefined ? { version: file.version } : {}),
      ...(file.createdBy !== undefined ? { createdBy: file.createdBy } : {}),
      ...(file.createdAt !== undefined ? { createdAt: file.createdAt } : {}),
    },
  };
}

function toLimitRule(rule: z.infer<typeof limitRuleSchema>): LimitRule {
  return { ...rule, scope: rule.scope as LimitScope };
}

/** The effectiveFrom and the rules of a file that failed the schema, each kept only where it is well-typed itself. */
function wellTypedParts(value: unknown): { effectiveFrom?: number; rules: (LimitRule | undefined)[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { rules: [] };
  const record = value as Record<string, unknown>;
  const effectiveFrom = Time.safeParse(record.effectiveFrom);
  const rules = Array.isArray(record.rules)
    ? record.rules.map((raw) => {
        const rule = limitRuleSchema.safeParse(raw);
        return rule.success ? toLimitRule(rule.data) : undefined;
      })
    : [];
  return { ...(effectiveFrom.success ? { effectiveFrom: effectiveFrom.data } : {}), rules };
}

function located(json: LocatedJson, path: JsonPath, reason: string): RulesImportError {
  const { position, exact } = json.locate(path);
  const last = path.at(-1);
  // A path that is not in the file is a missing field: point at the object that should hold it.
  const expectation = reason.replace(/^Invalid (?:input|option): /, '');
  const why = !exact && typeof last === 'string'
    ? `missing field "${last}"${/received undefined/.test(reason) ? '' : `: ${expectation}`}`
    : reason;
  return { line: position.line, column: position.column, path: formatPath(path), reason: why };
}

function sortErrors(errors: RulesImportError[]): RulesImportError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function formatPath(path: JsonPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (out ? `.${p}` : p) : `[${JSON.stringify(p)}]`;
  return out;
}

/** One line per problem, compiler style: "rules.json:12:7: rules[1].max: ..." */
export function formatImportErrors(errors: readonly RulesImportError[], fileName = 'rules.json'): string {
  return errors.map((e) => `${fileName}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.reason}`).join('\n');
}

/**
 * Stable, pretty export: fixed key order, two-space indent, times as UTC ISO 8601, trailing newline,
 * so exporting the same rule set twice gives identical bytes and diffs stay readable.
 */
export function exportRuleSetJson(ruleSet: RuleSet): string {
  const file = {
    format: RULES_FILE_FORMAT,
    formatVersion: RULES_FILE_FORMAT_VERSION,
    version: ruleSet.version,
    effectiveFrom: new Date(ruleSet.effectiveFrom).toISOString(),
    createdBy: ruleSet.createdBy,
    createdAt: new Date(ruleSet.createdAt).toISOString(),
    comment: ruleSet.comment,
    rules: ruleSet.rules.map((r) => ({
      ruleId: r.ruleId,
      name: r.name,
      scope: exportScope(r.scope),
      measure: r.measure,
      max: r.max,
      window: r.window,
      tender: r.tender,
      action: r.action,
      enabled: r.enabled,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function exportScope(scope: LimitScope): LimitScope {
  switch (scope.kind) {
    case 'item':
      return { kind: 'item', codes: [...scope.codes] };
    case 'category':
      return { kind: 'category', categories: [...scope.categories] };
    case 'basket':
      return { kind: 'basket' };
  }
}
