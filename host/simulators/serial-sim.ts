/**
 * A simulated serial scanner in the host: a socat pty pair with the REAL SerialScannerDriver on one end
 * (hardware/sim/simulated-serial-device.ts) and scanner bytes, good or faulty, written into the other.
 */
import type { Clock } from '../../core/ports.js';
import { DEFAULT_FRAMING, suffixBytes } from '../../hardware/framing/types.js';
import { createSimulatedSerialDevice, type SimulatedSerialDevice } from '../../hardware/sim/simulated-serial-device.js';
import { SERIAL_FAULTS, SimulatorError, type SimFault, type SimScanOptions, type SimScannerInfo } from '../simulator-control.js';
import { serialFaultPlan, type SerialFault } from './serial-faults.js';
import type { RawBytesScanner } from './sim-scanner.js';

const BYTES_TIMEOUT_MS = 5000;

export async function createSerialSim(id: string, dir: string, clock: Clock): Promise<SerialSim> {
  // Reconnect attempts well apart: one made while socat is still dying could open the vanishing pty.
  return new SerialSim(await createSimulatedSerialDevice({ id, dir, clock, driver: { reconnectIntervalMs: 1000 } }));
}

export class SerialSim implements RawBytesScanner {
  readonly kind = 'serial' as const;
  readonly faults: readonly SimFault[] = SERIAL_FAULTS;
  private isPlugged = true;

  constructor(private readonly device: SimulatedSerialDevice) {}

  get id(): string {
    return this.device.id;
  }

  get driver() {
    return this.device.driver;
  }

  get plugged(): boolean {
    return this.isPlugged;
  }

  info(): SimScannerInfo {
    return {
      id: this.id,
      kind: 'serial',
      devicePath: this.device.devicePath,
      feederPath: this.device.feederPath,
      plugged: this.isPlugged,
      status: this.driver.status(),
      faults: this.faults,
    };
  }

  async scan(data: string, options: SimScanOptions): Promise<void> {
    this.mustBePlugged();
    await this.device.scanner.scan(data, {
      ...(options.aimId === undefined ? {} : { aimId: options.aimId }),
      realisticTiming: options.realisticTiming ?? false,
    });
  }

  async sendRaw(bytes: Uint8Array): Promise<void> {
    this.mustBePlugged();
    await this.device.scanner.sendRaw(bytes);
  }

  async playFault(fault: SimFault, data: string): Promise<void> {
    if (!(SERIAL_FAULTS as readonly string[]).includes(fault)) {
      throw new SimulatorError(400, `fault "${fault}" is not a serial fault; serial scanners accept ${SERIAL_FAULTS.join(', ')}`);
    }
    this.mustBePlugged();
    const scanner = this.device.scanner;
    let plan;
    try {
      plan = serialFaultPlan(fault as SerialFault, data, { bytes: scanner.encode(data), suffix: suffixBytes('CR') }, DEFAULT_FRAMING.interByteTimeoutMs);
    } catch (error) {
      throw new SimulatorError(400, `fault ${fault}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (plan.unplugAfterBytes !== undefined) {
      // unplug only once the driver has the half code, or it would see a clean unplug and nothing to reject
      const received = this.bytesReceived(plan.unplugAfterBytes);
      await scanner.sendChunks(plan.chunks, plan.gapMs);
      await received;
      await this.unplug();
      return;
    }
    if (plan.gapMs > 0 && plan.chunks.length > 1) {
      await scanner.sendChunks(plan.chunks, plan.gapMs);
    } else {
      for (const chunk of plan.chunks) await scanner.sendRaw(chunk);
    }
  }

  async unplug(): Promise<void> {
    this.isPlugged = false;
    await this.device.unplug();
  }

  async replug(): Promise<void> {
    await this.device.replug();
    this.isPlugged = true;
  }

  close(): Promise<void> {
    return this.device.close();
  }

  private mustBePlugged(): void {
    if (!this.isPlugged) throw new SimulatorError(409, `simulated scanner "${this.id}" is unplugged: replug it first (POST /api/sim/scanners/${this.id}/replug)`);
  }

  private bytesReceived(count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let seen = 0;
      const timer = setTimeout(() => {
        off();
        reject(new SimulatorError(500, `scanner "${this.id}": the driver received ${seen} of ${count} bytes within ${BYTES_TIMEOUT_MS} ms`));
      }, BYTES_TIMEOUT_MS);
      const off = this.driver.onBytes((chunk) => {
        seen += chunk.length;
        if (seen < count) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }
}

