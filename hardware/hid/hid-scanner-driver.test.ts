/** The HID driver end to end over the fake HID backend: real report bytes, real decoders, real reconnect logic. */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BadRead, ScanEvent, ScannerStatus, Unsubscribe } from '../../core/ports.js';
import { FAKE_HID_FAULTS, FakeHidScanner, type FakeHidMode } from '../sim/fake-hid-scanner.js';
import { FakeHidRegistry } from '../sim/fake-hid-transport.js';
import { createHidScanner, listHidScanners } from './hid-discovery.js';
import { HidScannerDriver, type HidScannerConfig } from './hid-scanner-driver.js';

const registry = new FakeHidRegistry();
const drivers: HidScannerDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  await registry.reset();
});

let time = 1_000;
const clock = { now: () => time };

function nextEvent<T>(subscribe: (listener: (value: T) => void) => Unsubscribe, predicate: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!predicate(value)) return;
      off();
      resolve(value);
    });
  });
}

function collect(driver: HidScannerDriver): { scans: ScanEvent[]; bads: BadRead[] } {
  const scans: ScanEvent[] = [];
  const bads: BadRead[] = [];
  driver.onScan((e) => scans.push(e));
  driver.onBadRead((b) => bads.push(b));
  return { scans, bads };
}

function makeDevice(mode: FakeHidMode, path = `/dev/hidraw-${mode}`, extra: Partial<ConstructorParameters<typeof FakeHidScanner>[0]> = {}): FakeHidScanner {
  return new FakeHidScanner({ registry, mode, vendorId: 0x0c2e, productId: mode === 'hid-pos' ? 0x0b6a : 0x0b61, path, ...extra });
}

function makeDriver(kind: FakeHidMode, extra: Partial<HidScannerConfig> = {}): HidScannerDriver {
  const driver = new HidScannerDriver({
    id: `${kind}-1`,
    kind,
    backend: registry,
    target: { path: `/dev/hidraw-${kind}` },
    clock,
    reconnectIntervalMs: 5,
    // Generous timeouts: reports arrive on real timers, and a loaded CI machine can stall a few ms.
    hidPos: { continuationTimeoutMs: 250 },
    keyboard: { interKeyTimeoutMs: 250 },
    ...extra,
  });
  drivers.push(driver);
  return driver;
}

const state = (driver: HidScannerDriver, wanted: ScannerStatus['state']) => nextEvent<ScannerStatus>((l) => driver.onStatus(l), (s) => s.state === wanted);

describe('HidScannerDriver over the fake HID POS scanner', { timeout: 10_000 }, () => {
  test('a scan becomes a ScanEvent with AIM id, symbology, raw report and clock times', async () => {
    const device = makeDevice('hid-pos');
    const driver = makeDriver('hid-pos');
    await driver.open();
    assert.equal(driver.status().state, 'connected');
    assert.equal(driver.status().simulated, true);
    assert.match(driver.status().description, /^simulated HID POS Simulated HID POS scanner \(0x0c2e:0x0b6a at \/dev\/hidraw-hid-pos\)/);
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    time = 2_000;
    await device.scan('4901234567894', { aimId: ']E0' });
    const event = await scanned;
    assert.equal(event.data, '4901234567894');
    assert.equal(event.aimId, ']E0');
    assert.equal(event.symbology, 'EAN-13');
    assert.equal(event.kind, 'hid-pos');
    assert.equal(event.driverId, 'hid-pos-1');
    assert.equal(event.raw.length, 64);
    assert.equal(event.firstByteAt, 2_000);
    assert.equal(event.receivedAt, 2_000);
    assert.equal(driver.status().scans, 1);
  });

  test('a 150-byte code over three continuation reports is one scan', async () => {
    const device = makeDevice('hid-pos');
    const driver = makeDriver('hid-pos');
    await driver.open();
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    const code = '01049123456789041' + 'X'.repeat(133);
    const sent = await device.scan(code, { aimId: ']Q1' });
    assert.equal(sent.length, 3);
    const event = await scanned;
    assert.equal(event.data, code);
    assert.equal(event.raw.length, 192);
  });

  test('unplug -> disconnected -> plug -> reconnected -> scans again', async () => {
    const device = makeDevice('hid-pos');
    const driver = makeDriver('hid-pos');
    await driver.open();
    const disconnected = state(driver, 'disconnected');
    device.unplug();
    const status = await disconnected;
    assert.match(status.error ?? '', /could not read from HID device; looking for the device every 5 ms/);
    const connected = state(driver, 'connected');
    device.plug();
    await connected;
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    await device.scan('49012346', { aimId: ']E4' });
    assert.equal((await scanned).symbology, 'EAN-8');
  });

  test('a path target follows its scanner to a new hidraw path after a replug', async () => {
    const first = makeDevice('hid-pos', '/dev/hidraw3', { serialNumber: 'S1' });
    const driver = makeDriver('hid-pos', { target: { path: '/dev/hidraw3' } });
    await driver.open();
    const disconnected = state(driver, 'disconnected');
    first.unplug();
    await disconnected;
    const connected = state(driver, 'connected');
    const replugged = makeDevice('hid-pos', '/dev/hidraw5', { serialNumber: 'S1' });
    await connected;
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    await replugged.scan('4901234567894');
    assert.equal((await scanned).data, '4901234567894');
  });

  test('open() of a missing scanner rejects clearly, then connects when it is plugged in', async () => {
    const driver = makeDriver('hid-pos');
    await assert.rejects(driver.open(), /HID scanner "hid-pos-1": no device with path \/dev\/hidraw-hid-pos is plugged in/);
    assert.equal(driver.status().state, 'error');
    const connected = state(driver, 'connected');
    makeDevice('hid-pos');
    await connected;
  });

  test('retryIfMissing false: open() rejects and the driver stays down', async () => {
    const driver = makeDriver('hid-pos', { retryIfMissing: false });
    await assert.rejects(driver.open(), /is plugged in/);
    assert.equal(driver.status().state, 'error');
  });

  test('the enable feature report is sent on every open, and a scanner that needs it then scans', async () => {
    const enable = [0x04, 0x01];
    const device = makeDevice('hid-pos', undefined, { requireEnableReport: Uint8Array.from(enable) });
    const driver = makeDriver('hid-pos', { enableFeatureReport: enable });
    await driver.open();
    assert.deepEqual(device.featureReports.map((r) => [...r]), [enable]);
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    await device.scan('49012346');
    assert.equal((await scanned).data, '49012346');
    const disconnected = state(driver, 'disconnected');
    device.unplug();
    await disconnected;
    const connected = state(driver, 'connected');
    device.plug();
    await connected;
    assert.equal(device.featureReports.length, 2);
  });

  test('after close() nothing is emitted and the device is released', async () => {
    const device = makeDevice('hid-pos');
    const driver = makeDriver('hid-pos');
    const { scans, bads } = collect(driver);
    await driver.open();
    await driver.close();
    assert.equal(driver.status().state, 'disconnected');
    assert.equal(device.openCount, 0);
    await device.scan('4901234567894');
    device.unplug();
    assert.equal(scans.length + bads.length, 0);
    assert.equal(driver.status().state, 'disconnected');
  });

  test('invalid configuration is named', () => {
    assert.throws(() => makeDriver('hid-pos', { target: { vendorId: 0x10000, productId: 1 } }), /target.vendorId must be an integer 0-0xFFFF/);
    assert.throws(() => makeDriver('hid-pos', { reconnectIntervalMs: 0 }), /reconnectIntervalMs must be a positive number/);
    assert.throws(() => makeDriver('hid-pos', { enableFeatureReport: [300] }), /enableFeatureReport must be a non-empty list of bytes/);
    assert.throws(() => makeDriver('hid-pos', { hidPos: { layout: { reportId: 2, reportLength: 64, lengthByteOffset: 1, aimOffset: 1, dataOffset: 5, dataCapacity: 56, continuationFlag: null } } }), /overlap/);
  });
});

describe('HidScannerDriver over the fake keyboard-mode scanner', { timeout: 10_000 }, () => {
  test('typed boot reports become a scan (capitals via Shift, Enter suffix)', async () => {
    const device = makeDevice('hid-keyboard');
    const driver = makeDriver('hid-keyboard');
    await driver.open();
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    const sent = await device.scan('ABC-123abc', { aimId: ']A0' });
    assert.equal(sent.length, 2 * 14);
    const event = await scanned;
    assert.equal(event.data, 'ABC-123abc');
    assert.equal(event.aimId, ']A0');
    assert.equal(event.symbology, 'Code 39');
    assert.equal(event.kind, 'hid-keyboard');
  });

  test('unplug and replug in keyboard mode', async () => {
    const device = makeDevice('hid-keyboard');
    const driver = makeDriver('hid-keyboard');
    await driver.open();
    const disconnected = state(driver, 'disconnected');
    device.unplug();
    await disconnected;
    const connected = state(driver, 'connected');
    device.plug();
    await connected;
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    await device.scan('4901234567894');
    assert.equal((await scanned).data, '4901234567894');
  });
});

describe('every fault is rejected with a reason, counted, and never a scan', { timeout: 10_000 }, () => {
  const expected: Record<FakeHidMode, Record<(typeof FAKE_HID_FAULTS)[number], RegExp>> = {
    'hid-pos': {
      'drop-report': /^missing continuation: 1 report \(7 data bytes\)/,
      'flip-byte': /^non-printable data: byte 0xb4 at data offset 0/,
      'missing-continuation': /^missing continuation: 2 reports \(13 data bytes\)/,
      'garbage-report': /^wrong report id 0x[0-9a-f]{2}, expected 0x02/,
      'disconnect-mid-code': /^disconnected mid-code: 1 report \(7 data bytes\) of a continued code/,
    },
    'hid-keyboard': {
      'drop-report': /^missing suffix: 13 characters typed and no Enter within 250 ms/,
      'flip-byte': /^key 0xa1 \(unknown key\) is not a barcode character/,
      'missing-continuation': /^missing suffix: 13 characters typed and no Enter/,
      'garbage-report': /^not a keyboard boot report: 13 bytes, expected 8/,
      'disconnect-mid-code': /^disconnected mid-code: 6 characters typed without Enter/,
    },
  };
  for (const mode of ['hid-pos', 'hid-keyboard'] as const) {
    for (const fault of FAKE_HID_FAULTS) {
      test(`${mode}: ${fault}`, async () => {
        const device = makeDevice(mode);
        const driver = makeDriver(mode);
        const { scans, bads } = collect(driver);
        await driver.open();
        const badRead = nextEvent<BadRead>((l) => driver.onBadRead(l));
        await device.scan('4901234567894', { fault });
        const bad = await badRead;
        assert.match(bad.reason, expected[mode][fault]);
        assert.equal(bad.kind, mode);
        assert.ok(bad.raw.length > 0);
        assert.equal(driver.status().badReads, 1);
        assert.equal(driver.status().scans, 0);
        assert.equal(scans.length, 0);
        assert.equal(bads.length, 1);
        if (fault === 'disconnect-mid-code') {
          const connected = state(driver, 'connected');
          device.plug();
          await connected;
        }
        // the scanner still works after the fault
        const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
        await device.scan('4901234567894');
        assert.equal((await scanned).data, '4901234567894');
        assert.equal(driver.status().badReads, 1);
      });
    }
  }

  test('replayed captured reports: a good one scans, a corrupt one is rejected', async () => {
    const device = makeDevice('hid-pos');
    const driver = makeDriver('hid-pos');
    const { scans, bads } = collect(driver);
    await driver.open();
    const good = new Uint8Array(64);
    good.set([0x02, 8, 0x5d, 0x45, 0x34, ...Array.from('49012346', (c) => c.charCodeAt(0))]);
    const corrupt = Uint8Array.from(good);
    corrupt[1] = 0xff;
    const scanned = nextEvent<ScanEvent>((l) => driver.onScan(l));
    const rejected = nextEvent<BadRead>((l) => driver.onBadRead(l));
    await device.replay([good, corrupt]);
    assert.equal((await scanned).data, '49012346');
    assert.match((await rejected).reason, /^length byte 255 is larger than the 56-byte data field/);
    assert.equal(scans.length, 1);
    assert.equal(bads.length, 1);
  });
});

describe('HID discovery', { timeout: 10_000 }, () => {
  test('lists HID POS interfaces and keyboards of scanner vendors, never other keyboards', async () => {
    makeDevice('hid-pos', '/dev/hidraw0');
    makeDevice('hid-keyboard', '/dev/hidraw1');
    new FakeHidScanner({ registry, mode: 'hid-keyboard', vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw2', product: 'Office keyboard' });
    const found = await listHidScanners(registry);
    assert.deepEqual(found.map((s) => [s.path, s.kind]), [['/dev/hidraw0', 'hid-pos'], ['/dev/hidraw1', 'hid-keyboard']]);
    const withVendor = await listHidScanners(registry, { knownVendorIds: [0x046d] });
    assert.equal(withVendor.length, 3);
  });

  test('createHidScanner picks the kind from the interface, by path or by vendor/product id', async () => {
    const device = makeDevice('hid-keyboard', '/dev/hidraw1');
    const byPath = await createHidScanner(registry, { id: 'a', target: { path: '/dev/hidraw1' }, clock });
    assert.equal(byPath.kind, 'hid-keyboard');
    const byId = await createHidScanner(registry, { id: 'b', target: { vendorId: 0x0c2e, productId: 0x0b61 }, clock, keyboard: { interKeyTimeoutMs: 20 } });
    drivers.push(byPath, byId);
    await byId.open();
    const scanned = nextEvent<ScanEvent>((l) => byId.onScan(l));
    await device.scan('49012346');
    assert.equal((await scanned).data, '49012346');
    await assert.rejects(createHidScanner(registry, { id: 'c', target: { vendorId: 1, productId: 2 } }), /no HID device with vendor 0x0001 product 0x0002 is plugged in; plugged HID devices: 0c2e:0b61 \/dev\/hidraw1/);
  });
});
