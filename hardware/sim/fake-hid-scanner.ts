/**
 * A simulated USB HID scanner at the node-hid interface: it sits in a FakeHidRegistry (so discovery lists
 * it) and sends the real report bytes a HID POS or keyboard-mode scanner sends, one report per tick.
 * Tester controls: scan, replay captured reports, unplug / plug, and faults. Each fault is built so the
 * driver can see it and reject the read with a reason:
 *
 *   drop-report           the report that ends the code is lost (HID POS: the last continuation report;
 *                         keyboard: the Enter press) -> missing continuation / missing suffix
 *   flip-byte             bit 7 of the first data byte (HID POS) or keycode (keyboard) flipped -> non-printable / unknown key
 *   missing-continuation  HID POS: the last report still says "continued"; keyboard: no suffix key at all
 *   garbage-report        a report of noise instead of the code -> wrong report id / not a boot report
 *   disconnect-mid-code   the scanner is unplugged after part of the code -> bad read "disconnected mid-code";
 *                         it stays unplugged until plug()
 *
 * A HID POS code short enough for one report is split over two for the faults that need a continuation.
 */
import { DEFAULT_HID_POS_LAYOUT, validateHidPosLayout, type HidPosLayout } from '../hid/hid-pos-layout.js';
import type { HidDeviceInfo } from '../hid/hid-transport.js';
import { encodeHidPosReports, encodeKeyboardReports } from './fake-hid-reports.js';
import { FAKE_UNPLUG_MESSAGE, nextTick, type FakeHidEndpoint, type FakeHidRegistry, type FakeHidTransport } from './fake-hid-transport.js';

export type FakeHidMode = 'hid-pos' | 'hid-keyboard';

export const FAKE_HID_FAULTS = ['drop-report', 'flip-byte', 'missing-continuation', 'garbage-report', 'disconnect-mid-code'] as const;
export type FakeHidFault = (typeof FAKE_HID_FAULTS)[number];

export interface FakeHidScannerOptions {
  registry: FakeHidRegistry;
  mode: FakeHidMode;
  vendorId: number;
  productId: number;
  /** Default /dev/hidraw-sim-N. */
  path?: string;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  /** HID POS report layout. Default: DEFAULT_HID_POS_LAYOUT. */
  layout?: HidPosLayout;
  /** AIM id sent with every scan unless a scan names its own (HID POS field, or typed before the data in keyboard mode). */
  aimId?: string;
  /** Keyboard mode: key typed after the code. Default 'Enter'. */
  suffix?: 'Enter' | 'Tab';
  /** Keyboard mode: report id before each boot report, or null (default). */
  keyboardReportId?: number | null;
  /** When set, the scanner sends nothing until it receives this feature report (as some HID POS scanners need). */
  requireEnableReport?: Uint8Array;
  /** Plugged in at creation. Default true. */
  plugged?: boolean;
}

export interface FakeScanOptions {
  aimId?: string;
  fault?: FakeHidFault;
}

let nextPathNumber = 0;

export class FakeHidScanner implements FakeHidEndpoint {
  readonly info: HidDeviceInfo;
  readonly mode: FakeHidMode;
  readonly layout: HidPosLayout;
  /** Feature reports received, oldest first. */
  readonly featureReports: Uint8Array[] = [];
  private readonly registry: FakeHidRegistry;
  private readonly options: FakeHidScannerOptions;
  private readonly transports = new Set<FakeHidTransport>();
  private enabled: boolean;
  /** Reports go out one at a time, in call order, as from one USB endpoint. */
  private queue: Promise<void> = Promise.resolve();
  private garbageSeed = 0x2545f491;

  constructor(options: FakeHidScannerOptions) {
    this.options = options;
    this.registry = options.registry;
    this.mode = options.mode;
    if (options.mode !== 'hid-pos' && options.mode !== 'hid-keyboard') throw new TypeError(`fake HID scanner: mode must be 'hid-pos' or 'hid-keyboard', got ${JSON.stringify(options.mode)}`);
    this.layout = options.layout ?? DEFAULT_HID_POS_LAYOUT;
    validateHidPosLayout(this.layout, 'fake HID scanner layout');
    const isPos = options.mode === 'hid-pos';
    this.info = {
      vendorId: options.vendorId,
      productId: options.productId,
      path: options.path ?? `/dev/hidraw-sim-${nextPathNumber++}`,
      usagePage: isPos ? 0x8c : 0x01,
      usage: isPos ? 0x02 : 0x06,
      product: options.product ?? (isPos ? 'Simulated HID POS scanner' : 'Simulated keyboard-mode scanner'),
      manufacturer: options.manufacturer ?? 'Regi simulator',
      ...(options.serialNumber === undefined ? {} : { serialNumber: options.serialNumber }),
    };
    this.enabled = options.requireEnableReport === undefined;
    if (options.plugged ?? true) this.registry.plug(this);
  }

  get plugged(): boolean {
    return this.registry.isPlugged(this);
  }

  /** Transports currently open on this device. */
  get openCount(): number {
    return this.transports.size;
  }

  // ---- tester controls --------------------------------------------------------------------------

  /** Sends `code` as the scanner would; resolves once every report is out. Returns the reports sent. */
  scan(code: string, options: FakeScanOptions = {}): Promise<Uint8Array[]> {
    const aimId = options.aimId ?? this.options.aimId;
    if (options.fault !== undefined && !FAKE_HID_FAULTS.includes(options.fault)) {
      return Promise.reject(new TypeError(`unknown fault ${JSON.stringify(options.fault)}; one of ${FAKE_HID_FAULTS.join(', ')}`));
    }
    try {
      const plan = this.mode === 'hid-pos' ? this.posPlan(code, aimId, options.fault) : this.keyboardPlan(code, aimId, options.fault);
      return this.enqueue(plan.reports, plan.unplugAfter);
    } catch (error) {
      // a code the scanner cannot send (not Latin-1, not typeable on a US layout) is the caller's error
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Sends captured reports byte for byte. */
  replay(reports: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return this.enqueue(reports.map((r) => Uint8Array.from(r)), false);
  }

  /** The device vanishes: open transports get an async read error, list() stops showing it. */
  unplug(): void {
    this.registry.unplug(this);
    for (const transport of [...this.transports]) transport.fail(FAKE_UNPLUG_MESSAGE);
    this.transports.clear();
    this.enabled = this.options.requireEnableReport === undefined;
  }

  plug(): void {
    this.registry.plug(this);
  }

  // ---- FakeHidEndpoint -------------------------------------------------------------------------

  attach(transport: FakeHidTransport): void {
    this.transports.add(transport);
  }

  detach(transport: FakeHidTransport): void {
    this.transports.delete(transport);
  }

  receiveFeatureReport(bytes: Uint8Array): void {
    this.featureReports.push(bytes);
    const wanted = this.options.requireEnableReport;
    if (wanted && bytes.length === wanted.length && bytes.every((b, i) => b === wanted[i])) this.enabled = true;
  }

  // ---- report plans ----------------------------------------------------------------------------

  private posPlan(code: string, aimId: string | undefined, fault: FakeHidFault | undefined): { reports: Uint8Array[]; unplugAfter: boolean } {
    const layout = this.layout;
    const base = { layout, ...(aimId === undefined ? {} : { aimId }) };
    if (fault === 'garbage-report') return { reports: [this.garbage(layout.reportLength, layout.reportId ?? 0)], unplugAfter: false };
    let reports = encodeHidPosReports(code, base);
    const needsTwo = fault === 'drop-report' || fault === 'missing-continuation' || fault === 'disconnect-mid-code';
    if (needsTwo && reports.length === 1) {
      if (code.length < 2) throw new RangeError(`fault ${fault} needs a code of at least 2 characters`);
      if (layout.continuationFlag === null) throw new RangeError(`fault ${fault} needs a layout with a continuation flag`);
      reports = encodeHidPosReports(code, { ...base, chunkSize: Math.ceil(code.length / 2) });
    }
    switch (fault) {
      case undefined:
        return { reports, unplugAfter: false };
      case 'drop-report':
        return { reports: reports.slice(0, -1), unplugAfter: false };
      case 'missing-continuation': {
        const last = reports[reports.length - 1]!;
        last[layout.continuationFlag!.byteOffset]! |= layout.continuationFlag!.mask;
        return { reports, unplugAfter: false };
      }
      case 'flip-byte':
        reports[0]![layout.dataOffset]! ^= 0x80;
        return { reports, unplugAfter: false };
      case 'disconnect-mid-code':
        return { reports: reports.slice(0, Math.max(1, reports.length - 1)), unplugAfter: true };
    }
  }

  private keyboardPlan(code: string, aimId: string | undefined, fault: FakeHidFault | undefined): { reports: Uint8Array[]; unplugAfter: boolean } {
    const reportId = this.options.keyboardReportId ?? null;
    const suffix = this.options.suffix ?? 'Enter';
    if (fault === 'garbage-report') return { reports: [this.garbage(13, 0)], unplugAfter: false };
    const text = (aimId ?? '') + code;
    const reports = encodeKeyboardReports(text, { reportId, suffix: fault === 'missing-continuation' ? 'none' : suffix });
    const keyOffset = (reportId === null ? 0 : 1) + 2;
    switch (fault) {
      case undefined:
      case 'missing-continuation':
        return { reports, unplugAfter: false };
      case 'drop-report':
        // the suffix press is second to last (its release follows)
        return { reports: reports.filter((_, i) => i !== reports.length - 2), unplugAfter: false };
      case 'flip-byte':
        reports[0]![keyOffset]! ^= 0x80;
        return { reports, unplugAfter: false };
      case 'disconnect-mid-code': {
        // whole press/release pairs for the first half of the characters
        const pairs = Math.max(1, Math.floor(text.length / 2));
        return { reports: reports.slice(0, pairs * 2), unplugAfter: true };
      }
    }
  }

  /** Noise whose first byte is never the expected report id (xorshift, so runs are reproducible). */
  private garbage(length: number, reportId: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      let x = this.garbageSeed;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.garbageSeed = x >>> 0;
      bytes[i] = this.garbageSeed & 0xff;
    }
    if (bytes[0] === reportId) bytes[0] = reportId ^ 0xff;
    return bytes;
  }

  private enqueue(reports: Uint8Array[], unplugAfter: boolean): Promise<Uint8Array[]> {
    const run = this.queue.then(async () => {
      const sent: Uint8Array[] = [];
      for (const report of reports) {
        await nextTick();
        if (!this.enabled) continue;
        for (const transport of [...this.transports]) transport.deliver(report);
        sent.push(report);
      }
      if (unplugAfter) {
        await nextTick();
        this.unplug();
      }
      return sent;
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
