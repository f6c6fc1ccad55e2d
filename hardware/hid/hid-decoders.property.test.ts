/** Property tests (fast-check) over the HID POS and keyboard report decoders. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeHidPosReports, encodeKeyboardReports } from '../sim/fake-hid-reports.js';
import { isBarcodeByte } from '../framing/read-classifier.js';
import type { Frame, FramerOutput } from '../framing/types.js';
import { HidPosDecoder } from './hid-pos-decoder.js';
import { DEFAULT_HID_POS_LAYOUT } from './hid-pos-layout.js';
import { KeyboardReportDecoder } from './keyboard-report-decoder.js';

const barcodeText = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constant(0x1d)), { minLength: 1, maxLength })
    .map((codes) => String.fromCharCode(...codes));
const aimIds = fc.option(fc.constantFrom(']E0', ']E4', ']C1', ']Q1', ']e0', ']A0'), { nil: undefined });

function checkOutputs(outputs: FramerOutput[]): void {
  for (const o of outputs) {
    if (o.kind === 'bad') {
      assert.ok(o.reason.length > 0);
    } else {
      assert.ok(o.data.length > 0);
      for (const c of o.data) assert.ok(isBarcodeByte(c.charCodeAt(0), false), `frame with byte ${c.charCodeAt(0)}`);
    }
  }
}

describe('HID POS decoder properties', () => {
  test('random reports (any length, any bytes) never throw and frames hold only barcode bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 80 }), { maxLength: 12 }), (reports) => {
        const decoder = new HidPosDecoder();
        let t = 0;
        for (const r of reports) checkOutputs(decoder.push(r, (t += 3)));
        checkOutputs(decoder.poll(t + 10_000));
        assert.equal(decoder.pendingLength, 0);
      }),
      { numRuns: 500 },
    );
  });

  test('random reports with the right id and a plausible length byte never throw either', () => {
    const plausible = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => {
      r[0] = 0x02;
      r[1] = r[1]! % 60;
      return r;
    });
    fc.assert(
      fc.property(fc.array(plausible, { maxLength: 12 }), (reports) => {
        const decoder = new HidPosDecoder();
        for (const r of reports) checkOutputs(decoder.push(r, 0));
        checkOutputs(decoder.flush(1, 'end'));
      }),
      { numRuns: 500 },
    );
  });

  test('any code split into reports (any chunk size) decodes back to exactly that code', () => {
    fc.assert(
      fc.property(barcodeText(400), aimIds, fc.integer({ min: 1, max: DEFAULT_HID_POS_LAYOUT.dataCapacity }), (code, aimId, chunkSize) => {
        const reports = encodeHidPosReports(code, { chunkSize, ...(aimId === undefined ? {} : { aimId }) });
        assert.equal(reports.length, Math.ceil(code.length / chunkSize));
        const decoder = new HidPosDecoder();
        const outputs = reports.flatMap((r, i) => decoder.push(r, i));
        assert.equal(outputs.length, 1);
        const frame = outputs[0] as Frame;
        assert.equal(frame.kind, 'frame', frame.kind === 'frame' ? '' : (outputs[0] as { reason: string }).reason);
        assert.equal(frame.data, code);
        assert.equal(frame.aimId, aimId);
        assert.equal(frame.raw.length, 64 * reports.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('keyboard decoder properties', () => {
  test('random 8-byte reports never throw and frames hold only barcode bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 8, maxLength: 8 }), { maxLength: 40 }), (reports) => {
        const decoder = new KeyboardReportDecoder();
        let t = 0;
        for (const r of reports) checkOutputs(decoder.push(r, (t += 1)));
        checkOutputs(decoder.poll(t + 10_000));
      }),
      { numRuns: 500 },
    );
  });

  test('any typeable code (AIM id, capitals, symbols, GS) typed as boot reports decodes back', () => {
    fc.assert(
      fc.property(barcodeText(120), aimIds, (code, aimId) => {
        const text = (aimId ?? '') + code;
        // an AIM id with nothing after it is rightly a bad read
        fc.pre(!/^\][A-Za-z][0-9A-Za-z]$/.test(text));
        const decoder = new KeyboardReportDecoder();
        const outputs = encodeKeyboardReports(text).flatMap((r, i) => decoder.push(r, i));
        assert.equal(outputs.length, 1);
        const frame = outputs[0] as Frame;
        assert.equal(frame.kind, 'frame', frame.kind === 'frame' ? '' : (outputs[0] as { reason: string }).reason);
        // a code that itself starts with "]Xm" is read as an AIM id: compare the text as typed
        assert.equal((frame.aimId ?? '') + frame.data, text);
      }),
      { numRuns: 300 },
    );
  });
});
