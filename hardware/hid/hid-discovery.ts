/**
 * Finding USB HID scanners: every HID POS interface (usage page 0x8C) is a scanner; a keyboard interface
 * (usage page 0x01, usage 0x06) is taken for one only when its vendor makes scanners, so the cashier's
 * real keyboard is never opened. Open by path, or by vendor/product id (and serial number).
 */
import { HidScannerDriver, type HidScannerConfig, type HidScannerKind } from './hid-scanner-driver.js';
import { describeTarget, matchesTarget, validateTarget, type HidBackend, type HidDeviceInfo, type HidTarget } from './hid-transport.js';

export const HID_POS_USAGE_PAGE = 0x8c;
export const GENERIC_DESKTOP_USAGE_PAGE = 0x01;
export const KEYBOARD_USAGE = 0x06;

/** USB vendor ids of common barcode scanner makers; extend per store with `knownVendorIds`. */
export const KNOWN_SCANNER_VENDORS: Readonly<Record<number, string>> = Object.freeze({
  0x0c2e: 'Honeywell (Metrologic)',
  0x0536: 'Honeywell (Hand Held Products)',
  0x05e0: 'Zebra (Symbol)',
  0x05f9: 'Datalogic',
  0x065a: 'Opticon',
});

export interface DiscoveredScanner extends HidDeviceInfo {
  kind: HidScannerKind;
  /** Why this interface counts as a scanner. */
  reason: string;
}

export interface DiscoveryOptions {
  /** Vendor ids whose keyboard interfaces are scanners, added to KNOWN_SCANNER_VENDORS. */
  knownVendorIds?: readonly number[];
  /** Include keyboard-mode scanners. Default true. */
  keyboards?: boolean;
}

export function classifyHidDevice(info: HidDeviceInfo, options: DiscoveryOptions = {}): DiscoveredScanner | undefined {
  if (info.usagePage === HID_POS_USAGE_PAGE) return { ...info, kind: 'hid-pos', reason: 'HID POS interface (usage page 0x8C)' };
  if (options.keyboards === false) return undefined;
  const isKeyboard = info.usagePage === GENERIC_DESKTOP_USAGE_PAGE && info.usage === KEYBOARD_USAGE;
  if (!isKeyboard) return undefined;
  const vendor = KNOWN_SCANNER_VENDORS[info.vendorId];
  if (vendor !== undefined) return { ...info, kind: 'hid-keyboard', reason: `keyboard interface of a ${vendor} device` };
  if (options.knownVendorIds?.includes(info.vendorId)) return { ...info, kind: 'hid-keyboard', reason: 'keyboard interface of a configured scanner vendor' };
  return undefined;
}

/** Scanners among the plugged HID devices, HID POS first; one entry per path. */
export async function listHidScanners(backend: HidBackend, options: DiscoveryOptions = {}): Promise<DiscoveredScanner[]> {
  const seen = new Set<string>();
  const found: DiscoveredScanner[] = [];
  for (const info of await backend.list()) {
    const scanner = classifyHidDevice(info, options);
    if (!scanner) continue;
    const key = scanner.path ?? `${scanner.vendorId}:${scanner.productId}:${scanner.usagePage}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(scanner);
  }
  return found.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'hid-pos' ? -1 : 1));
}

/**
 * The scanner a target names. With vendor/product id, a HID POS interface wins over a keyboard one of the
 * same device (many scanners expose both). Rejects with the list of what is plugged when none matches.
 */
export async function findHidScanner(backend: HidBackend, target: HidTarget, options: DiscoveryOptions = {}): Promise<DiscoveredScanner> {
  validateTarget(target, 'HID scanner');
  const devices = await backend.list();
  const matches = devices.filter((info) => matchesTarget(info, target));
  const scanners = matches.map((info) => classifyHidDevice(info, { ...options, keyboards: true })).filter((s) => s !== undefined);
  const chosen = scanners.find((s) => s.kind === 'hid-pos') ?? scanners[0];
  if (chosen) return chosen;
  const plugged = devices.map((d) => `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}${d.path ? ` ${d.path}` : ''}`);
  const why =
    matches.length > 0
      ? 'is plugged in but is neither a HID POS interface nor the keyboard of a known scanner vendor'
      : 'is plugged in';
  const list = plugged.length > 0 ? plugged.join(', ') : 'none';
  throw new Error(matches.length > 0 ? `the HID device with ${describeTarget(target)} ${why}; plugged HID devices: ${list}` : `no HID device with ${describeTarget(target)} ${why}; plugged HID devices: ${list}`);
}

export type CreateHidScannerOptions = Omit<HidScannerConfig, 'backend' | 'target' | 'kind'> & {
  target: HidTarget;
  /** Forces the decoding; default from the interface found (usage page 0x8C: 'hid-pos'). */
  kind?: HidScannerKind;
};

/**
 * Finds the device and makes its driver, not yet opened (attach it to the register, then open()).
 * With an explicit kind the device need not be plugged yet: the driver waits for it.
 */
export async function createHidScanner(backend: HidBackend, options: CreateHidScannerOptions): Promise<HidScannerDriver> {
  const kind = options.kind ?? (await findHidScanner(backend, options.target)).kind;
  return new HidScannerDriver({ ...options, backend, kind });
}
