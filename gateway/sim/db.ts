import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../core/ports.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export type GatewayDb = Database.Database;

const statements = new WeakMap<GatewayDb, Map<string, Database.Statement>>();

/**
 * The prepared statement for this SQL on this connection, compiled on first use and then reused: preparing costs
 * SQLite a parse and plan each time, which the hot paths (every signed request, every payment) paid per call.
 */
export function stmt(db: GatewayDb, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Opens <dataDir>/gateway.sqlite with WAL and synchronous=FULL and applies the numbered migrations in
 * gateway/sim/migrations/. Refuses to start when the applied list is not a prefix of the files (a database
 * from a different build), rather than guessing.
 */
export function openGatewayDb(dataDir: string, clock: Clock): GatewayDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'gateway.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Every signed request runs in its own savepoint inside the group transaction (GroupCommit), and a payment in a
  // nested one: their sub-journals in memory rather than in a temp file made a payment about 15% cheaper.
  db.pragma('temp_store = MEMORY');
  try {
    migrate(db, clock);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: GatewayDb, clock: Clock): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied = (db.prepare('SELECT name FROM migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  applied.forEach((name, i) => {
    if (files[i] !== name) {
      throw new Error(`gateway database migrations ${applied.join(', ')} are not a prefix of the known files ${files.join(', ')}`);
    }
  });
  for (const file of files.slice(applied.length)) {
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO migrations (name, applied_at) VALUES (?, ?)').run(file, clock.now());
    })();
  }
}
