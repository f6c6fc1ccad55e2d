/**
 * Shapes shared by the barcode parsers. A parser either claims a read (a classified result, or a
 * rejection with a reason) or passes (undefined) so the next parser in the chain can try.
 */
import type { Yen } from '../money.js';

export type BarcodeKind =
  | 'EAN-13'
  | 'EAN-8'
  | 'UPC-A'
  | 'UPC-E'
  | 'JAN-magazine'
  | 'ISBN'
  | 'JP-book-price'
  | 'in-store'
  | 'in-store-price'
  | 'GS1-element-string'
  | 'bill-payment';

/** A 2- or 5-digit supplement read next to the main symbol; it never takes part in the lookup. */
export interface Addon {
  digits: string;
  length: 2 | 5;
}

interface ClassifiedBase {
  ok: true;
  kind: BarcodeKind;
  /**
   * The key the catalog is looked up by. Retail codes use the 13-digit GTIN form (UPC-A as 0 + 12,
   * UPC-E expanded); EAN-8 stays 8 digits. Kinds that are not catalog items (bill payments, GS1
   * strings without a GTIN) carry the read itself so a lookup simply finds nothing.
   */
  lookupCode: string;
  /** The read after trimming and removing an inline AIM prefix. */
  data: string;
}

export interface RetailBarcode extends ClassifiedBase {
  kind: 'EAN-13' | 'EAN-8' | 'UPC-A' | 'UPC-E' | 'in-store';
  addon?: Addon;
}

/** 定期刊行物コード (雑誌): 491 + reserved digit + 5-digit magazine code + 2-digit issue + year digit + check. */
export interface MagazineBarcode extends ClassifiedBase {
  kind: 'JAN-magazine';
  magazine: {
    /** 雑誌コード, 5 digits. */
    code: string;
    /** 月号 (or week number for weeklies), 2 digits as printed. */
    issue: string;
    /** Last digit of the issue year. */
    yearDigit: number;
    /** Price from the 5-digit add-on (reserved digit + 4-digit price), when the add-on was read. */
    price?: Yen;
  };
  addon?: Addon;
}

export interface IsbnBarcode extends ClassifiedBase {
  kind: 'ISBN';
  isbn13: string;
  addon?: Addon;
}

/** The second bar on Japanese books (書籍JANコード 2段目): 192 + Cコード + 5-digit price (本体価格) + check. */
export interface BookPriceBarcode extends ClassifiedBase {
  kind: 'JP-book-price';
  /** Cコード: target, form, subject (4 digits). */
  cCode: string;
  /** 本体価格, the price before consumption tax. */
  price: Yen;
}

export interface PriceEmbeddedBarcode extends ClassifiedBase {
  kind: 'in-store-price';
  /** Price printed into the code by the store's scale or labeller, in yen. */
  embeddedPrice: Yen;
  /** The item digits between the prefix and the price. */
  itemReference: string;
  layout: StoreLayout;
}

export type Gs1Symbology = 'GS1-128' | 'GS1 DataBar' | 'GS1 DataMatrix' | 'GS1 QR Code' | 'unknown';

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
  /** For YYMMDD AIs: the calendar date (day 0 means "end of month" in GS1 and is kept as 0). */
  date?: { year: number; month: number; day: number };
  /** For measure and amount AIs (310n, 392n, ...): implied decimal places n. */
  decimals?: number;
  /** For 393n: ISO 4217 numeric currency code. */
  currency?: string;
}

export interface Gs1ElementStringBarcode extends ClassifiedBase {
  kind: 'GS1-element-string';
  symbology: Gs1Symbology;
  elements: Gs1Element[];
  /** GTIN from (01), or (02) when only the contained item is given; 13 digits when it starts with 0. */
  gtin?: string;
}

export interface BillPayment {
  /** 請求書発行企業コード (6 digits). */
  issuerCode: string;
  /** 企業任意 area: customer / invoice number chosen by the issuer (21 digits). */
  issuerData: string;
  /** 再発行区分: 0 for the original slip, otherwise the reissue count. */
  reissue: number;
  /** 支払期限日; null when the slip has no CVS deadline (000000 or 999999). */
  dueDate: { year: number; month: number; day: number } | null;
  /** 印紙フラグ: whether a revenue stamp must be put on the receipt (1) or not (0). */
  stampRequired: boolean;
  amount: Yen;
}

export interface BillPaymentBarcode extends ClassifiedBase {
  kind: 'bill-payment';
  billPayment: BillPayment;
}

export type ClassifiedBarcode =
  | RetailBarcode
  | MagazineBarcode
  | IsbnBarcode
  | BookPriceBarcode
  | PriceEmbeddedBarcode
  | Gs1ElementStringBarcode
  | BillPaymentBarcode;

/** Kinds a main symbol (the part before an add-on) can be. */
export type MainBarcode = RetailBarcode | MagazineBarcode | IsbnBarcode;

export type BarcodeRejectCode =
  | 'empty'
  | 'charset'
  | 'length'
  | 'check-digit'
  | 'price-check-digit'
  | 'number-system'
  | 'addon'
  | 'symbology'
  | 'ai-unknown'
  | 'ai-syntax'
  | 'ai-value'
  | 'date'
  | 'config'
  | 'unsupported';

export interface RejectedBarcode {
  ok: false;
  code: BarcodeRejectCode;
  /** What was wrong, in words a cashier or tester can act on. */
  reason: string;
  data: string;
}

export type BarcodeResult = ClassifiedBarcode | RejectedBarcode;

/**
 * A store's price-embedded (Non-PLU) layout for one in-store prefix: prefix + item + [price check] + price + check
 * fills 13 digits. Example: { prefix: '20', itemDigits: 5, priceDigits: 5, hasPriceCheckDigit: false } is
 * 20 IIIII PPPPP C; { prefix: '21', itemDigits: 4, priceDigits: 4, hasPriceCheckDigit: true } is 21 IIII V PPPP C.
 */
export interface StoreLayout {
  prefix: string;
  itemDigits: number;
  priceDigits: 4 | 5;
  hasPriceCheckDigit: boolean;
}

export interface ClassifyContext {
  /** AIM symbology identifier if the scanner sent one, e.g. "]E0". */
  aimId?: string;
  /** This store's price-embedded layouts; in-store prefixes without one are plain in-store items. */
  storeLayouts?: readonly StoreLayout[];
  /**
   * The current year, for the GS1 sliding century window of YYMMDD dates. Without it, YY means 20YY,
   * which is right until the 2050s.
   */
  referenceYear?: number;
}

export type BarcodeParser = (data: string, context: ClassifyContext) => BarcodeResult | undefined;

export function reject(data: string, code: BarcodeRejectCode, reason: string): RejectedBarcode {
  return { ok: false, code, reason, data };
}

export const isDigits = (s: string): boolean => /^\d+$/.test(s);

/** The AIM symbology letter and modifier ("]E0" -> "E", "0"), or undefined when none was sent. */
export function aimParts(aimId: string | undefined): { symbol: string; modifier: string } | undefined {
  if (aimId === undefined || !/^\][A-Za-z][0-9A-Za-z]$/.test(aimId)) return undefined;
  return { symbol: aimId.charAt(1), modifier: aimId.charAt(2) };
}

/** True when the AIM id (if any) says EAN/UPC family, i.e. does not rule this parser out. */
export function aimAllowsEanUpc(aimId: string | undefined, modifiers: string): boolean {
  const aim = aimParts(aimId);
  if (aim === undefined) return aimId === undefined;
  return aim.symbol === 'E' && modifiers.includes(aim.modifier);
}
