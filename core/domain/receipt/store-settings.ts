/**
 * The store details a qualified invoice (適格請求書 / 適格簡易請求書) must carry. Kept in the register's
 * database and edited by the manager; validated here so every entry point refuses the same mistakes.
 */
export interface StoreSettings {
  storeName: string;
  address: string;
  phone: string;
  /** Qualified-invoice issuer registration number: "T" followed by 13 digits. */
  registrationNumber: string;
}

export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  storeName: 'レジ練習店',
  address: '東京都千代田区丸の内1-1-1',
  phone: '03-0000-0000',
  registrationNumber: 'T0000000000000',
};

export const REGISTRATION_NUMBER_PATTERN = /^T\d{13}$/;

/** Longest store name and address, in characters (what fits the receipt header). */
export const STORE_TEXT_MAX = { storeName: 60, address: 120 } as const;

/** A character that would break a printed line (a tab, a line break, a NUL): store details may not hold one. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** A phone number as printed: digits, spaces, + - and parentheses, 3 to 20 characters. */
export const PHONE_PATTERN = /^[0-9+\-() ]{3,20}$/;

/** Why a registration number is unusable, or null when it is well formed. */
export function registrationNumberProblem(value: string): string | null {
  if (REGISTRATION_NUMBER_PATTERN.test(value)) return null;
  if (!value.startsWith('T')) return `registration number must start with "T" (got ${JSON.stringify(value)})`;
  const digits = value.slice(1);
  if (!/^\d*$/.test(digits)) return `registration number must be "T" followed by digits only (got ${JSON.stringify(value)})`;
  return `registration number must be "T" followed by exactly 13 digits (got ${digits.length})`;
}
