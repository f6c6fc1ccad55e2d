/** Real USB HID scanners as the host configures them (from `regi serve --hid VID:PID | --hid-path PATH`). */
import type { Clock, ScannerDriver } from '../core/ports.js';
import { createHidScanner } from '../hardware/hid/hid-discovery.js';
import type { HidScannerKind } from '../hardware/hid/hid-scanner-driver.js';
import type { HidBackend, HidTarget } from '../hardware/hid/hid-transport.js';
import { NodeHidBackend } from '../hardware/hid/node-hid-transport.js';

export interface HidScannerOptions {
  id: string;
  target: HidTarget;
  /** Decoding; default from the interface found (HID POS usage page: 'hid-pos'), or 'hid-pos' when the device is absent. */
  mode?: HidScannerKind;
  /** Vendor "enable scanner" feature report, report id first. */
  enableFeatureReport?: readonly number[];
}

/** "0c2e:0b61" -> ids; throws naming the problem. */
export function parseUsbId(text: string): { vendorId: number; productId: number } {
  const match = /^(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a USB id: give VID:PID in hex, e.g. 0c2e:0b61 (regi devices lists them)`);
  return { vendorId: parseInt(match[1]!, 16), productId: parseInt(match[2]!, 16) };
}

/** "06 01 02" or "060102" -> bytes; throws naming the problem. */
export function parseHexBytes(text: string): number[] {
  const compact = text.replace(/[\s:,-]/g, '').replace(/^0x/i, '');
  if (compact === '' || !/^([0-9a-fA-F]{2})+$/.test(compact)) throw new Error(`"${text}" is not hex bytes: give pairs of hex digits, report id first, e.g. fd0116`);
  return compact.match(/../g)!.map((pair) => parseInt(pair, 16));
}

/**
 * Makes the driver, unopened. With no mode given and the device plugged, the interface decides; an absent
 * device is not fatal (the driver waits for it) but then needs a mode, so HID POS is assumed and said.
 */
export async function createHidScannerDriver(options: HidScannerOptions, clock: Clock, backend: HidBackend = new NodeHidBackend()): Promise<ScannerDriver> {
  const common = {
    id: options.id,
    target: options.target,
    clock,
    ...(options.enableFeatureReport === undefined ? {} : { enableFeatureReport: options.enableFeatureReport }),
  };
  if (options.mode !== undefined) return createHidScanner(backend, { ...common, kind: options.mode });
  try {
    return await createHidScanner(backend, common);
  } catch (error) {
    console.error(`[regi] HID scanner ${options.id}: ${error instanceof Error ? error.message : String(error)}; assuming HID POS (pass --hid-mode keyboard for a keyboard-mode scanner) and waiting for it`);
    return createHidScanner(backend, { ...common, kind: 'hid-pos' });
  }
}
