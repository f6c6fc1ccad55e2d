/**
 * Decodes HID POS Scanned Data Reports (usage page 0x8C) into reads. Pure: the caller passes the clock
 * time of each report. Layout: hid-pos-layout.ts. Every report that is not part of a good read becomes a
 * bad read with a reason, and a bad report in the middle of a continued code spoils that code too, so a
 * half code never reaches the basket.
 */
import { parseAim, symbologyForAim } from '../framing/aim.js';
import { isBarcodeByte } from '../framing/read-classifier.js';
import type { BadFrame, Frame, FramerOutput } from '../framing/types.js';
import { DEFAULT_HID_POS_LAYOUT, validateHidPosLayout, type HidPosLayout } from './hid-pos-layout.js';
import { PendingReadDecoder, type PendingRead } from './pending-read.js';
import { concatBytes, hexByte, type ReportDecoder } from './report-decoder.js';

export interface HidPosDecoderOptions {
  layout: HidPosLayout;
  /** A continued code whose next report does not come within this long is bad. Default 200 ms. */
  continuationTimeoutMs: number;
  /** Longest accepted code over all its reports, in bytes. Default 4096. */
  maxLength: number;
  /** 'auto': use the symbology id field (or, with no such field, a leading AIM id in the data); 'none': ignore both. */
  aim: 'auto' | 'none';
  /** Accept data bytes 0x80-0xFF (Shift_JIS QR payloads). Default false. */
  allowHighBytes: boolean;
}

export const DEFAULT_HID_POS_DECODER: Omit<HidPosDecoderOptions, 'layout'> = {
  continuationTimeoutMs: 200,
  maxLength: 4096,
  aim: 'auto',
  allowHighBytes: false,
};

interface Pending extends PendingRead {
  data: number[];
  aimId: string | undefined;
}

export function validateHidPosDecoderOptions(options: HidPosDecoderOptions, where = 'HID POS decoder'): void {
  validateHidPosLayout(options.layout, `${where}.layout`);
  if (!Number.isFinite(options.continuationTimeoutMs) || options.continuationTimeoutMs <= 0) {
    throw new TypeError(`${where}.continuationTimeoutMs must be a positive number, got ${String(options.continuationTimeoutMs)}`);
  }
  if (!Number.isInteger(options.maxLength) || options.maxLength < 1) {
    throw new TypeError(`${where}.maxLength must be a positive integer, got ${String(options.maxLength)}`);
  }
  if (options.aim !== 'auto' && options.aim !== 'none') throw new TypeError(`${where}.aim must be 'auto' or 'none', got ${JSON.stringify(options.aim)}`);
}

export class HidPosDecoder extends PendingReadDecoder<Pending> implements ReportDecoder {
  readonly kind = 'hid-pos' as const;
  readonly options: HidPosDecoderOptions;

  constructor(options: Partial<HidPosDecoderOptions> = {}) {
    super();
    this.options = { ...DEFAULT_HID_POS_DECODER, layout: DEFAULT_HID_POS_LAYOUT, ...options };
    validateHidPosDecoderOptions(this.options);
  }

  get timeoutMs(): number {
    return this.options.continuationTimeoutMs;
  }

  get pendingLength(): number {
    return this.pending?.data.length ?? 0;
  }

  protected unfinishedReason(pending: Pending, reason: string | undefined): string {
    const what = `${pending.reports.length} report${pending.reports.length === 1 ? '' : 's'} (${pending.data.length} data bytes)`;
    return reason
      ? `${reason}: ${what} of a continued code`
      : `missing continuation: ${what} marked "continued" and no further report within ${this.options.continuationTimeoutMs} ms`;
  }

  protected describeInProgress(pending: Pending): string {
    return `the continued code in progress (${pending.reports.length} reports, ${pending.data.length} data bytes)`;
  }

  push(input: Uint8Array, now: number): FramerOutput[] {
    const out = this.poll(now);
    const report = Uint8Array.from(input);
    const { layout } = this.options;
    const problem = this.checkReport(report);
    if (problem !== undefined) {
      out.push(this.badReport(problem, report, now));
      return out;
    }
    const length = report[layout.lengthByteOffset]!;
    const data = report.subarray(layout.dataOffset, layout.dataOffset + length);
    const aimId = this.readAimField(report);
    if (aimId instanceof Error) {
      out.push(this.badReport(aimId.message, report, now));
      return out;
    }
    const continued = layout.continuationFlag !== null && (report[layout.continuationFlag.byteOffset]! & layout.continuationFlag.mask) !== 0;

    const pending = this.pending;
    if (pending && aimId !== undefined && pending.aimId !== undefined && aimId !== pending.aimId) {
      out.push(this.badReport(`symbology id changed from ${pending.aimId} to ${aimId} in the middle of a continued code`, report, now));
      return out;
    }
    const current: Pending = pending ?? { reports: [], data: [], aimId, firstByteAt: now, lastAt: now };
    current.reports.push(report);
    current.data.push(...data);
    current.aimId ??= aimId;
    current.lastAt = now;
    if (current.data.length > this.options.maxLength) {
      this.pending = undefined;
      out.push(this.bad(`too long: ${current.data.length} data bytes over ${current.reports.length} reports, at most ${this.options.maxLength} accepted`, current, now));
      return out;
    }
    if (continued) {
      this.pending = current;
      return out;
    }
    this.pending = undefined;
    out.push(this.finish(current, now));
    return out;
  }

  /** Why this report cannot be part of a read, or undefined when it can. */
  private checkReport(report: Uint8Array): string | undefined {
    const { layout } = this.options;
    if (report.length < layout.reportLength) {
      return `short report: ${report.length} bytes, the layout needs ${layout.reportLength}`;
    }
    if (layout.reportId !== null && report[0] !== layout.reportId) {
      return `wrong report id ${hexByte(report[0]!)}, expected ${hexByte(layout.reportId)} (Scanned Data Report)`;
    }
    const length = report[layout.lengthByteOffset]!;
    if (length > layout.dataCapacity) {
      return `length byte ${length} is larger than the ${layout.dataCapacity}-byte data field of a ${layout.reportLength}-byte report`;
    }
    return undefined;
  }

  /** The symbology id field as an AIM id; undefined when absent or zero; an Error when it is garbage. */
  private readAimField(report: Uint8Array): string | undefined | Error {
    const { layout } = this.options;
    if (layout.aimOffset === null || this.options.aim === 'none') return undefined;
    const bytes = report.subarray(layout.aimOffset, layout.aimOffset + 3);
    if (bytes.every((b) => b === 0)) return undefined;
    const text = String.fromCharCode(...bytes);
    if (parseAim(text) === undefined) {
      return new Error(`symbology id field ${[...bytes].map(hexByte).join(' ')} is not an AIM identifier (]Xm) or zero`);
    }
    return text;
  }

  private finish(read: Pending, now: number): FramerOutput {
    if (read.data.length === 0) return this.bad('empty read: length byte 0 and no data in the report', read, now);
    for (let i = 0; i < read.data.length; i++) {
      const byte = read.data[i]!;
      if (!isBarcodeByte(byte, this.options.allowHighBytes)) {
        return this.bad(`non-printable data: byte ${hexByte(byte)} at data offset ${i} is not a barcode character`, read, now);
      }
    }
    let text = String.fromCharCode(...read.data);
    let aimId = read.aimId;
    if (aimId === undefined && this.options.layout.aimOffset === null && this.options.aim === 'auto') {
      const inData = parseAim(text);
      if (inData) {
        aimId = inData.aimId;
        text = inData.rest;
        if (text.length === 0) return this.bad(`AIM identifier ${aimId} with no data after it`, read, now);
      }
    }
    const frame: Frame = {
      kind: 'frame',
      data: text,
      raw: concatBytes(read.reports),
      symbology: aimId === undefined ? 'unknown' : symbologyForAim(aimId, text),
      firstByteAt: read.firstByteAt,
      receivedAt: now,
    };
    if (aimId !== undefined) frame.aimId = aimId;
    return frame;
  }

  private bad(reason: string, read: Pending, now: number): BadFrame {
    return { kind: 'bad', reason, raw: concatBytes(read.reports), firstByteAt: read.firstByteAt, at: now };
  }
}
