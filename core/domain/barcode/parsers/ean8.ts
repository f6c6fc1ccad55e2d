/** EAN-8 (JAN short form). Sent bare or with AIM ]E4. */
import { aimAllowsEanUpc, isDigits, type BarcodeParser } from '../types.js';
import { checkDigitProblem } from './retail-check.js';

export const ean8Parser: BarcodeParser = (data, context) => {
  if (data.length !== 8 || !isDigits(data) || !aimAllowsEanUpc(context.aimId, '4')) return undefined;
  // Without an AIM id an 8-digit read starting 0/1 may also have been meant as UPC-E (the UPC-E parser
  // runs first and has already failed on it), so the hint says both.
  const hint = context.aimId === undefined && (data[0] === '0' || data[0] === '1') ? ' (and it is no valid UPC-E)' : '';
  const problem = checkDigitProblem('EAN-8', data, data, hint);
  if (problem) return problem;
  return { ok: true, kind: 'EAN-8', lookupCode: data, data };
};
