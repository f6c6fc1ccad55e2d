/**
 * Purchase-limit rule set versions on SQLite (append-only: triggers refuse UPDATE and DELETE).
 * versions() runs on every scan, so the list is cached and reloaded only when the newest version
 * number changes (another connection, e.g. the CLI, may have appended).
 */
import type { Statement } from 'better-sqlite3';
import { defaultRuleSet } from '../core/domain/limits/defaults.js';
import type { LimitRule, RuleSet } from '../core/domain/limits/rule.js';
import type { RuleSetStore } from '../core/limits/ports.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  version: number;
  effective_from: number;
  created_by: string;
  created_at: number;
  comment: string;
  rules: string;
}

export class SqliteRuleSetStore implements RuleSetStore {
  private readonly selectAll: Statement<[], Row>;
  private readonly selectMax: Statement<[], { n: number | null; c: number }>;
  private readonly insert: Statement<[Row]>;
  private cache: { max: number | null; count: number; versions: RuleSet[] } | undefined;

  constructor(private readonly db: SqliteDatabase) {
    this.selectAll = db.prepare<[], Row>('SELECT * FROM limit_rule_sets ORDER BY version');
    this.selectMax = db.prepare<[], { n: number | null; c: number }>('SELECT MAX(version) AS n, COUNT(*) AS c FROM limit_rule_sets');
    this.insert = db.prepare<[Row]>(`INSERT INTO limit_rule_sets (version, effective_from, created_by, created_at, comment, rules)
      VALUES (@version, @effective_from, @created_by, @created_at, @comment, @rules)`);
  }

  versions(): RuleSet[] {
    const { n, c } = this.selectMax.get()!;
    if (!this.cache || this.cache.max !== n || this.cache.count !== c) {
      this.cache = { max: n, count: c, versions: this.selectAll.all().map(rowToRuleSet) };
    }
    return this.cache.versions.map((v) => ({ ...v, rules: v.rules.map((r) => ({ ...r })) }));
  }

  append(ruleSet: RuleSet): void {
    try {
      this.insert.run({
        version: ruleSet.version, effective_from: ruleSet.effectiveFrom, created_by: ruleSet.createdBy,
        created_at: ruleSet.createdAt, comment: ruleSet.comment, rules: JSON.stringify(ruleSet.rules),
      });
    } catch (error) {
      throw new Error(`rule set version ${ruleSet.version} was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stores the shipped defaults as version 1 when there is no version yet; true when it did. */
  seedDefaults(createdAt: number): boolean {
    return this.db.transaction(() => {
      if (this.selectMax.get()!.c > 0) return false;
      this.append(defaultRuleSet(createdAt));
      return true;
    }).immediate();
  }
}

function rowToRuleSet(row: Row): RuleSet {
  return {
    version: row.version, effectiveFrom: row.effective_from, createdBy: row.created_by, createdAt: row.created_at,
    comment: row.comment, rules: JSON.parse(row.rules) as LimitRule[],
  };
}
