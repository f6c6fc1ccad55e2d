/** Cash tender helpers: quick amounts and what the cashier typed. */

export interface QuickTender {
  kind: 'exact' | 'bill';
  amount: number;
  /** False when the amount does not cover the total (the button is disabled). */
  covers: boolean;
}

export const BILLS: readonly number[] = [1000, 5000, 10000];

/** Exact amount first, then the common notes. */
export function quickTenders(total: number): QuickTender[] {
  return [
    { kind: 'exact', amount: total, covers: true },
    ...BILLS.map((amount) => ({ kind: 'bill' as const, amount, covers: amount >= total })),
  ];
}

/** A refusal names its UI text (translated by the screen) and what was typed. */
export type TenderParse = { ok: true; tendered: number } | { ok: false; problem: 'badTendered'; got: string };

/** Text as typed with a Japanese input method on: full-width digits and signs (１０００, ￥) become their ASCII forms. */
export function halfWidth(text: string): string {
  return text.normalize('NFKC');
}

/** Empty entry means "exact amount" (ちょうど), as on a real register. */
export function parseTendered(text: string, total: number): TenderParse {
  const digits = halfWidth(text).replace(/[,¥\s]/g, '');
  if (digits === '') return { ok: true, tendered: total };
  if (!/^\d{1,9}$/.test(digits)) return { ok: false, problem: 'badTendered', got: text };
  return { ok: true, tendered: Number(digits) };
}

/** Change due, or null while the amount does not cover the total. */
export function changeDue(total: number, tendered: number): number | null {
  return tendered >= total ? tendered - total : null;
}
