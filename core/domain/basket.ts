import type { CatalogItem } from './catalog-item.js';
import { assertYen, type Yen } from './money.js';
import { taxBreakdown, type TaxBreakdownRow, type TaxClass } from './tax.js';

export interface BasketLine {
  /** Stable within a sale: L1, L2, ... */
  lineId: string;
  item: CatalogItem;
  quantity: number;
  /** price * quantity, tax-inclusive. */
  amount: Yen;
}

export interface BasketTotals {
  itemCount: number;
  /** Tax-inclusive total the customer pays. */
  total: Yen;
  taxes: TaxBreakdownRow[];
}

export interface Basket {
  lines: readonly BasketLine[];
  nextLineNo: number;
}

export const MAX_LINE_QUANTITY = 999;

export function emptyBasket(): Basket {
  return { lines: [], nextLineNo: 1 };
}

/**
 * Adds one unit of an item. A repeat scan of the item on the last line increments that line
 * (what cashiers expect when scanning three of the same drink); otherwise a new line is added.
 */
export function addItem(basket: Basket, item: CatalogItem, quantity = 1): { basket: Basket; line: BasketLine } {
  assertQuantity(quantity);
  const last = basket.lines.at(-1);
  if (last && last.item.code === item.code && last.item.price === item.price && last.quantity + quantity <= MAX_LINE_QUANTITY) {
    const line = makeLine(last.lineId, item, last.quantity + quantity);
    return { basket: { ...basket, lines: [...basket.lines.slice(0, -1), line] }, line };
  }
  const line = makeLine(`L${basket.nextLineNo}`, item, quantity);
  return { basket: { lines: [...basket.lines, line], nextLineNo: basket.nextLineNo + 1 }, line };
}

export function setQuantity(basket: Basket, lineId: string, quantity: number): Basket {
  assertQuantity(quantity);
  const index = findLine(basket, lineId);
  const old = basket.lines[index]!;
  const lines = basket.lines.slice();
  lines[index] = makeLine(lineId, old.item, quantity);
  return { ...basket, lines };
}

export function voidLine(basket: Basket, lineId: string): Basket {
  const index = findLine(basket, lineId);
  return { ...basket, lines: basket.lines.filter((_, i) => i !== index) };
}

export function basketTotals(basket: Basket): BasketTotals {
  const gross: Record<TaxClass, Yen> = { reduced: 0, standard: 0 };
  let itemCount = 0;
  for (const line of basket.lines) {
    gross[line.item.taxClass] += line.amount;
    itemCount += line.quantity;
  }
  const total = assertYen(gross.reduced + gross.standard, 'total');
  return { itemCount, total, taxes: taxBreakdown(gross) };
}

export class BasketError extends Error {
  constructor(
    readonly code: 'line.notFound' | 'quantity.invalid',
    message: string,
  ) {
    super(message);
    this.name = 'BasketError';
  }
}

function findLine(basket: Basket, lineId: string): number {
  const index = basket.lines.findIndex((l) => l.lineId === lineId);
  if (index < 0) throw new BasketError('line.notFound', `no basket line ${lineId}`);
  return index;
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new BasketError('quantity.invalid', `quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}, got ${quantity}`);
  }
}

function makeLine(lineId: string, item: CatalogItem, quantity: number): BasketLine {
  return { lineId, item, quantity, amount: assertYen(item.price * quantity, 'line amount') };
}
