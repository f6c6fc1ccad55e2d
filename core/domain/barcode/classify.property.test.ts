/** Property tests (fast-check) over the whole parser chain. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withGs1CheckDigit } from './check-digit.js';
import { classifyBarcode, createBarcodeClassifier } from './classify.js';
import { AI_TABLE, type AiSpec } from './parsers/gs1-ais.js';
import { encodeElementString, GS } from './parsers/gs1-element-string.js';

const digits = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const withStore = createBarcodeClassifier({
  storeLayouts: [
    { prefix: '20', itemDigits: 5, priceDigits: 5, hasPriceCheckDigit: false },
    { prefix: '21', itemDigits: 5, priceDigits: 4, hasPriceCheckDigit: true },
  ],
});

/** A valid code with exactly one digit replaced by a different digit. */
function oneDigitChanged(bodyLength: number) {
  return fc
    .tuple(digits(bodyLength), fc.nat(bodyLength), fc.integer({ min: 1, max: 9 }))
    .map(([body, at, delta]) => {
      const valid = withGs1CheckDigit(body);
      const changed = valid.slice(0, at) + String((Number(valid[at]) + delta) % 10) + valid.slice(at + 1);
      return { valid, changed };
    });
}

describe('classifier properties', () => {
  test('random strings never throw and always answer with a reason when rejected', () => {
    const noisy = fc.string({ unit: fc.constantFrom(...'0123456789 ]EC1e0(){}\x1d\r\nA\x00\xff') , maxLength: 60 });
    const aimIds = fc.option(fc.oneof(fc.constantFrom(']E0', ']E3', ']E4', ']C1', ']e0', ']A0'), fc.string({ maxLength: 4 })), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), noisy), aimIds, (data, aimId) => {
        const context = aimId === undefined ? {} : { aimId };
        for (const result of [classifyBarcode(data, context), withStore(data, context)]) {
          if (result.ok) assert.equal(typeof result.lookupCode, 'string');
          else assert.ok(result.reason.length > 0 && result.code.length > 0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a valid EAN-13 with one digit changed is always rejected as a check-digit error', () => {
    fc.assert(
      fc.property(oneDigitChanged(12), ({ valid, changed }) => {
        assert.equal(classifyBarcode(valid).ok, true, valid);
        for (const result of [classifyBarcode(changed), classifyBarcode(changed, { aimId: ']E0' }), withStore(changed)]) {
          assert.equal(result.ok, false, `${valid} -> ${changed}`);
          assert.ok(!result.ok && (result.code === 'check-digit' || result.code === 'price-check-digit'));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a valid EAN-8 (]E4) with one digit changed is always rejected', () => {
    fc.assert(
      fc.property(oneDigitChanged(7), ({ valid, changed }) => {
        assert.equal(classifyBarcode(valid, { aimId: ']E4' }).ok, true);
        const result = classifyBarcode(changed, { aimId: ']E4' });
        assert.equal(!result.ok && result.code, 'check-digit', `${valid} -> ${changed}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('a valid UPC-A with one digit changed is always rejected', () => {
    fc.assert(
      fc.property(oneDigitChanged(11), ({ valid, changed }) => {
        assert.equal(classifyBarcode(valid).ok, true);
        const result = classifyBarcode(changed);
        assert.equal(!result.ok && result.code, 'check-digit', `${valid} -> ${changed}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('generated valid GS1 element strings parse back to the same AIs and values', () => {
    const specs = [...AI_TABLE.values()];
    const charset82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
    const yymmdd = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => [y, m, d].map((v) => String(v).padStart(2, '0')).join(''));
    const valueFor = (spec: AiSpec): fc.Arbitrary<string> => {
      if (spec.ai === '7003') {
        return fc
          .tuple(yymmdd, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([d, h, m]) => d + String(h).padStart(2, '0') + String(m).padStart(2, '0'));
      }
      if (spec.date) return yymmdd;
      if (spec.check) return digits(spec.length - 1).map(withGs1CheckDigit);
      if (spec.currency) return digits(4, spec.length);
      if (spec.charset === 'N') return spec.fixed ? digits(spec.length) : digits(1, spec.length);
      return fc.string({ unit: fc.constantFrom(...charset82), minLength: 1, maxLength: spec.length });
    };
    const element = fc.constantFrom(...specs).chain((spec) => valueFor(spec).map((value) => ({ ai: spec.ai, value })));
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 6 }), fc.constantFrom(']C1', ']e0', 'GS'), (pairs, marker) => {
        const encoded = encodeElementString(pairs);
        fc.pre(!/^91\d{42}$/.test(encoded)); // that exact shape is the bill-payment code
        const result =
          marker === 'GS' ? classifyBarcode(GS + encoded) : classifyBarcode(encoded, { aimId: marker });
        if (!result.ok || result.kind !== 'GS1-element-string') {
          throw new Error(`${JSON.stringify(encoded)} -> ${JSON.stringify(result)}`);
        }
        assert.deepEqual(
          result.elements.map((e) => ({ ai: e.ai, value: e.value })),
          pairs,
        );
      }),
      { numRuns: 1500 },
    );
  });
});
