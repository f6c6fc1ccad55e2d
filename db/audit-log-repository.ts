/**
 * The hash-chained audit log on SQLite. Each append reads the newest entry and writes the next one
 * in one IMMEDIATE transaction, so two connections (the host and the CLI) cannot fork the chain.
 * Triggers refuse UPDATE and DELETE; verify() re-hashes every row, which also catches edits made
 * with the triggers dropped.
 */
import type { Statement } from 'better-sqlite3';
import { appendEntry, verifyChain, type AuditEntry, type AuditEvent, type AuditKind, type ChainVerdict, type Hasher } from '../core/domain/audit/audit-chain.js';
import { canonicalJson, type JsonValue } from '../core/domain/audit/canonical-json.js';
import type { AuditLog } from '../core/limits/ports.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  seq: number;
  at: number;
  kind: string;
  actor: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export class SqliteAuditLog implements AuditLog {
  private readonly last: Statement<[], Row>;
  private readonly insert: Statement<[Row]>;
  private readonly page: Statement<[number, number], Row>;
  private readonly all: Statement<[], Row>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly hasher: Hasher,
  ) {
    this.last = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare<[Row]>(`INSERT INTO audit_log (seq, at, kind, actor, details, prev_hash, hash)
      VALUES (@seq, @at, @kind, @actor, @details, @prev_hash, @hash)`);
    this.page = db.prepare<[number, number], Row>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?');
    this.all = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');
  }

  append(event: AuditEvent): AuditEntry {
    return this.db.transaction(() => {
      const lastRow = this.last.get();
      const entry = appendEntry(lastRow ? rowToEntry(lastRow) : undefined, event, this.hasher);
      this.insert.run({
        seq: entry.seq, at: entry.at, kind: entry.kind, actor: entry.actor,
        details: canonicalJson(entry.details), prev_hash: entry.prevHash, hash: entry.hash,
      });
      return entry;
    }).immediate();
  }

  list(query: { limit: number; beforeSeq?: number }): AuditEntry[] {
    return this.page.all(query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit).map(rowToEntry);
  }

  entries(): AuditEntry[] {
    return this.all.all().map(rowToEntry);
  }

  /** The newest entry of each actor among entries of these kinds (restoring PIN lockouts after a restart). */
  latestPerActor(kinds: readonly string[]): AuditEntry[] {
    if (kinds.length === 0) return [];
    const marks = kinds.map(() => '?').join(', ');
    return (
      this.db
        .prepare<string[], Row>(`SELECT * FROM audit_log WHERE seq IN (SELECT MAX(seq) FROM audit_log WHERE kind IN (${marks}) GROUP BY actor) ORDER BY seq`)
        .all(...kinds)
    ).map(rowToEntry);
  }

  verify(): ChainVerdict {
    const rows = this.all.all();
    const entries: AuditEntry[] = [];
    for (const row of rows) {
      try {
        entries.push(rowToEntry(row));
      } catch (error) {
        return { ok: false, brokenAt: row.seq, reason: `entry ${row.seq} cannot be read: ${(error as Error).message}` };
      }
    }
    return verifyChain(entries, this.hasher);
  }
}

function rowToEntry(row: Row): AuditEntry {
  return {
    seq: row.seq, at: row.at, kind: row.kind as AuditKind, actor: row.actor,
    details: JSON.parse(row.details) as { [key: string]: JsonValue }, prevHash: row.prev_hash, hash: row.hash,
  };
}
