/** EAN-13 / JAN (45, 49 and every other GS1 prefix), including the Japanese publication kinds. */
import {
  aimAllowsEanUpc,
  isDigits,
  type BarcodeParser,
  type BookPriceBarcode,
  type MainBarcode,
  type RejectedBarcode,
} from '../types.js';
import { bookPriceBarcode, isBookPriceBar, isIsbn, isMagazineCode, isbnBarcode, magazineBarcode } from './jp-publication.js';
import { checkDigitProblem } from './retail-check.js';

export function classifyEan13(code: string, data: string = code): MainBarcode | BookPriceBarcode | RejectedBarcode {
  const problem = checkDigitProblem('EAN-13', code, data);
  if (problem) return problem;
  if (isMagazineCode(code)) return magazineBarcode(code, data);
  if (isIsbn(code)) return isbnBarcode(code, data);
  if (isBookPriceBar(code)) return bookPriceBarcode(code, data);
  return { ok: true, kind: 'EAN-13', lookupCode: code, data };
}

export const ean13Parser: BarcodeParser = (data, context) => {
  if (data.length !== 13 || !isDigits(data) || !aimAllowsEanUpc(context.aimId, '0')) return undefined;
  return classifyEan13(data);
};
