/**
 * Opens the register's SQLite file with the durability settings DESIGN.md asks for (WAL,
 * synchronous=FULL, foreign keys) after proving the file is a healthy database.
 *
 * The check runs before any statement that could write (journal_mode=WAL rewrites the header),
 * so a damaged or foreign file is left exactly as it was found.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export type DatabaseCheckReason = 'not-a-database' | 'damaged' | 'cannot-open';

/** The database file cannot be used; nothing was written to it. */
export class DatabaseCheckError extends Error {
  constructor(
    readonly file: string,
    readonly reason: DatabaseCheckReason,
    readonly detail: string,
  ) {
    super(
      `Database check failed for ${file}: ${describe(reason)} (${detail}). ` +
        'The register stopped safely without writing to the file; move it aside or restore it from a backup.',
    );
    this.name = 'DatabaseCheckError';
  }
}

function describe(reason: DatabaseCheckReason): string {
  switch (reason) {
    case 'not-a-database':
      return 'the file is not an SQLite database';
    case 'damaged':
      return 'the database is damaged';
    case 'cannot-open':
      return 'the file cannot be opened';
  }
}

export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * 'full' = PRAGMA integrity_check, 'quick' = PRAGMA quick_check (skips index/content
   * cross-checks, much faster on big files), 'auto' = quick above quickCheckAboveBytes.
   */
  check?: 'full' | 'quick' | 'auto';
  quickCheckAboveBytes?: number;
}

const DEFAULTS = { busyTimeoutMs: 5000, check: 'auto', quickCheckAboveBytes: 64 * 1024 * 1024 } as const;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const path = resolve(file);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULTS.busyTimeoutMs;
  mkdirSync(dirname(path), { recursive: true });

  let db: SqliteDatabase;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new DatabaseCheckError(path, 'cannot-open', messageOf(error));
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    checkIntegrity(db, path, chooseCheck(path, options));
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new Error(`SQLite refused WAL journaling for ${path} (journal_mode is ${String(mode)}); is it on a network file system?`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function chooseCheck(path: string, options: OpenDatabaseOptions): 'integrity_check' | 'quick_check' {
  const check = options.check ?? DEFAULTS.check;
  if (check === 'full') return 'integrity_check';
  if (check === 'quick') return 'quick_check';
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  return size > (options.quickCheckAboveBytes ?? DEFAULTS.quickCheckAboveBytes) ? 'quick_check' : 'integrity_check';
}

function checkIntegrity(db: SqliteDatabase, path: string, pragma: 'integrity_check' | 'quick_check'): void {
  let rows: unknown[];
  try {
    rows = db.pragma(pragma) as unknown[];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new DatabaseCheckError(path, 'not-a-database', messageOf(error));
    if (code === 'SQLITE_CORRUPT') throw new DatabaseCheckError(path, 'damaged', messageOf(error));
    throw new DatabaseCheckError(path, 'cannot-open', messageOf(error));
  }
  const problems = rows
    .map((row) => String(Object.values(row as Record<string, unknown>)[0]))
    .filter((text) => text !== 'ok');
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` and ${problems.length - 3} more problems` : '';
    throw new DatabaseCheckError(path, 'damaged', `${pragma}: ${shown}${more}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
