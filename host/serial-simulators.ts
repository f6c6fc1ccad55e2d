/**
 * Simulated serial scanners for simulator mode: each is a socat pty pair; the register's REAL serial
 * driver opens one end like hardware, and the simulator writes scanner bytes into the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, ScannerDriver, Unsubscribe } from '../core/ports.js';
import type { Register } from '../core/register.js';
import { createSimulatedSerialDevice, type SimulatedSerialDevice } from '../hardware/sim/simulated-serial-device.js';
import { SimulatorError, type ScanDelivery, type SimScanOptions, type SimScannerInfo, type SimulatorControl } from './simulator-control.js';

const DELIVERY_TIMEOUT_MS = 5000;

export class SerialSimulators implements SimulatorControl {
  private readonly devices = new Map<string, SimulatedSerialDevice>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'regi-pty-'));
  private counter = 0;

  constructor(
    private readonly register: Register,
    private readonly clock: Clock,
  ) {}

  list(): SimScannerInfo[] {
    return [...this.devices.entries()].map(([id, device]) => info(id, device));
  }

  async add(options: { id?: string }): Promise<SimScannerInfo> {
    const id = options.id ?? this.freeId();
    if (this.devices.has(id)) throw new SimulatorError(409, `a simulated scanner "${id}" already exists`);
    const device = await createSimulatedSerialDevice({ id, dir: this.dir, clock: this.clock });
    this.devices.set(id, device);
    this.register.attachScanner(device.driver);
    await device.driver.open();
    return info(id, device);
  }

  async remove(id: string): Promise<void> {
    const device = this.get(id);
    this.devices.delete(id);
    this.register.detachScanner(id);
    await device.close();
  }

  async scan(id: string, data: string, options: SimScanOptions = {}): Promise<ScanDelivery> {
    const device = this.get(id);
    const delivered = waitForDelivery(device.driver, DELIVERY_TIMEOUT_MS);
    await device.scanner.scan(data, {
      ...(options.aimId === undefined ? {} : { aimId: options.aimId }),
      realisticTiming: options.realisticTiming ?? false,
    });
    const result = await delivered;
    if (result.result === 'nothing') {
      throw new SimulatorError(500, `scanner "${id}": the register's driver framed nothing within ${DELIVERY_TIMEOUT_MS} ms (is the port open? see GET /api/scanners)`);
    }
    return result;
  }

  async sendRaw(id: string, bytes: Uint8Array, timeoutMs = 500): Promise<ScanDelivery | { result: 'nothing' }> {
    const device = this.get(id);
    const delivered = waitForDelivery(device.driver, timeoutMs);
    await device.scanner.sendRaw(bytes);
    return delivered;
  }

  async close(): Promise<void> {
    const all = [...this.devices.keys()];
    for (const id of all) await this.remove(id).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get(id: string): SimulatedSerialDevice {
    const device = this.devices.get(id);
    if (!device) throw new SimulatorError(404, `no simulated scanner "${id}" (GET /api/sim/scanners lists them)`);
    return device;
  }

  private freeId(): string {
    let id: string;
    do id = `sim-serial-${++this.counter}`;
    while (this.devices.has(id));
    return id;
  }
}

function info(id: string, device: SimulatedSerialDevice): SimScannerInfo {
  return { id, kind: 'serial', devicePath: device.devicePath, feederPath: device.feederPath };
}

/** Resolves with the driver's next scan or bad read, or 'nothing' after timeoutMs. */
function waitForDelivery(driver: ScannerDriver, timeoutMs: number): Promise<ScanDelivery | { result: 'nothing' }> {
  return new Promise((resolve) => {
    const offs: Unsubscribe[] = [];
    const finish = (value: ScanDelivery | { result: 'nothing' }) => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve(value);
    };
    const timer = setTimeout(() => finish({ result: 'nothing' }), timeoutMs);
    offs.push(
      driver.onScan((e) => finish({ result: 'scan', data: e.data, symbology: e.symbology, ...(e.aimId === undefined ? {} : { aimId: e.aimId }) })),
      driver.onBadRead((b) => finish({ result: 'bad-read', reason: b.reason })),
    );
  });
}
