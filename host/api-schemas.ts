/**
 * Boundary validation: every RegisterApi call arriving over WebSocket, IPC relay or the control API
 * is checked here before it reaches core. Errors name the field.
 */
import { z } from 'zod';
import { REGISTER_METHODS, RegisterError, type RegisterMethod } from '../core/api.js';
import { WALLET_CODE_PATTERN } from '../core/payments/wallet-gateway.js';
import { HttpError } from './http-util.js';
import { LIMITS_METHOD_PARAMS } from './limits/limits-schemas.js';
import { RECORDS_METHOD_PARAMS } from './records-schemas.js';

/**
 * The most a tender may be: nine digits of yen, what the cashier's amount field takes (renderer/register/tender.ts).
 * It was ten million, less than a basket can total (999 of a dear item on a few lines), and such a sale could not be
 * paid at all.
 */
export const MAX_TENDER_YEN = 999_999_999;
const code = z.string().min(1, 'must not be empty').max(512, 'is longer than any barcode (512 characters)');
const lineId = z.string().regex(/^L\d{1,6}$/, 'must be a basket line id like L1');

export const METHOD_PARAMS = {
  getState: z.undefined(),
  scan: z.strictObject({ data: code, source: z.enum(['keyboard', 'scanner']).optional() }),
  // The range is the basket's own rule, refused there with quantity.invalid (docs/api.md), not here as a bad request.
  setQuantity: z.strictObject({ lineId, quantity: z.number().int('must be a whole number').safe() }),
  voidLine: z.strictObject({ lineId }),
  payCash: z.strictObject({ tendered: z.number().int('must be a whole number of yen').min(0).max(MAX_TENDER_YEN) }),
  newSale: z.undefined(),
  recentSales: z.strictObject({ limit: z.number().int().min(1).max(100) }),
  getSale: z.strictObject({ saleId: z.string().uuid('must be a sale id (UUID)') }),
  beginWallet: z.strictObject({ amount: z.number().int('must be a whole number of yen').min(1).max(MAX_TENDER_YEN).optional() }).optional(),
  payWallet: z.strictObject({
    code: z.string().regex(WALLET_CODE_PATTERN, 'must be the customer\'s wallet code (8-32 digits)'),
    amount: z.number().int('must be a whole number of yen').min(1).max(MAX_TENDER_YEN).optional(),
  }),
  abortWallet: z.undefined(),
  refundSale: z.strictObject({ saleId: z.string().uuid('must be a sale id (UUID)'), managerSession: z.string().min(1, 'a manager session is required (managerLogin)').max(200) }),
  outboxList: z.strictObject({
    session: z.string().min(1, 'log in to the manager console first').max(256),
    states: z.array(z.enum(['pending', 'sent', 'parked'])).min(1, 'name at least one state').max(3),
    limit: z.number().int().min(1).max(500),
  }),
  outboxRetry: z.strictObject({ session: z.string().min(1, 'log in to the manager console first').max(256), includeParked: z.boolean() }),
  ...LIMITS_METHOD_PARAMS,
  ...RECORDS_METHOD_PARAMS,
} satisfies Record<RegisterMethod, z.ZodType>;

export function isRegisterMethod(value: unknown): value is RegisterMethod {
  return typeof value === 'string' && (REGISTER_METHODS as readonly string[]).includes(value);
}

/** A control API request body checked against its schema; a mismatch is a 400 naming each bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, describeZodError(result.error));
  return result.data;
}

/** Describes a zod failure as "field: problem; field: problem". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

export function parseParams(method: RegisterMethod, params: unknown): unknown {
  // Methods without parameters accept an absent or empty object, as JSON clients send either.
  const schema: z.ZodType = METHOD_PARAMS[method];
  const value = schema instanceof z.ZodUndefined && isEmptyObject(params) ? undefined : params;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new RegisterError('invalid-request', `${method}: ${describeZodError(result.error)}`);
  }
  return result.data;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
