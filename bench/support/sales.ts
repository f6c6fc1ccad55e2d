/** Real sales built with core's basket and tender code, as the register hands them to the journal. */
import { addItem, basketTotals, emptyBasket } from '../../core/domain/basket.js';
import { cashTender, type CompletedSale } from '../../core/domain/sale.js';
import { BENCH_CODES, demoItem } from './demo-picks.js';

/** Sale number `n` of a bench run: 3 to 5 lines of demo items, paid in cash with a round note. */
export function benchSale(registerId: string, saleId: string, n: number, at: number): Omit<CompletedSale, 'saleNo'> {
  let basket = emptyBasket();
  const lines = 3 + (n % 3);
  for (let i = 0; i < lines; i++) basket = addItem(basket, demoItem(BENCH_CODES[(n + i) % BENCH_CODES.length]!), 1 + ((n + i) % 2)).basket;
  const totals = basketTotals(basket);
  return {
    saleId,
    registerId,
    startedAt: at - 40_000,
    completedAt: at,
    lines: basket.lines,
    totals,
    tenders: [cashTender(totals.total, Math.ceil(totals.total / 1000) * 1000)],
  };
}
