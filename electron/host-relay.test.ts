// The relay against the real Node host (`regi serve --ready-json`), exactly as Electron's main uses it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisterEvent, RegisterState, ScanOutcome } from '../core/api.js';
import { hostCommand, startHostProcess, type RunningHost } from './host-process.js';
import { connectRelay, parseServerMessage, type HostRelay } from './host-relay.js';

const root = join(import.meta.dirname, '..');

describe('host frames', () => {
  test('results and events pass, anything else is named', () => {
    assert.deepEqual(parseServerMessage('{"kind":"result","id":1,"ok":true,"value":2}'), { kind: 'result', id: 1, ok: true, value: 2 });
    assert.equal(typeof parseServerMessage('{"kind":"event","event":{"type":"state"}}'), 'object');
    assert.match(parseServerMessage('not json') as string, /not JSON/);
    assert.match(parseServerMessage('{"kind":"result","id":1,"ok":false}') as string, /neither an RPC result nor an event/);
    assert.match(parseServerMessage(null) as string, /binary frame/);
  });
});

describe('relay to the real host', () => {
  let dataDir = '';
  let host: RunningHost;
  let relay: HostRelay;
  const events: RegisterEvent[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'regi-relay-'));
    host = await startHostProcess(
      hostCommand({
        appRoot: root, dataDir, packaged: false, execPath: process.execPath, devNode: process.execPath,
        simulator: true, extraArgs: ['--sim-scanners', '0'], env: process.env,
      }),
      { timeoutMs: 60_000 },
    );
    relay = await connectRelay(host.ready);
    relay.onEvent((event) => events.push(event));
  });
  after(async () => {
    relay?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('getState comes back as an ok outcome with the register state', async () => {
    const outcome = await relay.call('getState', undefined);
    assert.equal(outcome.ok, true);
    const state = (outcome as { value: RegisterState }).value;
    assert.equal(state.mode, 'simulator');
    assert.deepEqual(state.lines, []);
  });

  test('a scan with a bad check digit is refused with a message, and the host pushes it as an event', async () => {
    const pushed = new Promise<RegisterEvent>((resolve) => {
      const off = relay.onEvent((event) => {
        if (event.type === 'message') {
          off();
          resolve(event);
        }
      });
    });
    const outcome = await relay.call('scan', { data: '4901234567890' });
    assert.equal(outcome.ok, true);
    const scan = (outcome as { value: ScanOutcome }).value;
    assert.equal(scan.accepted, false);
    assert.equal((await pushed).type, 'message');
  });

  test('a request the host rejects comes back as a failed outcome with its code, not a thrown error', async () => {
    const outcome = await relay.call('voidLine', { lineId: 'L999' });
    assert.equal(outcome.ok, false);
    if (!outcome.ok) {
      assert.equal(outcome.error.code, 'line.notFound');
      assert.ok(outcome.error.message.length > 0);
    }
  });

  test('when the host stops, the relay reports the disconnect and later calls fail as not-available', async () => {
    const disconnected = new Promise<string>((resolve) => relay.onDisconnect(resolve));
    await host.stop();
    assert.match(await disconnected, /connection to the register host closed/);
    const outcome = await relay.call('getState', undefined);
    assert.deepEqual(outcome.ok ? null : outcome.error.code, 'not-available');
  });
});
