/**
 * One simulated serial scanner as the host attaches it in simulator mode: a socat pty pair, the REAL
 * SerialScannerDriver on the device end, and a SimulatedSerialScanner writing into the feeder end.
 * The driver is created but not opened: the caller attaches it to the register first, then calls
 * driver.open(), so the register sees every status change.
 */
import type { Clock } from '../../core/ports.js';
import type { Suffix } from '../framing/types.js';
import { SerialScannerDriver, type SerialScannerConfig } from '../serial/serial-scanner-driver.js';
import type { LineSettings } from '../serial/line-settings.js';
import { SimulatedSerialScanner } from './sim-serial-scanner.js';
import { createPtyPair, type PtyPair } from './socat-pty.js';

export interface SimulatedSerialDeviceOptions extends Partial<LineSettings> {
  id: string;
  /** Folder for the pty links. */
  dir: string;
  clock: Clock;
  /** Suffix the scanner sends and the driver expects. Default CR. */
  suffix?: Suffix;
  /** AIM id the scanner prefixes to every scan unless a scan names its own. Default none. */
  aimId?: string;
  realisticTiming?: boolean;
  /** Extra driver settings (timeouts, AIM handling, reconnect interval). */
  driver?: Partial<Omit<SerialScannerConfig, 'id' | 'path' | 'clock' | keyof LineSettings | 'suffix'>>;
}

export interface SimulatedSerialDevice {
  id: string;
  driver: SerialScannerDriver;
  scanner: SimulatedSerialScanner;
  devicePath: string;
  feederPath: string;
  /** Kills socat: the device node vanishes, as when a USB-serial scanner is unplugged. */
  unplug(): Promise<void>;
  /** A new pty pair at the same paths (the driver reconnects by itself) and the scanner reopened. */
  replug(): Promise<void>;
  /** Closes the driver, the scanner and socat. Idempotent. */
  close(): Promise<void>;
}

export async function createSimulatedSerialDevice(options: SimulatedSerialDeviceOptions): Promise<SimulatedSerialDevice> {
  const { id, dir, clock } = options;
  const line: LineSettings = {
    baudRate: options.baudRate ?? 9600,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
  };
  const suffix = options.suffix ?? 'CR';
  let pair: PtyPair | undefined = await createPtyPair({ dir, id });
  const { devicePath, feederPath } = pair;

  let driver: SerialScannerDriver;
  let scanner: SimulatedSerialScanner;
  try {
    driver = new SerialScannerDriver({
      reconnectIntervalMs: 250,
      ...options.driver,
      id,
      path: devicePath,
      ...line,
      suffix,
      clock,
      simulated: true,
      description: `simulated serial scanner (pty ${devicePath})`,
    });
    scanner = new SimulatedSerialScanner({
      id,
      feederPath,
      ...line,
      suffix,
      ...(options.aimId === undefined ? {} : { aimId: options.aimId }),
      realisticTiming: options.realisticTiming ?? false,
    });
    await scanner.open();
  } catch (error) {
    await pair.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  return {
    id,
    driver,
    scanner,
    devicePath,
    feederPath,
    async unplug() {
      await scanner.close();
      await pair?.close();
      pair = undefined;
    },
    async replug() {
      if (pair) return;
      pair = await createPtyPair({ dir, id });
      await scanner.open();
    },
    close() {
      closed ??= (async () => {
        await driver.close();
        await scanner.close();
        await pair?.close();
        pair = undefined;
      })();
      return closed;
    },
  };
}
