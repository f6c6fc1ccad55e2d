import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { GatewayDirInUseError } from './data-dir-lock.js';
import { gatewayInfoPath, startGatewayServer } from './server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `regi gateway` as its own process, as a user would run it; resolves once its gateway.json is written. */
async function gatewayProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/regi.mjs'), 'gateway', '--data', dataDir, '--port', '0'], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  while (!existsSync(gatewayInfoPath(dataDir))) {
    if (child.exitCode !== null) throw new Error(`regi gateway exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('regi gateway wrote no gateway.json within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

describe('one gateway per data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-gateway-dir-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a folder another live gateway serves is refused, naming it; after that one is killed it is taken over', async () => {
    const other = await gatewayProcess(dataDir);
    children.push(other);
    await assert.rejects(startGatewayServer({ dataDir, port: 0 }), (error: unknown) => {
      assert.ok(error instanceof GatewayDirInUseError);
      assert.match(error.message, new RegExp(`already served by a gateway at http://127\\.0\\.0\\.1:\\d+ \\(pid ${other.pid}\\)`));
      return true;
    });

    other.kill('SIGKILL');
    await once(other, 'exit');
    assert.ok(existsSync(gatewayInfoPath(dataDir)), 'kill -9 left its gateway.json behind');
    const mine = await startGatewayServer({ dataDir, port: 0 });
    await mine.close();
  });
});
