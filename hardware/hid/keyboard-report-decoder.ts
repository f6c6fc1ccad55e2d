/**
 * Decodes USB keyboard boot reports (8 bytes: modifiers, reserved, six key slots) from a scanner in
 * keyboard mode into reads, the way the serial framer turns bytes into reads. Pure: the caller passes the
 * clock time of each report.
 *
 * A key is typed when it appears in a report and was not in the previous one (held keys and n-key
 * rollover do not repeat; "11" arrives as press, release, press). Shift in the same report picks the
 * shifted character. Enter (or keypad Enter) ends the read; Tab too when configured. The finished read is
 * judged by the shared framing rules (AIM id, noise, length).
 */
import { classifyRead } from '../framing/read-classifier.js';
import type { BadFrame, FramerOutput } from '../framing/types.js';
import { PendingReadDecoder, type PendingRead } from './pending-read.js';
import { concatBytes, hexByte, type ReportDecoder } from './report-decoder.js';
import { KEY_ENTER, KEY_ERROR_ROLLOVER, KEY_KEYPAD_ENTER, KEY_TAB, MOD_ALT_GUI, keyName, keyToChar } from './us-keyboard-layout.js';

export type KeyboardSuffixKey = 'Enter' | 'Tab';

export interface KeyboardDecoderOptions {
  /** Report id before the 8 boot bytes when the device numbers its reports; null (default) for plain boot reports. */
  reportId: number | null;
  /** Keys that end a read. Default ['Enter']. */
  suffixKeys: KeyboardSuffixKey[];
  /** A read with no new key for this long and no suffix is bad. Default 100 ms. */
  interKeyTimeoutMs: number;
  /** Longest accepted read in characters (AIM id included). Default 512. */
  maxLength: number;
  aim: 'auto' | 'none';
}

export const DEFAULT_KEYBOARD_DECODER: KeyboardDecoderOptions = {
  reportId: null,
  suffixKeys: ['Enter'],
  interKeyTimeoutMs: 100,
  maxLength: 512,
  aim: 'auto',
};

interface Pending extends PendingRead {
  chars: string;
  /** The first reason this read cannot be a scan; it is still collected up to its suffix. */
  problem?: string;
}

export function validateKeyboardDecoderOptions(options: KeyboardDecoderOptions, where = 'keyboard decoder'): void {
  const { reportId, suffixKeys, interKeyTimeoutMs, maxLength, aim } = options;
  if (reportId !== null && !(Number.isInteger(reportId) && reportId >= 1 && reportId <= 255)) {
    throw new TypeError(`${where}.reportId must be an integer 1-255 or null, got ${String(reportId)}`);
  }
  if (!Array.isArray(suffixKeys) || suffixKeys.length === 0 || suffixKeys.some((k) => k !== 'Enter' && k !== 'Tab')) {
    throw new TypeError(`${where}.suffixKeys must be a non-empty list of 'Enter' and 'Tab', got ${JSON.stringify(suffixKeys)}`);
  }
  if (!Number.isFinite(interKeyTimeoutMs) || interKeyTimeoutMs <= 0) {
    throw new TypeError(`${where}.interKeyTimeoutMs must be a positive number, got ${String(interKeyTimeoutMs)}`);
  }
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new TypeError(`${where}.maxLength must be a positive integer, got ${String(maxLength)}`);
  if (aim !== 'auto' && aim !== 'none') throw new TypeError(`${where}.aim must be 'auto' or 'none', got ${JSON.stringify(aim)}`);
}

export class KeyboardReportDecoder extends PendingReadDecoder<Pending> implements ReportDecoder {
  readonly kind = 'hid-keyboard' as const;
  readonly options: KeyboardDecoderOptions;
  private readonly reportLength: number;
  private held = new Set<number>();

  constructor(options: Partial<KeyboardDecoderOptions> = {}) {
    super();
    this.options = { ...DEFAULT_KEYBOARD_DECODER, ...options };
    validateKeyboardDecoderOptions(this.options);
    this.reportLength = this.options.reportId === null ? 8 : 9;
  }

  get timeoutMs(): number {
    return this.options.interKeyTimeoutMs;
  }

  get pendingLength(): number {
    return this.pending?.chars.length ?? 0;
  }

  override flush(now: number, reason?: string): FramerOutput[] {
    const out = super.flush(now, reason);
    // the device went away mid-read: keys it reported as held are not held on the next connection
    if (reason && out.length > 0) this.held.clear();
    return out;
  }

  protected unfinishedReason(pending: Pending, reason: string | undefined): string {
    const suffixes = this.options.suffixKeys.join(' or ');
    const count = `${pending.chars.length} character${pending.chars.length === 1 ? '' : 's'}`;
    return reason
      ? `${reason}: ${count} typed without ${suffixes}`
      : `missing suffix: ${count} typed and no ${suffixes} within ${this.options.interKeyTimeoutMs} ms of the last key${pending.problem ? ` (${pending.problem})` : ''}`;
  }

  protected describeInProgress(pending: Pending): string {
    return `the read in progress (${pending.chars.length} characters)`;
  }

  push(input: Uint8Array, now: number): FramerOutput[] {
    const out = this.poll(now);
    const report = Uint8Array.from(input);
    if (report.length !== this.reportLength) {
      out.push(this.badKeyboardReport(`not a keyboard boot report: ${report.length} bytes, expected ${this.reportLength}`, report, now));
      return out;
    }
    if (this.options.reportId !== null && report[0] !== this.options.reportId) {
      out.push(this.badKeyboardReport(`wrong report id ${hexByte(report[0]!)}, expected ${hexByte(this.options.reportId)}`, report, now));
      return out;
    }
    const boot = this.options.reportId === null ? report : report.subarray(1);
    const modifiers = boot[0]!;
    const keys = [...boot.subarray(2)].filter((k) => k !== 0);
    if (keys.length > 0 && keys.every((k) => k === KEY_ERROR_ROLLOVER)) {
      // the keyboard cannot say which keys are down: whatever it types next cannot be trusted
      this.spoil('keyboard rollover error (more keys down than a boot report holds)', report, now);
      return out;
    }
    const fresh = keys.filter((k) => !this.held.has(k));
    this.held = new Set(keys);
    if (this.pending) {
      this.pending.reports.push(report);
      if (fresh.length > 0) this.pending.lastAt = now;
    }
    let reportRecorded = this.pending !== undefined;
    for (const key of fresh) {
      if (this.isSuffix(key)) {
        out.push(this.finish(key, report, reportRecorded, now));
        reportRecorded = false;
        continue;
      }
      if (!this.pending) {
        this.pending = { chars: '', reports: [report], firstByteAt: now, lastAt: now };
        reportRecorded = true;
      }
      const char = keyToChar(key, modifiers);
      if (char === undefined) {
        const held = (modifiers & MOD_ALT_GUI) !== 0 ? ' with Alt/GUI held' : '';
        this.pending.problem ??= `key ${hexByte(key)} (${keyName(key)})${held} is not a barcode character`;
      } else {
        this.pending.chars += char;
      }
      if (this.pending.chars.length > this.options.maxLength) {
        // stop growing: judge it now; keys up to the next suffix start a fresh (bad) read
        this.pending.problem ??= `too long: more than ${this.options.maxLength} characters without ${this.options.suffixKeys.join(' or ')}`;
      }
    }
    return out;
  }

  private isSuffix(key: number): boolean {
    const { suffixKeys } = this.options;
    if (key === KEY_ENTER || key === KEY_KEYPAD_ENTER) return suffixKeys.includes('Enter');
    return key === KEY_TAB && suffixKeys.includes('Tab');
  }

  private finish(key: number, report: Uint8Array, reportRecorded: boolean, now: number): FramerOutput {
    const pending = this.pending;
    this.pending = undefined;
    const suffixName = key === KEY_TAB ? 'Tab' : 'Enter';
    if (!pending) {
      return { kind: 'bad', reason: `empty read: ${suffixName} with no characters before it`, raw: report, firstByteAt: now, at: now };
    }
    if (!reportRecorded) pending.reports.push(report);
    const raw = concatBytes(pending.reports);
    if (pending.problem) return { kind: 'bad', reason: pending.problem, raw, firstByteAt: pending.firstByteAt, at: now };
    const body = Uint8Array.from(pending.chars, (c) => c.charCodeAt(0));
    return classifyRead(body, raw, { firstByteAt: pending.firstByteAt, receivedAt: now }, {
      maxLength: this.options.maxLength,
      aim: this.options.aim,
      allowHighBytes: false,
      suffix: key === KEY_TAB ? 'TAB' : 'CR',
    });
  }

  /** A report that is not a boot report: reported alone, or with the read it interrupted; no key counts as held after it. */
  private badKeyboardReport(reason: string, report: Uint8Array, now: number): BadFrame {
    this.held.clear();
    return this.badReport(reason, report, now);
  }

  private spoil(problem: string, report: Uint8Array, now: number): void {
    if (this.pending) {
      this.pending.reports.push(report);
      this.pending.problem ??= problem;
      this.pending.lastAt = now;
    } else {
      this.pending = { chars: '', reports: [report], firstByteAt: now, lastAt: now, problem };
    }
  }
}
