/**
 * Customer-presented one-time codes: brand prefix ('2' + two-digit brand), a 7-digit device number that lets the
 * gateway find the device (and so the wallet), then an 8-digit TOTP over that device's secret: 18 digits in all,
 * the length Japanese wallet barcodes use, so a register never mistakes one for an EAN-13.
 */
import { totp } from './totp.js';

export const DEVICE_NO_DIGITS = 7;
export const TOTP_DIGITS = 8;
export const DEFAULT_BRAND = '79';
/** Issue 5: a code lives for 60 s. */
export const DEFAULT_STEP_SECONDS = 60;

export interface CodeFormat {
  /** Two digits; the code starts with '2' + brand. */
  brand: string;
  stepSeconds: number;
}

export function brandPrefix(format: CodeFormat): string {
  return `2${format.brand}`;
}

export function codeLength(format: CodeFormat): number {
  return brandPrefix(format).length + DEVICE_NO_DIGITS + TOTP_DIGITS;
}

export function makeCode(format: CodeFormat, deviceNo: number, secret: Uint8Array, nowMs: number): string {
  return `${brandPrefix(format)}${String(deviceNo).padStart(DEVICE_NO_DIGITS, '0')}${totp(secret, nowMs, format.stepSeconds, TOTP_DIGITS)}`;
}

export type ParsedCode = { ok: true; deviceNo: number; otp: string } | { ok: false; reason: string };

export function parseCode(format: CodeFormat, code: string): ParsedCode {
  const prefix = brandPrefix(format);
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'code must be digits only' };
  if (code.length !== codeLength(format)) return { ok: false, reason: `code must be ${codeLength(format)} digits, got ${code.length}` };
  if (!code.startsWith(prefix)) return { ok: false, reason: `code must start with brand prefix ${prefix}` };
  const deviceNo = Number(code.slice(prefix.length, prefix.length + DEVICE_NO_DIGITS));
  return { ok: true, deviceNo, otp: code.slice(prefix.length + DEVICE_NO_DIGITS) };
}
