import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REGI = join(import.meta.dirname, '../../bin/regi.mjs');

describe('regi gateway + regi wallet', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-gw-cli-'));
  const gateway = spawn(process.execPath, [REGI, 'gateway', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const regi = async (...args: string[]) => (await run(process.execPath, [REGI, ...args, '--data', dataDir])).stdout.trim();

  before(async () => {
    const lines = createInterface({ input: gateway.stdout! });
    for await (const line of lines) if (line.startsWith('Regi sandbox gateway at http://127.0.0.1:')) break;
  });
  after(() => {
    if (gateway.exitCode === null) gateway.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('create a wallet, print a live 18-digit code, show the balance, stop on SIGTERM', async () => {
    const walletId = await regi('wallet', 'create', '--balance', '20000', '--name', 'Taro');
    assert.match(walletId, /^w_[0-9a-f]{16}$/);
    assert.match(await regi('wallet', 'code', walletId), /^279\d{15}$/);
    assert.match(await regi('wallet', 'show', walletId), /Taro {2}balance ¥20,000/);
    await assert.rejects(regi('wallet', 'show', 'w_missing'), /WALLET_NOT_FOUND/);
    await assert.rejects(regi('wallet', 'create'), /needs --balance/);
    gateway.kill('SIGTERM');
    const [code] = await once(gateway, 'exit');
    assert.equal(code, 0);
    assert.equal(existsSync(join(dataDir, 'gateway.json')), false);
    assert.equal(existsSync(join(dataDir, 'gateway.sqlite')), true);
  });
});

describe('regi wallet --data a register folder', () => {
  // A register's built-in sandbox gateway lives in DATA/gateway: `regi wallet --data DATA` must find it there.
  const registerData = mkdtempSync(join(tmpdir(), 'regi-gw-cli-reg-'));
  const gateway = spawn(process.execPath, [REGI, 'gateway', '--data', join(registerData, 'gateway'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });

  before(async () => {
    const lines = createInterface({ input: gateway.stdout! });
    for await (const line of lines) if (line.startsWith('Regi sandbox gateway at http://127.0.0.1:')) break;
  });
  after(() => {
    if (gateway.exitCode === null) gateway.kill('SIGKILL');
    rmSync(registerData, { recursive: true, force: true });
  });

  test("finds the register's gateway; --gateway without a token says what is missing", async () => {
    const walletId = (await run(process.execPath, [REGI, 'wallet', 'create', '--balance', '500', '--data', registerData])).stdout.trim();
    assert.match(walletId, /^w_[0-9a-f]{16}$/);
    await assert.rejects(
      run(process.execPath, [REGI, 'wallet', 'show', walletId, '--gateway', 'http://127.0.0.1:1'], { env: { ...process.env, REGI_GATEWAY_TOKEN: '' } }),
      /--gateway http:\/\/127\.0\.0\.1:1 needs --token T/,
    );
  });
});
