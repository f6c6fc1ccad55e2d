/**
 * Barcode classification as a chain of small parsers, one per barcode kind (the CORE-POS habit).
 * Each parser either claims the data (returning a result, valid or rejected with a reason) or
 * passes (undefined) to the next. The first claim wins.
 */
import { gs1CheckDigit } from './check-digit.js';

export type BarcodeKind = 'EAN-13' | 'EAN-8' | 'UPC-A';

export interface ClassifiedBarcode {
  ok: true;
  kind: BarcodeKind;
  /** The key the catalog is looked up by: 13 digits for EAN-13/UPC-A (UPC-A as 0 + 12), 8 for EAN-8. */
  lookupCode: string;
  data: string;
}

export type BarcodeRejectCode = 'empty' | 'charset' | 'length' | 'check-digit' | 'unsupported';

export interface RejectedBarcode {
  ok: false;
  code: BarcodeRejectCode;
  /** What was wrong, in words a cashier or tester can act on. */
  reason: string;
  data: string;
}

export type BarcodeResult = ClassifiedBarcode | RejectedBarcode;

export interface ClassifyContext {
  /** AIM symbology identifier if the scanner sent one, e.g. "]E0". */
  aimId?: string;
}

export type BarcodeParser = (data: string, context: ClassifyContext) => BarcodeResult | undefined;

function reject(data: string, code: BarcodeRejectCode, reason: string): RejectedBarcode {
  return { ok: false, code, reason, data };
}

function checkDigitParser(kind: BarcodeKind, length: number, toLookup: (d: string) => string): BarcodeParser {
  return (data) => {
    if (data.length !== length || !/^\d+$/.test(data)) return undefined;
    const expected = gs1CheckDigit(data.slice(0, -1));
    const actual = data.charCodeAt(length - 1) - 48;
    if (expected !== actual) {
      return reject(data, 'check-digit', `${kind} check digit is ${actual}, expected ${expected}: bad read, scan again`);
    }
    return { ok: true, kind, lookupCode: toLookup(data), data };
  };
}

export const ean13Parser = checkDigitParser('EAN-13', 13, (d) => d);
export const ean8Parser = checkDigitParser('EAN-8', 8, (d) => d);
export const upcAParser = checkDigitParser('UPC-A', 12, (d) => `0${d}`);

export const DEFAULT_PARSERS: readonly BarcodeParser[] = [ean13Parser, upcAParser, ean8Parser];

export function classifyBarcode(
  raw: string,
  context: ClassifyContext = {},
  parsers: readonly BarcodeParser[] = DEFAULT_PARSERS,
): BarcodeResult {
  const data = raw.trim();
  if (data.length === 0) return reject(data, 'empty', 'empty read');
  if (/[^\x20-\x7e\x1d]/.test(data)) {
    return reject(data, 'charset', 'the read contains characters no barcode carries (noise or a garbled transfer)');
  }
  for (const parser of parsers) {
    const result = parser(data, context);
    if (result) return result;
  }
  if (/^\d+$/.test(data)) {
    return reject(data, 'length', `${data.length} digits is not a retail barcode length (8, 12 or 13)`);
  }
  return reject(data, 'unsupported', 'not a barcode this register sells by');
}
