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

/** Cash tender: the amount applied is the total, the rest is change. */
export function cashTender(total: Yen, tendered: Yen): Tender {
  return { kind: 'cash', amount: total, tendered, change: tendered - total };
}
