import type { BasketLine, BasketTotals } from './basket.js';
import type { Yen } from './money.js';

export type TenderKind = 'cash' | 'wallet';

export interface Tender {
  kind: TenderKind;
  /** Amount applied to the sale. */
  amount: Yen;
  /** Cash handed over (cash only); change = tendered - amount. */
  tendered?: Yen;
  change?: Yen;
  /** Wallet transaction id from the gateway (wallet only). */
  reference?: string;
}

/** A completed sale exactly as it was committed. */
export interface CompletedSale {
  /** Client-made id (UUID); the idempotency key for every upload of this sale. */
  saleId: string;
  /** Register-local running number shown on the receipt. */
  saleNo: number;
  registerId: string;
  startedAt: number;
  completedAt: number;
  lines: readonly BasketLine[];
  totals: BasketTotals;
  tenders: readonly Tender[];
}

/** Cash handed back for a sale: the change of its cash tenders. */
export function saleChange(sale: Pick<CompletedSale, 'tenders'>): Yen {
  return sale.tenders.reduce((sum, t) => sum + (t.kind === 'cash' ? (t.change ?? 0) : 0), 0);
}

/** Yen of a sale paid by wallet (all of it, or a split tender's wallet part). */
export function paidByWallet(sale: Pick<CompletedSale, 'tenders'>): Yen {
  return sale.tenders.reduce((sum, t) => sum + (t.kind === 'wallet' ? t.amount : 0), 0);
}

/** Cash tender: the amount applied is the total, the rest is change. */
export function cashTender(total: Yen, tendered: Yen): Tender {
  return { kind: 'cash', amount: total, tendered, change: tendered - total };
}
