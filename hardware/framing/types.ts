/** What the framers emit, shared by the pure LineFramer and the serial driver. */

/** The byte(s) a scanner sends after each read. */
export type Suffix = 'CR' | 'LF' | 'CRLF' | 'TAB' | { byte: number };

export interface FramingOptions {
  suffix: Suffix;
  /** Longest accepted data (AIM id included, suffix excluded), in bytes. */
  maxLength: number;
  /** A partial read with no byte for this long and no suffix is a bad read. */
  interByteTimeoutMs: number;
  /** 'auto': strip and record an AIM id when the read starts with one; 'none': never look. */
  aim: 'auto' | 'none';
  /** Accept bytes 0x80-0xFF (Latin-1 / Shift_JIS QR payloads). Off by default: POS codes are ASCII. */
  allowHighBytes: boolean;
}

export const DEFAULT_FRAMING: FramingOptions = {
  suffix: 'CR',
  maxLength: 512,
  interByteTimeoutMs: 100,
  aim: 'auto',
  allowHighBytes: false,
};

export interface Frame {
  kind: 'frame';
  /** The data with suffix and AIM id removed, bytes decoded as Latin-1 (lossless). */
  data: string;
  /** Every byte of the read, suffix included. */
  raw: Uint8Array;
  aimId?: string;
  /** Named by the AIM id, or "unknown" when none was sent. */
  symbology: string;
  firstByteAt: number;
  receivedAt: number;
}

export interface BadFrame {
  kind: 'bad';
  reason: string;
  raw: Uint8Array;
  firstByteAt: number;
  /** When the read was judged bad. */
  at: number;
}

export type FramerOutput = Frame | BadFrame;

export function suffixBytes(suffix: Suffix): Uint8Array {
  switch (suffix) {
    case 'CR':
      return Uint8Array.of(0x0d);
    case 'LF':
      return Uint8Array.of(0x0a);
    case 'CRLF':
      return Uint8Array.of(0x0d, 0x0a);
    case 'TAB':
      return Uint8Array.of(0x09);
    default:
      return Uint8Array.of(suffix.byte);
  }
}

export function suffixName(suffix: Suffix): string {
  return typeof suffix === 'string' ? suffix : `0x${hex(suffix.byte)}`;
}

export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Throws an error naming the field when options cannot frame anything. */
export function validateFraming(options: FramingOptions, where = 'framing'): void {
  const { suffix, maxLength, interByteTimeoutMs, aim } = options;
  if (typeof suffix === 'object') {
    if (!Number.isInteger(suffix.byte) || suffix.byte < 0 || suffix.byte > 255) {
      throw new TypeError(`${where}.suffix.byte must be an integer 0-255, got ${String(suffix.byte)}`);
    }
  } else if (!['CR', 'LF', 'CRLF', 'TAB'].includes(suffix)) {
    throw new TypeError(`${where}.suffix must be CR, LF, CRLF, TAB or { byte }, got ${JSON.stringify(suffix)}`);
  }
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new TypeError(`${where}.maxLength must be a positive integer, got ${String(maxLength)}`);
  }
  if (!Number.isFinite(interByteTimeoutMs) || interByteTimeoutMs <= 0) {
    throw new TypeError(`${where}.interByteTimeoutMs must be a positive number, got ${String(interByteTimeoutMs)}`);
  }
  if (aim !== 'auto' && aim !== 'none') {
    throw new TypeError(`${where}.aim must be 'auto' or 'none', got ${JSON.stringify(aim)}`);
  }
}
