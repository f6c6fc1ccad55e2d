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
import { systemClock, type BadRead, type Clock, type ScanEvent, type ScannerDriver, type ScannerState, type ScannerStatus, type Unsubscribe } from '../../core/ports.js';
import type { FramerOutput } from '../framing/types.js';
import { badReadOf, scanEventOf } from '../framing/driver-events.js';
import { HidPosDecoder, type HidPosDecoderOptions } from './hid-pos-decoder.js';
import {
  ListenerSet,
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

export class HidScannerDriver implements ScannerDriver {
  readonly id: string;
  readonly kind: HidScannerKind;
  readonly target: HidTarget;
  private readonly backend: HidBackend;
  private readonly decoder: ReportDecoder;
  private readonly enableReport: Uint8Array | undefined;
  private readonly reconnectIntervalMs: number;
  private readonly retryIfMissing: boolean;
  private readonly clock: Clock;
  private readonly fixedDescription: string | undefined;

  private readonly scanListeners: ListenerSet<ScanEvent>;
  private readonly badReadListeners: ListenerSet<BadRead>;
  private readonly statusListeners: ListenerSet<ScannerStatus>;

  private state: ScannerState = 'disconnected';
  private error: string | undefined;
  private scans = 0;
  private badReads = 0;
  private lastStatusKey = '';
  /** The device as last found: lets a path target follow its scanner to a new path after a replug. */
  private knownDevice: HidDeviceInfo | undefined;

  private wanted = false;
  private transport: HidTransport | undefined;
  private subscriptions: Unsubscribe[] = [];
  private connecting: Promise<void> | undefined;
  private timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(config: HidScannerConfig) {
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
    this.reconnectIntervalMs = config.reconnectIntervalMs ?? 1000;
    if (!Number.isFinite(this.reconnectIntervalMs) || this.reconnectIntervalMs <= 0) {
      throw new TypeError(`${where}: reconnectIntervalMs must be a positive number, got ${String(config.reconnectIntervalMs)}`);
    }
    this.retryIfMissing = config.retryIfMissing ?? true;
    this.clock = config.clock ?? systemClock;
    this.fixedDescription = config.description;
    this.scanListeners = new ListenerSet(`${where} scan`);
    this.badReadListeners = new ListenerSet(`${where} bad read`);
    this.statusListeners = new ListenerSet(`${where} status`);
  }

  get simulated(): boolean {
    return this.backend.name === 'simulated';
  }

  status(): ScannerStatus {
    return {
      driverId: this.id,
      kind: this.kind,
      description: this.description(),
      state: this.state,
      simulated: this.simulated,
      ...(this.error === undefined ? {} : { error: this.error }),
      scans: this.scans,
      badReads: this.badReads,
    };
  }

  onScan(listener: (event: ScanEvent) => void): Unsubscribe {
    return this.scanListeners.add(listener);
  }

  onBadRead(listener: (bad: BadRead) => void): Unsubscribe {
    return this.badReadListeners.add(listener);
  }

  onStatus(listener: (status: ScannerStatus) => void): Unsubscribe {
    return this.statusListeners.add(listener);
  }

  async open(): Promise<void> {
    if (this.wanted && this.transport?.isOpen) return;
    this.wanted = true;
    this.clearReconnect();
    this.setState('connecting');
    try {
      await this.connect();
    } catch (error) {
      const message = errorText(error);
      if (this.wanted) {
        this.setState('error', this.retryIfMissing ? `${message} (looking again every ${this.reconnectIntervalMs} ms)` : message);
        if (this.retryIfMissing) this.scheduleReconnect();
        else this.wanted = false;
      }
      throw new Error(message);
    }
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.clearReconnect();
    await this.connecting?.catch(() => undefined);
    const transport = this.transport;
    if (transport) {
      this.detach('closed mid-code');
      await transport.close();
    }
    this.setState('disconnected');
  }

  // ---- connection ------------------------------------------------------------------------------

  private connect(): Promise<void> {
    this.connecting ??= this.openTransport().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

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
    if (!this.wanted) {
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
    this.setState('connected');
  }

  /** The device went away (unplugged) or failed: report, then look for it again. */
  private onLost(transport: HidTransport, why: string): void {
    if (transport !== this.transport) return;
    this.detach('disconnected mid-code');
    void transport.close();
    if (!this.wanted) return;
    this.setState('disconnected', `${why}; looking for the device every ${this.reconnectIntervalMs} ms`);
    this.scheduleReconnect();
  }

  private detach(partialReason: string): void {
    this.transport = undefined;
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    this.clearTimeoutTimer();
    for (const result of this.decoder.flush(this.clock.now(), partialReason)) this.emit(result);
  }

  private scheduleReconnect(): void {
    if (!this.wanted || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.wanted || this.transport) return;
      this.connect().catch((error: unknown) => {
        if (this.state === 'error') this.setState('error', `${errorText(error)} (looking again every ${this.reconnectIntervalMs} ms)`);
        this.scheduleReconnect();
      });
    }, this.reconnectIntervalMs);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  // ---- reports ---------------------------------------------------------------------------------

  private onReport(transport: HidTransport, report: Uint8Array): void {
    if (transport !== this.transport) return;
    for (const result of this.decoder.push(report, this.clock.now())) this.emit(result);
    this.clearTimeoutTimer();
    if (this.decoder.nextDeadline() !== undefined) {
      // a real timer measures the gap, so a frozen test clock cannot hold a partial code forever
      this.timeoutTimer = setTimeout(() => this.onTimeout(), this.decoder.timeoutMs);
    }
  }

  private onTimeout(): void {
    this.timeoutTimer = undefined;
    for (const result of this.decoder.flush(this.clock.now())) this.emit(result);
  }

  private clearTimeoutTimer(): void {
    if (this.timeoutTimer !== undefined) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = undefined;
  }

  // ---- events ----------------------------------------------------------------------------------

  private emit(result: FramerOutput): void {
    if (result.kind === 'frame') {
      this.scans++;
      this.scanListeners.emit(scanEventOf(result, this.id, this.kind));
    } else {
      this.badReads++;
      this.badReadListeners.emit(badReadOf(result, this.id, this.kind));
    }
    this.publishStatus();
  }

  private description(): string {
    if (this.fixedDescription !== undefined) return this.fixedDescription;
    const mode = this.kind === 'hid-pos' ? 'HID POS' : 'HID keyboard-mode';
    const device = this.knownDevice;
    const name = device ? `${device.product ?? 'scanner'} (${hex4(device.vendorId)}:${hex4(device.productId)}${device.path ? ` at ${device.path}` : ''})` : describeTarget(this.target);
    return `${this.simulated ? 'simulated ' : ''}${mode} ${name}`;
  }

  private setState(state: ScannerState, error?: string): void {
    this.state = state;
    this.error = error;
    this.publishStatus();
  }

  private publishStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.statusListeners.emit(status);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
