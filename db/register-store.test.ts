import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appliedMigrations, loadMigrations } from './migrate.js';
import { DatabaseCheckError } from './open-database.js';
import { openRegisterStore, randomRegisterId, REGISTER_DB_FILE } from './register-store.js';
import { DEMO_CATALOG, DEMO_CODES } from './seed/demo-catalog.js';
import { tempDir } from './testing/temp-dir.js';

describe('openRegisterStore', () => {
  test('first start creates, migrates and seeds the file and gives the register an id it keeps', (t) => {
    const dir = join(tempDir(t), 'data');
    let ids = 0;
    const newRegisterId = () => `R-TEST0${++ids}`;

    const first = openRegisterStore(dir, { newRegisterId });
    assert.equal(first.file, join(dir, REGISTER_DB_FILE));
    assert.equal(first.registerId, 'R-TEST01');
    assert.equal(first.seeded, DEMO_CATALOG.length);
    assert.equal(first.catalog.count(), DEMO_CATALOG.length);
    assert.equal(first.catalog.findByCode(DEMO_CODES.onigiriSalmon)?.price, 160);
    assert.equal(appliedMigrations(first.db).length, loadMigrations().length);
    first.close();
    first.close(); // closing twice is harmless

    const second = openRegisterStore(dir, { newRegisterId });
    t.after(() => second.close());
    assert.equal(second.registerId, 'R-TEST01', 'the id persisted; no new one was made');
    assert.equal(ids, 1);
    assert.equal(second.seeded, 0);
    assert.equal(second.catalog.count(), DEMO_CATALOG.length);
  });

  test('seedDemo: false leaves the catalog empty', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    assert.equal(store.catalog.count(), 0);
  });

  test('a damaged register file stops start-up with DatabaseCheckError and stays as it was', (t) => {
    const dir = tempDir(t);
    const file = join(dir, REGISTER_DB_FILE);
    const bytes = Buffer.from('this is a shopping list, not a database\n'.repeat(200));
    writeFileSync(file, bytes);
    assert.throws(() => openRegisterStore(dir), DatabaseCheckError);
    assert.deepEqual(readFileSync(file), bytes);
  });

  test('random register ids look like R-XXXXXX', () => {
    assert.match(randomRegisterId(), /^R-[0-9A-F]{6}$/);
  });
});
