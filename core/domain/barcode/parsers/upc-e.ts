/**
 * UPC-E: 8 digits (number system, six data digits, check) that expand to a UPC-A; the check digit belongs
 * to the expanded form. Under ]E0 an 8-digit read is UPC-E; without an AIM id it is taken as UPC-E only
 * when it starts with 0/1 and checks as one (otherwise EAN-8 gets it).
 */
import { gs1CheckDigit } from '../check-digit.js';
import { aimParts, isDigits, reject, type BarcodeParser } from '../types.js';
import { checkDigitProblem } from './retail-check.js';

/** Expands the 6 data digits of a UPC-E (number system ns) to the 11 UPC-A digits before the check digit. */
export function expandUpcE(ns: string, six: string): string {
  const [d1, d2, d3, d4, d5, d6] = six.split('') as [string, string, string, string, string, string];
  switch (d6) {
    case '0':
    case '1':
    case '2':
      return `${ns}${d1}${d2}${d6}0000${d3}${d4}${d5}`;
    case '3':
      return `${ns}${d1}${d2}${d3}00000${d4}${d5}`;
    case '4':
      return `${ns}${d1}${d2}${d3}${d4}00000${d5}`;
    default:
      return `${ns}${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
}

/** The 12-digit UPC-A a UPC-E stands for, check digit included. */
export function upcEToUpcA(upcE: string): string {
  const body = expandUpcE(upcE.charAt(0), upcE.slice(1, 7));
  return body + String(gs1CheckDigit(body));
}

export const upcEParser: BarcodeParser = (data, context) => {
  if (data.length !== 8 || !isDigits(data)) return undefined;
  const aim = aimParts(context.aimId);
  const strict = aim?.symbol === 'E' && aim.modifier === '0';
  if (!strict && context.aimId !== undefined) return undefined;
  const ns = data.charAt(0);
  if (ns !== '0' && ns !== '1') {
    if (!strict) return undefined;
    return reject(data, 'number-system', `UPC-E number system is ${ns}, only 0 or 1 exist: bad read, scan again`);
  }
  const expanded = `${expandUpcE(ns, data.slice(1, 7))}${data.charAt(7)}`;
  const problem = checkDigitProblem('UPC-E', expanded, data);
  if (problem) return strict ? problem : undefined;
  return { ok: true, kind: 'UPC-E', lookupCode: `0${expanded}`, data };
};
