/**
 * Japanese convenience-store bill payment codes (コンビニ収納代行, 標準料金代理収納 GS1-128): 44 digits under the
 * company-internal AI (91). Layout as published with the GS1 Japan guideline (positions are 1-based):
 *   1-2   91        AI
 *   3-8   issuer    請求書発行企業コード
 *   9-29  issuer's own data (customer / invoice number), 21 digits
 *   30    再発行区分 (reissue count, 0 = original)
 *   31-36 支払期限日 YYMMDD (000000 / 999999: no deadline)
 *   37    印紙フラグ (1 = revenue stamp needed on the receipt)
 *   38-43 支払金額 in yen
 *   44    check digit: GS1 modulus 10, weights 3/1 from the right, over digits 1-43
 * Uncertain: whether the check digit covers the AI "91" (taken here as covering all 43 digits, as a GS1 mod-10
 * over the whole string does) and the exact meaning of stamp-flag values other than 0/1 (rejected here). The
 * tests use codes built by this layout, not captured real slips.
 */
import { gs1CheckDigit } from '../check-digit.js';
import { isDigits, reject, type BarcodeParser, type BillPayment } from '../types.js';
import { GS } from './gs1-element-string.js';
import { parseYymmdd } from './yymmdd.js';

export const BILL_PAYMENT_LENGTH = 44;

export const billPaymentParser: BarcodeParser = (raw, context) => {
  if (context.aimId !== undefined && context.aimId !== ']C1') return undefined;
  const digits = raw.startsWith(GS) ? raw.slice(1) : raw;
  if (!digits.startsWith('91') || !isDigits(digits)) return undefined;
  // Under ]C1 a (91) of another length is a plain company-internal element string; bare, it must be 44 long.
  if (digits.length !== BILL_PAYMENT_LENGTH) {
    if (context.aimId === ']C1' || raw.startsWith(GS) || digits.length < 40) return undefined;
    return reject(raw, 'length', `bill payment code has ${digits.length} digits, expected 44: scan the slip again`);
  }
  const expected = gs1CheckDigit(digits.slice(0, 43));
  const actual = digits.charCodeAt(43) - 48;
  if (expected !== actual) {
    return reject(raw, 'check-digit', `bill payment check digit is ${actual}, expected ${expected}: bad read, scan the slip again`);
  }
  const due = digits.slice(30, 36);
  let dueDate: BillPayment['dueDate'] = null;
  if (due !== '000000' && due !== '999999') {
    const parsed = parseYymmdd(due, { referenceYear: context.referenceYear });
    if (typeof parsed === 'string') return reject(raw, 'date', `bill payment due date: ${parsed}`);
    dueDate = parsed;
  }
  const stamp = digits.charAt(36);
  if (stamp !== '0' && stamp !== '1') {
    return reject(raw, 'ai-value', `bill payment stamp flag is ${stamp}, expected 0 or 1`);
  }
  return {
    ok: true,
    kind: 'bill-payment',
    lookupCode: digits,
    data: raw,
    billPayment: {
      issuerCode: digits.slice(2, 8),
      issuerData: digits.slice(8, 29),
      reissue: digits.charCodeAt(29) - 48,
      dueDate,
      stampRequired: stamp === '1',
      amount: Number(digits.slice(37, 43)),
    },
  };
};
