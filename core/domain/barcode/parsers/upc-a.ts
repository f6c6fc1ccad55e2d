/**
 * UPC-A: 12 digits, or the 13-digit EAN form with a leading 0 that scanners send under ]E0. The lookup code
 * is always the 13-digit GTIN form. Number system 2 (in-store) is claimed by the in-store parser first.
 */
import { aimAllowsEanUpc, isDigits, type BarcodeParser } from '../types.js';
import { checkDigitProblem } from './retail-check.js';

export const upcAParser: BarcodeParser = (data, context) => {
  if (!isDigits(data) || !aimAllowsEanUpc(context.aimId, '0')) return undefined;
  let code13: string;
  if (data.length === 12) code13 = `0${data}`;
  else if (data.length === 13 && data.startsWith('0')) code13 = data;
  else return undefined;
  // A leading 0 adds nothing to the mod-10 sum, so the check over 13 digits equals the UPC-A check over 12.
  const problem = checkDigitProblem('UPC-A', code13, data);
  if (problem) return problem;
  return { ok: true, kind: 'UPC-A', lookupCode: code13, data };
};
