/** Wire schemas of the purchase-limit, age and manager-console RegisterApi methods (host/api-schemas.ts). */
import { z } from 'zod';
import { CATEGORIES } from '../../core/domain/catalog-item.js';
import { OVERRIDE_REASON_CODES, PIN_PATTERN } from '../../core/domain/limits/manager-pin.js';

const staffId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a staff id like M001');
const pin = z.string().regex(PIN_PATTERN, 'must be 4 to 8 digits');
const session = z.string().min(1, 'must not be empty').max(128);

export const limitRuleSchema = z.strictObject({
  ruleId: z.string().max(64),
  name: z.string().max(200),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('item'), codes: z.array(z.string().max(32)).max(500) }),
    z.strictObject({ kind: z.literal('category'), categories: z.array(z.enum(CATEGORIES as [string, ...string[]])).max(20) }),
    z.strictObject({ kind: z.literal('basket') }),
  ]),
  measure: z.enum(['quantity', 'amount']),
  max: z.number(),
  window: z.enum(['sale', 'wallet-24h']),
  tender: z.enum(['any', 'wallet', 'cash']),
  action: z.enum(['block', 'override']),
  enabled: z.boolean(),
});

export const limitRulesSchema = z.array(limitRuleSchema).max(200);
const rules = limitRulesSchema;

export const LIMITS_METHOD_PARAMS = {
  approveOverride: z.strictObject({ managerId: staffId, pin, reasonCode: z.enum(OVERRIDE_REASON_CODES) }),
  cancelOverride: z.undefined(),
  confirmAge: z.strictObject({ confirmed: z.boolean() }),
  managerLogin: z.strictObject({ managerId: staffId, pin }),
  managerLogout: z.strictObject({ session }),
  limitsOverview: z.strictObject({ session }),
  limitsSave: z.strictObject({
    session, rules, comment: z.string().max(500), effectiveFrom: z.number().int().min(0).optional(),
  }),
  limitsImport: z.strictObject({ session, text: z.string().max(1_000_000, 'is larger than any rules file (1 MB)') }),
  limitsExport: z.strictObject({ session, version: z.number().int().min(1).optional() }),
  limitsDryRun: z.strictObject({ session, rules, days: z.number().int().min(1).max(366) }),
  auditLog: z.strictObject({ session, limit: z.number().int().min(1).max(1000), beforeSeq: z.number().int().min(1).optional() }),
  auditVerify: z.strictObject({ session }),
};
