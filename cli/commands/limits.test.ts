import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { systemClock } from '../../core/ports.js';
import { openRegisterStore } from '../../db/register-store.js';
import { tempDir } from '../../db/testing/temp-dir.js';
import { setupLimits } from '../../host/limits/setup-limits.js';

const run = promisify(execFile);
const REGI = join(import.meta.dirname, '../../bin/regi.mjs');

async function regi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [REGI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A data directory with a few audit entries, written the way the host writes them. */
async function dataWithAudit(dir: string): Promise<void> {
  const store = openRegisterStore(dir);
  try {
    const { audit } = await setupLimits(store, systemClock, { scryptCost: { N: 1024, r: 8, p: 1, keyLength: 32 } });
    for (const n of [1, 2, 3]) audit.append({ at: n, kind: 'limit.blocked', actor: 'C001', details: { n } });
  } finally {
    store.close();
  }
}

describe('regi audit / regi limits', () => {
  test('audit verify exits 0 on an intact log and 1 naming the entry edited behind the trigger', async (t) => {
    const dir = tempDir(t);
    await dataWithAudit(dir);
    const ok = await regi('audit', 'verify', '--data', dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /intact: 3 entries/);
    assert.match((await regi('audit', 'show', '--data', dir)).stdout, /#3\t.*limit\.blocked\tC001/);

    const store = openRegisterStore(dir, { seedDemo: false });
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare("UPDATE audit_log SET actor = 'M001' WHERE seq = 2").run();
    store.close();
    const broken = await regi('audit', 'verify', '--data', dir);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /BROKEN at entry 2: entry 2 was altered/);
  });

  test('limits export, a rejected import (line and reason, nothing saved), a good import, and a dry run', async (t) => {
    const dir = tempDir(t);
    await dataWithAudit(dir);
    const exported = await regi('limits', 'export', '--data', dir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /"format": "regi.limit-rules"/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, exported.stdout.replace('"max": 10,', '"max": "ten",'));
    const rejected = await regi('limits', 'import', bad, '--manager', 'M001', '--pin', '1234', '--data', dir);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /bad\.json:\d+:\d+: rules\[0\]\.max: /);
    assert.match(rejected.stderr, /nothing was applied/);
    const good = join(dir, 'good.json');
    writeFileSync(good, exported.stdout.replace('"max": 10,', '"max": 3,'));
    const wrongPin = await regi('limits', 'import', good, '--manager', 'M001', '--pin', '9999', '--data', dir);
    assert.equal(wrongPin.code, 1);
    const saved = await regi('limits', 'import', good, '--manager', 'M001', '--pin', '1234', '--data', dir);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /saved as version 2/);
    assert.match((await regi('limits', 'export', '--data', dir)).stdout, /"version": 2/);
    const dry = await regi('limits', 'dry-run', good, '--days', '3', '--data', dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /checked 0 sales of the last 3 days/);
    assert.match((await regi('audit', 'show', '--data', dir)).stdout, /rules\.imported\tM001/);
  });

  test('limits export refuses a FILE argument instead of ignoring it or trying to read it', async (t) => {
    const dir = tempDir(t);
    await dataWithAudit(dir);
    const target = join(dir, 'out.json');
    for (const args of [[target, '--data', dir], ['extra', '--data', dir]]) {
      const refused = await regi('limits', 'export', ...args);
      assert.equal(refused.code, 2, refused.stderr);
      assert.equal(refused.stdout, '');
      assert.ok(refused.stderr.startsWith(`regi limits: export takes no FILE ("${args[0]}"): it prints the rules to stdout`), refused.stderr);
      assert.doesNotMatch(refused.stderr, /cannot read/);
    }
    assert.equal(existsSync(target), false);
  });

  test("an option of another subcommand is refused, not ignored (export --days, dry-run --manager)", async (t) => {
    const dir = tempDir(t);
    await dataWithAudit(dir);
    const days = await regi('limits', 'export', '--days', '3', '--data', dir);
    assert.equal(days.code, 2, days.stderr);
    assert.match(days.stderr, /--days does not apply to "limits export" \(its options: --data, --version\)/);
    const manager = await regi('limits', 'dry-run', 'rules.json', '--manager', 'M001', '--data', dir);
    assert.match(manager.stderr, /--manager does not apply to "limits dry-run"/);
  });
});
