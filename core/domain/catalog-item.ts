import type { Yen } from './money.js';
import type { TaxClass } from './tax.js';

export type Category =
  | 'onigiri'
  | 'bento'
  | 'bakery'
  | 'snacks'
  | 'sweets'
  | 'drinks'
  | 'coffee'
  | 'dairy'
  | 'magazines'
  | 'alcohol'
  | 'tobacco'
  | 'daily-goods';

export const CATEGORIES: readonly Category[] = [
  'onigiri', 'bento', 'bakery', 'snacks', 'sweets', 'drinks', 'coffee', 'dairy',
  'magazines', 'alcohol', 'tobacco', 'daily-goods',
];

/** An item as the catalog sells it. price is tax-inclusive yen per unit. */
export interface CatalogItem {
  /** The item's GTIN as scanned: 13 digits for JAN/EAN-13, 8 for EAN-8. */
  code: string;
  name: string;
  /** Japanese name shown on the register and receipt. */
  nameJa: string;
  price: Yen;
  taxClass: TaxClass;
  category: Category;
  /** Age-restricted (20+ in Japan): alcohol and tobacco. */
  ageRestricted: boolean;
  /**
   * How many units one of this item counts as for quantity purchase limits: a tobacco carton is
   * 10 packs. Absent means 1.
   */
  unitsPerItem?: number;
}
