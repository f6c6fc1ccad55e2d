/**
 * Simulated scanners of every kind through the control API of a real host: socat ptys read by the real
 * serial driver, the fake HID registry read by the real HID driver. Each fault must be rejected with a
 * reason, counted, and leave the basket alone; the host must live on and take the next good scan.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisterState } from '../../core/api.js';
import { startHost, type RunningHost } from '../start-host.js';
import { HID_FAULTS, SERIAL_FAULTS, type FaultResult, type ScanDelivery, type SimScannerInfo, type SimScannerKind } from '../simulator-control.js';

const ONIGIRI = '4987301000105';
const TEA = '4962106000109';

let host: RunningHost;
let dataDir: string;

async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; value: T }> {
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, value: (await response.json()) as T };
}

async function ok<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const { status, value } = await api<T>(method, path, body);
  assert.ok(status >= 200 && status < 300, `${method} ${path} -> ${status} ${JSON.stringify(value)}`);
  return value;
}

const state = () => ok<RegisterState>('GET', '/api/register');
const scannerOf = (s: RegisterState, id: string) => {
  const found = s.scanners.find((x) => x.driverId === id);
  assert.ok(found, `scanner ${id} is in the register state`);
  return found;
};

async function scanAdds(id: string, code: string): Promise<void> {
  const before = await state();
  const answer = await ok<{ delivery: ScanDelivery; message: { code: string } | null; state: RegisterState }>('POST', `/api/sim/scanners/${id}/scan`, { data: code });
  assert.equal(answer.delivery.result, 'scan');
  assert.equal(answer.message?.code, 'scan.added', JSON.stringify(answer.message));
  assert.equal(answer.state.totals.itemCount, before.totals.itemCount + 1);
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'regi-sim-test-'));
  host = await startHost({ dataDir, port: 0, mode: 'simulator', simulatedScanners: 0, rendererDir: dataDir });
});

after(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const KINDS: SimScannerKind[] = ['serial', 'hid-pos', 'hid-keyboard'];
const FAULTS: Record<SimScannerKind, readonly string[]> = { serial: SERIAL_FAULTS, 'hid-pos': HID_FAULTS, 'hid-keyboard': HID_FAULTS };

for (const kind of KINDS) {
  describe(`simulated ${kind} scanner through the control API`, () => {
    const id = `t-${kind}`;

    test('add: listed with its status, connected in the register state', async () => {
      const added = await ok<SimScannerInfo>('POST', '/api/sim/scanners', { kind, id });
      assert.equal(added.kind, kind);
      assert.equal(added.plugged, true);
      assert.equal(added.status.state, 'connected');
      assert.deepEqual(added.faults, FAULTS[kind]);
      const listed = await ok<SimScannerInfo[]>('GET', '/api/sim/scanners');
      assert.ok(listed.some((s) => s.id === id && s.kind === kind));
      assert.equal(scannerOf(await state(), id).state, 'connected');
    });

    test('a scan reaches the basket; with an AIM id and realistic timing too', async () => {
      await scanAdds(id, ONIGIRI);
      const answer = await ok<{ delivery: ScanDelivery; message: { code: string } | null }>('POST', `/api/sim/scanners/${id}/scan`, {
        data: TEA,
        aimId: ']E0',
        realisticTiming: true,
      });
      assert.deepEqual(answer.delivery, { result: 'scan', data: TEA, aimId: ']E0', symbology: 'EAN-13' });
      assert.equal(answer.message?.code, 'scan.added');
      assert.equal(scannerOf(await state(), id).scans, 2);
    });

    for (const fault of FAULTS[kind]) {
      test(`fault ${fault}: ${fault === 'split-chunks' ? 'joined into one good scan' : 'rejected with a reason, counted, basket unchanged'}; the next good scan works`, async () => {
        const before = await state();
        const badBefore = scannerOf(before, id).badReads;
        const result = await ok<FaultResult & { message: { code: string; params: Record<string, unknown> } | null; state: RegisterState }>(
          'POST', `/api/sim/scanners/${id}/fault`, { fault, data: TEA },
        );
        assert.equal(result.fault, fault);
        if (fault === 'split-chunks') {
          assert.deepEqual(result.delivery, { result: 'scan', data: TEA, symbology: 'unknown' });
          assert.equal(result.state.totals.itemCount, before.totals.itemCount + 1);
          return;
        }
        assert.equal(result.state.totals.itemCount, before.totals.itemCount, 'nothing was added');
        // a disconnect also says "scanner disconnected" after the bad read
        const said = fault === 'disconnect-mid-code' ? result.state.messages.find((m) => m.code === 'scan.badRead') : result.message;
        assert.equal(said?.code, 'scan.badRead', JSON.stringify(result.state.messages.slice(0, 3)));
        assert.ok(String(said?.params.reason ?? '').length > 0, 'the message names a reason');
        if (fault !== 'drop-byte') {
          assert.equal(result.delivery.result, 'bad-read', JSON.stringify(result.deliveries));
          assert.ok(result.delivery.result === 'bad-read' && result.delivery.reason.length > 0);
        }
        assert.ok(scannerOf(result.state, id).badReads > badBefore, 'the bad read is counted');
        if (fault === 'disconnect-mid-code') {
          assert.equal(scannerOf(await state(), id).state, 'disconnected');
          await ok('POST', `/api/sim/scanners/${id}/replug`);
        }
        await scanAdds(id, ONIGIRI);
      });
    }

    test('unplug -> disconnected in the register state -> replug -> connected, and scans again', async () => {
      const unplugged = await ok<SimScannerInfo>('POST', `/api/sim/scanners/${id}/unplug`);
      assert.equal(unplugged.plugged, false);
      assert.equal(scannerOf(await state(), id).state, 'disconnected');
      const refused = await api<{ error: { message: string } }>('POST', `/api/sim/scanners/${id}/scan`, { data: ONIGIRI });
      assert.equal(refused.status, 409);
      assert.match(refused.value.error.message, /unplugged/);
      const replugged = await ok<SimScannerInfo>('POST', `/api/sim/scanners/${id}/replug`);
      assert.equal(replugged.plugged, true);
      assert.equal(scannerOf(await state(), id).state, 'connected');
      await scanAdds(id, ONIGIRI);
    });
  });
}

describe('scanner counts', () => {
  test('a read refused for its check digit is a bad read, not a scan, in the simulator listing and GET /api/scanners alike', async (t) => {
    await ok('POST', '/api/sim/scanners', { kind: 'serial', id: 'qa9' });
    t.after(() => api('DELETE', '/api/sim/scanners/qa9'));
    const refused = await ok<{ delivery: ScanDelivery; message: { code: string } | null }>('POST', '/api/sim/scanners/qa9/scan', { data: '4987301000106' });
    assert.equal(refused.delivery.result, 'scan');
    assert.equal(refused.message?.code, 'scan.badRead');
    await ok('POST', '/api/sim/scanners/qa9/scan', { data: ONIGIRI });
    const listed = (await ok<SimScannerInfo[]>('GET', '/api/sim/scanners')).find((s) => s.id === 'qa9');
    const registered = (await ok<RegisterState['scanners']>('GET', '/api/scanners')).find((s) => s.driverId === 'qa9');
    assert.deepEqual([listed?.status.scans, listed?.status.badReads], [1, 1]);
    assert.deepEqual(listed?.status, registered);
  });
});

describe('simulator control errors', () => {
  test('raw bytes on a HID scanner and replay on a serial one are refused with the right route named', async () => {
    const raw = await api<{ error: { message: string } }>('POST', '/api/sim/scanners/t-hid-pos/raw', { hex: '340d' });
    assert.equal(raw.status, 409);
    assert.match(raw.value.error.message, /replay/);
    const replay = await api<{ error: { message: string } }>('POST', '/api/sim/scanners/t-serial/replay', { reports: ['02'] });
    assert.equal(replay.status, 409);
  });

  test('a HID fault on a serial scanner, an unknown fault, an unknown scanner, a bad kind', async () => {
    const wrongKind = await api<{ error: { message: string } }>('POST', '/api/sim/scanners/t-serial/fault', { fault: 'garbage-report' });
    assert.equal(wrongKind.status, 400);
    assert.match(wrongKind.value.error.message, /accepts split-chunks/);
    const unknown = await api<{ error: { message: string } }>('POST', '/api/sim/scanners/t-serial/fault', { fault: 'gremlins' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.value.error.message, /fault/);
    assert.equal((await api('POST', '/api/sim/scanners/nope/unplug')).status, 404);
    const badKind = await api<{ error: { message: string } }>('POST', '/api/sim/scanners', { kind: 'bluetooth' });
    assert.equal(badKind.status, 400);
    assert.match(badKind.value.error.message, /kind/);
  });

  test('captured HID POS reports replay byte for byte', async () => {
    const report = new Uint8Array(64);
    report[0] = 0x02;
    report[1] = ONIGIRI.length;
    report.set(Buffer.from(']E0'), 2);
    report.set(Buffer.from(ONIGIRI), 5);
    const answer = await ok<{ delivery: ScanDelivery; message: { code: string } | null }>('POST', '/api/sim/scanners/t-hid-pos/replay', {
      reports: [Buffer.from(report).toString('hex')],
    });
    assert.deepEqual(answer.delivery, { result: 'scan', data: ONIGIRI, aimId: ']E0', symbology: 'EAN-13' });
    assert.equal(answer.message?.code, 'scan.added');
  });

  test('remove detaches the scanner from the register; GET /api/devices answers even without hardware', async () => {
    await ok('DELETE', '/api/sim/scanners/t-hid-keyboard');
    assert.equal((await state()).scanners.some((s) => s.driverId === 't-hid-keyboard'), false);
    const devices = await ok<{ serialPorts: unknown[]; hidScanners: unknown[]; problems: string[]; simulated: SimScannerInfo[] }>('GET', '/api/devices');
    assert.ok(Array.isArray(devices.serialPorts) && Array.isArray(devices.hidScanners) && Array.isArray(devices.problems));
    assert.deepEqual(devices.simulated.map((s) => s.id).sort(), ['t-hid-pos', 't-serial']);
  });
});
