/**
 * Ports the purchase-limit use cases need: rule set versions, the audit log, recorded sales for
 * dry runs, and the JSON codec for rule files. db/ and host/ implement them; core never imports those.
 */
import type { AuditEntry, AuditEvent, ChainVerdict } from '../domain/audit/audit-chain.js';
import type { RecordedSale } from '../domain/limits/wallet-history.js';
import type { RuleSet, RuleSetDraft } from '../domain/limits/rule.js';

/** Append-only store of rule set versions. */
export interface RuleSetStore {
  /** Every version, oldest first. */
  versions(): RuleSet[];
  /** Stores a new version; refuses a version number that already exists. */
  append(ruleSet: RuleSet): void;
}

/** Append-only, hash-chained audit log (db/audit-log-repository.ts). */
export interface AuditLog {
  /** Chains and stores the event durably; returns the stored entry. */
  append(event: AuditEvent): AuditEntry;
  /** Newest first, at most `limit`, only entries with seq < beforeSeq when given. */
  list(query: { limit: number; beforeSeq?: number }): AuditEntry[];
  /** Re-hashes the whole chain. */
  verify(): ChainVerdict;
}

/** Completed sales with the paying wallet, for what-if dry runs. */
export interface RecordedSales {
  /** Sales completed at or after `since`, in completion order. */
  completedSince(since: number): RecordedSale[];
}

export interface RulesFileError {
  line: number;
  column: number;
  path: string;
  reason: string;
}

/** Rule files as text (host/limits/rules-json.ts): import is all or nothing. */
export interface RulesCodec {
  parse(text: string): { ok: true; draft: RuleSetDraft } | { ok: false; errors: RulesFileError[] };
  format(ruleSet: RuleSet): string;
}
