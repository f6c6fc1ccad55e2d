/**
 * What the HID driver needs from a decoder: reports in, reads out, clock time passed in (pure). Both the
 * HID POS and the keyboard decoders implement it and emit the same Frame / BadFrame as the serial framer.
 */
import type { FramerOutput } from '../framing/types.js';

export interface ReportDecoder {
  readonly kind: 'hid-pos' | 'hid-keyboard';
  /** A partial read with no report for this long is bad (missing continuation / missing suffix). */
  readonly timeoutMs: number;
  /** Bytes in the read being assembled (0 when idle). */
  readonly pendingLength: number;
  push(report: Uint8Array, now: number): FramerOutput[];
  /** Clock time at which the partial read expires, or undefined when nothing is pending. */
  nextDeadline(): number | undefined;
  /** Expires the partial read if its deadline has passed by `now`. */
  poll(now: number): FramerOutput[];
  /**
   * Drops the partial read now, whatever the clock says: the driver's real timer fired, or (with `reason`)
   * the device went away mid-code.
   */
  flush(now: number, reason?: string): FramerOutput[];
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function hexByte(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}
