import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBarcode } from '../classify.js';
import { GS } from './gs1-element-string.js';

// Built by the documented layout: 91 | issuer 912345 | 21-digit issuer data | reissue | due YYMMDD | stamp | amount | check.
const ELECTRICITY = '91' + '912345' + '123456789012345678901' + '0' + '261130' + '1' + '054000' + '8';
const NO_DEADLINE = '91' + '912345' + '123456789012345678901' + '2' + '000000' + '0' + '000980' + '8';

describe('bill payment (コンビニ収納代行) parser', () => {
  test('recognises the 44-digit code and extracts its fields', () => {
    const result = classifyBarcode(ELECTRICITY, { aimId: ']C1' });
    if (!result.ok || result.kind !== 'bill-payment') throw new Error(JSON.stringify(result));
    assert.deepEqual(result.billPayment, {
      issuerCode: '912345',
      issuerData: '123456789012345678901',
      reissue: 0,
      dueDate: { year: 2026, month: 11, day: 30 },
      stampRequired: true,
      amount: 54000,
    });
    assert.equal(result.lookupCode, ELECTRICITY);
  });
  test('also read bare, with FNC1 as GS, or with the AIM id inline', () => {
    for (const data of [ELECTRICITY, `${GS}${ELECTRICITY}`, `]C1${ELECTRICITY}`]) {
      const result = classifyBarcode(data);
      assert.equal(result.ok && result.kind, 'bill-payment', data);
    }
  });
  test('000000 means no convenience-store deadline; reissue count kept', () => {
    const result = classifyBarcode(NO_DEADLINE);
    if (!result.ok || result.kind !== 'bill-payment') throw new Error(JSON.stringify(result));
    assert.equal(result.billPayment.dueDate, null);
    assert.equal(result.billPayment.reissue, 2);
    assert.equal(result.billPayment.amount, 980);
    assert.equal(result.billPayment.stampRequired, false);
  });
  test('rejects a wrong check digit', () => {
    const bad = ELECTRICITY.slice(0, 43) + '9';
    assert.deepEqual(classifyBarcode(bad), {
      ok: false,
      code: 'check-digit',
      reason: 'bill payment check digit is 9, expected 8: bad read, scan the slip again',
      data: bad,
    });
  });
  test('rejects an impossible due date', () => {
    const result = classifyBarcode('91912345123456789012345678901026133100123454');
    assert.equal(!result.ok && result.code, 'date');
    assert.match(!result.ok ? result.reason : '', /due date: date 261331 has month 13/);
  });
  test('rejects a bare 91 code of the wrong length', () => {
    const result = classifyBarcode(ELECTRICITY.slice(0, 43));
    assert.equal(!result.ok && result.code, 'length');
    assert.match(!result.ok ? result.reason : '', /43 digits, expected 44/);
  });
  test('a short (91) under ]C1 is an ordinary company-internal element string', () => {
    const result = classifyBarcode('91ABC', { aimId: ']C1' });
    assert.equal(result.ok && result.kind, 'GS1-element-string');
  });
});
