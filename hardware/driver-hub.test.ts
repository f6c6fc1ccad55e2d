import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScannerStatus } from '../core/ports.js';
import { DriverHub, type DriverHubOptions } from './driver-hub.js';
import type { FramerOutput } from './framing/types.js';

const FRAME: FramerOutput = { kind: 'frame', data: '4901234567894', raw: new Uint8Array([0x34]), symbology: 'unknown', firstByteAt: 1, receivedAt: 2 };
const BAD: FramerOutput = { kind: 'bad', reason: 'missing suffix', raw: new Uint8Array([0x34]), firstByteAt: 1, at: 2 };

/** A hub over a pretend device: `device.fail` makes the next open reject with that message. */
function hubWith(overrides: Partial<DriverHubOptions> = {}) {
  const device = { isOpen: false, fail: undefined as string | undefined, opens: 0 };
  let current: typeof device | undefined;
  const hub: DriverHub = new DriverHub({
    driverId: 'test',
    kind: 'serial',
    where: 'test scanner "test"',
    description: () => 'a test device',
    simulated: () => true,
    retryWording: 'retrying every',
    lostWording: 'retrying every',
    // a ref'd timer keeps the test process alive while a retry is due
    unrefTimer: false,
    openDevice: async () => {
      device.opens++;
      if (device.fail !== undefined) throw new Error(device.fail);
      if (!hub.wanted) return;
      device.isOpen = true;
      current = device;
      hub.setState('connected');
    },
    currentDevice: () => current,
    ...overrides,
  });
  const unplug = () => {
    current = undefined;
    device.isOpen = false;
  };
  return { hub, device, unplug };
}

function recordStatus(hub: DriverHub): ScannerStatus[] {
  const seen: ScannerStatus[] = [];
  hub.onStatus((status) => seen.push(status));
  return seen;
}

describe('DriverHub', () => {
  test('a throwing listener is logged and does not stop the listeners after it, nor the status update', (t) => {
    const logged = t.mock.method(console, 'error', () => undefined);
    const { hub } = hubWith();
    const order: string[] = [];
    hub.onScan(() => {
      order.push('first');
      throw new Error('boom');
    });
    hub.onScan((event) => order.push(`second ${event.data}`));
    hub.onBadRead((bad) => order.push(`bad ${bad.reason}`));
    hub.onStatus((status) => order.push(`status ${status.scans}/${status.badReads}`));
    hub.emit(FRAME);
    hub.emit(BAD);
    assert.deepEqual(order, ['first', 'second 4901234567894', 'status 1/0', 'bad missing suffix', 'status 1/1']);
    assert.equal(logged.mock.callCount(), 1);
    assert.equal(logged.mock.calls[0]!.arguments[0], '[regi] test scanner "test" scan: a listener threw: boom');
  });

  test('the listener label can be one for every channel', (t) => {
    const logged = t.mock.method(console, 'error', () => undefined);
    const { hub } = hubWith({ listenerLabel: () => 'serial scanner "a"' });
    hub.onStatus(() => {
      throw new Error('nope');
    });
    hub.setState('connecting');
    assert.equal(logged.mock.calls[0]!.arguments[0], '[regi] serial scanner "a": a listener threw: nope');
  });

  test('the status is published only when it changed', () => {
    const { hub } = hubWith();
    const seen = recordStatus(hub);
    hub.setState('connecting');
    hub.setState('connecting');
    hub.setState('error', 'gone');
    hub.setState('error', 'gone');
    hub.setState('error', 'still gone');
    assert.deepEqual(
      seen.map((s) => [s.state, s.error]),
      [['connecting', undefined], ['error', 'gone'], ['error', 'still gone']],
    );
    assert.deepEqual(hub.status(), {
      driverId: 'test',
      kind: 'serial',
      description: 'a test device',
      state: 'error',
      simulated: true,
      error: 'still gone',
      scans: 0,
      badReads: 0,
    });
  });

  test('a failed first open rejects, reports the retry, and the retry connects', async () => {
    const { hub, device } = hubWith({ reconnectIntervalMs: 5 });
    const seen = recordStatus(hub);
    device.fail = 'no such device';
    const connected = new Promise<void>((resolve) => hub.onStatus((s) => s.state === 'connected' && resolve()));
    await assert.rejects(hub.open(), { message: 'no such device' });
    assert.equal(hub.status().error, 'no such device (retrying every 5 ms)');
    device.fail = undefined;
    await connected;
    assert.deepEqual(seen.map((s) => s.state), ['connecting', 'error', 'connected']);
    await hub.close(async () => undefined);
    assert.equal(hub.status().state, 'disconnected');
  });

  test('without retryIfMissing a failed open is final', async () => {
    const { hub, device } = hubWith({ retryIfMissing: false, reconnectIntervalMs: 5 });
    device.fail = 'no such device';
    await assert.rejects(hub.open(), { message: 'no such device' });
    assert.equal(hub.wanted, false);
    assert.equal(hub.status().error, 'no such device');
    assert.equal(device.opens, 1);
  });

  test('a lost device is reported and reopened; after close() a loss is not', async () => {
    const { hub, device, unplug } = hubWith({ reconnectIntervalMs: 5 });
    await hub.open();
    const seen = recordStatus(hub);
    const reconnected = new Promise<void>((resolve) => hub.onStatus((s) => s.state === 'connected' && resolve()));
    unplug();
    hub.lost('port closed');
    assert.equal(hub.status().error, 'port closed; retrying every 5 ms');
    await reconnected;
    assert.equal(device.opens, 2);
    let released = false;
    await hub.close(async () => {
      released = true;
    });
    assert.equal(released, true);
    hub.lost('port closed');
    assert.deepEqual(seen.map((s) => s.state), ['disconnected', 'connected', 'disconnected']);
  });

  test('rejects a reconnect interval that is not a positive number', () => {
    assert.throws(() => hubWith({ reconnectIntervalMs: 0 }), /test scanner "test": reconnectIntervalMs must be a positive number, got 0/);
  });
});
