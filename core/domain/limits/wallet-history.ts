/**
 * The wallet side of 'wallet-24h' rules: what a wallet has already bought. A port, so db/ can answer
 * it with SQL over the journal; walletSpendFromSales is the plain in-memory answer over a list of
 * recorded sales (dry runs, tests, small stores).
 */
import type { BasketLine } from '../basket.js';
import type { TenderKind } from '../sale.js';
import { addMeasured, measureLines, NOTHING, type Measured } from './measure.js';
import type { LimitScope } from './rule.js';

export type WalletSpend = Measured;

export interface WalletSpendHistory {
  /**
   * Units and yen within `scope` of the completed sales paid (wholly or partly) by `walletId`
   * whose completedAt is strictly after `since`. Callers pass since = now - 24 h, so a purchase
   * made exactly 24 h ago no longer counts and one made 1 ms later still does.
   */
  spentInWindow(walletId: string, since: number, scope: LimitScope): WalletSpend;
}

/** The part of a completed sale that limits care about (CompletedSale plus the paying wallet's id). */
export interface RecordedSale {
  saleId: string;
  completedAt: number;
  lines: readonly BasketLine[];
  tenders: readonly { kind: TenderKind }[];
  /** The wallet's id from the gateway, when a wallet paid. */
  walletId?: string;
}

/** A sale with any wallet tender counts as a wallet sale: the wallet rules must see it. */
export function saleTenderKind(sale: Pick<RecordedSale, 'tenders'>): TenderKind {
  return sale.tenders.some((t) => t.kind === 'wallet') ? 'wallet' : 'cash';
}

/** In-memory history indexed by wallet; sales can be added as they complete (dry runs add them in time order). */
export class InMemoryWalletHistory implements WalletSpendHistory {
  private readonly byWallet = new Map<string, RecordedSale[]>();

  constructor(sales: readonly RecordedSale[] = []) {
    for (const sale of sales) this.add(sale);
  }

  add(sale: RecordedSale): void {
    if (sale.walletId === undefined) return;
    const list = this.byWallet.get(sale.walletId);
    if (list) list.push(sale);
    else this.byWallet.set(sale.walletId, [sale]);
  }

  spentInWindow(walletId: string, since: number, scope: LimitScope): WalletSpend {
    let spent = NOTHING;
    for (const sale of this.byWallet.get(walletId) ?? []) {
      if (sale.completedAt > since) spent = addMeasured(spent, measureLines(scope, sale.lines));
    }
    return spent;
  }
}

export function walletSpendFromSales(sales: readonly RecordedSale[]): WalletSpendHistory {
  return new InMemoryWalletHistory(sales);
}
