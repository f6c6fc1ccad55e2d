import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DatabaseCheckError, openDatabase } from './open-database.js';
import { tempDir } from './testing/temp-dir.js';

describe('openDatabase', () => {
  test('sets WAL, synchronous=FULL, foreign keys and a busy timeout', (t) => {
    const dir = tempDir(t);
    const db = openDatabase(join(dir, 'a.sqlite'), { busyTimeoutMs: 1234 });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('busy_timeout', { simple: true }), 1234);
    } finally {
      db.close();
    }
  });

  test('creates missing directories', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'deep', 'er', 'register.sqlite');
    openDatabase(file).close();
    assert.ok(statSync(file).isFile());
  });

  test('a file of garbage bytes is refused with DatabaseCheckError and left untouched', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'garbage.sqlite');
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);

    assert.throws(
      () => openDatabase(file),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseCheckError);
        assert.equal(error.reason, 'not-a-database');
        assert.equal(error.file, file);
        assert.match(error.message, /garbage\.sqlite/);
        assert.match(error.message, /not an SQLite database/);
        assert.match(error.message, /stopped safely without writing/);
        return true;
      },
    );
    assert.deepEqual(readFileSync(file), garbage);
    assert.deepEqual(readdirSync(dir), ['garbage.sqlite'], 'no -wal, -shm or -journal file was created');
  });

  test('a database with damaged pages is refused as damaged and left untouched', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'damaged.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    })();
    db.pragma('journal_mode = DELETE'); // fold the WAL into the main file so the damage below is all there is
    db.close();

    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle of page 3 onwards: b-tree pages, not the header.
    bytes.fill(0xa5, pageSize * 2 + 8, pageSize * 2 + 8 + pageSize * 4);
    writeFileSync(file, bytes);

    assert.throws(
      () => openDatabase(file, { check: 'full' }),
      (error: unknown) => error instanceof DatabaseCheckError && error.reason === 'damaged' && /damaged/.test(error.message),
    );
    assert.deepEqual(readFileSync(file), bytes);
    assert.equal(existsSync(`${file}-wal`), false);
  });

  test('an index that disagrees with its table is reported by the (default, full) integrity check', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'index.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 10; i++) insert.run(`item-${i}`);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 't_body'").get() as { rootpage: number };
    db.pragma('journal_mode = DELETE');
    db.close();

    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const page = bytes.subarray((rootpage - 1) * pageSize, rootpage * pageSize);
    page[page.indexOf('item-3') + 5] = 'Z'.charCodeAt(0);
    writeFileSync(file, bytes);

    assert.throws(
      () => openDatabase(file),
      (error: unknown) =>
        error instanceof DatabaseCheckError && error.reason === 'damaged' && /missing from index t_body/.test(error.message),
    );
    assert.deepEqual(readFileSync(file), bytes);
  });

  test('a path that is a directory is refused with a clear error', (t) => {
    const dir = tempDir(t);
    assert.throws(
      () => openDatabase(dir),
      (error: unknown) => error instanceof DatabaseCheckError && error.reason === 'cannot-open',
    );
  });
});
