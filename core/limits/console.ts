/**
 * The manager console's use cases: log in, read and save rule set versions, import/export rule
 * files, what-if dry runs and the audit report. Every call but login needs a live manager session.
 */
import { RegisterError } from '../api.js';
import type { AuditEntry, ChainVerdict } from '../domain/audit/audit-chain.js';
import type { JsonValue } from '../domain/audit/canonical-json.js';
import { dryRun, type DryRunResult } from '../domain/limits/dry-run.js';
import { OVERRIDE_REASON_CODES } from '../domain/limits/manager-pin.js';
import { ruleSetProblems, type RuleProblem } from '../domain/limits/rule-problems.js';
import { nextRuleSetVersion, ruleSetAt, type LimitRule, type RuleSet, type RuleSetDraft } from '../domain/limits/rule.js';
import type { Clock } from '../ports.js';
import type { AuditLog, RecordedSales, RuleSetStore, RulesCodec, RulesFileError } from './ports.js';
import type { ManagerSession, ManagerSessions } from './sessions.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionRequest {
  session: string;
}

/** A draft as the console sends it; effectiveFrom absent or in the past means "now". */
export interface DraftRequest extends SessionRequest {
  rules: LimitRule[];
  comment: string;
  effectiveFrom?: number;
}

export interface LimitsOverview {
  now: number;
  /** The version in force now, or null. */
  current: RuleSet | null;
  /** Newest first. */
  versions: RuleSet[];
  reasonCodes: readonly string[];
}

export type RulesImportResult =
  | { ok: true; ruleSet: RuleSet }
  | { ok: false; errors: RulesFileError[] };

export interface DryRunReport extends DryRunResult {
  from: number;
  to: number;
  days: number;
}

export interface LimitsConsoleDeps {
  clock: Clock;
  rules: RuleSetStore;
  audit: AuditLog;
  sessions: ManagerSessions;
  sales: RecordedSales;
  codec: RulesCodec;
}

export class LimitsConsole {
  constructor(private readonly deps: LimitsConsoleDeps) {}

  managerLogin(request: { managerId: string; pin: string }): Promise<ManagerSession> {
    return this.deps.sessions.login(request.managerId, request.pin);
  }

  /** The manager behind a live session; throws 'unauthorized' otherwise (other manager-only methods use it too). */
  requireManager(session: string): { staffId: string } {
    return this.deps.sessions.require(session);
  }

  managerLogout(request: SessionRequest): { loggedOut: boolean } {
    const staff = this.deps.sessions.logout(request.session);
    if (staff) this.deps.audit.append({ at: this.deps.clock.now(), kind: 'manager.logout', actor: staff.staffId, details: {} });
    return { loggedOut: staff !== undefined };
  }

  limitsOverview(request: SessionRequest): LimitsOverview {
    this.deps.sessions.require(request.session);
    const versions = this.deps.rules.versions();
    const now = this.deps.clock.now();
    return { now, current: ruleSetAt(versions, now) ?? null, versions: [...versions].reverse(), reasonCodes: OVERRIDE_REASON_CODES };
  }

  /** Validates the draft (core's meaning checks) and stores it as the next version. */
  limitsSave(request: DraftRequest): RuleSet {
    const manager = this.deps.sessions.require(request.session);
    const draft = this.draftOf(request);
    const problems = ruleSetProblems(draft);
    if (problems.length > 0) throw problemsError(problems);
    return this.store(draft, manager.staffId, 'rules.changed', {});
  }

  /** All or nothing: a file with any problem is rejected whole, each problem with its line. */
  limitsImport(request: SessionRequest & { text: string }): RulesImportResult {
    const manager = this.deps.sessions.require(request.session);
    const parsed = this.deps.codec.parse(request.text);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const draft = { ...parsed.draft, effectiveFrom: Math.max(parsed.draft.effectiveFrom, this.deps.clock.now()) };
    return { ok: true, ruleSet: this.store(draft, manager.staffId, 'rules.imported', {}) };
  }

  limitsExport(request: SessionRequest & { version?: number }): { version: number; json: string } {
    this.deps.sessions.require(request.session);
    const versions = this.deps.rules.versions();
    const chosen = request.version === undefined ? ruleSetAt(versions, this.deps.clock.now()) : versions.find((v) => v.version === request.version);
    if (!chosen) throw new RegisterError('invalid-request', request.version === undefined ? 'no rule set is in force' : `no rule set version ${request.version}`);
    return { version: chosen.version, json: this.deps.codec.format(chosen) };
  }

  /** Replays the last `days` days of recorded sales against the draft. */
  limitsDryRun(request: SessionRequest & { rules: LimitRule[]; days: number }): DryRunReport {
    this.deps.sessions.require(request.session);
    return this.dryRunAsSystem(request);
  }

  /** The dry run without a session, for the CLI that already has the database open (it changes nothing). */
  dryRunAsSystem(request: { rules: LimitRule[]; days: number }): DryRunReport {
    const draft: RuleSetDraft = { effectiveFrom: 0, rules: request.rules, comment: 'dry run' };
    const problems = ruleSetProblems(draft);
    if (problems.length > 0) throw problemsError(problems);
    const to = this.deps.clock.now();
    const from = to - request.days * DAY_MS;
    const ruleSet = nextRuleSetVersion(this.deps.rules.versions(), draft, { createdBy: 'dry-run', createdAt: to });
    // A day before the window as history, so wallet-24h rules see the wallet's earlier purchases.
    const sales = this.deps.sales.completedSince(from - DAY_MS);
    return { ...dryRun({ ruleSet, sales, from, to }), from, to, days: request.days };
  }

  auditLog(request: SessionRequest & { limit: number; beforeSeq?: number }): AuditEntry[] {
    this.deps.sessions.require(request.session);
    return this.deps.audit.list({ limit: request.limit, ...(request.beforeSeq !== undefined ? { beforeSeq: request.beforeSeq } : {}) });
  }

  auditVerify(request: SessionRequest): ChainVerdict {
    this.deps.sessions.require(request.session);
    return this.deps.audit.verify();
  }

  private draftOf(request: DraftRequest): RuleSetDraft {
    const now = this.deps.clock.now();
    return { rules: request.rules, comment: request.comment, effectiveFrom: Math.max(request.effectiveFrom ?? now, now) };
  }

  private store(draft: RuleSetDraft, createdBy: string, kind: 'rules.changed' | 'rules.imported', extra: { [key: string]: JsonValue }): RuleSet {
    const ruleSet = nextRuleSetVersion(this.deps.rules.versions(), draft, { createdBy, createdAt: this.deps.clock.now() });
    this.deps.rules.append(ruleSet);
    this.deps.audit.append({
      at: ruleSet.createdAt, kind, actor: createdBy,
      details: {
        version: ruleSet.version, effectiveFrom: ruleSet.effectiveFrom, comment: ruleSet.comment,
        rules: JSON.parse(JSON.stringify(ruleSet.rules)) as JsonValue, ...extra,
      },
    });
    return ruleSet;
  }
}

function problemsError(problems: readonly RuleProblem[]): RegisterError {
  const text = problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
  return new RegisterError('invalid-request', `the rule set was not saved: ${text}`);
}
