/**
 * Builds the bytes a real scanner sends: 64-byte HID POS Scanned Data Reports (long codes split over
 * continuation reports) and keyboard boot reports (press and release per character, Shift for capitals).
 * The fake HID scanner emits these, and tests use them as hand-checkable input for the decoders.
 */
import { DEFAULT_HID_POS_LAYOUT, type HidPosLayout } from '../hid/hid-pos-layout.js';
import { KEY_ENTER, KEY_TAB, charToKey } from '../hid/us-keyboard-layout.js';

export interface HidPosEncodeOptions {
  layout?: HidPosLayout;
  /** AIM id for the symbology field ("]E0"); omitted: the field stays zero. */
  aimId?: string;
  /** Data bytes per report, at most the layout's capacity (a scanner may send fewer). */
  chunkSize?: number;
}

function toBytes(code: string | Uint8Array): Uint8Array {
  if (typeof code !== 'string') return code;
  const bytes = Uint8Array.from(code, (c) => c.charCodeAt(0));
  if ([...code].some((c) => c.charCodeAt(0) > 0xff)) throw new RangeError('HID POS code must be Latin-1 (one byte per character)');
  return bytes;
}

export function encodeHidPosReports(code: string | Uint8Array, options: HidPosEncodeOptions = {}): Uint8Array[] {
  const layout = options.layout ?? DEFAULT_HID_POS_LAYOUT;
  const data = toBytes(code);
  const chunkSize = options.chunkSize ?? layout.dataCapacity;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > layout.dataCapacity) {
    throw new RangeError(`chunkSize must be 1-${layout.dataCapacity}, got ${String(chunkSize)}`);
  }
  const aim = options.aimId;
  if (aim !== undefined && (aim.length !== 3 || layout.aimOffset === null)) {
    throw new RangeError(layout.aimOffset === null ? 'this layout has no symbology id field' : `aimId must be 3 characters, got ${JSON.stringify(aim)}`);
  }
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize) chunks.push(data.subarray(offset, offset + chunkSize));
  if (chunks.length === 0) chunks.push(new Uint8Array(0));
  if (chunks.length > 1 && layout.continuationFlag === null) {
    throw new RangeError(`a ${data.length}-byte code needs ${chunks.length} reports but the layout has no continuation flag`);
  }
  return chunks.map((chunk, index) => {
    const report = new Uint8Array(layout.reportLength);
    if (layout.reportId !== null) report[0] = layout.reportId;
    report[layout.lengthByteOffset] = chunk.length;
    if (aim !== undefined && layout.aimOffset !== null) {
      for (let i = 0; i < 3; i++) report[layout.aimOffset + i] = aim.charCodeAt(i);
    }
    report.set(chunk, layout.dataOffset);
    if (index < chunks.length - 1 && layout.continuationFlag) {
      report[layout.continuationFlag.byteOffset]! |= layout.continuationFlag.mask;
    }
    return report;
  });
}

export interface KeyboardEncodeOptions {
  /** Key sent after the code. Default 'Enter'. */
  suffix?: 'Enter' | 'Tab' | 'none';
  /** Report id to prefix each boot report with; null (default) for plain 8-byte reports. */
  reportId?: number | null;
}

function bootReport(modifiers: number, keycode: number, reportId: number | null): Uint8Array {
  const boot = Uint8Array.of(modifiers, 0, keycode, 0, 0, 0, 0, 0);
  return reportId === null ? boot : Uint8Array.of(reportId, ...boot);
}

/** Press and release reports for each character and the suffix, as a scanner in keyboard mode types. */
export function encodeKeyboardReports(text: string, options: KeyboardEncodeOptions = {}): Uint8Array[] {
  const reportId = options.reportId ?? null;
  const suffix = options.suffix ?? 'Enter';
  const reports: Uint8Array[] = [];
  for (const char of text) {
    const stroke = charToKey(char);
    if (!stroke) throw new RangeError(`a US-layout keyboard cannot type ${JSON.stringify(char)}`);
    reports.push(bootReport(stroke.modifiers, stroke.keycode, reportId), bootReport(0, 0, reportId));
  }
  if (suffix !== 'none') {
    reports.push(bootReport(0, suffix === 'Tab' ? KEY_TAB : KEY_ENTER, reportId), bootReport(0, 0, reportId));
  }
  return reports;
}
