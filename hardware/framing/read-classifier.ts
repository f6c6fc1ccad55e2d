/**
 * Judges one complete read (the bytes before the suffix): noise, length, AIM prefix. Pure.
 */
import { parseAim } from './aim.js';
import { hex, suffixName, type FramerOutput, type FramingOptions } from './types.js';

/**
 * Bytes a barcode can carry: printable ASCII plus the separators GS1 and ISO 15434 payloads use
 * (EOT 0x04, FS 0x1C, GS 0x1D, RS 0x1E). Anything else in a read is line noise or a misconfigured scanner.
 */
export function isBarcodeByte(byte: number, allowHighBytes: boolean): boolean {
  if (byte >= 0x20 && byte <= 0x7e) return true;
  if (byte === 0x04 || byte === 0x1c || byte === 0x1d || byte === 0x1e) return true;
  return allowHighBytes && byte >= 0x80;
}

const CONTROL_NAMES: Readonly<Record<number, string>> = { 0x00: 'NUL', 0x09: 'TAB', 0x0a: 'LF', 0x0d: 'CR', 0x1b: 'ESC', 0x7f: 'DEL' };

function describeByte(byte: number): string {
  const name = CONTROL_NAMES[byte];
  return name === undefined ? `0x${hex(byte)}` : `0x${hex(byte)} (${name})`;
}

function decodeLatin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

export interface ReadTiming {
  firstByteAt: number;
  receivedAt: number;
}

/** `body` is the read without its suffix; `raw` is every byte received for it. */
export function classifyRead(
  body: Uint8Array,
  raw: Uint8Array,
  timing: ReadTiming,
  options: Pick<FramingOptions, 'maxLength' | 'aim' | 'allowHighBytes' | 'suffix'>,
): FramerOutput {
  const bad = (reason: string): FramerOutput => ({ kind: 'bad', reason, raw, firstByteAt: timing.firstByteAt, at: timing.receivedAt });
  if (body.length === 0) return bad(`empty read: ${suffixName(options.suffix)} with no data before it`);
  if (body.length > options.maxLength) {
    return bad(`too long: ${body.length} bytes before the suffix, at most ${options.maxLength} accepted`);
  }
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (!isBarcodeByte(byte, options.allowHighBytes)) {
      const hint =
        (byte === 0x0a || byte === 0x0d) && typeof options.suffix === 'string'
          ? `; the scanner may send a different suffix than the configured ${options.suffix}`
          : '';
      return bad(`binary noise: byte ${describeByte(byte)} at offset ${i} is not a barcode character${hint}`);
    }
  }
  const text = decodeLatin1(body);
  const frame = { raw, firstByteAt: timing.firstByteAt, receivedAt: timing.receivedAt };
  if (options.aim === 'auto') {
    const aim = parseAim(text);
    if (aim) {
      if (aim.rest.length === 0) return bad(`AIM identifier ${aim.aimId} with no data after it`);
      return { kind: 'frame', data: aim.rest, aimId: aim.aimId, symbology: aim.symbology, ...frame };
    }
  }
  return { kind: 'frame', data: text, symbology: 'unknown', ...frame };
}
