/**
 * The bytes of the read in progress with the time each arrived. Both the pure LineFramer and the serial
 * driver (whose suffix split is done by @serialport/parser-readline) keep one, so overflow, timeout and
 * timing rules live in one place. Pure: times are passed in.
 */
import { classifyRead } from './read-classifier.js';
import { suffixBytes, suffixName, type BadFrame, type FramerOutput, type FramingOptions } from './types.js';

interface Arrival {
  /** Offset just past this chunk's last byte, within `pending`. */
  end: number;
  at: number;
}

export class LineAssembler {
  private pending = new Uint8Array(0);
  private arrivals: Arrival[] = [];
  /** After an overlong read was reported, bytes up to the next suffix are its tail: drop them quietly. */
  private discarding = false;
  private readonly suffixLength: number;

  constructor(private readonly options: FramingOptions) {
    this.suffixLength = suffixBytes(options.suffix).length;
  }

  /** Bytes received since the last complete read. */
  get length(): number {
    return this.pending.length;
  }

  get bytes(): Uint8Array {
    return this.pending;
  }

  /** Clock time of the newest byte still pending, or undefined when nothing is. */
  get lastByteAt(): number | undefined {
    return this.pending.length === 0 ? undefined : this.arrivals[this.arrivals.length - 1]?.at;
  }

  add(chunk: Uint8Array, at: number): void {
    if (chunk.length === 0) return;
    const next = new Uint8Array(this.pending.length + chunk.length);
    next.set(this.pending);
    next.set(chunk, this.pending.length);
    this.pending = next;
    this.arrivals.push({ end: next.length, at });
  }

  /**
   * Consumes the first `length` pending bytes as one complete read ending in the suffix and judges it.
   * Returns undefined for the tail of an overlong read that was already reported.
   */
  complete(length: number): FramerOutput | undefined {
    if (length > this.pending.length || length < this.suffixLength) {
      throw new RangeError(`LineAssembler.complete(${length}): only ${this.pending.length} bytes pending`);
    }
    const raw = this.pending.slice(0, length);
    const firstByteAt = this.timeOf(0);
    const receivedAt = this.timeOf(length - 1);
    this.consume(length);
    if (this.discarding) {
      this.discarding = false;
      return undefined;
    }
    return classifyRead(raw.subarray(0, length - this.suffixLength), raw, { firstByteAt, receivedAt }, this.options);
  }

  /**
   * Call once every complete read has been taken: if what is left can no longer be a read within
   * maxLength, it is dropped (reported once, as "too long") and the rest of it up to the next suffix
   * is dropped too. Returns true when bytes were dropped, so a caller holding its own buffer resets it.
   */
  checkOverflow(now: number): { dropped: boolean; bad?: BadFrame } {
    if (this.pending.length < this.options.maxLength + this.suffixLength) return { dropped: false };
    const raw = this.pending;
    const firstByteAt = this.timeOf(0);
    this.consume(this.pending.length);
    if (this.discarding) return { dropped: true };
    this.discarding = true;
    return {
      dropped: true,
      bad: {
        kind: 'bad',
        reason: `too long: ${raw.length} bytes without a ${suffixName(this.options.suffix)} suffix, at most ${this.options.maxLength} accepted; dropped up to the next suffix`,
        raw,
        firstByteAt,
        at: now,
      },
    };
  }

  /**
   * Drops the pending partial read: its inter-byte timeout passed, or (with `reason`) the line went away
   * mid-read.
   */
  expire(now: number, reason?: string): BadFrame | undefined {
    if (this.pending.length === 0) return undefined;
    const raw = this.pending;
    const firstByteAt = this.timeOf(0);
    this.consume(this.pending.length);
    if (this.discarding) {
      this.discarding = false;
      return undefined;
    }
    return {
      kind: 'bad',
      reason: reason ?? `missing suffix: ${raw.length} bytes and no ${suffixName(this.options.suffix)} within ${this.options.interByteTimeoutMs} ms of the last byte`,
      raw,
      firstByteAt,
      at: now,
    };
  }

  reset(): void {
    this.pending = new Uint8Array(0);
    this.arrivals = [];
    this.discarding = false;
  }

  private timeOf(offset: number): number {
    const arrival = this.arrivals.find((a) => a.end > offset);
    // arrivals always cover every pending byte; the fallback only satisfies the type checker
    return arrival?.at ?? this.arrivals[this.arrivals.length - 1]?.at ?? 0;
  }

  private consume(length: number): void {
    this.pending = this.pending.slice(length);
    this.arrivals = this.arrivals
      .map((a) => ({ end: a.end - length, at: a.at }))
      .filter((a) => a.end > 0);
  }
}
