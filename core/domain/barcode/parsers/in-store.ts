/**
 * In-store codes (GS1 restricted circulation numbers, インストアコード): 13 digits starting 02 or 20-29, or a
 * 12-digit UPC-A of number system 2. A store may configure price-embedded (Non-PLU) layouts per prefix; a
 * code under such a prefix carries its price, and its lookup code is the item part with the price zeroed
 * so the catalog holds the PLU once. Prefixes without a layout are plain in-store items.
 */
import { priceCheckDigit, withGs1CheckDigit } from '../check-digit.js';
import {
  aimAllowsEanUpc,
  isDigits,
  reject,
  type BarcodeParser,
  type BarcodeResult,
  type StoreLayout,
} from '../types.js';
import { checkDigitProblem } from './retail-check.js';

export function isInStorePrefix(code13: string): boolean {
  return /^(02|2\d)/.test(code13);
}

/** Every problem with a set of layouts, each naming the layout and field; empty when the config is usable. */
export function storeLayoutProblems(layouts: unknown): string[] {
  if (!Array.isArray(layouts)) return ['storeLayouts must be a list of layouts'];
  const problems: string[] = [];
  const seen = new Set<string>();
  layouts.forEach((layout: unknown, i) => {
    const at = `storeLayouts[${i}]`;
    if (typeof layout !== 'object' || layout === null) {
      problems.push(`${at} must be an object`);
      return;
    }
    const { prefix, itemDigits, priceDigits, hasPriceCheckDigit } = layout as Record<string, unknown>;
    if (typeof prefix !== 'string' || !/^\d{2,3}$/.test(prefix) || !isInStorePrefix(prefix)) {
      problems.push(`${at}.prefix must be 2 or 3 digits starting 02 or 20-29, got ${JSON.stringify(prefix)}`);
      return;
    }
    if (seen.has(prefix)) problems.push(`${at}.prefix ${prefix} is configured twice`);
    seen.add(prefix);
    if (priceDigits !== 4 && priceDigits !== 5) problems.push(`${at}.priceDigits must be 4 or 5, got ${String(priceDigits)}`);
    if (typeof hasPriceCheckDigit !== 'boolean') problems.push(`${at}.hasPriceCheckDigit must be true or false`);
    if (typeof itemDigits !== 'number' || !Number.isInteger(itemDigits) || itemDigits < 1) {
      problems.push(`${at}.itemDigits must be a whole number of at least 1, got ${String(itemDigits)}`);
    } else if (typeof priceDigits === 'number' && typeof hasPriceCheckDigit === 'boolean') {
      const total = prefix.length + itemDigits + (hasPriceCheckDigit ? 1 : 0) + priceDigits;
      if (total !== 12) {
        problems.push(
          `${at}: prefix (${prefix.length}) + itemDigits (${itemDigits}) + price check (${hasPriceCheckDigit ? 1 : 0})` +
            ` + priceDigits (${priceDigits}) must fill the 12 digits before the check digit, got ${total}`,
        );
      }
    }
  });
  return problems;
}

function layoutFor(code13: string, layouts: readonly StoreLayout[]): StoreLayout | undefined {
  let best: StoreLayout | undefined;
  for (const layout of layouts) {
    if (code13.startsWith(layout.prefix) && (best === undefined || layout.prefix.length > best.prefix.length)) best = layout;
  }
  return best;
}

export function classifyInStore(code13: string, data: string, layouts: readonly StoreLayout[]): BarcodeResult {
  const problem = checkDigitProblem('In-store code', code13, data);
  if (problem) return problem;
  const layout = layoutFor(code13, layouts);
  if (!layout) return { ok: true, kind: 'in-store', lookupCode: code13, data };
  const itemStart = layout.prefix.length;
  const itemReference = code13.slice(itemStart, itemStart + layout.itemDigits);
  const priceStart = itemStart + layout.itemDigits + (layout.hasPriceCheckDigit ? 1 : 0);
  const price = code13.slice(priceStart, priceStart + layout.priceDigits);
  if (layout.hasPriceCheckDigit) {
    const actual = code13.charCodeAt(priceStart - 1) - 48;
    const expected = priceCheckDigit(price);
    if (actual !== expected) {
      return reject(
        data,
        'price-check-digit',
        `price check digit is ${actual}, expected ${expected} for price ${price}: the price was misread, scan again`,
      );
    }
  }
  const zeroed = layout.prefix + itemReference + '0'.repeat(12 - itemStart - layout.itemDigits);
  return {
    ok: true,
    kind: 'in-store-price',
    lookupCode: withGs1CheckDigit(zeroed),
    data,
    embeddedPrice: Number(price),
    itemReference,
    layout,
  };
}

export const inStoreParser: BarcodeParser = (data, context) => {
  if (!isDigits(data) || !aimAllowsEanUpc(context.aimId, '0')) return undefined;
  let code13: string;
  if (data.length === 13) code13 = data;
  else if (data.length === 12 && data.startsWith('2')) code13 = `0${data}`;
  else return undefined;
  if (!isInStorePrefix(code13)) return undefined;
  return classifyInStore(code13, data, context.storeLayouts ?? []);
};
