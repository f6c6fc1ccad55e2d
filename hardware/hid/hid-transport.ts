/**
 * The one HID contract (the node-serialport BindingInterface habit): the real transport over node-hid and
 * the fake one in hardware/sim satisfy it alike, including the async and close semantics below, so the
 * driver and its tests never know which one they hold.
 *
 * Semantics every implementation keeps:
 * - open() rejects with an Error naming the device when it is absent or cannot be opened; opening an open
 *   transport rejects too. A transport may be reopened after close().
 * - data and error listeners are called on a later tick than the I/O that caused them, never inside open().
 * - an 'error' means the device is gone or unreadable (unplugged): the transport is then closed as far as
 *   reads go; the owner should call close() and find the device again.
 * - close() is idempotent and never rejects; after it no data or error listener is called, and
 *   sendFeatureReport() rejects with HID_CLOSED_MESSAGE.
 */
import type { Unsubscribe } from '../../core/ports.js';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** OS path (/dev/hidraw3, IOService:..., \\?\hid#...): the only handle that tells two identical scanners apart. */
  path?: string;
  /** HID usage page of the interface: 0x8C bar code scanner (HID POS), 0x01 generic desktop (keyboard). */
  usagePage?: number;
  usage?: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  /** USB interface number; a scanner may expose HID POS and keyboard on different interfaces. */
  interface?: number;
}

/** How a driver names the device it wants: an OS path, or vendor/product id (first match wins). */
export type HidTarget = { path: string } | { vendorId: number; productId: number; serialNumber?: string };

export interface HidTransport {
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  /** One input report per call, report id first when the device numbers its reports. */
  onData(listener: (report: Uint8Array) => void): Unsubscribe;
  onError(listener: (error: Error) => void): Unsubscribe;
  /** Sends a feature report (first byte the report id, 0 when unnumbered); resolves to the bytes written. */
  sendFeatureReport(bytes: Uint8Array): Promise<number>;
}

export interface HidDeviceList {
  list(): Promise<HidDeviceInfo[]>;
}

/** A device list plus a way to make transports for it: node-hid, or the fake registry. */
export interface HidBackend extends HidDeviceList {
  /** Shown in status descriptions: "node-hid" or "simulated". */
  readonly name: string;
  createTransport(target: HidTarget): HidTransport;
}

export const HID_CLOSED_MESSAGE = 'HID device is closed';

export function hex4(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

export function describeTarget(target: HidTarget): string {
  if ('path' in target) return `path ${target.path}`;
  const serial = target.serialNumber === undefined ? '' : ` serial ${target.serialNumber}`;
  return `vendor ${hex4(target.vendorId)} product ${hex4(target.productId)}${serial}`;
}

export function matchesTarget(info: HidDeviceInfo, target: HidTarget): boolean {
  if ('path' in target) return info.path === target.path;
  if (info.vendorId !== target.vendorId || info.productId !== target.productId) return false;
  return target.serialNumber === undefined || info.serialNumber === target.serialNumber;
}

/** Throws an error naming the field when a target cannot name a device. */
export function validateTarget(target: HidTarget, where: string): void {
  if (typeof target !== 'object' || target === null) throw new TypeError(`${where}: target must be { path } or { vendorId, productId }`);
  if ('path' in target) {
    if (typeof target.path !== 'string' || target.path === '') throw new TypeError(`${where}: target.path must be a non-empty string`);
    return;
  }
  for (const field of ['vendorId', 'productId'] as const) {
    const value = (target as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new TypeError(`${where}: target.${field} must be an integer 0-0xFFFF, got ${String(value)}`);
    }
  }
}
