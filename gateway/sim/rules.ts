/**
 * Fraud rules and account-wide switches, stored as one JSON row in settings and edited through the admin API.
 * A rule set to null is off. The defaults leave every limit off so tests switch on exactly what they check.
 */
import { z } from 'zod';
import { stmt, type GatewayDb } from './db.js';

const yen = z.number().int().positive();
const minutes = z.number().positive().max(7 * 24 * 60);

export const rulesSchema = z.strictObject({
  /** Largest single payment. */
  maxPerTransaction: yen.nullable(),
  /** Total a wallet may spend in a rolling 24 hours. */
  dailySpendCap: yen.nullable(),
  /** A payment within `withinMinutes` of a top-up whose amount is within `tolerancePercent` of it (7pay pattern). */
  chargeThenSpend: z.strictObject({ withinMinutes: minutes, tolerancePercent: z.number().min(0).max(100) }).nullable(),
  /** Most top-ups one wallet may make in any 60 s. */
  topUpsPerMinute: z.number().int().positive().nullable(),
  /** Most distinct wallets redeemed at one terminal within `withinMinutes`. */
  terminalDistinctWallets: z.strictObject({ max: z.number().int().positive(), withinMinutes: minutes }).nullable(),
  /** Highest share (percent) of a payment that may be tobacco (categoryTotals.tobacco). */
  maxTobaccoSharePercent: z.number().min(0).max(100).nullable(),
  /** Payments above this ask the customer to confirm in the app (status AUTHORIZING). */
  userConfirmationAbove: yen.nullable(),
  suspendTopUps: z.boolean(),
  suspendSignUps: z.boolean(),
  /** How long after a payment a cancel still reverses it; later, refund instead. */
  cancelWindowMinutes: minutes,
});
export type Rules = z.infer<typeof rulesSchema>;
export const rulesPatchSchema = rulesSchema.partial();
export type RulesPatch = z.infer<typeof rulesPatchSchema>;

export const DEFAULT_RULES: Rules = {
  maxPerTransaction: null,
  dailySpendCap: null,
  chargeThenSpend: null,
  topUpsPerMinute: null,
  terminalDistinctWallets: null,
  maxTobaccoSharePercent: null,
  userConfirmationAbove: null,
  suspendTopUps: false,
  suspendSignUps: false,
  cancelWindowMinutes: 24 * 60,
};

/** The last parsed rules per connection, keyed by the stored text: every payment reads the rules. */
const parsedRules = new WeakMap<GatewayDb, { text: string; rules: Rules }>();

export function loadRules(db: GatewayDb): Rules {
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'rules'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_RULES;
  // The row is read every time (any writer may change it); only an unchanged text skips the JSON and zod parse.
  const cached = parsedRules.get(db);
  if (cached?.text === row.value) return cached.rules;
  // A row written by an older build may lack newer fields: defaults fill them.
  const rules = rulesSchema.parse({ ...DEFAULT_RULES, ...(JSON.parse(row.value) as object) });
  parsedRules.set(db, { text: row.value, rules });
  return rules;
}

export function updateRules(db: GatewayDb, patch: RulesPatch): Rules {
  const next = rulesSchema.parse({ ...loadRules(db), ...patch });
  stmt(db, "INSERT INTO settings (key, value) VALUES ('rules', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    JSON.stringify(next),
  );
  return next;
}
