/**
 * The real driver (serialport + parser-readline) on the device end of real socat ptys, fed by the
 * simulated scanner: the path a scanner's bytes take in simulator mode.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BadRead, ScanEvent, ScannerDriver, ScannerState, ScannerStatus } from '../../core/ports.js';
import { createPtyPair, type PtyPair } from '../sim/socat-pty.js';
import { createSimulatedSerialDevice, type SimulatedSerialDevice, type SimulatedSerialDeviceOptions } from '../sim/simulated-serial-device.js';
import { SerialScannerDriver } from './serial-scanner-driver.js';

const dir = mkdtempSync(join(tmpdir(), 'regi-serial-test-'));
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

let clockNow = 1_000;
const clock = { now: () => ++clockNow };
let counter = 0;

async function device(options: Partial<SimulatedSerialDeviceOptions> = {}): Promise<SimulatedSerialDevice> {
  const created = await createSimulatedSerialDevice({ id: `t${++counter}`, dir, clock, ...options });
  closers.push(() => created.close());
  await created.driver.open();
  return created;
}

type Delivery = { kind: 'scan'; event: ScanEvent } | { kind: 'bad'; bad: BadRead };

/** The driver's next scan or bad read. */
function nextDelivery(driver: ScannerDriver): Promise<Delivery> {
  return new Promise((resolve) => {
    const offs = [
      driver.onScan((event) => done({ kind: 'scan', event })),
      driver.onBadRead((bad) => done({ kind: 'bad', bad })),
    ];
    const done = (d: Delivery) => {
      for (const off of offs) off();
      resolve(d);
    };
  });
}

async function nextScan(driver: ScannerDriver): Promise<ScanEvent> {
  const d = await nextDelivery(driver);
  assert.equal(d.kind, 'scan', d.kind === 'bad' ? `expected a scan, got bad read: ${d.bad.reason}` : '');
  return (d as { event: ScanEvent }).event;
}

async function nextBad(driver: ScannerDriver): Promise<BadRead> {
  const d = await nextDelivery(driver);
  assert.equal(d.kind, 'bad', d.kind === 'scan' ? `expected a bad read, got scan ${d.event.data}` : '');
  return (d as { bad: BadRead }).bad;
}

function waitForState(driver: ScannerDriver, state: ScannerState): Promise<ScannerStatus> {
  if (driver.status().state === state) return Promise.resolve(driver.status());
  return new Promise((resolve) => {
    const off = driver.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve(s);
      }
    });
  });
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('SerialScannerDriver over socat ptys', () => {
  test('receives a 13-digit JAN with CR from the simulated scanner', async () => {
    const dev = await device();
    assert.equal(dev.driver.status().state, 'connected');
    const got = nextScan(dev.driver);
    await dev.scanner.scan('4901234567894');
    const event = await got;
    assert.equal(event.data, '4901234567894');
    assert.equal(event.symbology, 'unknown');
    assert.equal(event.aimId, undefined);
    assert.equal(event.driverId, dev.id);
    assert.equal(event.kind, 'serial');
    assert.equal(text(event.raw), '4901234567894\r');
    assert.ok(event.firstByteAt <= event.receivedAt);
    assert.equal(dev.driver.status().scans, 1);
    assert.equal(dev.driver.status().simulated, true);
  });

  test('strips a ]E0 AIM prefix and records it as aimId with symbology EAN-13', async () => {
    const dev = await device();
    const got = nextScan(dev.driver);
    await dev.scanner.scan('4901234567894', { aimId: ']E0' });
    const event = await got;
    assert.equal(event.data, '4901234567894');
    assert.equal(event.aimId, ']E0');
    assert.equal(event.symbology, 'EAN-13');
    assert.equal(text(event.raw), ']E04901234567894\r');
  });

  test('realistic timing paces bytes at the baud and the code still arrives whole', async () => {
    const dev = await device({ suffix: 'CRLF' });
    const got = nextScan(dev.driver);
    const started = performance.now();
    await dev.scanner.scan('4901234567894', { aimId: ']E0', realisticTiming: true });
    const elapsed = performance.now() - started;
    const event = await got;
    assert.equal(event.data, '4901234567894');
    assert.equal(event.aimId, ']E0');
    // 18 bytes at 9600 8N1 cannot leave the scanner in less than 18 x 1.0417 ms
    assert.ok(elapsed >= 18 * (10_000 / 9600) - 0.5, `18 paced bytes took only ${elapsed} ms`);
  });

  test('a code split into delayed chunks (CRLF split too) is reassembled into one read', async () => {
    // a generous timeout: 20 ms gaps on a loaded machine must not be mistaken for a missing suffix
    const dev = await device({ suffix: 'CRLF', driver: { interByteTimeoutMs: 2000 } });
    const got = nextScan(dev.driver);
    const enc = (s: string) => Buffer.from(s, 'latin1');
    await dev.scanner.sendChunks([enc(']E0490'), enc('1234567'), enc('894\r'), enc('\n')], 20);
    const event = await got;
    assert.equal(event.data, '4901234567894');
    assert.equal(text(event.raw), ']E04901234567894\r\n');
    assert.ok(event.firstByteAt < event.receivedAt);
  });

  test('several codes in one write come out as separate reads', async () => {
    const dev = await device();
    const seen: string[] = [];
    const all = new Promise<void>((resolve) => {
      dev.driver.onScan((e) => {
        seen.push(e.data);
        if (seen.length === 3) resolve();
      });
    });
    await dev.scanner.sendRaw(Buffer.from('4901234567894\r49012346\r]C1(01)04912345678904\r', 'latin1'));
    await all;
    assert.deepEqual(seen, ['4901234567894', '49012346', '(01)04912345678904']);
  });

  test('a code without suffix times out as a bad read and does not merge with the next one', async () => {
    const dev = await device({ driver: { interByteTimeoutMs: 50 } });
    const bad = nextBad(dev.driver);
    await dev.scanner.sendRaw(Buffer.from('490123', 'latin1'));
    const read = await bad;
    assert.match(read.reason, /^missing suffix: 6 bytes and no CR within 50 ms/);
    assert.equal(text(read.raw), '490123');
    const got = nextScan(dev.driver);
    await dev.scanner.scan('4901234567894');
    assert.equal((await got).data, '4901234567894');
    const status = dev.driver.status();
    assert.equal(status.badReads, 1);
    assert.equal(status.scans, 1);
  });

  test('noise bytes are a bad read with a reason, and the next code is clean', async () => {
    const dev = await device();
    const bad = nextBad(dev.driver);
    await dev.scanner.sendRaw(Uint8Array.of(0x34, 0x39, 0x00, 0xff, 0x1b, 0x0d));
    const read = await bad;
    assert.equal(read.reason, 'binary noise: byte 0x00 (NUL) at offset 2 is not a barcode character');
    assert.deepEqual([...read.raw], [0x34, 0x39, 0x00, 0xff, 0x1b, 0x0d]);
    const got = nextScan(dev.driver);
    await dev.scanner.scan('49012346', { aimId: ']E4' });
    const event = await got;
    assert.equal(event.symbology, 'EAN-8');
    assert.equal(dev.driver.status().badReads, 1);
  });

  test('overlong garbage is one bad read; its tail is dropped and the next code frames', async () => {
    const dev = await device({ driver: { maxLength: 32 } });
    const bad = nextBad(dev.driver);
    await dev.scanner.sendRaw(Buffer.from('X'.repeat(100), 'latin1'));
    assert.match((await bad).reason, /^too long: \d+ bytes without a CR suffix, at most 32 accepted/);
    const got = nextScan(dev.driver);
    await dev.scanner.sendRaw(Buffer.from('tail\r4901234567894\r', 'latin1'));
    assert.equal((await got).data, '4901234567894');
    assert.equal(dev.driver.status().badReads, 1);
  });

  test('unplugging (socat killed) mid-code reports the partial read and goes disconnected; replugging reconnects', async () => {
    const dev = await device({ driver: { reconnectIntervalMs: 50, interByteTimeoutMs: 10_000 } });
    let received = 0;
    const arrived = new Promise<void>((resolve) => {
      dev.driver.onBytes((chunk) => {
        received += chunk.length;
        if (received === 4) resolve();
      });
    });
    await dev.scanner.sendRaw(Buffer.from('4901', 'latin1'));
    await arrived;
    const bad = nextBad(dev.driver);
    const disconnected = waitForState(dev.driver, 'disconnected');
    await dev.unplug();
    const status = await disconnected;
    assert.match(status.error ?? '', /retrying every 50 ms/);
    const partial = await bad;
    assert.match(partial.reason, /^disconnected mid-read: 4 bytes received without a suffix/);

    const connected = waitForState(dev.driver, 'connected');
    await dev.replug();
    await connected;
    const got = nextScan(dev.driver);
    await dev.scanner.scan('4901234567894', { aimId: ']E0' });
    assert.equal((await got).data, '4901234567894');
  });
});

test('a pty whose socat dies while nothing was ever written is an unplug too, reported within a second', async () => {
  // Reading a pty slave after its master is gone can return end-of-file instead of failing (here it mostly does
  // when the feeder end was never opened), and serialport then just reads again: without the driver's check of the
  // device node the port would stay "connected" for good.
  for (let round = 0; round < 5; round++) {
    const pair = await createPtyPair({ dir, id: `idle-${round}` });
    const driver = new SerialScannerDriver({ id: `idle-${round}`, path: pair.devicePath, clock, reconnectIntervalMs: 50 });
    closers.push(() => driver.close(), () => pair.close());
    await driver.open();
    const disconnected = waitForState(driver, 'disconnected');
    const started = Date.now();
    await pair.close();
    const status = await Promise.race([disconnected, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1500).unref())]);
    assert.ok(status, `round ${round}: still ${driver.status().state} 1.5 s after socat died`);
    // Either signal may come first: the read failing ("port closed: ...") or the node gone ("... is gone").
    assert.match(status.error ?? '', /(port closed|is gone).*; retrying every 50 ms$/);
    assert.ok(Date.now() - started < 1500);
    await driver.close();
  }
});

test('closing only the feeder end is a pulled RS-232 cable: undetectable, the port stays connected', async () => {
  // A pty (like a plain RS-232 port without DSR/DCD) has no presence signal; only the device node
  // disappearing (unplug) is a disconnect. The scanner reopening the feeder works at once.
  const dev = await device();
  await dev.scanner.close();
  await dev.scanner.open();
  const got = nextScan(dev.driver);
  await dev.scanner.scan('4901234567894');
  assert.equal((await got).data, '4901234567894');
  assert.equal(dev.driver.status().state, 'connected');
});

describe('SerialScannerDriver opening', () => {
  test('open() on a missing path rejects clearly, then the driver picks the device up when it appears', async () => {
    const path = join(dir, 'scanner-late');
    const driver = new SerialScannerDriver({ id: 'late', path, clock, reconnectIntervalMs: 50 });
    closers.push(() => driver.close());
    const states: ScannerState[] = [];
    driver.onStatus((s) => states.push(s.state));
    await assert.rejects(driver.open(), new RegExp(`serial scanner "late": ${path} does not exist \\(is the scanner plugged in`));
    assert.equal(driver.status().state, 'error');
    assert.match(driver.status().error ?? '', /retrying every 50 ms/);

    const connected = waitForState(driver, 'connected');
    let pair: PtyPair | undefined = await createPtyPair({ dir, id: 'late' });
    closers.push(() => pair?.close() ?? Promise.resolve());
    await connected;
    assert.deepEqual(states, ['connecting', 'error', 'connected']);

    await driver.close();
    assert.equal(driver.status().state, 'disconnected');
    await pair.close();
    pair = undefined;
  });

  test('with retryIfMissing false a failed open() stays failed', async () => {
    const driver = new SerialScannerDriver({ id: 'once', path: join(dir, 'nothing-here'), retryIfMissing: false });
    closers.push(() => driver.close());
    await assert.rejects(driver.open(), /does not exist/);
    assert.equal(driver.status().state, 'error');
    assert.doesNotMatch(driver.status().error ?? '', /retrying/);
  });

  test('bad config is refused naming the field', () => {
    const base = { id: 'cfg', path: '/dev/null' };
    assert.throws(() => new SerialScannerDriver({ ...base, baudRate: 0 }), /baudRate must be an integer/);
    assert.throws(() => new SerialScannerDriver({ ...base, parity: 'sometimes' as 'none' }), /parity must be none, even/);
    assert.throws(() => new SerialScannerDriver({ ...base, interByteTimeoutMs: 0 }), /interByteTimeoutMs must be a positive number/);
    assert.throws(() => new SerialScannerDriver({ ...base, reconnectIntervalMs: -5 }), /reconnectIntervalMs must be a positive number/);
    assert.throws(() => new SerialScannerDriver({ ...base, path: '' }), /path must be a non-empty device path/);
  });

  test('status describes the port and line settings', () => {
    const driver = new SerialScannerDriver({ id: 'desc', path: '/dev/ttyUSB7', baudRate: 115200, parity: 'even', dataBits: 7, suffix: 'CRLF' });
    assert.deepEqual(driver.status(), {
      driverId: 'desc',
      kind: 'serial',
      description: '/dev/ttyUSB7 115200 7E1 suffix CRLF',
      state: 'disconnected',
      simulated: false,
      scans: 0,
      badReads: 0,
    });
  });
});
