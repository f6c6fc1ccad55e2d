/**
 * A serial (RS-232 / USB-CDC / pty) barcode scanner: the real `serialport` package opens the device and
 * @serialport/parser-readline splits the byte stream at the configured suffix (Latin-1, so every byte
 * survives). Alongside, a LineAssembler keeps the same bytes with their arrival times, which gives each
 * read its first-byte time, caps overlong garbage, and turns a read whose suffix never comes into a bad
 * read after the inter-byte timeout (the parser is then replaced, so the stale half never joins the next
 * code). Reads are judged by the shared framing rules: AIM id, noise, length.
 *
 * Opening: open() rejects with a clear error when the first attempt fails (missing path, no permission).
 * Unless `retryIfMissing` is false the driver then keeps trying every reconnectIntervalMs in the
 * background and reports 'connected' when the device appears, so a register can start before its scanner
 * is plugged in. After an unplug (port closed or errored) it goes 'disconnected' and retries the same way
 * until close() is called.
 */
import { existsSync } from 'node:fs';
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { systemClock, type Clock, type ScannerDriver, type Unsubscribe } from '../../core/ports.js';
import { DriverHub, HubDriver } from '../driver-hub.js';
import { errorText } from '../listener-set.js';
import { LineAssembler } from '../framing/line-assembler.js';
import { DEFAULT_FRAMING, suffixBytes, suffixName, validateFraming, type FramingOptions, type Suffix } from '../framing/types.js';
import { DEFAULT_LINE, validateLineSettings, type LineSettings } from './line-settings.js';

export interface SerialScannerConfig extends Partial<LineSettings> {
  id: string;
  /** Device path: /dev/ttyUSB0, /dev/ttyACM0, a pty link, COM3. */
  path: string;
  /** Suffix the scanner sends after each read. Default CR. */
  suffix?: Suffix;
  /** A read with no byte for this long and no suffix is a bad read. Default 100 ms. */
  interByteTimeoutMs?: number;
  /** Longest accepted read (AIM id included). Default 512 bytes. */
  maxLength?: number;
  /** Strip and record a leading AIM symbology id ('auto', default) or never look for one ('none'). */
  aim?: 'auto' | 'none';
  /** Accept bytes 0x80-0xFF in reads. Default false. */
  allowHighBytes?: boolean;
  /** Delay between attempts to (re)open the port. Default 1000 ms. */
  reconnectIntervalMs?: number;
  /** Keep retrying in the background when the first open() fails. Default true. */
  retryIfMissing?: boolean;
  clock?: Clock;
  /** Marks the status as a simulated device (a pty pair). */
  simulated?: boolean;
  /** Overrides the status description (default: path and line settings). */
  description?: string;
}

/** How often a connected port's device node is checked for presence (a stat call). */
const PRESENCE_CHECK_MS = 250;

export class SerialScannerDriver extends HubDriver implements ScannerDriver {
  readonly id: string;
  readonly kind = 'serial' as const;
  readonly path: string;
  readonly line: LineSettings;
  readonly framing: FramingOptions;
  private readonly clock: Clock;
  private readonly simulated: boolean;
  private readonly description: string;
  /** Listeners, counters, status and the open / retry lifecycle; this class keeps the port and the bytes. */
  protected readonly hub: DriverHub;
  private readonly bytesListeners = new Set<(chunk: Uint8Array, at: number) => void>();

  private port: SerialPort | undefined;
  private parser: ReadlineParser;
  private readonly assembler: LineAssembler;
  private interByteTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  /** Counts chunks so a deferred expiry can tell that bytes arrived after it was scheduled. */
  private chunksSeen = 0;

  constructor(config: SerialScannerConfig) {
    super();
    if (typeof config.id !== 'string' || config.id === '') throw new TypeError('serial scanner: id must be a non-empty string');
    const where = `serial scanner "${config.id}"`;
    if (typeof config.path !== 'string' || config.path === '') throw new TypeError(`${where}: path must be a non-empty device path`);
    this.id = config.id;
    this.path = config.path;
    this.line = {
      baudRate: config.baudRate ?? DEFAULT_LINE.baudRate,
      dataBits: config.dataBits ?? DEFAULT_LINE.dataBits,
      parity: config.parity ?? DEFAULT_LINE.parity,
      stopBits: config.stopBits ?? DEFAULT_LINE.stopBits,
    };
    validateLineSettings(this.line, where);
    this.framing = {
      suffix: config.suffix ?? DEFAULT_FRAMING.suffix,
      maxLength: config.maxLength ?? DEFAULT_FRAMING.maxLength,
      interByteTimeoutMs: config.interByteTimeoutMs ?? DEFAULT_FRAMING.interByteTimeoutMs,
      aim: config.aim ?? DEFAULT_FRAMING.aim,
      allowHighBytes: config.allowHighBytes ?? DEFAULT_FRAMING.allowHighBytes,
    };
    validateFraming(this.framing, where);
    this.hub = new DriverHub({
      driverId: this.id,
      kind: this.kind,
      where,
      listenerLabel: () => where,
      description: () => this.description,
      simulated: () => this.simulated,
      reconnectIntervalMs: config.reconnectIntervalMs,
      retryIfMissing: config.retryIfMissing,
      retryWording: 'retrying every',
      lostWording: 'retrying every',
      unrefTimer: true,
      openDevice: () => this.openPort(),
      currentDevice: () => this.port,
    });
    this.clock = config.clock ?? systemClock;
    this.simulated = config.simulated ?? false;
    const { baudRate, dataBits, parity, stopBits } = this.line;
    this.description =
      config.description ?? `${this.path} ${baudRate} ${dataBits}${parity.charAt(0).toUpperCase()}${stopBits} suffix ${suffixName(this.framing.suffix)}`;
    this.assembler = new LineAssembler(this.framing);
    this.parser = this.newParser();
  }

  /**
   * Every chunk as the port delivered it, before framing: for byte monitors, capture and replay, and
   * tests that must know bytes arrived before acting.
   */
  onBytes(listener: (chunk: Uint8Array, at: number) => void): Unsubscribe {
    this.bytesListeners.add(listener);
    return () => this.bytesListeners.delete(listener);
  }

  close(): Promise<void> {
    return this.hub.close(async () => {
      const port = this.port;
      if (!port) return;
      this.detach(port, 'closed mid-read');
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    });
  }

  // ---- connection ------------------------------------------------------------------------------

  private async openPort(): Promise<void> {
    const where = `serial scanner "${this.id}"`;
    // serialport's own message for a missing node is terse; say what to check
    if (!existsSync(this.path)) throw new Error(`${where}: ${this.path} does not exist (is the scanner plugged in and the path right?)`);
    const port = new SerialPort({ path: this.path, ...this.line, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => {
        if (!error) return resolve();
        const hint = /permission denied/i.test(error.message) ? ' (add the user to the dialout group)' : '';
        reject(new Error(`${where}: cannot open ${this.path}: ${error.message}${hint}`));
      }),
    );
    if (!this.hub.wanted) {
      // close() ran while the port was opening
      await new Promise<void>((resolve) => port.close(() => resolve()));
      return;
    }
    this.port = port;
    this.assembler.reset();
    this.parser = this.newParser();
    port.on('data', (chunk: Buffer) => this.onData(port, chunk));
    port.on('close', (error: Error | null) => this.onLost(port, error ? `port closed: ${error.message}` : 'port closed'));
    port.on('error', (error: Error) => {
      this.onLost(port, `port error: ${error.message}`);
      if (port.isOpen) port.close(() => undefined);
    });
    // A pty whose socat died can read as end-of-file rather than fail, and serialport then just reads again; some
    // USB-serial adapters go quiet the same way. The device node vanishing is the unplug signal of last resort.
    this.presenceTimer = setInterval(() => {
      if (this.port !== port || existsSync(this.path)) return;
      this.onLost(port, `${this.path} is gone`);
      if (port.isOpen) port.close(() => undefined);
    }, PRESENCE_CHECK_MS);
    this.presenceTimer.unref?.();
    this.hub.setState('connected');
  }

  /** The device went away (unplugged, socat killed) or failed: report and retry. */
  private onLost(port: SerialPort, why: string): void {
    if (port !== this.port) return;
    this.detach(port, 'disconnected mid-read');
    this.hub.lost(why);
  }

  private detach(port: SerialPort, partialReason: string): void {
    this.port = undefined;
    clearInterval(this.presenceTimer);
    this.presenceTimer = undefined;
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    // keep swallowing errors from a port being torn down
    port.removeAllListeners('error');
    port.on('error', () => undefined);
    this.clearInterByte();
    const bad = this.assembler.expire(this.clock.now(), `${partialReason}: ${this.assembler.length} bytes received without a suffix`);
    this.parser = this.newParser();
    if (bad) this.hub.emit(bad);
  }

  // ---- bytes -----------------------------------------------------------------------------------

  private newParser(): ReadlineParser {
    // object mode: each line is its own item, pulled synchronously right after the write below
    return new ReadlineParser({
      delimiter: Buffer.from(suffixBytes(this.framing.suffix)),
      includeDelimiter: true,
      encoding: 'latin1',
      readableObjectMode: true,
    });
  }

  private onData(port: SerialPort, chunk: Buffer): void {
    if (port !== this.port) return;
    const at = this.clock.now();
    this.chunksSeen++;
    for (const listener of [...this.bytesListeners]) {
      try {
        listener(chunk, at);
      } catch (error) {
        console.error(`[regi] serial scanner "${this.id}": a bytes listener threw: ${errorText(error)}`);
      }
    }
    this.assembler.add(chunk, at);
    this.parser.write(chunk);
    for (let line = this.parser.read() as string | Buffer | null; line !== null; line = this.parser.read() as string | Buffer | null) {
      const length = typeof line === 'string' ? Buffer.byteLength(line, 'latin1') : line.length;
      const result = this.assembler.complete(length);
      if (result) this.hub.emit(result);
    }
    const overflow = this.assembler.checkOverflow(at);
    if (overflow.dropped) this.parser = this.newParser();
    if (overflow.bad) this.hub.emit(overflow.bad);
    this.clearInterByte();
    if (this.assembler.length > 0) {
      this.interByteTimer = setTimeout(() => this.onInterByteTimeout(), this.framing.interByteTimeoutMs);
      this.interByteTimer.unref?.();
    }
  }

  /**
   * The timer measures the real gap since the last chunk; the injected clock only stamps the bad read,
   * so a frozen test clock cannot hold a partial read forever. Timers run before I/O in an event-loop
   * turn, so after a stall the expiry waits one setImmediate: bytes already waiting in the kernel get
   * their chance to arrive (and cancel it) first.
   */
  private onInterByteTimeout(): void {
    this.interByteTimer = undefined;
    const seen = this.chunksSeen;
    setImmediate(() => {
      if (seen !== this.chunksSeen || this.interByteTimer !== undefined) return;
      const bad = this.assembler.expire(this.clock.now());
      this.parser = this.newParser();
      if (bad) this.hub.emit(bad);
    });
  }

  private clearInterByte(): void {
    if (this.interByteTimer !== undefined) clearTimeout(this.interByteTimer);
    this.interByteTimer = undefined;
  }
}
