/**
 * A simulated serial scanner: writes into the feeder end of a pty pair what a real scanner puts on the
 * wire (optional AIM id, the data, the suffix), optionally paced at the configured baud so the driver sees
 * bytes trickle in as from a UART. sendRaw/sendChunks inject faults (split or delayed chunks, missing
 * suffix, noise) without going around the driver.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import { suffixBytes, validateFraming, DEFAULT_FRAMING, type Suffix } from '../framing/types.js';
import { bitsPerByte, validateLineSettings, type LineSettings } from '../serial/line-settings.js';

export interface SimulatedSerialScannerOptions extends Partial<LineSettings> {
  id: string;
  /** The pty end to write into. */
  feederPath: string;
  /** Suffix after each scan. Default CR. */
  suffix?: Suffix;
  /** AIM id sent before each scan unless a scan names its own, e.g. "]E0". Default: none. */
  aimId?: string;
  /** Pace every write at the baud rate. Default false (one chunk per write). */
  realisticTiming?: boolean;
}

export interface SimScanWriteOptions {
  aimId?: string;
  suffix?: Suffix;
  realisticTiming?: boolean;
}

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;

export class SimulatedSerialScanner {
  readonly id: string;
  readonly feederPath: string;
  readonly settings: LineSettings;
  private readonly suffix: Suffix;
  private readonly aimId: string | undefined;
  private readonly realisticTiming: boolean;
  private port: SerialPort | undefined;
  /** Writes run one after another, as a scanner sends one read at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SimulatedSerialScannerOptions) {
    this.id = options.id;
    this.feederPath = options.feederPath;
    this.settings = {
      baudRate: options.baudRate ?? 9600,
      dataBits: options.dataBits ?? 8,
      parity: options.parity ?? 'none',
      stopBits: options.stopBits ?? 1,
    };
    validateLineSettings(this.settings, `simulated scanner "${this.id}"`);
    this.suffix = options.suffix ?? 'CR';
    validateFraming({ ...DEFAULT_FRAMING, suffix: this.suffix }, `simulated scanner "${this.id}"`);
    if (options.aimId !== undefined) checkAimId(options.aimId);
    this.aimId = options.aimId;
    this.realisticTiming = options.realisticTiming ?? false;
  }

  /** Milliseconds one byte takes on the wire: start bit + data bits + parity + stop bits at the baud. */
  get byteTimeMs(): number {
    return (bitsPerByte(this.settings) * 1000) / this.settings.baudRate;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({ path: this.feederPath, ...this.settings, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) =>
        error ? reject(new Error(`simulated scanner "${this.id}": cannot open feeder ${this.feederPath}: ${error.message}`)) : resolve(),
      ),
    );
    // the feeder vanishes when its pty pair is unplugged; that is the test's business, not a crash
    port.on('error', () => undefined);
    this.port = port;
  }

  /** Closes the feeder end (a scanner cable pulled from the port). */
  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** The bytes a scan of `data` puts on the wire. */
  encode(data: string, options: Pick<SimScanWriteOptions, 'aimId' | 'suffix'> = {}): Uint8Array {
    const aimId = options.aimId ?? this.aimId ?? '';
    if (aimId !== '') checkAimId(aimId);
    const text = aimId + data;
    const body = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) {
        throw new RangeError(`simulated scanner "${this.id}": character ${JSON.stringify(text[i])} at ${i} is not a single byte; use sendRaw for encoded payloads`);
      }
      body[i] = code;
    }
    const tail = suffixBytes(options.suffix ?? this.suffix);
    const bytes = new Uint8Array(body.length + tail.length);
    bytes.set(body);
    bytes.set(tail, body.length);
    return bytes;
  }

  /** Sends one scan as a scanner would: AIM id (if any), data, suffix. Resolves once written. */
  scan(data: string, options: SimScanWriteOptions = {}): Promise<void> {
    const bytes = this.encode(data, options);
    return this.sendRaw(bytes, options);
  }

  /** Sends exactly these bytes (fault injection: noise, no suffix, half a code). */
  sendRaw(bytes: Uint8Array, options: Pick<SimScanWriteOptions, 'realisticTiming'> = {}): Promise<void> {
    const paced = options.realisticTiming ?? this.realisticTiming;
    return this.enqueue(() => (paced ? this.writePaced(bytes) : this.write(bytes)));
  }

  /** Sends each chunk as its own write with `gapMs` between them (split or delayed chunks). */
  sendChunks(chunks: readonly Uint8Array[], gapMs: number): Promise<void> {
    return this.enqueue(async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0 && gapMs > 0) await sleep(gapMs);
        await this.write(chunk);
      }
    });
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Byte i goes out when its last bit would have: (i + 1) byte times after the start. Timers are late
   * by a millisecond or more, so each wake-up writes every byte that is due by then; the total duration
   * stays that of the wire, however coarse the timer.
   */
  private async writePaced(bytes: Uint8Array): Promise<void> {
    const byteMs = this.byteTimeMs;
    const start = performance.now();
    let sent = 0;
    while (sent < bytes.length) {
      const due = Math.min(bytes.length, Math.floor((performance.now() - start) / byteMs));
      if (due > sent) {
        await this.write(bytes.subarray(sent, due));
        sent = due;
      }
      if (sent < bytes.length) await sleep(Math.max(0, (sent + 1) * byteMs - (performance.now() - start)));
    }
  }

  private write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) {
      return Promise.reject(new Error(`simulated scanner "${this.id}" is not open (feeder ${this.feederPath})`));
    }
    return new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) reject(new Error(`simulated scanner "${this.id}": write failed: ${error.message}`));
      });
      port.drain((error) => (error ? reject(new Error(`simulated scanner "${this.id}": write failed: ${error.message}`)) : resolve()));
    });
  }
}

function checkAimId(aimId: string): void {
  if (!AIM_ID.test(aimId)) throw new TypeError(`aimId must be "]" + a letter + a modifier like "]E0", got ${JSON.stringify(aimId)}`);
}
