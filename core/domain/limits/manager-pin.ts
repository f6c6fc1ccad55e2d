/**
 * Staff, roles and manager PINs as core sees them: types and ports only. Hashing (scrypt with a
 * per-user salt) and attempt rate limiting live in host/limits/, because core has no crypto.
 */

export type StaffRole = 'cashier' | 'manager';

/** A manager PIN: 4 to 8 digits, what a register keypad can enter. The host refuses any other; screens check it first to say so in their language. */
export const PIN_PATTERN = /^\d{4,8}$/;

export interface StaffMember {
  staffId: string;
  name: string;
  role: StaffRole;
}

/** A PIN as stored: never the PIN itself. */
export interface PinRecord {
  algorithm: 'scrypt';
  /** Base64 of the per-user random salt. */
  salt: string;
  /** Base64 of the derived key. */
  hash: string;
  /** scrypt cost parameters, kept with the hash so they can be raised later without breaking old PINs. */
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

export interface StaffRecord extends StaffMember {
  pin: PinRecord;
}

/** Port: where staff and their PIN records live (db/ implements it). */
export interface ManagerDirectory {
  findStaff(staffId: string): StaffRecord | undefined;
}

export type PinAttemptOutcome =
  | 'ok'
  /** The PIN did not match. */
  | 'wrong-pin'
  /** No such staff id (reported separately for the audit log, indistinguishable to the person typing). */
  | 'unknown-staff'
  /** Right PIN, but the person is not a manager. */
  | 'not-manager'
  /** Too many failures: refused without checking the PIN. */
  | 'locked';

/** One PIN attempt, reported for the audit log ('manager.login' / 'manager.loginFailed'). */
export interface PinAttempt {
  staffId: string;
  at: number;
  outcome: PinAttemptOutcome;
  /** Consecutive failures for this staff id after this attempt. */
  failures: number;
  /** Set while the staff id is locked. */
  lockedUntil?: number;
  /** What the attempt was for, e.g. 'console.login' or 'limit.override'. */
  purpose: string;
}

export type PinCheckResult =
  | { ok: true; staff: StaffMember; attempt: PinAttempt }
  | { ok: false; reason: Exclude<PinAttemptOutcome, 'ok'>; attempt: PinAttempt; lockedUntil?: number };

/** Port: verifies a manager PIN with rate limiting (host/limits/pin-gate.ts). */
export interface ManagerPinVerifier {
  verify(staffId: string, pin: string, purpose: string): Promise<PinCheckResult>;
}

/** Why a manager let a limit be exceeded; recorded with the override. */
export const OVERRIDE_REASON_CODES = ['regular-customer', 'business-purchase', 'id-checked', 'correction', 'other'] as const;
export type OverrideReasonCode = (typeof OVERRIDE_REASON_CODES)[number];
