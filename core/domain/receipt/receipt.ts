/**
 * The receipt of a completed sale in the qualified simplified invoice format (適格簡易請求書) that
 * Japanese registers print: issuer name and registration number, date and time (JST), register and
 * sale number, lines with reduced-rate items marked, the total per tax rate with the tax it contains
 * (rounded once per rate, as core/domain/tax.ts computed it at sale time), total, tenders and change.
 * Pure: the same model feeds the screen, the plain-text form and the PDF.
 */
import type { Yen } from '../money.js';
import { saleChange, type CompletedSale } from '../sale.js';
import type { StoreSettings } from './store-settings.js';

export interface ReceiptLine {
  lineId: string;
  code: string;
  name: string;
  nameJa: string;
  unitPrice: Yen;
  quantity: number;
  amount: Yen;
  /** 8% reduced-rate item: marked ※ on the receipt. */
  reduced: boolean;
}

export interface ReceiptTaxRow {
  ratePercent: number;
  reduced: boolean;
  /** Tax-inclusive total of the lines at this rate (対象). */
  gross: Yen;
  /** Consumption tax contained in gross (内消費税). */
  tax: Yen;
}

export type ReceiptTender =
  | { kind: 'cash'; amount: Yen; tendered: Yen; change: Yen }
  | { kind: 'wallet'; amount: Yen; transactionId: string };

export interface Receipt {
  store: StoreSettings;
  saleId: string;
  saleNo: number;
  registerId: string;
  completedAt: number;
  /** Japan Standard Time, whatever the host's time zone: YYYY-MM-DD and HH:MM:SS. */
  date: string;
  time: string;
  lines: ReceiptLine[];
  itemCount: number;
  taxRows: ReceiptTaxRow[];
  total: Yen;
  tenders: ReceiptTender[];
  /** Sum of cash change handed back. */
  change: Yen;
  /** True when any line is reduced-rate: the receipt then explains the ※ mark. */
  hasReducedItems: boolean;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Date and time in JST (UTC+9, no daylight saving) for an epoch-ms instant. */
export function jstParts(epochMs: number): { date: string; time: string } {
  const d = new Date(epochMs + JST_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  };
}

export function buildReceipt(sale: CompletedSale, store: StoreSettings): Receipt {
  const lines: ReceiptLine[] = sale.lines.map((line) => ({
    lineId: line.lineId,
    code: line.item.code,
    name: line.item.name,
    nameJa: line.item.nameJa,
    unitPrice: line.item.price,
    quantity: line.quantity,
    amount: line.amount,
    reduced: line.item.taxClass === 'reduced',
  }));
  const taxRows: ReceiptTaxRow[] = sale.totals.taxes.map((row) => ({
    ratePercent: row.ratePercent,
    reduced: row.taxClass === 'reduced',
    gross: row.gross,
    tax: row.tax,
  }));
  const tenders: ReceiptTender[] = sale.tenders.map((t) =>
    t.kind === 'cash'
      ? { kind: 'cash', amount: t.amount, tendered: t.tendered ?? t.amount, change: t.change ?? 0 }
      : { kind: 'wallet', amount: t.amount, transactionId: t.reference ?? '' },
  );
  const { date, time } = jstParts(sale.completedAt);
  return {
    store: { ...store },
    saleId: sale.saleId,
    saleNo: sale.saleNo,
    registerId: sale.registerId,
    completedAt: sale.completedAt,
    date,
    time,
    lines,
    itemCount: sale.totals.itemCount,
    taxRows,
    total: sale.totals.total,
    tenders,
    change: saleChange(sale),
    hasReducedItems: lines.some((l) => l.reduced),
  };
}
