/**
 * The bytes of each serial fault, as a faulty cable, scanner or UART would put them on the wire. Pure:
 * the simulated serial scanner plays the plan. Each plan names the outcome a correct driver produces.
 */
import { classifyBarcode } from '../../core/domain/barcode/classify.js';
import type { SERIAL_FAULTS } from '../simulator-control.js';

export type SerialFault = (typeof SERIAL_FAULTS)[number];

export interface SerialFaultPlan {
  /** Written one after another, `gapMs` apart. */
  chunks: Uint8Array[];
  gapMs: number;
  /** Unplug the device once the driver has received this many bytes (disconnect mid-code). */
  unplugAfterBytes?: number;
  /** What the driver and register should make of it, for docs and the tester panel. */
  expect: string;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * @param frame  the bytes of a good read of the code (AIM id, data, suffix) and the suffix alone
 * @param interByteTimeoutMs the driver's inter-byte timeout: "delayed" means longer than it
 */
export function serialFaultPlan(fault: SerialFault, code: string, frame: { bytes: Uint8Array; suffix: Uint8Array }, interByteTimeoutMs: number): SerialFaultPlan {
  const { bytes, suffix } = frame;
  const body = bytes.subarray(0, bytes.length - suffix.length);
  if (body.length < 2) throw new RangeError(`fault ${fault} needs a code of at least 2 characters`);
  const third = Math.max(1, Math.floor(body.length / 3));
  switch (fault) {
    case 'split-chunks':
      // well inside the inter-byte timeout: a correct framer joins them into one good read
      return { chunks: [bytes.slice(0, third), bytes.slice(third, 2 * third), bytes.slice(2 * third)], gapMs: Math.max(1, Math.floor(interByteTimeoutMs / 5)), expect: 'one good scan (the chunks are joined)' };
    case 'delayed-chunks':
      // the suffix comes after the inter-byte timeout: the code is a bad read, the late suffix an empty read
      return { chunks: [body.slice(), suffix.slice()], gapMs: interByteTimeoutMs * 2 + 50, expect: 'bad read "missing suffix", then bad read "empty read"' };
    case 'drop-byte': {
      const index = droppedIndex(code, body.length - code.length);
      return { chunks: [concat(body.subarray(0, index), body.subarray(index + 1), suffix)], gapMs: 0, expect: 'framed, then refused by the barcode check (length or check digit)' };
    }
    case 'flip-byte': {
      const flipped = bytes.slice();
      const at = body.length - code.length;
      flipped[at] = flipped[at]! ^ 0x80;
      return { chunks: [flipped], gapMs: 0, expect: 'bad read "binary noise" (a byte above 0x7F)' };
    }
    case 'missing-suffix':
      return { chunks: [body.slice()], gapMs: 0, expect: 'bad read "missing suffix" after the inter-byte timeout' };
    case 'overlong-garbage': {
      const garbage = new Uint8Array(600);
      for (let i = 0; i < garbage.length; i++) garbage[i] = 0x41 + ((i * 7) % 26);
      return { chunks: [concat(garbage, suffix)], gapMs: 0, expect: 'bad read "too long"' };
    }
    case 'binary-noise': {
      const noise = latin1('\x00\x01\x02\x1b\x7f\xff\xfe\x80\x03\x04\x10\x11\x12\x13\x14\x15');
      return { chunks: [concat(noise, suffix)], gapMs: 0, expect: 'bad read "binary noise"' };
    }
    case 'disconnect-mid-code':
      return { chunks: [body.slice(0, Math.ceil(body.length / 2))], gapMs: 0, unplugAfterBytes: Math.ceil(body.length / 2), expect: 'bad read "disconnected mid-read"; the scanner stays unplugged until replug' };
  }
}

/**
 * Which data byte to drop: the middle one, unless its loss happens to leave a valid code (one time in ten a
 * 12-digit remainder passes the UPC-A check); then the first position whose loss the barcode chain refuses.
 */
function droppedIndex(code: string, aimLength: number): number {
  const refused = (i: number) => !classifyBarcode(code.slice(0, i) + code.slice(i + 1)).ok;
  const middle = Math.floor(code.length / 2);
  if (refused(middle)) return aimLength + middle;
  for (let i = 0; i < code.length; i++) if (refused(i)) return aimLength + i;
  return aimLength + middle;
}
