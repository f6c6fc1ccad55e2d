/**
 * The half of a ScannerDriver that does not depend on the transport, shared by the serial and HID drivers:
 * the scan / bad-read / status listeners, the counters and state behind status(), a status update only
 * when the status changed, and the open / retry lifecycle. The driver keeps its device: it tells the hub
 * how to open one and which one is current, and calls lost() when it goes away.
 *
 * Order kept for every read: the scan or bad-read listeners first, then the status update.
 */
import type { BadRead, ScanEvent, ScannerKind, ScannerState, ScannerStatus, Unsubscribe } from '../core/ports.js';
import { badReadOf, scanEventOf } from './framing/driver-events.js';
import type { FramerOutput } from './framing/types.js';
import { ListenerSet, errorText } from './listener-set.js';

export type ListenerChannel = 'scan' | 'bad read' | 'status';

export interface DriverHubOptions {
  driverId: string;
  kind: ScannerKind;
  /** Names the driver in option errors: `serial scanner "a"`. */
  where: string;
  /** Label of the log line when a listener throws. Default `${where} ${channel}`. */
  listenerLabel?: (channel: ListenerChannel) => string;
  description(): string;
  simulated(): boolean;
  /** Delay between attempts to (re)open the device. Default 1000 ms. */
  reconnectIntervalMs?: number;
  /** Keep trying in the background when the first open() fails. Default true. */
  retryIfMissing?: boolean;
  /** How a failed open says it keeps trying: `retrying every` gives "<error> (retrying every 1000 ms)". */
  retryWording: string;
  /** How a lost device says it keeps trying: `retrying every` gives "<why>; retrying every 1000 ms". */
  lostWording: string;
  /** Whether the reconnect timer may let the process exit. */
  unrefTimer: boolean;
  /** Opens the device and makes it current; rejects with a clear error. Checks `wanted` after its awaits. */
  openDevice(): Promise<void>;
  /** The device in use, if any. */
  currentDevice(): { readonly isOpen: boolean } | undefined;
}

export class DriverHub {
  readonly reconnectIntervalMs: number;
  private readonly retryIfMissing: boolean;
  private readonly options: DriverHubOptions;

  private readonly scanListeners: ListenerSet<ScanEvent>;
  private readonly badReadListeners: ListenerSet<BadRead>;
  private readonly statusListeners: ListenerSet<ScannerStatus>;

  private state: ScannerState = 'disconnected';
  private error: string | undefined;
  private scans = 0;
  private badReads = 0;
  private lastStatusKey = '';

  private isWanted = false;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: DriverHubOptions) {
    this.options = options;
    this.reconnectIntervalMs = options.reconnectIntervalMs ?? 1000;
    if (!Number.isFinite(this.reconnectIntervalMs) || this.reconnectIntervalMs <= 0) {
      throw new TypeError(`${options.where}: reconnectIntervalMs must be a positive number, got ${String(options.reconnectIntervalMs)}`);
    }
    this.retryIfMissing = options.retryIfMissing ?? true;
    const label = options.listenerLabel ?? ((channel: ListenerChannel) => `${options.where} ${channel}`);
    this.scanListeners = new ListenerSet(label('scan'));
    this.badReadListeners = new ListenerSet(label('bad read'));
    this.statusListeners = new ListenerSet(label('status'));
  }

  /** True between open() and close(): the driver wants its device and keeps trying to get it. */
  get wanted(): boolean {
    return this.isWanted;
  }

  status(): ScannerStatus {
    return {
      driverId: this.options.driverId,
      kind: this.options.kind,
      description: this.options.description(),
      state: this.state,
      simulated: this.options.simulated(),
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

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Rejects with the device's error when the first attempt fails; retries in the background unless told not to. */
  async open(): Promise<void> {
    if (this.isWanted && this.options.currentDevice()?.isOpen) return;
    this.isWanted = true;
    this.clearReconnect();
    this.setState('connecting');
    try {
      await this.connect();
    } catch (error) {
      const message = errorText(error);
      if (this.isWanted) {
        this.setState('error', this.retryIfMissing ? this.retrying(message) : message);
        if (this.retryIfMissing) this.scheduleReconnect();
        else this.isWanted = false;
      }
      throw new Error(message);
    }
  }

  /** Stops retrying, waits for an open in progress, lets the driver release its device, then reports 'disconnected'. */
  async close(release: () => Promise<void>): Promise<void> {
    this.isWanted = false;
    this.clearReconnect();
    await this.connecting?.catch(() => undefined);
    await release();
    this.setState('disconnected');
  }

  /** The device went away or failed (the driver has already detached it): report and retry. */
  lost(why: string): void {
    if (!this.isWanted) return;
    this.setState('disconnected', `${why}; ${this.options.lostWording} ${this.reconnectIntervalMs} ms`);
    this.scheduleReconnect();
  }

  private retrying(message: string): string {
    return `${message} (${this.options.retryWording} ${this.reconnectIntervalMs} ms)`;
  }

  private connect(): Promise<void> {
    this.connecting ??= this.options.openDevice().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private scheduleReconnect(): void {
    if (!this.isWanted || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.isWanted || this.options.currentDevice()) return;
      this.connect().catch((error: unknown) => {
        if (this.state === 'error') this.setState('error', this.retrying(errorText(error)));
        this.scheduleReconnect();
      });
    }, this.reconnectIntervalMs);
    if (this.options.unrefTimer) this.reconnectTimer.unref?.();
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  // ---- events ----------------------------------------------------------------------------------

  /** A framed read: counted, told to its listeners, then the status update. */
  emit(result: FramerOutput): void {
    const { driverId, kind } = this.options;
    if (result.kind === 'frame') {
      this.scans++;
      this.scanListeners.emit(scanEventOf(result, driverId, kind));
    } else {
      this.badReads++;
      this.badReadListeners.emit(badReadOf(result, driverId, kind));
    }
    this.publishStatus();
  }

  setState(state: ScannerState, error?: string): void {
    this.state = state;
    this.error = error;
    this.publishStatus();
  }

  /** Tells the status listeners, unless nothing in the status changed since the last time. */
  private publishStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.statusListeners.emit(status);
  }
}

/**
 * The ScannerDriver methods a driver answers straight from its hub; the serial and HID drivers extend it and
 * keep only what touches their device (close, and the reads).
 */
export abstract class HubDriver {
  protected abstract readonly hub: DriverHub;

  status(): ScannerStatus {
    return this.hub.status();
  }

  onScan(listener: (event: ScanEvent) => void): Unsubscribe {
    return this.hub.onScan(listener);
  }

  onBadRead(listener: (bad: BadRead) => void): Unsubscribe {
    return this.hub.onBadRead(listener);
  }

  onStatus(listener: (status: ScannerStatus) => void): Unsubscribe {
    return this.hub.onStatus(listener);
  }

  open(): Promise<void> {
    return this.hub.open();
  }
}
