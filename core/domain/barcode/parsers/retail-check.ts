/** The mod-10 check every EAN/UPC-family parser applies, with the rejection wording cashiers see. */
import { gs1CheckDigit } from '../check-digit.js';
import { reject, type RejectedBarcode } from '../types.js';

/** Verifies the last digit of `digits` (the full number, check included); returns a rejection when wrong. */
export function checkDigitProblem(label: string, digits: string, data: string, hint = ''): RejectedBarcode | undefined {
  const expected = gs1CheckDigit(digits.slice(0, -1));
  const actual = digits.charCodeAt(digits.length - 1) - 48;
  if (expected === actual) return undefined;
  return reject(data, 'check-digit', `${label} check digit is ${actual}, expected ${expected}${hint}: bad read, scan again`);
}
