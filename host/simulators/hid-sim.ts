/**
 * A simulated USB HID scanner in the host: a FakeHidScanner plugged into the host's shared FakeHidRegistry,
 * read by the REAL HidScannerDriver (HID POS or keyboard-report decoding) over the fake transport.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../core/ports.js';
import { HidScannerDriver } from '../../hardware/hid/hid-scanner-driver.js';
import { encodeHidPosReports, encodeKeyboardReports } from '../../hardware/sim/fake-hid-reports.js';
import { FAKE_HID_FAULTS, FakeHidScanner, type FakeHidFault } from '../../hardware/sim/fake-hid-scanner.js';
import type { FakeHidRegistry } from '../../hardware/sim/fake-hid-transport.js';
import { HID_FAULTS, SimulatorError, type SimFault, type SimScanOptions, type SimScannerInfo } from '../simulator-control.js';
import type { ReplayScanner } from './sim-scanner.js';

/** Honeywell's vendor id, so discovery takes the keyboard-mode one for a scanner too. */
export const SIM_HID_VENDOR_ID = 0x0c2e;
export const SIM_HID_PRODUCT_IDS = { 'hid-pos': 0x0b61, 'hid-keyboard': 0x0b81 } as const;
/** USB full-speed HID polls every 1-10 ms; a scanner sends one report per poll. */
const REPORT_INTERVAL_MS = { 'hid-pos': 8, 'hid-keyboard': 4 } as const;
const SIM_READ_TIMEOUT_MS = 500;

export class HidSim implements ReplayScanner {
  readonly driver: HidScannerDriver;
  readonly faults: readonly SimFault[] = HID_FAULTS;
  private readonly device: FakeHidScanner;

  constructor(
    readonly id: string,
    readonly kind: 'hid-pos' | 'hid-keyboard',
    registry: FakeHidRegistry,
    clock: Clock,
  ) {
    const path = `/dev/hidraw-sim-${id}`;
    this.device = new FakeHidScanner({
      registry,
      mode: kind,
      vendorId: SIM_HID_VENDOR_ID,
      productId: SIM_HID_PRODUCT_IDS[kind],
      path,
      serialNumber: id,
    });
    this.driver = new HidScannerDriver({
      id,
      kind,
      backend: registry,
      target: { path },
      reconnectIntervalMs: 100,
      // The simulated device shares the host's event loop (and a busy machine's CPU), so allow for
      // stalls a real USB scanner never has before calling a read incomplete.
      hidPos: { continuationTimeoutMs: SIM_READ_TIMEOUT_MS },
      keyboard: { interKeyTimeoutMs: SIM_READ_TIMEOUT_MS },
      clock,
      description: `simulated ${kind === 'hid-pos' ? 'HID POS' : 'keyboard-mode HID'} scanner (${path})`,
    });
  }

  get plugged(): boolean {
    return this.device.plugged;
  }

  info(): SimScannerInfo {
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    return {
      id: this.id,
      kind: this.kind,
      devicePath: this.device.info.path ?? '',
      usbId: `${hex(this.device.info.vendorId)}:${hex(this.device.info.productId)}`,
      plugged: this.plugged,
      status: this.driver.status(),
      faults: this.faults,
    };
  }

  async scan(data: string, options: SimScanOptions): Promise<void> {
    this.mustBePlugged();
    try {
      if (!options.realisticTiming) {
        await this.device.scan(data, options.aimId === undefined ? {} : { aimId: options.aimId });
        return;
      }
      const reports =
        this.kind === 'hid-pos'
          ? encodeHidPosReports(data, { layout: this.device.layout, ...(options.aimId === undefined ? {} : { aimId: options.aimId }) })
          : encodeKeyboardReports((options.aimId ?? '') + data);
      for (const report of reports) {
        await this.device.replay([report]);
        await sleep(REPORT_INTERVAL_MS[this.kind]);
      }
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError) throw new SimulatorError(400, `scanner "${this.id}" cannot send ${JSON.stringify(data)}: ${error.message}`);
      throw error;
    }
  }

  async replay(reports: readonly Uint8Array[]): Promise<void> {
    this.mustBePlugged();
    await this.device.replay(reports);
  }

  async playFault(fault: SimFault, data: string): Promise<void> {
    if (!(FAKE_HID_FAULTS as readonly string[]).includes(fault)) {
      throw new SimulatorError(400, `fault "${fault}" is not a HID fault; HID scanners accept ${FAKE_HID_FAULTS.join(', ')}`);
    }
    this.mustBePlugged();
    try {
      await this.device.scan(data, { fault: fault as FakeHidFault });
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError) throw new SimulatorError(400, `fault ${fault}: ${error.message}`);
      throw error;
    }
  }

  async unplug(): Promise<void> {
    this.device.unplug();
  }

  async replug(): Promise<void> {
    this.device.plug();
  }

  async close(): Promise<void> {
    await this.driver.close();
    this.device.unplug();
  }

  private mustBePlugged(): void {
    if (!this.plugged) throw new SimulatorError(409, `simulated scanner "${this.id}" is unplugged: replug it first (POST /api/sim/scanners/${this.id}/replug)`);
  }
}
