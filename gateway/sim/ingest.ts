import type { Clock } from '../../core/ports.js';
import {
  describeZodError,
  INGEST_PAYLOAD_SCHEMAS,
  INGEST_TOPICS,
  type IngestItemResult,
  type IngestTopic,
} from '../protocol/wire.js';
import { stmt, type GatewayDb } from './db.js';

export interface IngestStats {
  stored: number;
  byTopic: Record<string, number>;
  accepted: number;
  duplicates: number;
  rejected: number;
  registers: number;
  recentRejections: { registerId: string; idempotencyKey: string; topic: string; reason: string; at: number }[];
}

/**
 * The back office's HQ ingest: completed sales, refunds and audit records from many registers, deduped by the
 * register-made idempotency key across all registers. An invalid item (a poison row) is rejected alone; the rest
 * of its batch is still stored. The whole batch is one transaction, so a crash stores all of it or none.
 */
export class Ingest {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  accept(registerId: string, items: { idempotencyKey: string; topic: string; payload: unknown }[]): IngestItemResult[] {
    const now = this.clock.now();
    const insert = stmt(this.db, 
      'INSERT INTO ingest_items (idempotency_key, register_id, topic, payload, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const log = stmt(this.db, 'INSERT INTO ingest_log (register_id, idempotency_key, topic, status, reason, at) VALUES (?, ?, ?, ?, ?, ?)');
    return this.db.transaction(() =>
      items.map((item): IngestItemResult => {
        const result = this.one(item, (topic) => insert.run(item.idempotencyKey, registerId, topic, JSON.stringify(item.payload), now).changes === 1);
        log.run(registerId, item.idempotencyKey, item.topic, result.status, result.reason ?? null, now);
        return result;
      }),
    )();
  }

  private one(item: { idempotencyKey: string; topic: string; payload: unknown }, store: (topic: IngestTopic) => boolean): IngestItemResult {
    const key = item.idempotencyKey;
    if (!(INGEST_TOPICS as readonly string[]).includes(item.topic)) {
      return { idempotencyKey: key, status: 'rejected', reason: `topic: must be one of ${INGEST_TOPICS.join(', ')}, got "${item.topic}"` };
    }
    const topic = item.topic as IngestTopic;
    const parsed = INGEST_PAYLOAD_SCHEMAS[topic].safeParse(item.payload);
    if (!parsed.success) {
      return { idempotencyKey: key, status: 'rejected', reason: `payload.${describeZodError(parsed.error).message}` };
    }
    return store(topic) ? { idempotencyKey: key, status: 'accepted' } : { idempotencyKey: key, status: 'duplicate' };
  }

  stats(): IngestStats {
    const count = (sql: string): number => (stmt(this.db, sql).get() as { n: number }).n;
    const byTopic = Object.fromEntries(
      (stmt(this.db, 'SELECT topic, COUNT(*) AS n FROM ingest_items GROUP BY topic').all() as { topic: string; n: number }[]).map((r) => [r.topic, r.n]),
    );
    const recentRejections = (
      stmt(this.db, "SELECT register_id, idempotency_key, topic, reason, at FROM ingest_log WHERE status = 'rejected' ORDER BY id DESC LIMIT 20")
        .all() as { register_id: string; idempotency_key: string; topic: string; reason: string; at: number }[]
    ).map((r) => ({ registerId: r.register_id, idempotencyKey: r.idempotency_key, topic: r.topic, reason: r.reason, at: r.at }));
    return {
      stored: count('SELECT COUNT(*) AS n FROM ingest_items'),
      byTopic,
      accepted: count("SELECT COUNT(*) AS n FROM ingest_log WHERE status = 'accepted'"),
      duplicates: count("SELECT COUNT(*) AS n FROM ingest_log WHERE status = 'duplicate'"),
      rejected: count("SELECT COUNT(*) AS n FROM ingest_log WHERE status = 'rejected'"),
      registers: count('SELECT COUNT(DISTINCT register_id) AS n FROM ingest_items'),
      recentRejections,
    };
  }

  /** Stored items, for tests and the crash harness ("every sale is in the back office exactly once"). */
  items(topic?: IngestTopic): { idempotencyKey: string; registerId: string; topic: string; payload: unknown; receivedAt: number }[] {
    const rows = (
      topic === undefined
        ? stmt(this.db, 'SELECT * FROM ingest_items ORDER BY received_at, idempotency_key').all()
        : stmt(this.db, 'SELECT * FROM ingest_items WHERE topic = ? ORDER BY received_at, idempotency_key').all(topic)
    ) as { idempotency_key: string; register_id: string; topic: string; payload: string; received_at: number }[];
    return rows.map((r) => ({
      idempotencyKey: r.idempotency_key,
      registerId: r.register_id,
      topic: r.topic,
      payload: JSON.parse(r.payload) as unknown,
      receivedAt: r.received_at,
    }));
  }
}
