/**
 * The scenario file format (docs/scenarios.md). One zod schema per part, so the same definitions validate a file
 * (with messages naming the step and field) and produce docs/scenario.schema.json (z.toJSONSchema).
 * A step is an object with exactly one action key (scan, pay, expect, ...) and an optional `name`.
 */
import { z } from 'zod';
import { gs1CheckDigit, hasValidGs1CheckDigit } from '../../core/domain/barcode/check-digit.js';
import { CATEGORIES } from '../../core/domain/catalog-item.js';
import { FAULT_KINDS } from '../../gateway/sim/faults.js';
import { ALL_FAULTS } from '../../host/simulator-control.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -');
const yen = z.number().int('must be whole yen').min(0);
const hex = z.string().regex(/^([0-9a-fA-F]{2})+$/, 'must be hex bytes like "34390d"');
/** Milliseconds as a number, or "250ms", "2s", "5m", "25h", "1d". */
export const duration = z.union([z.number().int().min(0), z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'must be like 250ms, 2s, 5m, 25h or 1d')]);
const lineRef = z.union([z.number().int().min(1), z.string().regex(/^\d{8,14}$/, 'must be a line number (1 = first) or an item code')]);
const jsonish = z.union([z.string(), z.number(), z.boolean()]);

export const catalogItemSchema = z.strictObject({
  code: z
    .string()
    .regex(/^\d{8}$|^\d{13}$/, 'must be an 8 or 13 digit JAN/EAN')
    .refine((code) => !/^\d{8}$|^\d{13}$/.test(code) || hasValidGs1CheckDigit(code), {
      error: (issue) => `has a wrong check digit (the last digit should be ${gs1CheckDigit(String(issue.input).slice(0, -1))})`,
    }),
  name: z.string().min(1),
  nameJa: z.string().min(1).optional(),
  price: yen,
  taxClass: z.enum(['reduced', 'standard']),
  category: z.enum(CATEGORIES as [string, ...string[]]),
  ageRestricted: z.boolean().optional(),
  unitsPerItem: z.number().int().min(1).max(1000).optional(),
});

export const limitRuleSchema = z.strictObject({
  ruleId: z.string().min(1),
  name: z.string().min(1),
  scope: z.union([
    z.strictObject({ kind: z.literal('category'), categories: z.array(z.string()).min(1) }),
    z.strictObject({ kind: z.literal('item'), codes: z.array(z.string()).min(1) }),
    z.strictObject({ kind: z.literal('basket') }),
  ]),
  measure: z.enum(['quantity', 'amount']),
  max: z.number().int().min(0),
  window: z.enum(['sale', 'wallet-24h']),
  tender: z.enum(['any', 'wallet', 'cash']),
  action: z.enum(['block', 'override']),
  enabled: z.boolean().optional(),
});

/** `defaults` (the shipped rules), `none` (all off), shortcuts, or rules in the limits JSON format. */
export const limitsSchema = z.union([
  z.enum(['defaults', 'none']),
  z.strictObject({
    tobaccoPacksPerSale: z.number().int().min(0).optional(),
    tobaccoYenPerWallet24h: z.number().int().min(0).optional(),
    rules: z.array(limitRuleSchema).optional(),
    comment: z.string().optional(),
  }),
]);

export const scannerSchema = z.strictObject({ id, kind: z.enum(['serial', 'hid-pos', 'hid-keyboard']) });
export const walletSchema = z.strictObject({ name: id, balance: yen.max(100_000_000) });

const scanObject = z
  .strictObject({
    code: z.string().min(1).max(4096).optional(),
    hex: hex.optional(),
    reports: z.array(hex).min(1).optional(),
    device: id.optional(),
    aimId: z.string().regex(/^\][A-Za-z0-9][0-9A-Za-z]$/, 'must be an AIM id like ]E0').optional(),
    realistic: z.boolean().optional(),
  })
  .refine((s) => [s.code, s.hex, s.reports].filter((v) => v !== undefined).length === 1, 'give exactly one of code, hex or reports')
  .refine((s) => (s.hex === undefined && s.reports === undefined) || s.device !== undefined, 'hex and reports go through a device: add device')
  .refine((s) => s.device !== undefined || (s.aimId === undefined && s.realistic === undefined), 'aimId and realistic need a device');

const payObject = z
  .strictObject({ cash: yen.optional(), wallet: id.optional(), amount: yen.min(1).optional(), device: id.optional() })
  .refine((p) => (p.cash === undefined) !== (p.wallet === undefined), 'give exactly one of cash (yen) or wallet (a wallet name)')
  .refine((p) => p.wallet !== undefined || (p.amount === undefined && p.device === undefined), 'amount and device go with wallet');

const expectObject = z.strictObject({
  basket: z.array(z.strictObject({ code: z.string(), quantity: z.number().int().min(1).optional() })).optional(),
  lines: z.number().int().min(0).optional(),
  itemCount: z.number().int().min(0).optional(),
  total: yen.optional(),
  taxes: z.strictObject({ reduced: yen.optional(), standard: yen.optional() }).optional(),
  message: z.string().optional(),
  messageParams: z.record(z.string(), jsonish).optional(),
  phase: z.enum(['scanning', 'completed']).optional(),
  ageCheck: z.enum(['not-required', 'required', 'confirmed', 'refused']).optional(),
  pendingOverride: z.union([z.boolean(), z.string()]).optional(),
  error: z.union([z.string(), z.null()]).optional(),
  walletResult: z.string().optional(),
  change: yen.optional(),
  wallets: z.record(z.string(), yen).optional(),
  walletCharges: z.record(z.string(), z.number().int().min(0)).optional(),
  sales: z.number().int().min(0).optional(),
  queueDepth: z.number().int().min(0).optional(),
  audit: z.array(z.string()).optional(),
  scanners: z.record(z.string(), z.strictObject({ scans: z.number().int().min(0).optional(), badReads: z.number().int().min(0).optional(), state: z.string().optional() })).optional(),
  within: duration.optional(),
});

const gatewayFaultObject = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  path: z.string().startsWith('/').optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  count: z.number().int().positive().optional(),
  delayMs: z.number().int().min(0).optional(),
  durationMs: z.number().int().positive().optional(),
  status: z.union([z.literal(429), z.literal(503)]).optional(),
});

const nullableYen = z.union([yen.min(1), z.null()]);
const gatewayRulesObject = z.strictObject({
  maxPerTransaction: nullableYen.optional(),
  dailySpendCap: nullableYen.optional(),
  chargeThenSpend: z.union([z.strictObject({ withinMinutes: z.number().positive(), tolerancePercent: z.number().min(0).max(100) }), z.null()]).optional(),
  topUpsPerMinute: z.union([z.number().int().positive(), z.null()]).optional(),
  terminalDistinctWallets: z.union([z.strictObject({ max: z.number().int().positive(), withinMinutes: z.number().positive() }), z.null()]).optional(),
  maxTobaccoSharePercent: z.union([z.number().min(0).max(100), z.null()]).optional(),
  userConfirmationAbove: nullableYen.optional(),
});

/** Every action a step can hold: key -> the schema of its value. */
export const STEP_ACTIONS = {
  scan: z.union([z.string().min(1).max(4096), scanObject]),
  key: z.string().min(1).max(4096),
  quantity: z.strictObject({ line: lineRef, quantity: z.number().int() }),
  void: z.strictObject({ line: lineRef }),
  pay: payObject,
  confirmAge: z.boolean(),
  override: z.union([z.literal('cancel'), z.strictObject({ manager: z.string().min(1), pin: z.string().min(1), reason: z.string().min(1) })]),
  newSale: z.literal(true),
  abortWallet: z.literal(true),
  gatewayFault: gatewayFaultObject,
  clearGatewayFaults: z.literal(true),
  gatewayRules: gatewayRulesObject,
  scannerFault: z.strictObject({ device: id, fault: z.enum(ALL_FAULTS as [string, ...string[]]), data: z.string().min(2).optional() }),
  unplug: id,
  replug: id,
  topUp: z.strictObject({ wallet: id, amount: yen.min(1) }),
  freezeWallet: id,
  advanceClock: duration,
  wait: duration,
  expect: expectObject,
} as const;
export type StepAction = keyof typeof STEP_ACTIONS;
export const ACTION_KEYS = Object.keys(STEP_ACTIONS) as StepAction[];

/** Step-level options beside the action key. */
const stepExtras = {
  name: z.string().optional(),
  /** The action is expected to be refused with this error code (e.g. limit.blocked); `any` for any code. */
  expectError: z.string().optional(),
};

export type StepInput = { [K in StepAction]: { [P in K]: z.infer<(typeof STEP_ACTIONS)[K]> } & { name?: string; expectError?: string } }[StepAction];

export const scenarioHeadSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  catalog: z.array(catalogItemSchema).optional(),
  limits: limitsSchema.optional(),
  scanners: z.array(scannerSchema).optional(),
  wallets: z.array(walletSchema).optional(),
  steps: z.array(z.unknown()).min(1, 'a scenario needs at least one step'),
});

export type ScenarioHead = z.infer<typeof scenarioHeadSchema>;
export type Scenario = Omit<ScenarioHead, 'steps'> & { steps: StepInput[] };

export const stepSchemaFor = (action: StepAction) => z.strictObject({ [action]: STEP_ACTIONS[action], ...stepExtras });

/** The whole file as one schema, for the JSON Schema document (validation itself goes step by step). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const step = z.union(ACTION_KEYS.map((a) => stepSchemaFor(a)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  const whole = scenarioHeadSchema.extend({ steps: z.array(step).min(1) });
  const schema = z.toJSONSchema(whole, { unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://regi.example/scenario.schema.json',
    title: 'Regi scenario file',
    description: 'A tester-written scenario run by `npx regi scenario run FILE` (docs/scenarios.md).',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
