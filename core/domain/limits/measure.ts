/** How much of a basket (or a recorded sale) falls under a rule's scope. */
import type { BasketLine } from '../basket.js';
import type { CatalogItem } from '../catalog-item.js';
import type { Yen } from '../money.js';
import type { LimitMeasure, LimitScope } from './rule.js';

export interface Measured {
  /** Units: quantity times unitsPerItem. */
  quantity: number;
  /** Tax-inclusive yen. */
  amount: Yen;
}

export const NOTHING: Measured = { quantity: 0, amount: 0 };

export function inScope(scope: LimitScope, item: CatalogItem): boolean {
  switch (scope.kind) {
    case 'basket':
      return true;
    case 'item':
      return scope.codes.includes(item.code);
    case 'category':
      return scope.categories.includes(item.category);
  }
}

/** A carton counts as its packs. A missing or nonsensical unitsPerItem counts as 1 rather than 0 so it can never hide purchases. */
export function unitsOf(item: CatalogItem): number {
  const u = item.unitsPerItem;
  return u !== undefined && Number.isSafeInteger(u) && u >= 1 ? u : 1;
}

export function measureItem(scope: LimitScope, item: CatalogItem, quantity: number): Measured {
  if (!inScope(scope, item)) return NOTHING;
  return { quantity: quantity * unitsOf(item), amount: quantity * item.price };
}

export function measureLines(scope: LimitScope, lines: readonly BasketLine[]): Measured {
  let quantity = 0;
  let amount = 0;
  for (const line of lines) {
    if (!inScope(scope, line.item)) continue;
    quantity += line.quantity * unitsOf(line.item);
    amount += line.amount;
  }
  return { quantity, amount };
}

export function addMeasured(a: Measured, b: Measured): Measured {
  return { quantity: a.quantity + b.quantity, amount: a.amount + b.amount };
}

export function pick(m: Measured, measure: LimitMeasure): number {
  return measure === 'quantity' ? m.quantity : m.amount;
}
