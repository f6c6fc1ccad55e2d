/**
 * A USB HID barcode scanner as a ScannerDriver: a HidTransport from a HidBackend (node-hid, or the fake
 * registry) feeding a pure ReportDecoder (HID POS reports or keyboard boot reports).
 *
 * Opening: the device is looked up in backend.list() and opened; an optional "enable scanner" feature
 * report is sent (some HID POS scanners send nothing until told to). open() rejects with a clear error when
 * the device is missing; unless retryIfMissing is false the driver keeps looking every reconnectIntervalMs
 * and reports 'connected' when the device appears. After an unplug (a transport error) it reports
 * 'disconnected', turns any half-received code into a bad read, and polls the device list for the same
 * device until it is back or close() is called. A path target whose path changed after a replug (hidraw
 * numbers are not stable) is found again by the vendor/product id (and serial number) it had.
 * Its timers are not unref'd: an open driver is live work, and close() clears them.
 */
import { systemClock, type Clock, type ScannerDriver, type Unsubscribe } from '../../core/ports.js';
import { DriverHub, HubDriver } from '../driver-hub.js';
import { errorText } from '../listener-set.js';
import { HidPosDecoder, type HidPosDecoderOptions } from './hid-pos-decoder.js';
import {
  describeTarget,
  hex4,
  matchesTarget,
  validateTarget,
  type HidBackend,
  type HidDeviceInfo,
  type HidTarget,
  type HidTransport,
} from './hid-transport.js';
import { KeyboardReportDecoder, type KeyboardDecoderOptions } from './keyboard-report-decoder.js';
import type { ReportDecoder } from './report-decoder.js';

export type HidScannerKind = 'hid-pos' | 'hid-keyboard';

export interface HidScannerConfig {
  id: string;
  kind: HidScannerKind;
  backend: HidBackend;
  target: HidTarget;
  /** HID POS decoding (layout, continuation timeout, AIM handling); kind 'hid-pos' only. */
  hidPos?: Partial<HidPosDecoderOptions>;
  /** Keyboard decoding (suffix keys, inter-key timeout); kind 'hid-keyboard' only. */
  keyboard?: Partial<KeyboardDecoderOptions>;
  /** Feature report sent after each open (first byte the report id), e.g. a vendor "enable scanner" command. */
  enableFeatureReport?: Uint8Array | readonly number[];
  /** Delay between looks for a missing or unplugged device. Default 1000 ms. */
  reconnectIntervalMs?: number;
  /** Keep looking in the background when the first open() fails. Default true. */
  retryIfMissing?: boolean;
  clock?: Clock;
  /** Overrides the status description. */
  description?: string;
}

export class HidScannerDriver extends HubDriver implements ScannerDriver {
  readonly id: string;
  readonly kind: HidScannerKind;
  readonly target: HidTarget;
  private readonly backend: HidBackend;
  private readonly decoder: ReportDecoder;
  private readonly enableReport: Uint8Array | undefined;
  private readonly clock: Clock;
  private readonly fixedDescription: string | undefined;
  /** Listeners, counters, status and the open / retry lifecycle; this class keeps the device and its reports. */
  protected readonly hub: DriverHub;

  /** The device as last found: lets a path target follow its scanner to a new path after a replug. */
  private knownDevice: HidDeviceInfo | undefined;

  private transport: HidTransport | undefined;
  private subscriptions: Unsubscribe[] = [];
  private timeoutTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(config: HidScannerConfig) {
    super();
    if (typeof config.id !== 'string' || config.id === '') throw new TypeError('HID scanner: id must be a non-empty string');
    const where = `HID scanner "${config.id}"`;
    if (config.kind !== 'hid-pos' && config.kind !== 'hid-keyboard') {
      throw new TypeError(`${where}: kind must be 'hid-pos' or 'hid-keyboard', got ${JSON.stringify(config.kind)}`);
    }
    if (!config.backend || typeof config.backend.list !== 'function') throw new TypeError(`${where}: backend must be a HidBackend`);
    validateTarget(config.target, where);
    this.id = config.id;
    this.kind = config.kind;
    this.backend = config.backend;
    this.target = config.target;
    this.decoder = config.kind === 'hid-pos' ? new HidPosDecoder(config.hidPos) : new KeyboardReportDecoder(config.keyboard);
    if (config.enableFeatureReport !== undefined) {
      const bytes = Uint8Array.from(config.enableFeatureReport);
      if (bytes.length === 0 || [...config.enableFeatureReport].some((b) => !Number.isInteger(b) || b < 0 || b > 255)) {
        throw new TypeError(`${where}: enableFeatureReport must be a non-empty list of bytes 0-255`);
      }
      this.enableReport = bytes;
    }
    this.hub = new DriverHub({
      driverId: this.id,
      kind: this.kind,
      where,
      description: () => this.description(),
      simulated: () => this.simulated,
      reconnectIntervalMs: config.reconnectIntervalMs,
      retryIfMissing: config.retryIfMissing,
      retryWording: 'looking again every',
      lostWording: 'looking for the device every',
      unrefTimer: false,
      openDevice: () => this.openTransport(),
      currentDevice: () => this.transport,
    });
    this.clock = config.clock ?? systemClock;
    this.fixedDescription = config.description;
  }

  get simulated(): boolean {
    return this.backend.name === 'simulated';
  }

  close(): Promise<void> {
    return this.hub.close(async () => {
      const transport = this.transport;
      if (!transport) return;
      this.detach('closed mid-code');
      await transport.close();
    });
  }

  // ---- connection ------------------------------------------------------------------------------

  private async findDevice(): Promise<HidDeviceInfo | undefined> {
    const devices = await this.backend.list();
    const direct = devices.find((info) => matchesTarget(info, this.target));
    if (direct || !('path' in this.target) || !this.knownDevice) return direct;
    const known = this.knownDevice;
    return devices.find(
      (info) =>
        info.vendorId === known.vendorId &&
        info.productId === known.productId &&
        info.serialNumber === known.serialNumber &&
        info.usagePage === known.usagePage,
    );
  }

  private async openTransport(): Promise<void> {
    const where = `HID scanner "${this.id}"`;
    const info = await this.findDevice();
    if (!info) throw new Error(`${where}: no device with ${describeTarget(this.target)} is plugged in`);
    const transport = this.backend.createTransport(info.path === undefined ? this.target : { path: info.path });
    await transport.open();
    if (!this.hub.wanted) {
      // close() ran while the device was opening
      await transport.close();
      return;
    }
    if (this.enableReport) {
      try {
        await transport.sendFeatureReport(this.enableReport);
      } catch (error) {
        await transport.close();
        throw new Error(`${where}: the enable feature report was refused: ${errorText(error)}`);
      }
    }
    this.knownDevice = info;
    this.transport = transport;
    this.subscriptions = [
      transport.onData((report) => this.onReport(transport, report)),
      transport.onError((error) => this.onLost(transport, `device error: ${error.message}`)),
    ];
    this.hub.setState('connected');
  }

  /** The device went away (unplugged) or failed: report, then look for it again. */
  private onLost(transport: HidTransport, why: string): void {
    if (transport !== this.transport) return;
    this.detach('disconnected mid-code');
    void transport.close();
    this.hub.lost(why);
  }

  private detach(partialReason: string): void {
    this.transport = undefined;
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    this.clearTimeoutTimer();
    for (const result of this.decoder.flush(this.clock.now(), partialReason)) this.hub.emit(result);
  }

  // ---- reports ---------------------------------------------------------------------------------

  private onReport(transport: HidTransport, report: Uint8Array): void {
    if (transport !== this.transport) return;
    for (const result of this.decoder.push(report, this.clock.now())) this.hub.emit(result);
    this.clearTimeoutTimer();
    if (this.decoder.nextDeadline() !== undefined) {
      // a real timer measures the gap, so a frozen test clock cannot hold a partial code forever
      this.timeoutTimer = setTimeout(() => this.onTimeout(), this.decoder.timeoutMs);
    }
  }

  private onTimeout(): void {
    this.timeoutTimer = undefined;
    for (const result of this.decoder.flush(this.clock.now())) this.hub.emit(result);
  }

  private clearTimeoutTimer(): void {
    if (this.timeoutTimer !== undefined) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = undefined;
  }

  // ---- status ----------------------------------------------------------------------------------

  private description(): string {
    if (this.fixedDescription !== undefined) return this.fixedDescription;
    const mode = this.kind === 'hid-pos' ? 'HID POS' : 'HID keyboard-mode';
    const device = this.knownDevice;
    const name = device ? `${device.product ?? 'scanner'} (${hex4(device.vendorId)}:${hex4(device.productId)}${device.path ? ` at ${device.path}` : ''})` : describeTarget(this.target);
    return `${this.simulated ? 'simulated ' : ''}${mode} ${name}`;
  }
}
