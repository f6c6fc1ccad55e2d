import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { RegisterDirInUseError, takeRegisterLock } from './register-dir-lock.js';
import { startHost } from './start-host.js';
import { hostInfoPath, readHostInfo } from './token.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGI = join(ROOT, 'bin/regi.mjs');
const execFileAsync = promisify(execFile);

/** `regi serve` as its own process, as a user would run it; resolves once its host.json is written. */
async function serveProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [REGI, 'serve', '--data', dataDir, '--port', '0', '--production'], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (readHostInfo(hostInfoPath(dataDir))?.pid !== child.pid) {
    if (child.exitCode !== null) throw new Error(`regi serve exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('regi serve wrote no host.json within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

describe('one register per data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-register-dir-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a second `regi serve` on a folder a live register uses is refused in one line naming it; host.json stays', async () => {
    const first = await serveProcess(dataDir);
    children.push(first);
    const recorded = readFileSync(hostInfoPath(dataDir), 'utf8');
    const url = readHostInfo(hostInfoPath(dataDir))!.url;

    const second = await execFileAsync(process.execPath, [REGI, 'serve', '--data', dataDir, '--port', '0', '--production'], { timeout: 20_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      `regi serve: ${dataDir} is already used by a running register at ${url} (pid ${first.pid}): use that one, stop it, ` +
        'or give this register its own --data folder.\n',
    );
    assert.equal(readFileSync(hostInfoPath(dataDir), 'utf8'), recorded, "the first register's host.json is intact");
    assert.equal((await fetch(`${url}/healthz`)).status, 200, 'the first register still serves');
  });

  test('in-process startHost is refused the same way, with RegisterDirInUseError', async () => {
    const started = startHost({ dataDir, port: 0, mode: 'production' });
    // were it not refused, close it, so a failing test does not leave a host keeping this process alive
    started.then((host) => host.close(), () => undefined);
    await assert.rejects(started, RegisterDirInUseError);
  });

  test('the host.json of a register killed with -9 (dead pid) is taken over', async () => {
    const first = children[0]!;
    first.kill('SIGKILL');
    await once(first, 'exit');
    assert.ok(existsSync(hostInfoPath(dataDir)), 'kill -9 left its host.json behind');
    const host = await startHost({ dataDir, port: 0, mode: 'production' });
    try {
      assert.equal(readHostInfo(hostInfoPath(dataDir))?.pid, process.pid);
    } finally {
      await host.close();
    }
    assert.equal(existsSync(join(dataDir, 'register.lock')), false, 'a closed register leaves no lock');
  });
});

describe('the start lock (register.lock): two registers started at once', () => {
  test('while one register holds the folder, even before it writes host.json, another is refused; a dead holder is replaced', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'regi-register-lock-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const lock = takeRegisterLock(dir);
    assert.equal(readFileSync(join(dir, 'register.lock'), 'utf8'), `${process.pid}\n`);
    // No host.json yet, as while the first register is still starting: only the lock can refuse the second.
    await assert.rejects(startHost({ dataDir: dir, port: 0, mode: 'production' }), (error: unknown) => {
      assert.ok(error instanceof RegisterDirInUseError);
      assert.match(error.message, new RegExp(`in use by another register \\(pid ${process.pid}, starting or running\\)`));
      return true;
    });
    lock.release();
    assert.equal(existsSync(join(dir, 'register.lock')), false);

    const gone = spawn(process.execPath, ['-e', '0']);
    await once(gone, 'exit');
    writeFileSync(join(dir, 'register.lock'), `${gone.pid}\n`);
    const host = await startHost({ dataDir: dir, port: 0, mode: 'production' });
    try {
      assert.equal(readFileSync(join(dir, 'register.lock'), 'utf8'), `${process.pid}\n`, 'the dead holder\'s lock was taken over');
    } finally {
      await host.close();
    }
  });
});
