/**
 * Numbered SQL migrations (db/migrations/NNNN_name.sql), each applied in its own transaction and
 * recorded in the migrations table with the sha256 of its text.
 *
 * Start-up refuses (the Actual Budget habit) when the applied list is not a prefix of the files on
 * disk, or a recorded checksum differs: either means this build and this database disagree about
 * the schema, and guessing would risk the sales already stored.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_PATTERN = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;

export interface MigrationFile {
  id: number;
  name: string;
  file: string;
  sql: string;
  sha256: string;
}

export interface AppliedMigration {
  id: number;
  name: string;
  appliedAt: number;
  sha256: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(`${message} The register stopped without changing the database.`);
    this.name = 'MigrationError';
  }
}

export interface MigrateOptions {
  dir?: string;
  clock?: Clock;
}

/** Reads and orders the migration files; refuses misnamed or duplicate-numbered files. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.sql')) continue;
    const match = FILE_PATTERN.exec(entry);
    if (!match) {
      throw new MigrationError(`Migration file ${join(dir, entry)} is misnamed: expected NNNN_lower_snake_name.sql.`);
    }
    const sql = readFileSync(join(dir, entry), 'utf8');
    files.push({ id: Number(match[1]), name: match[2]!, file: entry, sql, sha256: checksum(sql) });
  }
  files.sort((a, b) => a.id - b.id);
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.id === files[i - 1]!.id) {
      throw new MigrationError(`Migrations ${files[i - 1]!.file} and ${files[i]!.file} share the number ${files[i]!.id}.`);
    }
  }
  return files;
}

/** Line endings are normalised so a checkout with CRLF conversion does not look like an edited migration. */
export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

export function appliedMigrations(db: SqliteDatabase): AppliedMigration[] {
  ensureMigrationsTable(db);
  const rows = db.prepare('SELECT id, name, applied_at, sha256 FROM migrations ORDER BY id').all() as {
    id: number;
    name: string;
    applied_at: number;
    sha256: string;
  }[];
  return rows.map((r) => ({ id: r.id, name: r.name, appliedAt: r.applied_at, sha256: r.sha256 }));
}

/** Applies the pending migrations in order; returns the ones applied now. */
export function migrate(db: SqliteDatabase, options: MigrateOptions = {}): MigrationFile[] {
  const clock = options.clock ?? systemClock;
  const files = loadMigrations(options.dir);
  const applied = appliedMigrations(db);
  verifyPrefix(applied, files);

  const record = db.prepare('INSERT INTO migrations (id, name, applied_at, sha256) VALUES (?, ?, ?, ?)');
  const pending = files.slice(applied.length);
  for (const migration of pending) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, clock.now(), migration.sha256);
    });
    try {
      apply.immediate();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`Migration ${migration.file} failed and was rolled back: ${detail}.`);
    }
  }
  return pending;
}

function verifyPrefix(applied: readonly AppliedMigration[], files: readonly MigrationFile[]): void {
  if (applied.length > files.length) {
    const unknown = applied.slice(files.length).map(label).join(', ');
    throw new MigrationError(
      `The database has migrations this build does not know (${unknown}); it was written by a newer or different version of Regi.`,
    );
  }
  applied.forEach((done, i) => {
    const file = files[i]!;
    if (done.id !== file.id || done.name !== file.name) {
      throw new MigrationError(
        `Applied migrations are not a prefix of the migration files: the database has ${label(done)} at position ${i + 1} ` +
          `where this build has ${file.file}.`,
      );
    }
    if (done.sha256 !== file.sha256) {
      throw new MigrationError(
        `Migration ${file.file} was changed after it was applied (recorded sha256 ${done.sha256.slice(0, 12)}…, ` +
          `file now ${file.sha256.slice(0, 12)}…); add a new migration instead of editing an applied one.`,
      );
    }
  });
}

function label(m: { id: number; name: string }): string {
  return `${String(m.id).padStart(4, '0')}_${m.name}`;
}

function ensureMigrationsTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    sha256 TEXT NOT NULL
  ) STRICT`);
}
