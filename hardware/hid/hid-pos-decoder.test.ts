import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BadFrame, Frame, FramerOutput } from '../framing/types.js';
import { HidPosDecoder } from './hid-pos-decoder.js';
import { DEFAULT_HID_POS_LAYOUT, validateHidPosLayout, type HidPosLayout } from './hid-pos-layout.js';

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.trim().split(/\s+/), (h) => parseInt(h, 16));

/** A 64-byte Scanned Data Report built by hand: id, length, AIM, data, continued bit. */
function report(data: string, options: { aim?: string; continued?: boolean; length?: number; id?: number } = {}): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = options.id ?? 0x02;
  r[1] = options.length ?? data.length;
  if (options.aim) r.set(ascii(options.aim), 2);
  r.set(ascii(data), 5);
  if (options.continued) r[63] = 0x01;
  return r;
}

const only = (out: FramerOutput[]): FramerOutput => {
  assert.equal(out.length, 1, `expected one output, got ${JSON.stringify(out.map((o) => o.kind))}`);
  return out[0]!;
};
const frame = (out: FramerOutput[]): Frame => {
  const o = only(out);
  assert.equal(o.kind, 'frame', o.kind === 'bad' ? o.reason : '');
  return o as Frame;
};
const bad = (out: FramerOutput[]): BadFrame => {
  const o = only(out);
  assert.equal(o.kind, 'bad', o.kind === 'frame' ? `unexpected frame ${o.data}` : '');
  return o as BadFrame;
};

// Two reports as a Honeywell-style scanner sends a 77-byte QR code: ]Q1, 56 + 21 data bytes, the vendor
// code id 's' at byte 61, bit 0 of byte 63 set on the first.
const CAPTURED_QR = [
  '02 38 5d 51 31 68 74 74 70 73 3a 2f 2f 65 78 61 6d 70 6c 65 2e 6a 70 2f 72 65 67 69 2f 72 3f 69 64 3d 30 31 32 33 34 35 36 37 38 39 41 42 43 44 45 46 26 61 6d 6f 75 6e 74 3d 31 32 38 73 00 01',
  '02 15 5d 51 31 30 26 73 68 6f 70 3d 30 34 32 26 74 3d 32 30 32 36 31 31 32 34 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 73 00 00',
].map(fromHex);

describe('HidPosDecoder: good reads', () => {
  test('a JAN in one report with ]E0', () => {
    const decoder = new HidPosDecoder();
    const r = report('4901234567894', { aim: ']E0' });
    const f = frame(decoder.push(r, 1000));
    assert.equal(f.data, '4901234567894');
    assert.equal(f.aimId, ']E0');
    assert.equal(f.symbology, 'EAN-13');
    assert.equal(f.firstByteAt, 1000);
    assert.equal(f.receivedAt, 1000);
    assert.deepEqual([...f.raw], [...r]);
    assert.equal(decoder.pendingLength, 0);
  });

  test('no symbology id (zero bytes) gives symbology unknown and no aimId', () => {
    const f = frame(new HidPosDecoder().push(report('49012346'), 0));
    assert.equal(f.data, '49012346');
    assert.equal(f.aimId, undefined);
    assert.equal(f.symbology, 'unknown');
  });

  test('a captured two-report QR code decodes to one read with the time of its first report', () => {
    const decoder = new HidPosDecoder();
    assert.deepEqual(decoder.push(CAPTURED_QR[0]!, 500), []);
    assert.equal(decoder.pendingLength, 56);
    assert.equal(decoder.nextDeadline(), 700);
    const f = frame(decoder.push(CAPTURED_QR[1]!, 508));
    assert.equal(f.data, 'https://example.jp/regi/r?id=0123456789ABCDEF&amount=1280&shop=042&t=20261124');
    assert.equal(f.aimId, ']Q1');
    assert.equal(f.symbology, 'QR Code');
    assert.equal(f.firstByteAt, 500);
    assert.equal(f.receivedAt, 508);
    assert.equal(f.raw.length, 128);
    assert.equal(decoder.nextDeadline(), undefined);
  });

  test('GS separators in a GS1 code are data, not noise', () => {
    const f = frame(new HidPosDecoder().push(report('0104912345678904\x1d10ABC', { aim: ']C1' }), 0));
    assert.equal(f.data, '0104912345678904\x1d10ABC');
    assert.equal(f.symbology, 'GS1-128');
  });

  test('a layout without report id or AIM field, AIM id read from the data', () => {
    const layout: HidPosLayout = { reportId: null, reportLength: 32, lengthByteOffset: 0, aimOffset: null, dataOffset: 1, dataCapacity: 30, continuationFlag: { byteOffset: 31, mask: 0x80 } };
    const decoder = new HidPosDecoder({ layout });
    const r1 = new Uint8Array(32);
    r1[0] = 30;
    r1.set(ascii(']C1' + '0'.repeat(27)), 1);
    r1[31] = 0x80;
    const r2 = new Uint8Array(32);
    r2[0] = 4;
    r2.set(ascii('1234'), 1);
    assert.deepEqual(decoder.push(r1, 0), []);
    const f = frame(decoder.push(r2, 1));
    assert.equal(f.aimId, ']C1');
    assert.equal(f.data, '0'.repeat(27) + '1234');
  });
});

describe('HidPosDecoder: bad reads carry a reason', () => {
  test('length byte larger than the data field', () => {
    const b = bad(new HidPosDecoder().push(report('4901234567894', { length: 60 }), 7));
    assert.match(b.reason, /^length byte 60 is larger than the 56-byte data field/);
    assert.equal(b.at, 7);
    assert.equal(b.raw.length, 64);
  });

  test('wrong report id', () => {
    assert.match(bad(new HidPosDecoder().push(report('4901234567894', { id: 0x04 }), 0)).reason, /^wrong report id 0x04, expected 0x02/);
  });

  test('short report', () => {
    assert.match(bad(new HidPosDecoder().push(Uint8Array.of(2, 1, 0x41), 0)).reason, /^short report: 3 bytes, the layout needs 64/);
  });

  test('non-printable data', () => {
    const r = report('490123456789');
    r[7] = 0x07;
    assert.match(bad(new HidPosDecoder().push(r, 0)).reason, /^non-printable data: byte 0x07 at data offset 2/);
  });

  test('empty read', () => {
    assert.match(bad(new HidPosDecoder().push(report(''), 0)).reason, /^empty read/);
  });

  test('a symbology field that is not an AIM id', () => {
    const r = report('4901234567894');
    r.set([0x00, 0x00, 0x03], 2);
    assert.match(bad(new HidPosDecoder().push(r, 0)).reason, /symbology id field 0x00 0x00 0x03 is not an AIM identifier/);
  });

  test('continuation never finished: poll before the deadline keeps it, at the deadline it is bad', () => {
    const decoder = new HidPosDecoder({ continuationTimeoutMs: 50 });
    assert.deepEqual(decoder.push(CAPTURED_QR[0]!, 100), []);
    assert.deepEqual(decoder.poll(149), []);
    const b = bad(decoder.poll(150));
    assert.match(b.reason, /^missing continuation: 1 report \(56 data bytes\) marked "continued" and no further report within 50 ms/);
    assert.equal(b.firstByteAt, 100);
    assert.equal(decoder.pendingLength, 0);
  });

  test('a late continuation report is not glued to the stale half', () => {
    const decoder = new HidPosDecoder({ continuationTimeoutMs: 50 });
    decoder.push(CAPTURED_QR[0]!, 0);
    const out = decoder.push(report('4901234567894', { aim: ']E0' }), 500);
    assert.equal(out.length, 2);
    assert.equal(out[0]!.kind, 'bad');
    assert.equal(out[1]!.kind, 'frame');
    assert.equal((out[1] as Frame).data, '4901234567894');
  });

  test('flush with a reason (unplugged mid-code)', () => {
    const decoder = new HidPosDecoder();
    decoder.push(CAPTURED_QR[0]!, 0);
    assert.match(bad(decoder.flush(3, 'disconnected mid-code')).reason, /^disconnected mid-code: 1 report \(56 data bytes\) of a continued code/);
    assert.deepEqual(decoder.flush(4), []);
  });

  test('a garbage report in the middle of a continued code spoils the code, reported once', () => {
    const decoder = new HidPosDecoder();
    decoder.push(CAPTURED_QR[0]!, 0);
    const b = bad(decoder.push(report('x', { id: 0x7f }), 1));
    assert.match(b.reason, /^wrong report id 0x7f.*the continued code in progress \(1 reports, 56 data bytes\) is dropped/);
    assert.equal(b.raw.length, 128);
    assert.deepEqual(decoder.push(CAPTURED_QR[1]!, 2).map((o) => o.kind), ['frame']);
  });

  test('symbology id changing mid-code', () => {
    const decoder = new HidPosDecoder();
    decoder.push(report('0'.repeat(56), { aim: ']C0', continued: true }), 0);
    assert.match(bad(decoder.push(report('12', { aim: ']E0' }), 1)).reason, /symbology id changed from \]C0 to \]E0/);
  });

  test('too long over many continuation reports', () => {
    const decoder = new HidPosDecoder({ maxLength: 100 });
    decoder.push(report('1'.repeat(56), { continued: true }), 0);
    assert.match(bad(decoder.push(report('2'.repeat(56), { continued: true }), 1)).reason, /^too long: 112 data bytes over 2 reports, at most 100/);
  });
});

describe('HID POS layout validation', () => {
  test('the default layout is valid', () => validateHidPosLayout(DEFAULT_HID_POS_LAYOUT));
  test('overlapping fields are named', () => {
    assert.throws(() => new HidPosDecoder({ layout: { ...DEFAULT_HID_POS_LAYOUT, aimOffset: 4 } }), /aimOffset and dataOffset overlap|dataOffset and aimOffset overlap/);
  });
  test('a field outside the report is named', () => {
    assert.throws(
      () => new HidPosDecoder({ layout: { ...DEFAULT_HID_POS_LAYOUT, continuationFlag: { byteOffset: 64, mask: 1 } } }),
      /continuationFlag.byteOffset 64 .* does not fit a 64-byte report/,
    );
  });
  test('bad options are named', () => {
    assert.throws(() => new HidPosDecoder({ continuationTimeoutMs: 0 }), /continuationTimeoutMs must be a positive number/);
  });
});
