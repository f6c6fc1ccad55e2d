/**
 * Payment-time fraud rules (7pay taught that these must exist before launch). Each enabled rule logs its decision
 * to fraud_events, allow or deny, so an operator can see why a payment went through or not.
 */
import { stmt, type GatewayDb } from './db.js';
import type { Rules } from './rules.js';

export interface FraudEvent {
  rule: string;
  decision: 'allow' | 'deny';
  walletId?: string;
  terminalId?: string;
  ref?: string;
  detail: Record<string, unknown>;
}

export function logFraud(db: GatewayDb, at: number, event: FraudEvent): void {
  stmt(db, 'INSERT INTO fraud_events (at, rule, decision, wallet_id, terminal_id, ref, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    at,
    event.rule,
    event.decision,
    event.walletId ?? null,
    event.terminalId ?? null,
    event.ref ?? null,
    JSON.stringify(event.detail),
  );
}

export interface PaymentContext {
  merchantPaymentId: string;
  walletId: string;
  terminalId: string;
  amount: number;
  categoryTotals: Record<string, number>;
  frozen: boolean;
}

/** Rule name -> the FAILED reason a payment gets when that rule denies it. */
export const FRAUD_REASONS = {
  frozenWallet: 'WALLET_FROZEN',
  maxPerTransaction: 'FRAUD_PER_TRANSACTION_CAP',
  dailySpendCap: 'FRAUD_DAILY_CAP',
  chargeThenSpend: 'FRAUD_CHARGE_THEN_SPEND',
  terminalDistinctWallets: 'FRAUD_TERMINAL_WALLETS',
  maxTobaccoSharePercent: 'FRAUD_TOBACCO_SHARE',
} as const;

/** Money counts against caps while it is charged or about to be (AUTHORIZING). */
const SPENDING = "status IN ('COMPLETED', 'AUTHORIZING')";

/** Runs every enabled rule in a fixed order; returns the first denial's reason. Call inside the payment transaction. */
export function checkPayment(db: GatewayDb, now: number, rules: Rules, ctx: PaymentContext): string | undefined {
  const base = { walletId: ctx.walletId, terminalId: ctx.terminalId, ref: ctx.merchantPaymentId };
  const decide = (rule: keyof typeof FRAUD_REASONS, deny: boolean, detail: Record<string, unknown>): string | undefined => {
    logFraud(db, now, { ...base, rule, decision: deny ? 'deny' : 'allow', detail: { amount: ctx.amount, ...detail } });
    return deny ? FRAUD_REASONS[rule] : undefined;
  };
  const checks: (() => string | undefined)[] = [
    () => (ctx.frozen ? decide('frozenWallet', true, {}) : undefined),
    () => (rules.maxPerTransaction === null ? undefined : decide('maxPerTransaction', ctx.amount > rules.maxPerTransaction, { limit: rules.maxPerTransaction })),
    () => {
      if (rules.dailySpendCap === null) return undefined;
      const spent = (
        stmt(db, `SELECT COALESCE(SUM(amount - refunded_amount), 0) AS s FROM payments WHERE wallet_id = ? AND ${SPENDING} AND created_at > ?`)
          .get(ctx.walletId, now - 24 * 3_600_000) as { s: number }
      ).s;
      return decide('dailySpendCap', spent + ctx.amount > rules.dailySpendCap, { spent, limit: rules.dailySpendCap });
    },
    () => {
      const rule = rules.chargeThenSpend;
      if (rule === null) return undefined;
      const topUps = stmt(db, "SELECT amount, at FROM ledger WHERE wallet_id = ? AND kind IN ('topup', 'open') AND at > ? ORDER BY at DESC")
        .all(ctx.walletId, now - rule.withinMinutes * 60_000) as { amount: number; at: number }[];
      const match = topUps.find((t) => Math.abs(t.amount - ctx.amount) <= (t.amount * rule.tolerancePercent) / 100);
      return decide('chargeThenSpend', match !== undefined, { ...rule, topUp: match ?? null });
    },
    () => {
      const rule = rules.terminalDistinctWallets;
      if (rule === null) return undefined;
      const wallets = (
        stmt(db, `SELECT DISTINCT wallet_id FROM payments WHERE terminal_id = ? AND ${SPENDING} AND created_at > ?`)
          .all(ctx.terminalId, now - rule.withinMinutes * 60_000) as { wallet_id: string }[]
      ).map((r) => r.wallet_id);
      const distinct = new Set([...wallets, ctx.walletId]).size;
      return decide('terminalDistinctWallets', distinct > rule.max, { ...rule, distinct });
    },
    () => {
      if (rules.maxTobaccoSharePercent === null) return undefined;
      const tobacco = ctx.categoryTotals['tobacco'] ?? 0;
      const share = (tobacco * 100) / ctx.amount;
      return decide('maxTobaccoSharePercent', share > rules.maxTobaccoSharePercent, { tobacco, sharePercent: share, limit: rules.maxTobaccoSharePercent });
    },
  ];
  for (const check of checks) {
    const reason = check();
    if (reason !== undefined) return reason;
  }
  return undefined;
}
