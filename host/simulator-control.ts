/** What testers can do to a register running in simulator mode (control API, CLI, tester panel). */
export interface SimScannerInfo {
  id: string;
  kind: 'serial';
  /** The pty the register's real serial driver has open. */
  devicePath: string;
  /** The other end of the pty pair, where simulated bytes are written. */
  feederPath: string;
}

export interface SimScanOptions {
  /** Prefix the data with this AIM id (e.g. "]E0"); default: none. */
  aimId?: string;
  /** Pace bytes at the port's baud rate, as a real scanner does. */
  realisticTiming?: boolean;
}

/** What the register's driver made of the bytes the simulator sent. */
export type ScanDelivery =
  | { result: 'scan'; data: string; aimId?: string; symbology: string }
  | { result: 'bad-read'; reason: string };

export interface SimulatorControl {
  list(): SimScannerInfo[];
  add(options: { id?: string }): Promise<SimScannerInfo>;
  remove(id: string): Promise<void>;
  /** Sends a code as the scanner would (data + CR) and resolves once the driver has framed it. */
  scan(id: string, data: string, options?: SimScanOptions): Promise<ScanDelivery>;
  /** Writes raw bytes (fault injection); resolves once the driver reported a scan or bad read, or after timeoutMs. */
  sendRaw(id: string, bytes: Uint8Array, timeoutMs?: number): Promise<ScanDelivery | { result: 'nothing' }>;
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
