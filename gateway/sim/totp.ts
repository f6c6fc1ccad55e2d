import { createHmac } from 'node:crypto';

/** HOTP per RFC 4226 with HMAC-SHA1 and dynamic truncation. */
export function hotp(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step counter T = floor((now - T0) / X) with T0 = 0. */
export function timeStep(nowMs: number, stepSeconds: number): number {
  return Math.floor(nowMs / 1000 / stepSeconds);
}

/** TOTP per RFC 6238 (HMAC-SHA1). */
export function totp(secret: Uint8Array, nowMs: number, stepSeconds: number, digits: number): string {
  return hotp(secret, timeStep(nowMs, stepSeconds), digits);
}

/**
 * The counter whose code matches, searching the current step and `window` steps either side (clock skew
 * between phone and gateway), or undefined. Returns the counter so the caller can refuse reuse.
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  nowMs: number,
  opts: { stepSeconds: number; digits: number; window: number },
): number | undefined {
  const current = timeStep(nowMs, opts.stepSeconds);
  // The current step first: nearly every code is, so one HMAC usually decides.
  for (const delta of stepsNearestFirst(opts.window)) {
    const counter = current + delta;
    if (counter >= 0 && hotp(secret, counter, opts.digits) === code) return counter;
  }
  return undefined;
}

/** 0, -1, +1, -2, +2, ... up to ±window. */
function stepsNearestFirst(window: number): number[] {
  const steps = [0];
  for (let d = 1; d <= window; d++) steps.push(-d, d);
  return steps;
}
