/** One simulated scanner of any kind, as the Simulators registry drives it. */
import type { ScannerDriver } from '../../core/ports.js';
import type { SimFault, SimScanOptions, SimScannerInfo, SimScannerKind } from '../simulator-control.js';

export interface SimulatedScanner {
  readonly id: string;
  readonly kind: SimScannerKind;
  /** The register's REAL driver for the device (serial driver on a pty, HID driver on the fake transport). */
  readonly driver: ScannerDriver;
  readonly faults: readonly SimFault[];
  readonly plugged: boolean;
  info(): SimScannerInfo;
  /** Sends a good read of `data`; resolves once it is on the wire. */
  scan(data: string, options: SimScanOptions): Promise<void>;
  /** Plays a fault; resolves once every byte/report is out (and the device is unplugged, for disconnect-mid-code). */
  playFault(fault: SimFault, data: string): Promise<void>;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** Serial scanners write raw bytes; HID scanners replay reports. */
export interface RawBytesScanner extends SimulatedScanner {
  sendRaw(bytes: Uint8Array): Promise<void>;
}
export interface ReplayScanner extends SimulatedScanner {
  replay(reports: readonly Uint8Array[]): Promise<void>;
}
