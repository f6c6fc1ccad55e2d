/**
 * What-if: replays recorded sales against a draft rule set, as tender checks, to show a manager
 * which sales the draft would have stopped before it goes live.
 *
 * Sales are replayed in completion order. A sale the draft would have blocked is taken not to have
 * happened, so it does not count toward the wallet's later 24 h totals; a sale that would only have
 * needed a manager override is taken to have been approved and does count. Sales before `from`
 * are not judged but do count as wallet history, as they happened.
 */
import type { TenderKind } from '../sale.js';
import { evaluateLimits, type LimitViolation } from './evaluate.js';
import type { RuleSet } from './rule.js';
import { InMemoryWalletHistory, saleTenderKind, type RecordedSale } from './wallet-history.js';

export interface DryRunRequest {
  /** The draft, numbered as the version it would become (nextRuleSetVersion) or any placeholder. */
  ruleSet: RuleSet;
  sales: readonly RecordedSale[];
  /** Judge sales completed at or after this time (e.g. now - N days); earlier ones are history only. */
  from?: number;
  /** Judge sales completed at or before this time. */
  to?: number;
}

export interface DryRunHit {
  saleId: string;
  completedAt: number;
  walletId?: string;
  tender: TenderKind;
  /** 'blocked' when any violated rule blocks; 'override' when all of them would have needed a manager. */
  outcome: 'blocked' | 'override';
  violations: LimitViolation[];
}

export interface DryRunResult {
  version: number;
  /** Sales judged (inside from..to). */
  checked: number;
  blocked: number;
  needsOverride: number;
  /** In completion order. */
  hits: DryRunHit[];
}

export function dryRun(request: DryRunRequest): DryRunResult {
  const from = request.from ?? Number.NEGATIVE_INFINITY;
  const to = request.to ?? Number.POSITIVE_INFINITY;
  const sales = [...request.sales].sort((a, b) => a.completedAt - b.completedAt);
  const history = new InMemoryWalletHistory();
  const result: DryRunResult = { version: request.ruleSet.version, checked: 0, blocked: 0, needsOverride: 0, hits: [] };

  for (const sale of sales) {
    if (sale.completedAt < from || sale.completedAt > to) {
      if (sale.completedAt < from) history.add(sale);
      continue;
    }
    result.checked += 1;
    const tender = saleTenderKind(sale);
    const decision = evaluateLimits({
      ruleSet: request.ruleSet,
      lines: sale.lines,
      change: { kind: 'tender' },
      tender,
      ...(sale.walletId !== undefined ? { walletId: sale.walletId } : {}),
      now: sale.completedAt,
      history,
    });
    if (decision.allowed) {
      history.add(sale);
      continue;
    }
    const outcome = decision.overridable ? 'override' : 'blocked';
    if (outcome === 'blocked') result.blocked += 1;
    else {
      result.needsOverride += 1;
      history.add(sale);
    }
    result.hits.push({
      saleId: sale.saleId,
      completedAt: sale.completedAt,
      ...(sale.walletId !== undefined ? { walletId: sale.walletId } : {}),
      tender,
      outcome,
      violations: decision.violations,
    });
  }
  return result;
}
