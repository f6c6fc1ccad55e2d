/** Real serial scanners as the host configures them (from `regi serve --serial ...`). */
import type { Clock, ScannerDriver } from '../core/ports.js';
import { SerialScannerDriver } from '../hardware/serial/serial-scanner-driver.js';

export const SUFFIXES = { CR: '\r', LF: '\n', CRLF: '\r\n' } as const;

export interface SerialScannerOptions {
  id: string;
  path: string;
  baudRate: number;
  suffix: keyof typeof SUFFIXES;
}

export function createSerialScannerDriver(options: SerialScannerOptions, clock: Clock): ScannerDriver {
  return new SerialScannerDriver({
    id: options.id,
    path: options.path,
    baudRate: options.baudRate,
    suffix: options.suffix,
    clock,
  });
}
