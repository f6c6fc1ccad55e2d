/**
 * The fake HID backend (the node-serialport MockBinding habit): a registry of plugged fake devices that
 * list() shows, and transports that satisfy the HidTransport contract exactly as the node-hid one does:
 * open() of an absent device rejects, data and errors arrive on a later tick, an unplug is an async
 * 'error', close() is idempotent and silences everything, a feature report to a closed device rejects.
 * Tests call reset() after each.
 */
import type { Unsubscribe } from '../../core/ports.js';
import {
  HID_CLOSED_MESSAGE,
  describeTarget,
  matchesTarget,
  type HidBackend,
  type HidDeviceInfo,
  type HidTarget,
  type HidTransport,
} from '../hid/hid-transport.js';
import { ListenerSet } from '../listener-set.js';

/** What a fake device offers the transports that open it. */
export interface FakeHidEndpoint {
  readonly info: HidDeviceInfo;
  attach(transport: FakeHidTransport): void;
  detach(transport: FakeHidTransport): void;
  receiveFeatureReport(bytes: Uint8Array): void;
}

/** node-hid's message when the hidraw read fails because the device went away. */
export const FAKE_UNPLUG_MESSAGE = 'could not read from HID device';

export const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeHidRegistry implements HidBackend {
  readonly name = 'simulated';
  private readonly plugged: FakeHidEndpoint[] = [];
  private readonly transports = new Set<FakeHidTransport>();

  async list(): Promise<HidDeviceInfo[]> {
    await nextTick();
    return this.plugged.map((device) => ({ ...device.info }));
  }

  createTransport(target: HidTarget): HidTransport {
    const transport = new FakeHidTransport(this, target);
    this.transports.add(transport);
    return transport;
  }

  plug(device: FakeHidEndpoint): void {
    if (this.plugged.includes(device)) return;
    const clash = this.plugged.find((d) => d.info.path !== undefined && d.info.path === device.info.path);
    if (clash) throw new Error(`a fake HID device is already plugged at ${String(device.info.path)}`);
    this.plugged.push(device);
  }

  unplug(device: FakeHidEndpoint): void {
    const index = this.plugged.indexOf(device);
    if (index >= 0) this.plugged.splice(index, 1);
  }

  isPlugged(device: FakeHidEndpoint): boolean {
    return this.plugged.includes(device);
  }

  /** @internal the device a transport opens */
  find(target: HidTarget): FakeHidEndpoint | undefined {
    return this.plugged.find((device) => matchesTarget(device.info, target));
  }

  /** Closes every transport and unplugs every device. */
  async reset(): Promise<void> {
    await Promise.all([...this.transports].map((t) => t.close()));
    this.transports.clear();
    this.plugged.length = 0;
  }
}

type TransportState = 'closed' | 'opening' | 'open' | 'failed';

export class FakeHidTransport implements HidTransport {
  private state: TransportState = 'closed';
  private device: FakeHidEndpoint | undefined;
  private readonly dataListeners: ListenerSet<Uint8Array>;
  private readonly errorListeners: ListenerSet<Error>;

  constructor(
    private readonly registry: FakeHidRegistry,
    readonly target: HidTarget,
  ) {
    this.dataListeners = new ListenerSet(`fake HID ${describeTarget(target)} data`);
    this.errorListeners = new ListenerSet(`fake HID ${describeTarget(target)} error`);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  async open(): Promise<void> {
    if (this.state === 'open' || this.state === 'opening') throw new Error(`HID ${describeTarget(this.target)} is already open`);
    this.state = 'opening';
    await nextTick();
    if (this.state !== 'opening') throw new Error(`HID ${describeTarget(this.target)}: closed while opening`);
    const device = this.registry.find(this.target);
    if (!device) {
      this.state = 'closed';
      const what = 'path' in this.target ? `with path ${this.target.path}` : `with vendor id ${this.target.vendorId} and product id ${this.target.productId}`;
      throw new Error(`cannot open HID ${describeTarget(this.target)}: cannot open device ${what} (is the scanner plugged in and in HID mode?)`);
    }
    this.device = device;
    this.state = 'open';
    device.attach(this);
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = undefined;
    this.state = 'closed';
    device?.detach(this);
    await nextTick();
  }

  onData(listener: (report: Uint8Array) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onError(listener: (error: Error) => void): Unsubscribe {
    return this.errorListeners.add(listener);
  }

  async sendFeatureReport(bytes: Uint8Array): Promise<number> {
    if (this.state === 'failed') throw new Error('could not send feature report to HID device: device disconnected');
    if (this.state !== 'open' || !this.device) throw new Error(HID_CLOSED_MESSAGE);
    const device = this.device;
    const copy = Uint8Array.from(bytes);
    await nextTick();
    if (this.device !== device) throw new Error(HID_CLOSED_MESSAGE);
    device.receiveFeatureReport(copy);
    return copy.length;
  }

  /** @internal the device sends an input report (the device paces itself on later ticks). */
  deliver(report: Uint8Array): void {
    if (this.state === 'open') this.dataListeners.emit(Uint8Array.from(report));
  }

  /** @internal the device went away: an async error, unless the owner closes first. */
  fail(message = FAKE_UNPLUG_MESSAGE): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    const device = this.device;
    this.device = undefined;
    device?.detach(this);
    setImmediate(() => {
      if (this.state === 'failed') this.errorListeners.emit(new Error(message));
    });
  }
}
