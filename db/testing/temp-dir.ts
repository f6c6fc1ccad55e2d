/** Real directories for tests that need real SQLite files; removed when the test ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface HasAfter {
  after(fn: () => void): void;
}

export function tempDir(t: HasAfter, label = 'regi-db-'): string {
  const dir = mkdtempSync(join(tmpdir(), label));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
