/**
 * Simulated scanners of every kind for simulator mode (the SimulatorControl behind /api/sim/scanners, the
 * CLI and the tester panel). Serial ones are socat pty pairs read by the real serial driver; HID ones sit
 * in one shared FakeHidRegistry and are read by the real HID driver. The register sees them as hardware.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../core/ports.js';
import type { Register } from '../../core/register.js';
import { FakeHidRegistry } from '../../hardware/sim/fake-hid-transport.js';
import {
  SimulatorError,
  type FaultResult,
  type MaybeDelivery,
  type ScanDelivery,
  type SimFault,
  type SimScanOptions,
  type SimScannerInfo,
  type SimScannerKind,
  type SimulatorControl,
} from '../simulator-control.js';
import { DeliveryLog, deliveryOf, waitForState } from './delivery.js';
import { HidSim } from './hid-sim.js';
import { createSerialSim } from './serial-sim.js';
import type { RawBytesScanner, ReplayScanner, SimulatedScanner } from './sim-scanner.js';

const DELIVERY_TIMEOUT_MS = 5000;
const STATE_TIMEOUT_MS = 5000;
/** After a fault's first delivery, follow-ups (a late suffix, the tail of a code) arrive within this quiet time. */
const FAULT_SETTLE_MS = 150;
/** A demo catalog item (onigiri), used when a fault names no code. */
export const DEFAULT_FAULT_CODE = '4987301000105';

export class Simulators implements SimulatorControl {
  /** Shared by every simulated HID scanner, so HID discovery in simulator mode lists them all. */
  readonly hidRegistry = new FakeHidRegistry();
  private readonly scanners = new Map<string, SimulatedScanner>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'regi-pty-'));
  private readonly counters: Record<SimScannerKind, number> = { serial: 0, 'hid-pos': 0, 'hid-keyboard': 0 };
  /** ids being added, so two concurrent adds of one id cannot both win */
  private readonly adding = new Set<string>();

  constructor(
    private readonly register: Register,
    private readonly clock: Clock,
  ) {}

  list(): SimScannerInfo[] {
    return [...this.scanners.values()].map((s) => this.info(s));
  }

  /**
   * What the simulator knows of a scanner, with the status the register reports for it (GET /api/scanners): a read
   * the barcode chain refused counts as a bad read there, which the driver alone cannot know.
   */
  private info(scanner: SimulatedScanner): SimScannerInfo {
    const info = scanner.info();
    return { ...info, status: this.register.scannerStatus(info.id) ?? info.status };
  }

  async add(options: { id?: string; kind?: SimScannerKind }): Promise<SimScannerInfo> {
    const kind = options.kind ?? 'serial';
    const id = options.id ?? this.freeId(kind);
    if (this.scanners.has(id) || this.adding.has(id) || this.register.scannerDrivers().some((d) => d.id === id)) {
      throw new SimulatorError(409, `a scanner "${id}" already exists`);
    }
    this.adding.add(id);
    try {
      const scanner = kind === 'serial' ? await createSerialSim(id, this.dir, this.clock) : new HidSim(id, kind, this.hidRegistry, this.clock);
      this.scanners.set(id, scanner);
      this.register.attachScanner(scanner.driver);
      try {
        await scanner.driver.open();
      } catch (error) {
        this.scanners.delete(id);
        this.register.detachScanner(id);
        await scanner.close();
        throw new SimulatorError(500, `simulated ${kind} scanner "${id}" did not open: ${error instanceof Error ? error.message : String(error)}`);
      }
      return this.info(scanner);
    } finally {
      this.adding.delete(id);
    }
  }

  async remove(id: string): Promise<void> {
    const scanner = this.get(id);
    this.scanners.delete(id);
    this.register.detachScanner(id);
    await scanner.close();
  }

  async scan(id: string, data: string, options: SimScanOptions = {}): Promise<ScanDelivery> {
    const scanner = this.get(id);
    const delivery = await deliveryOf(scanner.driver, () => scanner.scan(data, options), DELIVERY_TIMEOUT_MS);
    if (delivery.result === 'nothing') {
      throw new SimulatorError(500, `scanner "${id}": the register's driver framed nothing within ${DELIVERY_TIMEOUT_MS} ms (is it connected? see GET /api/scanners)`);
    }
    return delivery;
  }

  async sendRaw(id: string, bytes: Uint8Array, timeoutMs = 500): Promise<MaybeDelivery> {
    const scanner = this.get(id);
    if (!('sendRaw' in scanner)) {
      throw new SimulatorError(409, `scanner "${id}" is ${scanner.kind}: raw bytes are for serial scanners; replay HID reports with POST /api/sim/scanners/${id}/replay`);
    }
    return deliveryOf(scanner.driver, () => (scanner as RawBytesScanner).sendRaw(bytes), timeoutMs);
  }

  async replay(id: string, reports: readonly Uint8Array[], timeoutMs = 1000): Promise<MaybeDelivery> {
    const scanner = this.get(id);
    if (!('replay' in scanner)) {
      throw new SimulatorError(409, `scanner "${id}" is ${scanner.kind}: report replay is for HID scanners; send serial bytes with POST /api/sim/scanners/${id}/raw`);
    }
    return deliveryOf(scanner.driver, () => (scanner as ReplayScanner).replay(reports), timeoutMs);
  }

  async fault(id: string, fault: SimFault, data = DEFAULT_FAULT_CODE): Promise<FaultResult> {
    const scanner = this.get(id);
    if (!scanner.faults.includes(fault)) {
      throw new SimulatorError(400, `scanner "${id}" (${scanner.kind}) has no fault "${fault}"; it accepts ${scanner.faults.join(', ')}`);
    }
    const log = new DeliveryLog(scanner.driver);
    try {
      await scanner.playFault(fault, data);
      await log.waitFor(1, DELIVERY_TIMEOUT_MS);
      if (!scanner.plugged) await waitForState(scanner.driver, 'disconnected', STATE_TIMEOUT_MS);
      const deliveries = [...(await log.settle(FAULT_SETTLE_MS))];
      return { fault, delivery: deliveries[0] ?? { result: 'nothing' }, deliveries };
    } finally {
      log.stop();
    }
  }

  async unplug(id: string): Promise<SimScannerInfo> {
    const scanner = this.get(id);
    if (scanner.plugged) {
      await scanner.unplug();
      await waitForState(scanner.driver, 'disconnected', STATE_TIMEOUT_MS);
    }
    return this.info(scanner);
  }

  async replug(id: string): Promise<SimScannerInfo> {
    const scanner = this.get(id);
    if (!scanner.plugged) await scanner.replug();
    await waitForState(scanner.driver, 'connected', STATE_TIMEOUT_MS);
    return this.info(scanner);
  }

  async close(): Promise<void> {
    for (const id of [...this.scanners.keys()]) await this.remove(id).catch(() => undefined);
    await this.hidRegistry.reset();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get(id: string): SimulatedScanner {
    const scanner = this.scanners.get(id);
    if (!scanner) throw new SimulatorError(404, `no simulated scanner "${id}" (GET /api/sim/scanners lists them)`);
    return scanner;
  }

  private freeId(kind: SimScannerKind): string {
    let id: string;
    do id = `sim-${kind}-${++this.counters[kind]}`;
    while (this.scanners.has(id) || this.adding.has(id));
    return id;
  }
}
