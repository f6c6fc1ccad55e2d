/**
 * Device discovery for `regi devices` and GET /api/devices: serial ports (serialport's SerialPort.list(),
 * which asks udev on Linux) and USB HID scanners (hid-discovery over node-hid). Either half may be
 * unavailable (no udevadm, no libusb, no permission): the other half is still listed and each problem is
 * reported as a sentence saying what to install or check, never as a crash.
 */
import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { listHidScanners, type DiscoveredScanner } from '../hid/hid-discovery.js';
import type { HidBackend } from '../hid/hid-transport.js';
import { NodeHidBackend } from '../hid/node-hid-transport.js';

export interface SerialPortEntry {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  /** "VID:PID" in hex for USB serial adapters and CDC scanners. */
  usbId?: string;
}

export interface DeviceListing {
  serialPorts: SerialPortEntry[];
  hidScanners: DiscoveredScanner[];
  /** One sentence per part that could not be listed. */
  problems: string[];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Serial device nodes scanners usually appear as, for when udev cannot be asked. */
const TTY_PATTERN = /^tty(USB|ACM)\d+$/;

async function listSerialPorts(problems: string[]): Promise<SerialPortEntry[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.vendorId && p.productId ? { usbId: `${p.vendorId.toLowerCase()}:${p.productId.toLowerCase()}` } : {}),
    }));
  } catch (error) {
    const hint = /udevadm|ENOENT/i.test(errorText(error)) ? ' (install udev: apt-get install udev)' : '';
    problems.push(`serial ports: SerialPort.list() failed: ${errorText(error)}${hint}; listing /dev/ttyUSB* and /dev/ttyACM* instead`);
    if (process.platform !== 'linux') return [];
    try {
      return (await readdir('/dev')).filter((name) => TTY_PATTERN.test(name)).sort().map((name) => ({ path: `/dev/${name}` }));
    } catch {
      return [];
    }
  }
}

async function listHid(backend: HidBackend, problems: string[]): Promise<DiscoveredScanner[]> {
  try {
    return await listHidScanners(backend);
  } catch (error) {
    problems.push(`HID scanners: ${errorText(error)}`);
    return [];
  }
}

export async function listDevices(options: { hidBackend?: HidBackend } = {}): Promise<DeviceListing> {
  const problems: string[] = [];
  const [serialPorts, hidScanners] = await Promise.all([listSerialPorts(problems), listHid(options.hidBackend ?? new NodeHidBackend(), problems)]);
  return { serialPorts, hidScanners, problems };
}
