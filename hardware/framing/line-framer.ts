/**
 * Incremental framer for a scanner byte stream: bytes in (in any chunking), reads and bad reads out.
 * Pure and clock-injected: every call takes the time. The caller calls poll(now) when the deadline
 * from nextDeadline() passes, so a read with no suffix becomes a bad read and never joins the next code.
 */
import { LineAssembler } from './line-assembler.js';
import { DEFAULT_FRAMING, suffixBytes, validateFraming, type FramerOutput, type FramingOptions } from './types.js';

export class LineFramer {
  readonly options: FramingOptions;
  private readonly assembler: LineAssembler;
  private readonly suffix: Uint8Array;
  /** Where the suffix search resumes: bytes before it were already searched. */
  private searchFrom = 0;

  constructor(options: Partial<FramingOptions> = {}) {
    this.options = { ...DEFAULT_FRAMING, ...options };
    validateFraming(this.options);
    this.assembler = new LineAssembler(this.options);
    this.suffix = suffixBytes(this.options.suffix);
  }

  /**
   * Feeds bytes received at `at`. A pending partial older than the inter-byte timeout is expired first,
   * so a caller that polls late still never joins two reads.
   */
  push(chunk: Uint8Array, at: number): FramerOutput[] {
    const out = this.poll(at);
    this.assembler.add(chunk, at);
    for (;;) {
      const end = this.findSuffix();
      if (end < 0) break;
      const result = this.assembler.complete(end);
      this.searchFrom = 0;
      if (result) out.push(result);
    }
    const overflow = this.assembler.checkOverflow(at);
    if (overflow.dropped) this.searchFrom = 0;
    if (overflow.bad) out.push(overflow.bad);
    return out;
  }

  /** Expires the pending partial read if `now` is past its deadline. */
  poll(now: number): FramerOutput[] {
    const deadline = this.nextDeadline();
    if (deadline === undefined || now < deadline) return [];
    return this.flush(now);
  }

  /** Drops the pending partial read now (e.g. the port closed mid-code). */
  flush(now: number): FramerOutput[] {
    this.searchFrom = 0;
    const bad = this.assembler.expire(now);
    return bad ? [bad] : [];
  }

  /** When the pending partial read times out, or undefined when nothing is pending. */
  nextDeadline(): number | undefined {
    const last = this.assembler.lastByteAt;
    return last === undefined ? undefined : last + this.options.interByteTimeoutMs;
  }

  get pendingLength(): number {
    return this.assembler.length;
  }

  /** Offset just past the first suffix in the pending bytes, or -1. */
  private findSuffix(): number {
    const bytes = this.assembler.bytes;
    const n = this.suffix.length;
    for (let i = this.searchFrom; i + n <= bytes.length; i++) {
      let match = true;
      for (let j = 0; j < n && match; j++) match = bytes[i + j] === this.suffix[j];
      if (match) return i + n;
    }
    this.searchFrom = Math.max(0, bytes.length - n + 1);
    return -1;
  }
}
