/**
 * A consistent copy of the register's database while the register keeps running: SQLite's online backup API
 * (better-sqlite3's db.backup()) copies page by page and restarts itself if a writer changes a page it already
 * copied, so the copy is one committed state, never a torn one. The copy is then opened and integrity-checked.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseCheckError } from './open-database.js';

export interface BackupResult {
  file: string;
  bytes: number;
  totalPages: number;
  /** Row counts of the copy, to show the person what was saved. */
  sales: number;
  outboxPending: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function backupDatabase(sourceFile: string, outFile: string, options: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const source = resolve(sourceFile);
  const out = resolve(outFile);
  if (source === out) throw new BackupError('the backup file must not be the database itself');
  if (!existsSync(source)) throw new BackupError(`no database at ${source} (is --data the register's data directory?)`);
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new BackupError(`${out} is a directory; --out names the backup file to write (e.g. ${join(out, basename(source))})`);
  }
  if (existsSync(out) && !options.overwrite) throw new BackupError(`${out} already exists; choose another --out (or add --force)`);

  let db: Database.Database;
  try {
    // Read-only: a backup never changes the register's file, and works next to a running host (WAL readers).
    db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    throw new DatabaseCheckError(source, 'cannot-open', error instanceof Error ? error.message : String(error));
  }
  const temp = `${out}.${process.pid}.partial`;
  let totalPages: number;
  try {
    const progress = await db.backup(temp);
    totalPages = progress.totalPages;
  } catch (error) {
    removeWithSidecars(temp);
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DatabaseCheckError(source, code === 'SQLITE_NOTADB' ? 'not-a-database' : 'damaged', error instanceof Error ? error.message : String(error));
    }
    throw new BackupError(`backup of ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }

  try {
    const counts = verifyCopy(temp);
    // An old file's -wal or -journal would be read into the new copy the next time it is opened (SQLite cannot
    // tell they belong to another file): they go with the file they belonged to.
    for (const suffix of SIDECARS) rmSync(`${out}${suffix}`, { force: true });
    renameSync(temp, out);
    return { file: out, bytes: statSync(out).size, totalPages, ...counts };
  } catch (error) {
    removeWithSidecars(temp);
    throw error;
  }
}

/** SQLite's files next to a database: the copy is in WAL mode (like its source), so opening it makes -wal and -shm. */
const SIDECARS = ['-wal', '-shm', '-journal'];

function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECARS]) rmSync(`${file}${suffix}`, { force: true });
}

function verifyCopy(file: string): { sales: number; outboxPending: number } {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (copy.pragma('integrity_check') as Record<string, unknown>[])
      .map((row) => String(Object.values(row)[0]))
      .filter((text) => text !== 'ok');
    if (problems.length > 0) throw new BackupError(`the copy failed integrity_check (${problems.slice(0, 3).join('; ')}); nothing was kept`);
    const count = (sql: string): number => {
      try {
        return (copy.prepare(sql).get() as { n: number }).n;
      } catch {
        return 0; // an empty or older database without that table
      }
    };
    return { sales: count('SELECT COUNT(*) AS n FROM sales'), outboxPending: count("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'") };
  } finally {
    copy.close();
    // A read-only connection wrote no frames, so these are empty; after the rename nothing would ever use them.
    for (const suffix of SIDECARS) rmSync(`${file}${suffix}`, { force: true });
  }
}
