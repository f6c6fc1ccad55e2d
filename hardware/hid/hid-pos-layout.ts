/**
 * Where the fields sit in a HID POS (usage page 0x8C) Scanned Data Report.
 *
 * The HID Point of Sale Usage Tables define the usages (Symbology Identifier 1-3, Decoded Data,
 * Decode Data Continued) but each scanner's report descriptor places them. The default follows the
 * layout Honeywell and Access-IS document for their HID POS mode, which most convenience-store scanners
 * share:
 *
 *   byte 0      report id 0x02
 *   byte 1      length of the data field used in this report (0-56)
 *   bytes 2-4   AIM symbology identifier, e.g. "]E0" (zero bytes when the scanner sends none)
 *   bytes 5-60  decoded data, padded after `length`
 *   bytes 61-62 vendor symbology id / reserved (ignored)
 *   byte 63     bit 0 set: "decode data continued", more reports of this code follow
 *
 * A code longer than 56 bytes (a QR payload, a GS1 DataBar Expanded string) arrives as several reports,
 * each with its own length byte, all but the last with the continued bit. Other scanners move the fields:
 * every offset is configurable and checked for overlap.
 */

export interface HidPosLayout {
  /** First byte of every scanned data report, or null when the device does not number its reports. */
  reportId: number | null;
  /** Bytes per report as read from the device (report id included). */
  reportLength: number;
  lengthByteOffset: number;
  /** Offset of the 3-byte symbology identifier, or null when the report carries none. */
  aimOffset: number | null;
  dataOffset: number;
  /** Bytes of data one report can carry. */
  dataCapacity: number;
  /** Where the "decode data continued" bit is, or null when every code fits one report. */
  continuationFlag: { byteOffset: number; mask: number } | null;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = Object.freeze({
  reportId: 0x02,
  reportLength: 64,
  lengthByteOffset: 1,
  aimOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  continuationFlag: Object.freeze({ byteOffset: 63, mask: 0x01 }),
});

const isByteIndex = (value: unknown, length: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < length;

/** Throws an error naming the field when the layout is inconsistent. */
export function validateHidPosLayout(layout: HidPosLayout, where = 'HID POS layout'): void {
  const { reportId, reportLength, lengthByteOffset, aimOffset, dataOffset, dataCapacity, continuationFlag } = layout;
  if (!Number.isInteger(reportLength) || reportLength < 3 || reportLength > 1024) {
    throw new TypeError(`${where}.reportLength must be an integer 3-1024, got ${String(reportLength)}`);
  }
  if (reportId !== null && !(Number.isInteger(reportId) && reportId >= 1 && reportId <= 255)) {
    throw new TypeError(`${where}.reportId must be an integer 1-255 or null, got ${String(reportId)}`);
  }
  if (!Number.isInteger(dataCapacity) || dataCapacity < 1 || dataCapacity > 255) {
    throw new TypeError(`${where}.dataCapacity must be an integer 1-255 (one length byte), got ${String(dataCapacity)}`);
  }
  const fields: [string, unknown, number][] = [
    ['lengthByteOffset', lengthByteOffset, 1],
    ['dataOffset', dataOffset, dataCapacity],
  ];
  if (reportId !== null) fields.push(['reportId (byte 0)', 0, 1]);
  if (aimOffset !== null) fields.push(['aimOffset', aimOffset, 3]);
  if (continuationFlag !== null) {
    if (typeof continuationFlag !== 'object' || !Number.isInteger(continuationFlag.mask) || continuationFlag.mask < 1 || continuationFlag.mask > 255) {
      throw new TypeError(`${where}.continuationFlag.mask must be an integer 1-255, got ${String(continuationFlag?.mask)}`);
    }
    fields.push(['continuationFlag.byteOffset', continuationFlag.byteOffset, 1]);
  }
  const ranges: [string, number, number][] = [];
  for (const [name, offset, size] of fields) {
    if (!isByteIndex(offset, reportLength) || offset + size > reportLength) {
      throw new TypeError(`${where}.${name} ${String(offset)} (+${size} bytes) does not fit a ${reportLength}-byte report`);
    }
    ranges.push([name, offset, offset + size]);
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [a, aStart, aEnd] = ranges[i]!;
      const [b, bStart, bEnd] = ranges[j]!;
      if (aStart < bEnd && bStart < aEnd) throw new TypeError(`${where}: ${a} and ${b} overlap`);
    }
  }
}
