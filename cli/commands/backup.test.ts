import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { openRegisterStore } from '../../db/register-store.js';
import { DEMO_CATALOG } from '../../db/seed/demo-catalog.js';
import { sampleSale } from '../../db/testing/sample-sale.js';
import { tempDir } from '../../db/testing/temp-dir.js';

const execFileAsync = promisify(execFile);
const REGI = join(import.meta.dirname, '../../bin/regi.mjs');

async function regi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [REGI, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const saleId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('regi serve refuses a damaged database', () => {
  test('damaged pages: a plain message, exit 1, the file untouched and nothing else written', async (t) => {
    const dir = tempDir(t, 'regi-cli-db-');
    const store = openRegisterStore(dir);
    for (let n = 1; n <= 300; n++) store.journal.commitSale(sampleSale(saleId(n), [{ item: DEMO_CATALOG[n % 50]! }], 10_000));
    store.db.pragma('journal_mode = DELETE');
    store.close();
    const file = join(dir, 'register.sqlite');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize * 3 + 8, pageSize * 3 + 8 + pageSize * 6);
    writeFileSync(file, bytes);
    const before = readdirSync(dir).sort();

    const result = await regi('serve', '--data', dir, '--port', '0', '--production');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^regi serve: Database check failed for .*register\.sqlite: the database is damaged/m);
    assert.match(result.stderr, /stopped safely without writing to the file; move it aside or restore it from a backup/);
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace');
    assert.deepEqual(readFileSync(file), bytes);
    assert.deepEqual(readdirSync(dir).sort(), before, 'no -wal, host.json or terminal.json appeared');
  });

  test('not a database at all: named as such', async (t) => {
    const dir = tempDir(t, 'regi-cli-db-');
    writeFileSync(join(dir, 'register.sqlite'), 'this is a shopping list, not a database\n'.repeat(200));
    const result = await regi('serve', '--data', dir, '--port', '0', '--production');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the file is not an SQLite database/);
  });

  test('a database whose applied migrations disagree with this build: MigrationError, exit 1', async (t) => {
    const dir = tempDir(t, 'regi-cli-db-');
    const store = openRegisterStore(dir);
    store.db.prepare("UPDATE migrations SET sha256 = 'edited-elsewhere' WHERE id = 1").run();
    store.close();
    const file = join(dir, 'register.sqlite');
    const bytes = readFileSync(file);
    const result = await regi('serve', '--data', dir, '--port', '0', '--production');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^regi serve: .*migration.*The register stopped without changing the database\./im);
    assert.deepEqual(readFileSync(file), bytes);
  });
});

describe('regi backup', () => {
  test('copies a database that is being written to; the copy opens, passes integrity_check and holds whole sales', async (t) => {
    const dir = tempDir(t, 'regi-cli-backup-');
    const store = openRegisterStore(dir);
    t.after(() => store.close());
    let n = 0;
    for (; n < 200; n++) store.journal.commitSale(sampleSale(saleId(n + 1), [{ item: DEMO_CATALOG[n % 50]!, quantity: 2 }], 10_000));
    // Keep selling while the backup runs in another process.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        n++;
        store.journal.commitSale(sampleSale(saleId(n), [{ item: DEMO_CATALOG[n % 50]! }, { item: DEMO_CATALOG[(n + 7) % 50]! }], 10_000));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const out = join(dir, 'copy.sqlite');
    const result = await regi('backup', '--data', dir, '--out', out);
    writing = false;
    await writer;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /backup written: .*copy\.sqlite \(\d+ bytes, \d+ pages, integrity ok\)/);
    const copied = Number(/(\d+) sales/.exec(result.stdout)?.[1]);
    assert.ok(copied >= 200 && copied <= n, `copied ${copied} of ${n} sales`);

    const restored = join(dir, 'restored');
    mkdirSync(restored);
    copyFileSync(out, join(restored, 'register.sqlite'));
    const copy = openRegisterStore(restored, { check: 'full' });
    t.after(() => copy.close());
    const half = copy.db
      .prepare(
        `SELECT COUNT(*) AS n FROM sales s WHERE
           NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.sale_id)
           OR NOT EXISTS (SELECT 1 FROM tenders d WHERE d.sale_id = s.sale_id)
           OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = s.sale_id)
           OR s.total != (SELECT SUM(amount) FROM sale_lines l WHERE l.sale_id = s.sale_id)`,
      )
      .get() as { n: number };
    assert.equal(half.n, 0, 'every copied sale is whole');
    assert.equal((copy.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n, copied);
  });

  test('refuses to overwrite, needs --out, and says when there is no database', async (t) => {
    const dir = tempDir(t, 'regi-cli-backup-');
    const missing = await regi('backup', '--data', dir, '--out', join(dir, 'x.sqlite'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no database at .*register\.sqlite/);
    openRegisterStore(dir).close();
    const out = join(dir, 'copy.sqlite');
    writeFileSync(out, 'keep me');
    const refused = await regi('backup', '--data', dir, '--out', out);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    const usage = await regi('backup', '--data', dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--out FILE is required/);
    assert.equal((await regi('backup', '--data', dir, '--out', out, '--force')).code, 0);
    assert.equal(existsSync(out), true);
    assert.notEqual(readFileSync(out, 'utf8'), 'keep me');
  });

  test('leaves only the backup file: no .partial, -wal or -shm next to it', async (t) => {
    const dir = tempDir(t, 'regi-cli-backup-');
    const store = openRegisterStore(dir);
    store.journal.commitSale(sampleSale(saleId(1), [{ item: DEMO_CATALOG[0]! }], 10_000));
    store.close();
    const outDir = join(dir, 'backups');
    mkdirSync(outDir);
    const first = await regi('backup', '--data', dir, '--out', join(outDir, 'r2.sqlite'));
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(readdirSync(outDir), ['r2.sqlite']);
    const again = await regi('backup', '--data', dir, '--out', join(outDir, 'r2.sqlite'), '--force');
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(readdirSync(outDir), ['r2.sqlite']);
  });

  test('--force over an old backup whose -wal was left behind: the new copy is what it reads, not the old copy\'s frames', async (t) => {
    const dir = tempDir(t, 'regi-cli-backup-');
    const store = openRegisterStore(dir);
    store.journal.commitSale(sampleSale(saleId(1), [{ item: DEMO_CATALOG[0]! }], 10_000));
    store.close();
    const out = join(dir, 'r2.sqlite');
    assert.equal((await regi('backup', '--data', dir, '--out', out)).code, 0);
    // Someone opened the old backup and wrote to it; the process died before a checkpoint, so its -wal stayed.
    const old = new Database(out);
    old.pragma('wal_autocheckpoint = 0');
    old.exec("DELETE FROM sale_lines; DELETE FROM tenders; DELETE FROM sales; CREATE TABLE scribble (x)");
    copyFileSync(`${out}-wal`, join(dir, 'left-behind-wal'));
    old.close();
    copyFileSync(join(dir, 'left-behind-wal'), `${out}-wal`);

    const again = await regi('backup', '--data', dir, '--out', out, '--force');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(existsSync(`${out}-wal`), false, 'the old backup\'s -wal is gone with it');
    const copy = new Database(out, { readonly: true });
    try {
      assert.equal((copy.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n, 1);
      assert.equal(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'scribble'").get(), undefined);
    } finally {
      copy.close();
    }
  });

  test('--out naming an existing directory is refused in one line, even with --force, before anything is copied', async (t) => {
    const dir = tempDir(t, 'regi-cli-backup-');
    openRegisterStore(dir).close();
    const outDir = join(dir, 'backups');
    mkdirSync(outDir);
    const result = await regi('backup', '--data', dir, '--out', outDir, '--force');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `regi backup: ${outDir} is a directory; --out names the backup file to write (e.g. ${join(outDir, 'register.sqlite')})\n`);
    assert.doesNotMatch(result.stderr, /EISDIR/);
    assert.deepEqual(readdirSync(outDir), []);
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('partial')), []);
  });
});
