import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeLength, makeCode, parseCode } from './codes.js';
import { hotp, totp, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA1 column, 8 digits, 30 s step, ASCII seed "12345678901234567890".
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  for (const [seconds, expected] of VECTORS) {
    test(`T=${seconds}s gives ${expected}`, () => {
      assert.equal(totp(SEED, seconds * 1000, 30, 8), expected);
    });
  }

  test('HOTP matches RFC 4226 appendix D (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(SEED, counter, 6), code));
  });

  test('verify accepts one step either side and nothing further', () => {
    const at = 1111111111_000;
    const code = totp(SEED, at, 30, 8);
    assert.equal(verifyTotp(SEED, code, at + 30_000, { stepSeconds: 30, digits: 8, window: 1 }), Math.floor(1111111111 / 30));
    assert.equal(verifyTotp(SEED, code, at - 30_000, { stepSeconds: 30, digits: 8, window: 1 }), Math.floor(1111111111 / 30));
    assert.equal(verifyTotp(SEED, code, at + 90_000, { stepSeconds: 30, digits: 8, window: 1 }), undefined);
  });
});

describe('customer code format', () => {
  const format = { brand: '79', stepSeconds: 60 };

  test('is 18 digits: 279 + device number + TOTP, and parses back', () => {
    const code = makeCode(format, 42, SEED, 59_000);
    assert.equal(code.length, 18);
    assert.equal(codeLength(format), 18);
    assert.ok(code.startsWith('2790000042'));
    assert.deepEqual(parseCode(format, code), { ok: true, deviceNo: 42, otp: code.slice(10) });
  });

  test('refuses wrong length, letters and another brand, naming the problem', () => {
    assert.match((parseCode(format, '123') as { reason: string }).reason, /18 digits/);
    assert.match((parseCode(format, '27900000421234567x') as { reason: string }).reason, /digits only/);
    assert.match((parseCode(format, '261000004212345678') as { reason: string }).reason, /prefix 279/);
  });
});
