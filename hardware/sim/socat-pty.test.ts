import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SerialPort } from 'serialport';
import { createPtyPair, SocatMissingError, type PtyPair } from './socat-pty.js';

const dir = mkdtempSync(join(tmpdir(), 'regi-socat-test-'));
const pairs: PtyPair[] = [];
after(async () => {
  await Promise.all(pairs.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

function openPort(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  return new Promise((resolve, reject) => port.open((e) => (e ? reject(e) : resolve(port))));
}

/** Alive and not a zombie waiting for a parent that does not reap (pid 1 in some containers). */
function isRunningNotZombie(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('createPtyPair', () => {
  test('links both ends in dir and carries bytes from the feeder to the device end', async () => {
    const pair = await createPtyPair({ dir, id: 'flow' });
    pairs.push(pair);
    assert.equal(pair.devicePath, join(dir, 'scanner-flow'));
    assert.equal(pair.feederPath, join(dir, 'feeder-flow'));
    const device = await openPort(pair.devicePath);
    const feeder = await openPort(pair.feederPath);
    const received = new Promise<Buffer>((resolve) => device.once('data', resolve));
    feeder.write(Buffer.from([0x00, 0xff, 0x0d]));
    assert.deepEqual([...(await received)], [0x00, 0xff, 0x0d]);
    await new Promise((r) => feeder.close(r));
    await new Promise((r) => device.close(r));
  });

  test('close() kills socat, waits for it and removes the links', async () => {
    const pair = await createPtyPair({ dir, id: 'close' });
    pairs.push(pair);
    assert.ok(isRunning(pair.pid));
    await pair.close();
    assert.equal(isRunning(pair.pid), false);
    assert.equal(existsSync(pair.devicePath), false);
    assert.equal(existsSync(pair.feederPath), false);
    await pair.close();
  });

  test('a second pair at the same paths is refused while the first runs, and allowed after it closed', async () => {
    const old = await createPtyPair({ dir, id: 'replug' });
    pairs.push(old);
    await assert.rejects(createPtyPair({ dir, id: 'replug' }), /already running: close it before/);
    await old.close();
    const fresh = await createPtyPair({ dir, id: 'replug' });
    pairs.push(fresh);
    assert.ok(existsSync(fresh.devicePath));
    await fresh.close();
  });

  test('socat dies with the process that made the pair, even by SIGKILL (no exit hook runs then), and its folder goes', async () => {
    const script = join(dir, 'make-pair.mjs');
    const linkDir = join(dir, 'regi-pty-orphan');
    const module = pathToFileURL(join(import.meta.dirname, 'socat-pty.ts')).href;
    writeFileSync(
      script,
      `import { createPtyPair } from ${JSON.stringify(module)};\n` +
        `const pair = await createPtyPair({ dir: ${JSON.stringify(linkDir)}, id: 'orphan' });\n` +
        'console.log(pair.pid);\nsetInterval(() => {}, 60_000);\n',
    );
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
    const pid = Number(line.trim());
    try {
      assert.ok(pid > 1 && isRunningNotZombie(pid), `socat (pid ${line.trim()}) runs`);
      child.kill('SIGKILL');
      await once(child, 'exit');
      const deadline = Date.now() + 3_000;
      while (isRunningNotZombie(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(isRunningNotZombie(pid), false, 'socat outlived the SIGKILLed process that made it');
      while (existsSync(linkDir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(existsSync(linkDir), false, 'socat removed its links (SIGTERM), then the watchdog the empty folder');
    } finally {
      if (pid > 1 && isRunningNotZombie(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  test('a missing socat says how to install it', async () => {
    await assert.rejects(createPtyPair({ dir, id: 'nosocat', command: join(dir, 'no-such-socat') }), (error: unknown) => {
      assert.ok(error instanceof SocatMissingError);
      assert.match(error.message, /install socat: apt-get install socat/);
      return true;
    });
  });

  test('an id that is not a safe file name is refused', async () => {
    await assert.rejects(createPtyPair({ dir, id: '../x' }), /pty pair id must be/);
  });
});
