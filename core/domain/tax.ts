import type { Yen } from './money.js';

/**
 * Japanese consumption tax classes. Prices in Regi are tax-inclusive (税込).
 * reduced: 8% (food and non-alcoholic drinks, newspapers by subscription);
 * standard: 10% (alcohol, tobacco, magazines, everything else).
 */
export type TaxClass = 'reduced' | 'standard';

export const TAX_RATE_PERCENT: Readonly<Record<TaxClass, number>> = {
  reduced: 8,
  standard: 10,
};

export interface TaxBreakdownRow {
  taxClass: TaxClass;
  ratePercent: number;
  /** Tax-inclusive total of the lines at this rate. */
  gross: Yen;
  /** Consumption tax contained in gross, rounded down once for the whole receipt. */
  tax: Yen;
  /** gross - tax */
  net: Yen;
}

/**
 * Tax contained in a tax-inclusive amount, rounded down (切り捨て) once per rate per receipt,
 * as the qualified-invoice rules require: never per line.
 */
export function includedTax(gross: Yen, ratePercent: number): Yen {
  // Integer arithmetic: floor(gross * r / (100 + r)) without floating point error.
  const numerator = gross * ratePercent;
  const denominator = 100 + ratePercent;
  return gross >= 0 ? Math.floor(numerator / denominator) : -Math.floor(-numerator / denominator);
}

export function taxBreakdown(grossByClass: Readonly<Record<TaxClass, Yen>>): TaxBreakdownRow[] {
  const rows: TaxBreakdownRow[] = [];
  for (const taxClass of ['reduced', 'standard'] as const) {
    const gross = grossByClass[taxClass];
    if (gross === 0) continue;
    const ratePercent = TAX_RATE_PERCENT[taxClass];
    const tax = includedTax(gross, ratePercent);
    rows.push({ taxClass, ratePercent, gross, tax, net: gross - tax });
  }
  return rows;
}
