/** The durable outbox on SQLite (rows are inserted by the journal in the sale's own transaction). */
import type { Statement } from 'better-sqlite3';
import type { Outbox, OutboxEntry, OutboxItem, OutboxState, OutboxStats } from '../core/sync/outbox-ports.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  id: number;
  topic: string;
  idempotency_key: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  state: OutboxState;
}

const toItem = (r: Row): OutboxItem => ({
  id: r.id, topic: r.topic, idempotencyKey: r.idempotency_key, payload: r.payload, createdAt: r.created_at, attempts: r.attempts,
});
const toEntry = (r: Row): OutboxEntry => ({ ...toItem(r), state: r.state, nextAttemptAt: r.next_attempt_at, lastError: r.last_error });

export class SqliteOutbox implements Outbox {
  private readonly dueStmt: Statement<[number, number], Row>;
  private readonly sentStmt: Statement<[number]>;
  private readonly retryStmt: Statement<[string, number, number]>;
  private readonly parkStmt: Statement<[string, number]>;
  private readonly statsStmt: Statement<[], { state: OutboxState; n: number; oldest: number | null }>;
  private readonly queueStmt: Statement<[], { state: OutboxState; n: number; oldest: number | null }>;

  constructor(private readonly db: SqliteDatabase) {
    this.dueStmt = db.prepare(
      "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
    );
    this.sentStmt = db.prepare("UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL WHERE id = ? AND state = 'pending'");
    this.retryStmt = db.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'");
    this.parkStmt = db.prepare("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'");
    this.statsStmt = db.prepare('SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox GROUP BY state');
    // Sent rows pile up for the life of the register; the queue figures touch only the rows still waiting (index range).
    this.queueStmt = db.prepare(
      "SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state IN ('pending', 'parked') GROUP BY state",
    );
  }

  due(now: number, limit: number): OutboxItem[] {
    return this.dueStmt.all(now, limit).map(toItem);
  }

  markSent(ids: readonly number[], _at: number): void {
    if (ids.length === 0) return;
    this.db.transaction(() => {
      for (const id of ids) this.sentStmt.run(id);
    })();
  }

  markRetry(id: number, error: string, nextAttemptAt: number): void {
    this.retryStmt.run(error.slice(0, 1000), nextAttemptAt, id);
  }

  park(id: number, reason: string): void {
    this.parkStmt.run(reason.slice(0, 1000), id);
  }

  retryNow(now: number, includeParked: boolean): number {
    const states = includeParked ? "('pending', 'parked')" : "('pending')";
    return this.db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE state IN ${states}`).run(now).changes;
  }

  stats(): OutboxStats {
    const stats: OutboxStats = { pending: 0, parked: 0, sent: 0, oldestPendingAt: null };
    for (const row of this.statsStmt.all()) {
      stats[row.state] = row.n;
      if (row.state === 'pending') stats.oldestPendingAt = row.oldest;
    }
    return stats;
  }

  /** False once the store is closed (a host shutting down). */
  isOpen(): boolean {
    return this.db.open;
  }

  /** stats() without counting sent rows: cheap enough to run after every sale. */
  queueStats(): Omit<OutboxStats, 'sent'> {
    const stats = { pending: 0, parked: 0, oldestPendingAt: null as number | null };
    for (const row of this.queueStmt.all()) {
      if (row.state === 'pending') {
        stats.pending = row.n;
        stats.oldestPendingAt = row.oldest;
      } else if (row.state === 'parked') stats.parked = row.n;
    }
    return stats;
  }

  list(options: { states: readonly OutboxState[]; limit: number }): OutboxEntry[] {
    if (options.states.length === 0) return [];
    const marks = options.states.map(() => '?').join(', ');
    return this.db
      .prepare<unknown[], Row>(`SELECT * FROM outbox WHERE state IN (${marks}) ORDER BY id LIMIT ?`)
      .all(...options.states, options.limit)
      .map(toEntry);
  }
}
