/**
 * Manager PINs: scrypt with a random per-user salt, cost parameters stored with the hash, and a
 * constant-time comparison. A PIN is 4 to 8 digits (what a register keypad can enter), so the slow
 * hash plus the attempt limit in pin-gate.ts is what protects it, not its length.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_PATTERN, type PinRecord } from '../../core/domain/limits/manager-pin.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** ~16 MiB and tens of milliseconds per check: slow for guessing, fine for a person at a till. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1, keyLength: 32 };

export class PinError extends Error {
  constructor(readonly code: 'pin.format' | 'pin.record', message: string) {
    super(message);
    this.name = 'PinError';
  }
}

function derive(pin: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, cost.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<PinRecord> {
  if (!PIN_PATTERN.test(pin)) throw new PinError('pin.format', 'a PIN must be 4 to 8 digits');
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return { algorithm: 'scrypt', salt: salt.toString('base64'), hash: key.toString('base64'), ...cost };
}

/** Why a stored record cannot be used, or undefined when it can. */
export function pinRecordProblem(record: PinRecord): string | undefined {
  if (record.algorithm !== 'scrypt') return `unknown algorithm ${JSON.stringify(record.algorithm)}`;
  const { N, r, p, keyLength } = record;
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || N > 2 ** 20) return `N must be a power of two up to 2^20, got ${N}`;
  if (!Number.isSafeInteger(r) || r < 1 || r > 32) return `r must be 1 to 32, got ${r}`;
  if (!Number.isSafeInteger(p) || p < 1 || p > 16) return `p must be 1 to 16, got ${p}`;
  if (!Number.isSafeInteger(keyLength) || keyLength < 16 || keyLength > 64) return `keyLength must be 16 to 64, got ${keyLength}`;
  if (Buffer.from(record.salt, 'base64').length < 8) return 'salt is missing or shorter than 8 bytes';
  if (Buffer.from(record.hash, 'base64').length !== keyLength) return `hash is not ${keyLength} bytes`;
  return undefined;
}

/**
 * True when `pin` matches. The whole derivation runs even for a PIN of the wrong shape so that
 * timing does not tell shapes apart; the comparison is constant-time.
 */
export async function pinMatches(record: PinRecord, pin: string): Promise<boolean> {
  const problem = pinRecordProblem(record);
  if (problem) throw new PinError('pin.record', `stored PIN record is unusable: ${problem}`);
  const expected = Buffer.from(record.hash, 'base64');
  const actual = await derive(pin, Buffer.from(record.salt, 'base64'), record);
  return timingSafeEqual(actual, expected) && PIN_PATTERN.test(pin);
}
