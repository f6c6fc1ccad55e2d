/** What testers can do to a register running in simulator mode (control API, CLI, tester panel). */
import type { ScannerStatus } from '../core/ports.js';
import { HttpError } from './http-util.js';

export const SIM_SCANNER_KINDS = ['serial', 'hid-pos', 'hid-keyboard'] as const;
export type SimScannerKind = (typeof SIM_SCANNER_KINDS)[number];

/** Faults a simulated serial scanner can inject (docs/scanners.md explains each). */
export const SERIAL_FAULTS = [
  'split-chunks',
  'delayed-chunks',
  'drop-byte',
  'flip-byte',
  'missing-suffix',
  'overlong-garbage',
  'binary-noise',
  'disconnect-mid-code',
] as const;
/** Faults a simulated HID scanner can inject: hardware/sim/fake-hid-scanner.ts FAKE_HID_FAULTS. */
export const HID_FAULTS = ['drop-report', 'flip-byte', 'missing-continuation', 'garbage-report', 'disconnect-mid-code'] as const;
export type SimFault = (typeof SERIAL_FAULTS)[number] | (typeof HID_FAULTS)[number];
export const ALL_FAULTS: readonly SimFault[] = [...new Set<SimFault>([...SERIAL_FAULTS, ...HID_FAULTS])];

export interface SimScannerInfo {
  id: string;
  kind: SimScannerKind;
  /** Serial: the pty the register's real serial driver has open. HID: the fake hidraw path. */
  devicePath: string;
  /** Serial only: the other end of the pty pair, where simulated bytes are written. */
  feederPath?: string;
  /** HID only: USB vendor and product id of the simulated device, as "VID:PID" in hex. */
  usbId?: string;
  /** False after unplug until replug. */
  plugged: boolean;
  /** The register's driver for this scanner: state, scans, badReads. */
  status: ScannerStatus;
  /** Faults this scanner accepts (POST /api/sim/scanners/ID/fault). */
  faults: readonly SimFault[];
}

export interface SimScanOptions {
  /** Prefix the data with this AIM id (e.g. "]E0"); default: none. */
  aimId?: string;
  /** Pace bytes at the port's baud rate (serial) or reports at the USB poll interval (HID), as a real scanner does. */
  realisticTiming?: boolean;
}

/** What the register's driver made of the bytes the simulator sent. */
export type ScanDelivery =
  | { result: 'scan'; data: string; aimId?: string; symbology: string }
  | { result: 'bad-read'; reason: string };

export type MaybeDelivery = ScanDelivery | { result: 'nothing' };

export interface FaultResult {
  fault: SimFault;
  /** The first thing the driver reported ('nothing' when it reported nothing in time). */
  delivery: MaybeDelivery;
  /** Everything the driver reported while the fault played out, oldest first. */
  deliveries: ScanDelivery[];
}

export interface SimulatorControl {
  list(): SimScannerInfo[];
  add(options: { id?: string; kind?: SimScannerKind }): Promise<SimScannerInfo>;
  remove(id: string): Promise<void>;
  /** Sends a code as the scanner would and resolves once the driver has framed it. */
  scan(id: string, data: string, options?: SimScanOptions): Promise<ScanDelivery>;
  /** Serial only: writes raw bytes; resolves once the driver reported a scan or bad read, or after timeoutMs. */
  sendRaw(id: string, bytes: Uint8Array, timeoutMs?: number): Promise<MaybeDelivery>;
  /** HID only: sends captured input reports byte for byte. */
  replay(id: string, reports: readonly Uint8Array[], timeoutMs?: number): Promise<MaybeDelivery>;
  /** Plays one fault with `data` as the code (default: a demo code). */
  fault(id: string, fault: SimFault, data?: string): Promise<FaultResult>;
  /** The device vanishes (socat killed / USB unplugged); the driver reports 'disconnected'. */
  unplug(id: string): Promise<SimScannerInfo>;
  /** The device is back; resolves once the driver reports 'connected' again. */
  replug(id: string): Promise<SimScannerInfo>;
  close(): Promise<void>;
}

export class SimulatorError extends Error {
  constructor(
    readonly status: 404 | 409 | 400 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }
}

/** The simulators of a register started with --simulator; a production register answers 403 production-mode. */
export function requireSimulators(ctx: { simulators: SimulatorControl | null }): SimulatorControl {
  if (!ctx.simulators) {
    throw new HttpError(403, 'simulator controls are disabled: this register runs in production mode (start it with --simulator)', 'production-mode');
  }
  return ctx.simulators;
}
