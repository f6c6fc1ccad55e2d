import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HID_CLOSED_MESSAGE } from '../hid/hid-transport.js';
import { FakeHidScanner } from './fake-hid-scanner.js';
import { FakeHidRegistry, nextTick } from './fake-hid-transport.js';

const registry = new FakeHidRegistry();
afterEach(() => registry.reset());

const posScanner = (extra: Partial<ConstructorParameters<typeof FakeHidScanner>[0]> = {}) =>
  new FakeHidScanner({ registry, mode: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b6a, path: '/dev/hidraw-test-0', ...extra });

describe('fake HID transport keeps the real contract', () => {
  test('list() shows plugged devices only, with HID POS usage page', async () => {
    const scanner = posScanner();
    assert.deepEqual((await registry.list()).map((d) => [d.path, d.usagePage]), [['/dev/hidraw-test-0', 0x8c]]);
    scanner.unplug();
    assert.deepEqual(await registry.list(), []);
    scanner.plug();
    assert.equal((await registry.list()).length, 1);
  });

  test('opening an absent device rejects with an error naming it; opening twice rejects', async () => {
    const transport = registry.createTransport({ path: '/dev/hidraw-nope' });
    await assert.rejects(transport.open(), /cannot open HID path \/dev\/hidraw-nope: cannot open device with path \/dev\/hidraw-nope/);
    posScanner();
    const byId = registry.createTransport({ vendorId: 0x0c2e, productId: 0x0b6a });
    await byId.open();
    await assert.rejects(byId.open(), /already open/);
  });

  test('reports arrive on a later tick, byte for byte', async () => {
    const scanner = posScanner();
    const transport = registry.createTransport({ path: '/dev/hidraw-test-0' });
    await transport.open();
    const got: Uint8Array[] = [];
    transport.onData((r) => got.push(r));
    const sending = scanner.scan('4901234567894', { aimId: ']E0' });
    assert.equal(got.length, 0, 'nothing is delivered synchronously');
    const sent = await sending;
    assert.equal(got.length, 1);
    assert.deepEqual(got[0], sent[0]);
    assert.equal(got[0]![0], 0x02);
    assert.equal(got[0]![1], 13);
  });

  test('unplug: an async error, then feature reports reject; close is idempotent', async () => {
    const scanner = posScanner();
    const transport = registry.createTransport({ path: '/dev/hidraw-test-0' });
    await transport.open();
    const error = new Promise<Error>((resolve) => transport.onError(resolve));
    let syncError = false;
    transport.onError(() => (syncError = true));
    scanner.unplug();
    assert.equal(syncError, false, 'the error is not raised inside unplug()');
    assert.match((await error).message, /could not read from HID device/);
    assert.equal(transport.isOpen, false);
    await assert.rejects(transport.sendFeatureReport(Uint8Array.of(1)), /device disconnected/);
    await transport.close();
    await transport.close();
    await assert.rejects(transport.sendFeatureReport(Uint8Array.of(1)), new RegExp(HID_CLOSED_MESSAGE));
  });

  test('closing before the pending unplug error is delivered silences it, as node-hid does while closing', async () => {
    const scanner = posScanner();
    const transport = registry.createTransport({ path: '/dev/hidraw-test-0' });
    await transport.open();
    let errors = 0;
    transport.onError(() => errors++);
    scanner.unplug();
    await transport.close();
    await nextTick();
    await nextTick();
    assert.equal(errors, 0);
  });

  test('no data after close; the transport can be reopened', async () => {
    const scanner = posScanner();
    const transport = registry.createTransport({ path: '/dev/hidraw-test-0' });
    await transport.open();
    let count = 0;
    transport.onData(() => count++);
    await transport.close();
    await scanner.scan('49012346');
    assert.equal(count, 0);
    await transport.open();
    await scanner.scan('49012346');
    assert.equal(count, 1);
  });

  test('a scanner that needs an enable feature report sends nothing until it gets it', async () => {
    const scanner = posScanner({ requireEnableReport: Uint8Array.of(0x04, 0x01) });
    const transport = registry.createTransport({ path: '/dev/hidraw-test-0' });
    await transport.open();
    let count = 0;
    transport.onData(() => count++);
    assert.deepEqual(await scanner.scan('49012346'), []);
    assert.equal(await transport.sendFeatureReport(Uint8Array.of(0x04, 0x01)), 2);
    assert.deepEqual([...scanner.featureReports[0]!], [0x04, 0x01]);
    await scanner.scan('49012346');
    assert.equal(count, 1);
  });

  test('two devices may not share a path', () => {
    posScanner();
    assert.throws(() => posScanner(), /already plugged at \/dev\/hidraw-test-0/);
  });
});

describe('fake HID scanner input checks', () => {
  test('a code a US keyboard cannot type, or an unknown fault, rejects without sending anything', async () => {
    const scanner = new FakeHidScanner({ registry, mode: 'hid-keyboard', vendorId: 1, productId: 2 });
    await assert.rejects(scanner.scan('あ'), /cannot type "あ"/);
    await assert.rejects(scanner.scan('123', { fault: 'melt' as 'flip-byte' }), /unknown fault "melt"/);
  });
});
