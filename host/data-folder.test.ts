import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DataFolderError, prepareDataFolder } from './data-folder.js';

describe("the register's data folder", () => {
  const root = mkdtempSync(join(tmpdir(), 'regi-data-folder-'));
  test.after(() => rmSync(root, { recursive: true, force: true }));

  test('is made when missing, nested too, and left empty', () => {
    const dir = join(root, 'a', 'b');
    prepareDataFolder(dir);
    assert.ok(statSync(dir).isDirectory());
    prepareDataFolder(dir);
  });

  test('a file where the folder should be is named as such, not as an EEXIST from mkdir', () => {
    const file = join(root, 'afile');
    writeFileSync(file, 'x');
    assert.throws(() => prepareDataFolder(file), (e: unknown) => e instanceof DataFolderError && /afile is a file, not a folder/.test(e.message));
    assert.throws(() => prepareDataFolder(join(file, 'inside')), /a part of the path is a file/);
  });
});
