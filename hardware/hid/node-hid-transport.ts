/**
 * The real HidBackend over node-hid. node-hid is imported on first use, not at module load, so a machine
 * without libusb (or without a prebuilt binary) can still start the register with serial or simulated
 * scanners; using a HID scanner there fails with a message that says what to install.
 *
 * On Linux node-hid reads through hidraw by default (setDriverType('hidraw')): the kernel keeps driving the
 * device, so a scanner in keyboard mode still types into the focused window as well; HID POS interfaces
 * are not keyboards and reach only us. macOS and Windows refuse to open keyboard interfaces at all, so
 * 'hid-keyboard' works only on Linux (and needs read access to /dev/hidraw*: a udev rule).
 */
import type * as NodeHid from 'node-hid';
import {
  HID_CLOSED_MESSAGE,
  describeTarget,
  matchesTarget,
  type HidBackend,
  type HidDeviceInfo,
  type HidTarget,
  type HidTransport,
} from './hid-transport.js';
import { ListenerSet } from '../listener-set.js';
import type { Unsubscribe } from '../../core/ports.js';

type NodeHidModule = typeof NodeHid;

export interface NodeHidOptions {
  /** Linux only: 'hidraw' (default) or 'libusb' (detaches the kernel driver; needs more permissions). */
  driverType?: 'hidraw' | 'libusb';
  /** Open without claiming exclusive access (macOS). Default true. */
  nonExclusive?: boolean;
}

let loading: Promise<NodeHidModule> | undefined;
let loadedDriverType: string | undefined;

/** Loads node-hid and its native binding once; rejects with an install hint when the binding cannot load. */
export function loadNodeHid(driverType: 'hidraw' | 'libusb' = 'hidraw'): Promise<NodeHidModule> {
  if (loading && loadedDriverType !== driverType) {
    return Promise.reject(new Error(`node-hid is already loaded with driver type ${loadedDriverType}; cannot switch to ${driverType} without a restart`));
  }
  loadedDriverType = driverType;
  loading ??= (async () => {
    try {
      const imported = (await import('node-hid')) as NodeHidModule & { default?: NodeHidModule };
      const hid = imported.default ?? imported;
      if (process.platform === 'linux') hid.setDriverType(driverType);
      // the native binding loads lazily inside node-hid: touch it now so a missing library shows here
      hid.getHidapiVersion();
      return hid;
    } catch (error) {
      loading = undefined;
      throw new Error(`node-hid could not load: install libusb-1.0-0 (Debian/Ubuntu: apt-get install libusb-1.0-0) and check that node-hid has a prebuilt binary for this platform (${errorText(error)})`);
    }
  })();
  return loading;
}

function toInfo(device: NodeHid.Device): HidDeviceInfo {
  const info: HidDeviceInfo = { vendorId: device.vendorId, productId: device.productId };
  if (device.path !== undefined) info.path = device.path;
  if (device.usagePage !== undefined) info.usagePage = device.usagePage;
  if (device.usage !== undefined) info.usage = device.usage;
  if (device.product !== undefined) info.product = device.product;
  if (device.manufacturer !== undefined) info.manufacturer = device.manufacturer;
  if (device.serialNumber !== undefined && device.serialNumber !== '') info.serialNumber = device.serialNumber;
  if (device.interface !== undefined && device.interface >= 0) info.interface = device.interface;
  return info;
}

export class NodeHidBackend implements HidBackend {
  readonly name = 'node-hid';
  private readonly driverType: 'hidraw' | 'libusb';
  private readonly nonExclusive: boolean;

  constructor(options: NodeHidOptions = {}) {
    this.driverType = options.driverType ?? 'hidraw';
    this.nonExclusive = options.nonExclusive ?? true;
  }

  async list(): Promise<HidDeviceInfo[]> {
    const hid = await loadNodeHid(this.driverType);
    return (await hid.devicesAsync()).map(toInfo);
  }

  createTransport(target: HidTarget): HidTransport {
    return new NodeHidTransport(target, this);
  }

  /** @internal used by the transport */
  async openDevice(target: HidTarget): Promise<NodeHid.HIDAsync> {
    const hid = await loadNodeHid(this.driverType);
    const options = { nonExclusive: this.nonExclusive };
    if ('path' in target) return hid.HIDAsync.open(target.path, options);
    if (target.serialNumber === undefined) return hid.HIDAsync.open(target.vendorId, target.productId, options);
    // node-hid opens by vid/pid only: find the path of the device with this serial number
    const match = (await this.list()).find((info) => matchesTarget(info, target));
    if (match?.path === undefined) throw new Error('no such device');
    return hid.HIDAsync.open(match.path, options);
  }
}

class NodeHidTransport implements HidTransport {
  private device: NodeHid.HIDAsync | undefined;
  private opening: Promise<void> | undefined;
  private readonly dataListeners: ListenerSet<Uint8Array>;
  private readonly errorListeners: ListenerSet<Error>;

  constructor(
    private readonly target: HidTarget,
    private readonly backend: NodeHidBackend,
  ) {
    this.dataListeners = new ListenerSet(`HID ${describeTarget(target)} data`);
    this.errorListeners = new ListenerSet(`HID ${describeTarget(target)} error`);
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  open(): Promise<void> {
    if (this.device || this.opening) return Promise.reject(new Error(`HID ${describeTarget(this.target)} is already open`));
    this.opening = this.doOpen().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    let device: NodeHid.HIDAsync;
    try {
      device = await this.backend.openDevice(this.target);
    } catch (error) {
      const message = errorText(error);
      if (message.startsWith('node-hid could not load')) throw error;
      const hint = /permission|access/i.test(message)
        ? ' (the user needs read/write access to the hidraw node: add a udev rule)'
        : ' (is the scanner plugged in and in HID mode?)';
      throw new Error(`cannot open HID ${describeTarget(this.target)}: ${message}${hint}`);
    }
    this.device = device;
    device.on('data', (data: Buffer) => {
      if (this.device === device) this.dataListeners.emit(Uint8Array.from(data));
    });
    device.on('error', (error: unknown) => {
      if (this.device !== device) return;
      this.device = undefined;
      // the read thread has stopped; release the handle but keep swallowing late errors from it
      device.removeAllListeners('data');
      device.on('error', () => undefined);
      void device.close().catch(() => undefined);
      this.errorListeners.emit(error instanceof Error ? error : new Error(String(error)));
    });
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    const device = this.device;
    this.device = undefined;
    if (!device) return;
    device.removeAllListeners('data');
    device.on('error', () => undefined);
    await device.close().catch(() => undefined);
  }

  onData(listener: (report: Uint8Array) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onError(listener: (error: Error) => void): Unsubscribe {
    return this.errorListeners.add(listener);
  }

  async sendFeatureReport(bytes: Uint8Array): Promise<number> {
    const device = this.device;
    if (!device) throw new Error(HID_CLOSED_MESSAGE);
    return device.sendFeatureReport(Buffer.from(bytes));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
