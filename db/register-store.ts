/**
 * Everything the register keeps on disk, opened in the one safe order: check the file, migrate,
 * seed an empty catalog, then make sure the register has a persistent id.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type Clock } from '../core/ports.js';
import { SqliteCatalog } from './catalog-repository.js';
import { migrate } from './migrate.js';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './open-database.js';
import { SqliteOutbox } from './outbox-repository.js';
import { SqliteSaleJournal } from './sale-journal.js';
import { seedDemoCatalog } from './seed/demo-catalog.js';

export const REGISTER_DB_FILE = 'register.sqlite';
const REGISTER_ID_KEY = 'register_id';

export interface RegisterStore {
  readonly file: string;
  readonly db: SqliteDatabase;
  readonly catalog: SqliteCatalog;
  readonly journal: SqliteSaleJournal;
  readonly outbox: SqliteOutbox;
  readonly registerId: string;
  /** Items inserted by the demo seed during this open (0 when the catalog already had items). */
  readonly seeded: number;
  close(): void;
}

export interface RegisterStoreOptions extends OpenDatabaseOptions {
  clock?: Clock;
  /** Seed the demo catalog into an empty catalog (default true). */
  seedDemo?: boolean;
  /** For tests: the id given to a new register instead of a random one. */
  newRegisterId?: () => string;
}

export function openRegisterStore(dataDir: string, options: RegisterStoreOptions = {}): RegisterStore {
  const file = join(dataDir, REGISTER_DB_FILE);
  const db = openDatabase(file, options);
  try {
    migrate(db, { clock: options.clock ?? systemClock });
    const seeded = options.seedDemo === false ? 0 : seedDemoCatalog(db);
    const registerId = ensureRegisterId(db, options.newRegisterId ?? randomRegisterId);
    return {
      file,
      db,
      catalog: new SqliteCatalog(db),
      journal: new SqliteSaleJournal(db),
      outbox: new SqliteOutbox(db),
      registerId,
      seeded,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** "R-" + 6 hex digits: short enough for a receipt, random enough that two demo registers differ. */
export function randomRegisterId(): string {
  return `R-${randomBytes(3).toString('hex').toUpperCase()}`;
}

function ensureRegisterId(db: SqliteDatabase, make: () => string): string {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  return db
    .transaction(() => {
      const existing = select.get(REGISTER_ID_KEY);
      if (existing) return existing.value;
      const id = make();
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(REGISTER_ID_KEY, id);
      return id;
    })
    .immediate();
}
