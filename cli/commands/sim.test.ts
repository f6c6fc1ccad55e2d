/** `regi sim` and `regi scan --device` as a user runs them, against a real `regi serve` child. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startHostProcess, type HostProcess } from '../../e2e/support/host-process.js';

const run = promisify(execFile);
const REGI = join(import.meta.dirname, '../../bin/regi.mjs');

describe('regi sim against a running host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-sim-cli-'));
  let host: HostProcess;
  const regi = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [REGI, ...args.slice(0, 1), '--port', String(host.port), '--token', host.token, ...args.slice(1)]);
    return stdout.trim();
  };

  before(async () => {
    host = await startHostProcess({ dataDir, extra: ['--sim-scanners', '0'] });
  });
  after(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('add each kind, scan through it, fault it, unplug and replug it, remove it', async () => {
    assert.match(await regi('sim', 'list'), /no simulated scanners/);
    assert.match(await regi('sim', 'add', '--kind', 'hid-pos', '--id', 'pos1'), /^pos1\thid-pos\tconnected/);
    assert.match(await regi('sim', 'add', '--kind', 'hid-keyboard'), /^sim-hid-keyboard-1\thid-keyboard\tconnected/);
    assert.match(await regi('sim', 'add'), /^sim-serial-1\tserial\tconnected/);

    for (const device of ['pos1', 'sim-hid-keyboard-1', 'sim-serial-1']) {
      assert.match(await regi('scan', '--device', device, '4987301000105'), /^added {3}4987301000105/);
    }
    const fault = await regi('sim', 'fault', 'pos1', 'flip-byte', '4962106000109');
    assert.match(fault, /^bad read .+/m);
    assert.match(fault, /register: scan\.badRead/);
    assert.match(await regi('sim', 'fault', 'sim-serial-1', 'missing-suffix'), /bad read missing suffix/);
    assert.match(await regi('sim', 'raw', 'sim-serial-1', '00ff0d'), /bad read binary noise/);

    assert.match(await regi('sim', 'unplug', 'pos1'), /^pos1\tdisconnected \(unplugged\)/);
    assert.match(await regi('sim', 'list'), /pos1\thid-pos\tdisconnected \(unplugged\)\tscans 1\tbad reads 1/);
    assert.match(await regi('sim', 'replug', 'pos1'), /^pos1\tconnected$/);
    assert.match(await regi('sim', 'remove', 'sim-hid-keyboard-1'), /removed/);
    assert.doesNotMatch(await regi('sim', 'list'), /sim-hid-keyboard-1/);
  });

  test('mistakes are named: unknown fault, wrong kind, unknown scanner, raw bytes to a HID scanner', async () => {
    await assert.rejects(regi('sim', 'fault', 'pos1', 'gremlins'), /unknown fault "gremlins"/);
    await assert.rejects(regi('sim', 'add', '--kind', 'bluetooth'), /--kind must be serial, hid-pos, hid-keyboard/);
    await assert.rejects(regi('sim', 'unplug', 'nope'), /no simulated scanner "nope"/);
    await assert.rejects(regi('sim', 'raw', 'pos1', '340d'), /raw bytes are for serial scanners/);
    await assert.rejects(regi('sim', 'fault', 'sim-serial-1', 'garbage-report'), /has no fault "garbage-report"/);
    // Keyed entry has no scanner bytes: a scanner-only option would be silently ignored, so it is refused.
    await assert.rejects(regi('scan', '--keyboard', '--realistic', '4987301000105'), /--realistic is for a scanner/);
    await assert.rejects(regi('scan', '--keyboard', '--aim', ']E0', '4987301000105'), /--aim is for a scanner/);
  });
});
