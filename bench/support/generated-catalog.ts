/** A big generated catalog: item n has the JAN "45" + n (10 digits) + a valid GS1 check digit. */
import { withGs1CheckDigit } from '../../core/domain/barcode/check-digit.js';
import { CATEGORIES, type CatalogItem } from '../../core/domain/catalog-item.js';

export function generatedCode(n: number): string {
  return withGs1CheckDigit(`45${String(n).padStart(10, '0')}`);
}

export function generatedItem(n: number): CatalogItem {
  const category = CATEGORIES[n % CATEGORIES.length]!;
  const standard = category === 'alcohol' || category === 'tobacco' || category === 'magazines' || category === 'daily-goods';
  return {
    code: generatedCode(n),
    name: `Generated item ${n}`,
    nameJa: `生成商品${n}`,
    price: 100 + (n % 900),
    taxClass: standard ? 'standard' : 'reduced',
    category,
    ageRestricted: category === 'alcohol' || category === 'tobacco',
  };
}

/** Deterministic xorshift32 in [0, 1), so every run looks up the same codes. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}
