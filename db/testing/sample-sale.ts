/** Sales built with the real core basket, as the register would hand them to the journal. */
import { addItem, basketTotals, emptyBasket } from '../../core/domain/basket.js';
import type { CatalogItem } from '../../core/domain/catalog-item.js';
import { cashTender, type CompletedSale } from '../../core/domain/sale.js';

export function sampleSale(
  saleId: string,
  picks: readonly { item: CatalogItem; quantity?: number }[],
  tendered: number,
  at = 1_760_000_000_000,
): Omit<CompletedSale, 'saleNo'> {
  let basket = emptyBasket();
  for (const { item, quantity } of picks) basket = addItem(basket, item, quantity ?? 1).basket;
  const totals = basketTotals(basket);
  return {
    saleId,
    registerId: 'R-TEST01',
    startedAt: at - 45_000,
    completedAt: at,
    lines: basket.lines,
    totals,
    tenders: [cashTender(totals.total, tendered)],
  };
}
