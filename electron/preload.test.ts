// Runs the built preload bundle the way a sandboxed renderer does: a CommonJS script whose only
// module is 'electron'. The electron object here records what the preload exposes and sends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { REGISTER_METHODS, type RegisterApi, type RegisterEvent } from '../core/api.js';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallOutcome, type RegiEventsBridge } from './ipc-contract.js';

const root = join(import.meta.dirname, '..');

interface Harness {
  exposed: Map<string, unknown>;
  invocations: unknown[][];
  listeners: Map<string, ((...args: unknown[]) => void)[]>;
  nextOutcome: CallOutcome;
  required: string[];
}

async function loadPreload(source: string): Promise<Harness> {
  const h: Harness = { exposed: new Map(), invocations: [], listeners: new Map(), nextOutcome: { ok: true, value: null }, required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => h.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        h.invocations.push(args);
        return h.nextOutcome;
      },
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        h.listeners.set(channel, [...(h.listeners.get(channel) ?? []), fn]);
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
        h.listeners.set(channel, (h.listeners.get(channel) ?? []).filter((l) => l !== fn));
      },
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (name: string) => {
    h.required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require "${name}"`);
    return electron;
  };
  runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, Error, Promise, console });
  return h;
}

describe('preload bundle', () => {
  let outdir = '';
  let source = '';
  before(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'regi-preload-'));
    await promisify(execFile)(process.execPath, [join(root, 'scripts/build-electron.mjs')], {
      cwd: root,
      env: { ...process.env, REGI_ELECTRON_OUTDIR: outdir },
    });
    source = await readFile(join(outdir, 'preload.cjs'), 'utf8');
  });
  after(() => rm(outdir, { recursive: true, force: true }));

  test('requires nothing but electron and exposes exactly window.regi and window.regiEvents', async () => {
    const h = await loadPreload(source);
    assert.deepEqual([...new Set(h.required)], ['electron']);
    assert.deepEqual([...h.exposed.keys()].sort(), ['regi', 'regiEvents']);
  });

  test('window.regi has one function per RegisterApi method and nothing else', async () => {
    const regi = (await loadPreload(source)).exposed.get('regi') as Record<string, unknown>;
    assert.deepEqual(Object.keys(regi).sort(), [...REGISTER_METHODS].sort());
    for (const method of REGISTER_METHODS) assert.equal(typeof regi[method], 'function', method);
  });

  test('a call invokes the one call channel with the method and its parameter, and resolves with the value', async () => {
    const h = await loadPreload(source);
    const regi = h.exposed.get('regi') as RegisterApi;
    h.nextOutcome = { ok: true, value: { accepted: false, message: { text: 'unknown' } } };
    const outcome = await regi.scan({ data: '4901234567894' });
    assert.deepEqual(outcome, { accepted: false, message: { text: 'unknown' } });
    await regi.getState();
    assert.deepEqual(h.invocations, [
      [CALL_CHANNEL, 'scan', { data: '4901234567894' }],
      [CALL_CHANNEL, 'getState', undefined],
    ]);
  });

  test('a failed outcome rejects with the host message', async () => {
    const h = await loadPreload(source);
    const regi = h.exposed.get('regi') as RegisterApi;
    h.nextOutcome = { ok: false, error: { code: 'sale.insufficientCash', message: 'tendered ¥100 is less than the total ¥298' } };
    await assert.rejects(regi.payCash({ tendered: 100 }), (error: Error) => {
      assert.equal(error.message, 'tendered ¥100 is less than the total ¥298');
      return true;
    });
  });

  test('events reach subscribers without the IPC event object, and unsubscribe stops them', async () => {
    const h = await loadPreload(source);
    const events = h.exposed.get('regiEvents') as RegiEventsBridge;
    const seen: unknown[][] = [];
    const unsubscribe = events.subscribe((...args: unknown[]) => seen.push(args));
    const event: RegisterEvent = { type: 'message', message: { id: 'm1' } as never };
    const ipcEvent = { sender: 'ipcRenderer itself' };
    for (const listener of h.listeners.get(EVENT_CHANNEL) ?? []) listener(ipcEvent, event);
    assert.deepEqual(seen, [[event]]);
    unsubscribe();
    assert.equal(h.listeners.get(EVENT_CHANNEL)?.length, 0);
  });
});
