/**
 * Barcode classification as a chain of small parsers, one per barcode kind (the CORE-POS habit).
 * Each parser either claims the data (returning a result, valid or rejected with a reason) or
 * passes (undefined) to the next. The first claim wins. The order matters where kinds share a shape:
 * bill payments before generic GS1 strings, in-store before UPC-A (02...), UPC-A before EAN-13 (0...),
 * UPC-E before EAN-8 (8 digits starting 0/1 without an AIM id).
 */
import { createAddonParser } from './parsers/addon.js';
import { billPaymentParser } from './parsers/bill-payment.js';
import { ean13Parser } from './parsers/ean13.js';
import { ean8Parser } from './parsers/ean8.js';
import { gs1ElementStringParser } from './parsers/gs1-element-string.js';
import { inStoreParser, storeLayoutProblems } from './parsers/in-store.js';
import { upcAParser } from './parsers/upc-a.js';
import { upcEParser } from './parsers/upc-e.js';
import {
  aimParts,
  reject,
  type BarcodeParser,
  type BarcodeResult,
  type ClassifyContext,
  type StoreLayout,
} from './types.js';

export type {
  Addon,
  BarcodeKind,
  BarcodeParser,
  BarcodeRejectCode,
  BarcodeResult,
  BillPayment,
  ClassifiedBarcode,
  ClassifyContext,
  Gs1Element,
  RejectedBarcode,
  StoreLayout,
} from './types.js';
export { ean13Parser, ean8Parser, upcAParser, upcEParser, inStoreParser, gs1ElementStringParser, billPaymentParser };
export { storeLayoutProblems };

/** Parsers for a main symbol, i.e. what may stand in front of an add-on. */
export const MAIN_PARSERS: readonly BarcodeParser[] = [inStoreParser, upcAParser, ean13Parser, upcEParser, ean8Parser];

export const DEFAULT_PARSERS: readonly BarcodeParser[] = [
  billPaymentParser,
  gs1ElementStringParser,
  createAddonParser(MAIN_PARSERS),
  ...MAIN_PARSERS,
];

const SYMBOLOGY_NAMES: Record<string, string> = {
  A: 'Code 39', C: 'Code 128', F: 'Codabar', G: 'Code 93', I: 'ITF', L: 'PDF417', Q: 'QR Code',
  d: 'Data Matrix', e: 'GS1 DataBar', z: 'Aztec', X: 'an unknown symbology',
};

const AIM_PATTERN = /^\][A-Za-z][0-9A-Za-z]/;

export function classifyBarcode(
  raw: string,
  context: ClassifyContext = {},
  parsers: readonly BarcodeParser[] = DEFAULT_PARSERS,
): BarcodeResult {
  let data = raw.trim();
  if (data.length === 0) return reject(data, 'empty', 'empty read');
  if (/[^\x20-\x7e\x1d]/.test(data)) {
    return reject(data, 'charset', 'the read contains characters no barcode carries (noise or a garbled transfer)');
  }
  let aimId = context.aimId;
  if (aimId !== undefined && !/^\][A-Za-z][0-9A-Za-z]$/.test(aimId)) {
    return reject(data, 'symbology', `the scanner sent symbology id ${JSON.stringify(aimId)}, which is not an AIM id like ]E0`);
  }
  if (data.startsWith(']')) {
    if (!AIM_PATTERN.test(data)) return reject(data, 'symbology', 'the read starts with "]" but no valid AIM id follows');
    const inline = data.slice(0, 3);
    if (aimId !== undefined && aimId !== inline) {
      return reject(data, 'symbology', `the read starts with AIM id ${inline} but the scanner reported ${aimId}`);
    }
    aimId = inline;
    data = data.slice(3);
    if (data.length === 0) return reject(data, 'empty', `only the AIM id ${inline} was read`);
  }
  if (context.storeLayouts !== undefined) {
    const problems = storeLayoutProblems(context.storeLayouts);
    if (problems.length > 0) return reject(data, 'config', `store layout config is invalid: ${problems.join('; ')}`);
  }
  const effective: ClassifyContext = { ...context, aimId };
  for (const parser of parsers) {
    const result = parser(data, effective);
    if (result) return result;
  }
  const aim = aimParts(aimId);
  if (aim !== undefined && aim.symbol !== 'E') {
    const name = SYMBOLOGY_NAMES[aim.symbol] ?? `symbology ${aim.symbol}`;
    return reject(data, 'symbology', `${name} (${aimId}) is not a symbology items are sold by here`);
  }
  if (/^\d+$/.test(data)) {
    return reject(
      data,
      'length',
      `${data.length} digits is not a retail barcode length (8, 12 or 13, or 15/18 with an add-on): bad read, scan again`,
    );
  }
  return reject(data, 'unsupported', 'not a barcode this register sells by');
}

export interface BarcodeClassifierConfig {
  storeLayouts?: readonly StoreLayout[];
  parsers?: readonly BarcodeParser[];
}

export type BarcodeClassifier = (raw: string, context?: Omit<ClassifyContext, 'storeLayouts'>) => BarcodeResult;

/** A classifier bound to one store's configuration; throws a RangeError naming every bad field up front. */
export function createBarcodeClassifier(config: BarcodeClassifierConfig = {}): BarcodeClassifier {
  const storeLayouts = config.storeLayouts ?? [];
  const problems = storeLayoutProblems(storeLayouts);
  if (problems.length > 0) throw new RangeError(`store layout config is invalid: ${problems.join('; ')}`);
  const layouts = storeLayouts.map((l) => ({ ...l }));
  const parsers = config.parsers ?? DEFAULT_PARSERS;
  return (raw, context = {}) => classifyBarcode(raw, { ...context, storeLayouts: layouts }, parsers);
}
