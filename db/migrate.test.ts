import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { appliedMigrations, checksum, loadMigrations, migrate, MigrationError, MIGRATIONS_DIR } from './migrate.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { tempDir } from './testing/temp-dir.js';

const clock = { now: () => 1_700_000_000_000 };

function migrationsDir(t: TestContext, files: Record<string, string>): string {
  const dir = join(tempDir(t, 'regi-migrations-'), 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function open(t: TestContext): { db: SqliteDatabase; file: string } {
  const file = join(tempDir(t), 'm.sqlite');
  const db = openDatabase(file);
  t.after(() => db.close());
  return { db, file };
}

function tables(db: SqliteDatabase): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));
}

const ONE = 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n';
const TWO = 'CREATE TABLE b (id INTEGER PRIMARY KEY);\n';
const THREE = 'CREATE TABLE c (id INTEGER PRIMARY KEY);\n';

describe('migrate', () => {
  test('the shipped migrations apply once, in order, and are recorded with their checksums', (t) => {
    const { db } = open(t);
    const files = loadMigrations();
    assert.equal(files[0]?.file, '0001_init.sql');

    const applied = migrate(db, { clock });
    assert.deepEqual(applied.map((m) => m.file), files.map((m) => m.file));
    assert.deepEqual(appliedMigrations(db), files.map((f) => ({ id: f.id, name: f.name, appliedAt: clock.now(), sha256: f.sha256 })));
    for (const table of ['catalog_items', 'sales', 'sale_lines', 'tenders', 'outbox', 'meta', 'migrations']) {
      assert.ok(tables(db).includes(table), `table ${table} exists`);
    }

    assert.deepEqual(migrate(db, { clock }), [], 'a second run applies nothing');
    assert.equal(appliedMigrations(db).length, files.length);
  });

  test('MIGRATIONS_DIR is found relative to the module', () => {
    assert.match(MIGRATIONS_DIR, /db[\\/]migrations[\\/]?$/);
  });

  test('new files are applied on the next start', (t) => {
    const { db } = open(t);
    migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE }), clock });
    const applied = migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE, '0002_b.sql': TWO }), clock });
    assert.deepEqual(applied.map((m) => m.name), ['b']);
    assert.deepEqual(tables(db), ['a', 'b', 'migrations']);
  });

  test('refuses when the applied list is not a prefix of the files', (t) => {
    const { db } = open(t);
    migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE, '0002_b.sql': TWO }), clock });
    const before = appliedMigrations(db);

    const other = migrationsDir(t, { '0001_a.sql': ONE, '0003_c.sql': THREE });
    assert.throws(() => migrate(db, { dir: other, clock }), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /not a prefix/);
      assert.match(error.message, /0002_b/);
      assert.match(error.message, /0003_c\.sql/);
      return true;
    });
    assert.deepEqual(appliedMigrations(db), before);
    assert.ok(!tables(db).includes('c'), 'nothing from the refused set was applied');
  });

  test('refuses a database that has migrations this build does not have', (t) => {
    const { db } = open(t);
    migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE, '0002_b.sql': TWO }), clock });
    assert.throws(
      () => migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE }), clock }),
      (error: unknown) => error instanceof MigrationError && /does not know \(0002_b\)/.test(error.message),
    );
  });

  test('refuses when an applied migration file was edited', (t) => {
    const { db } = open(t);
    migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE }), clock });
    const edited = `${ONE}-- a harmless looking edit\n`;
    assert.throws(
      () => migrate(db, { dir: migrationsDir(t, { '0001_a.sql': edited, '0002_b.sql': TWO }), clock }),
      (error: unknown) => error instanceof MigrationError && /0001_a\.sql was changed after it was applied/.test(error.message),
    );
    assert.ok(!tables(db).includes('b'));
  });

  test('CRLF line endings do not count as an edit', () => {
    assert.equal(checksum('a;\r\nb;\r\n'), checksum('a;\nb;\n'));
    assert.notEqual(checksum('a;\n'), checksum('a; \n'));
  });

  test('a failing migration is rolled back whole and not recorded', (t) => {
    const { db } = open(t);
    const dir = migrationsDir(t, {
      '0001_a.sql': ONE,
      '0002_b.sql': `${TWO}INSERT INTO b (id) VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n`,
    });
    assert.throws(
      () => migrate(db, { dir, clock }),
      (error: unknown) => error instanceof MigrationError && /0002_b\.sql failed and was rolled back: no such table/.test(error.message),
    );
    assert.deepEqual(appliedMigrations(db).map((m) => m.name), ['a']);
    assert.deepEqual(tables(db), ['a', 'migrations']);
  });

  test('misnamed and duplicate-numbered files are refused before anything runs', (t) => {
    const { db } = open(t);
    assert.throws(
      () => migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE, '2-b.sql': TWO }), clock }),
      (error: unknown) => error instanceof MigrationError && /2-b\.sql is misnamed/.test(error.message),
    );
    assert.throws(
      () => migrate(db, { dir: migrationsDir(t, { '0001_a.sql': ONE, '0001_b.sql': TWO }), clock }),
      (error: unknown) => error instanceof MigrationError && /share the number 1/.test(error.message),
    );
    assert.deepEqual(tables(db), [], 'not even the migrations table was created');
  });
});
