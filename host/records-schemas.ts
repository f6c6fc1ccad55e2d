/** Wire schemas of the receipts / history / reports methods of RegisterApi (spread into METHOD_PARAMS). */
import { z } from 'zod';
import { CONTROL_CHARACTER, PHONE_PATTERN, REGISTRATION_NUMBER_PATTERN, STORE_TEXT_MAX } from '../core/domain/receipt/store-settings.js';

const epochMs = z.number().int('must be epoch milliseconds').min(0).max(8_640_000_000_000_000);
const yen = z.number().int('must be a whole number of yen').min(0).max(100_000_000);
// Printed on receipts: no control characters (a NUL or a line break would break the printed line).
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).refine((value) => !CONTROL_CHARACTER.test(value), 'must not contain control characters');

export const storeSettingsPatch = z.strictObject({
  storeName: text(STORE_TEXT_MAX.storeName).optional(),
  address: text(STORE_TEXT_MAX.address).optional(),
  phone: z.string().trim().regex(PHONE_PATTERN, 'must be a phone number (digits, spaces, + - and parentheses)').optional(),
  registrationNumber: z
    .string()
    .trim()
    .regex(REGISTRATION_NUMBER_PATTERN, 'must be the qualified-invoice registration number: "T" followed by 13 digits, e.g. T1234567890123')
    .optional(),
});

export const RECORDS_METHOD_PARAMS = {
  getStoreSettings: z.undefined(),
  setStoreSettings: storeSettingsPatch,
  searchSales: z.strictObject({
    from: epochMs.optional(),
    to: epochMs.optional(),
    minTotal: yen.optional(),
    maxTotal: yen.optional(),
    barcode: z.string().regex(/^\d{6,20}$/, 'must be an item barcode (6-20 digits)').optional(),
    walletTransactionId: z.string().min(1, 'must not be empty').max(128).optional(),
    limit: z.number().int().min(1).max(200),
    offset: z.number().int().min(0).max(1_000_000),
  }),
  salesReports: z.strictObject({ from: epochMs, to: epochMs }),
} as const;
