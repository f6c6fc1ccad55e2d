import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BadFrame, Frame, FramerOutput } from '../framing/types.js';
import { KeyboardReportDecoder } from './keyboard-report-decoder.js';

/** An 8-byte boot report: modifiers, reserved, up to six keycodes. */
const boot = (modifiers: number, ...keys: number[]): Uint8Array => Uint8Array.of(modifiers, 0, ...keys, ...new Array<number>(6 - keys.length).fill(0));
const UP = boot(0);
const SHIFT = 0x02;
const ENTER = 0x28;
// number row: '1' 0x1E ... '9' 0x26, '0' 0x27
const digit = (d: string): number => (d === '0' ? 0x27 : 0x1d + Number(d));

function typeDigits(decoder: KeyboardReportDecoder, digits: string, start: number): FramerOutput[] {
  const out: FramerOutput[] = [];
  let t = start;
  for (const d of digits) {
    out.push(...decoder.push(boot(0, digit(d)), t++));
    out.push(...decoder.push(UP, t++));
  }
  return out;
}

const frame = (out: FramerOutput[]): Frame => {
  assert.equal(out.length, 1, JSON.stringify(out.map((o) => (o.kind === 'bad' ? o.reason : o.data))));
  assert.equal(out[0]!.kind, 'frame', out[0]!.kind === 'bad' ? out[0]!.reason : '');
  return out[0] as Frame;
};
const bad = (out: FramerOutput[]): BadFrame => {
  assert.equal(out.length, 1);
  assert.equal(out[0]!.kind, 'bad');
  return out[0] as BadFrame;
};

describe('KeyboardReportDecoder', () => {
  test('digits then Enter make one read; times of the first key and of Enter', () => {
    const decoder = new KeyboardReportDecoder();
    assert.deepEqual(typeDigits(decoder, '4901234567894', 100), []);
    const f = frame(decoder.push(boot(0, ENTER), 200));
    assert.equal(f.data, '4901234567894');
    assert.equal(f.firstByteAt, 100);
    assert.equal(f.receivedAt, 200);
    assert.equal(f.raw.length, 8 * 27);
    assert.deepEqual(decoder.push(UP, 201), [], 'the Enter release belongs to nothing');
  });

  test('Shift gives capitals and symbols; an AIM prefix typed as keys is split off', () => {
    const decoder = new KeyboardReportDecoder();
    const out = [
      ...decoder.push(boot(0, 0x30), 0), // ']'
      ...decoder.push(boot(SHIFT, 0x06), 1), // 'C'
      ...decoder.push(boot(0), 2),
      ...decoder.push(boot(0, 0x1f), 3), // '2'
    ];
    assert.deepEqual(out, []);
    decoder.push(UP, 4);
    decoder.push(boot(SHIFT, 0x04), 5); // 'A'
    decoder.push(boot(0x20, 0x1e), 6); // right Shift + '1' -> '!' (the 'A' key was released in this report)
    decoder.push(UP, 7);
    decoder.push(boot(0, 0x2d), 8); // '-'
    const f = frame(decoder.push(boot(0, ENTER), 9));
    assert.equal(f.aimId, ']C2');
    assert.equal(f.symbology, 'Code 128');
    assert.equal(f.data, 'A!-');
  });

  test('a held key does not repeat; the same key pressed again after release does', () => {
    const decoder = new KeyboardReportDecoder();
    decoder.push(boot(0, digit('1')), 0);
    decoder.push(boot(0, digit('1')), 1); // still held
    decoder.push(boot(0, digit('1'), digit('2')), 2); // rollover: '2' added while '1' held
    decoder.push(boot(0, digit('2')), 3);
    decoder.push(UP, 4);
    decoder.push(boot(0, digit('2')), 5);
    decoder.push(UP, 6);
    for (const d of '34567') {
      decoder.push(boot(0, digit(d)), 7);
      decoder.push(UP, 8);
    }
    assert.equal(frame(decoder.push(boot(0, ENTER), 9)).data, '12234567');
  });

  test('Ctrl+] types GS (the GS1 separator)', () => {
    const decoder = new KeyboardReportDecoder();
    typeDigits(decoder, '0104912345678904', 0);
    decoder.push(boot(0x01, 0x30), 50);
    decoder.push(UP, 51);
    typeDigits(decoder, '10', 52);
    assert.equal(frame(decoder.push(boot(0, ENTER), 60)).data, '0104912345678904\x1d10');
  });

  test('Tab ends a read only when configured; otherwise it is noise', () => {
    const withTab = new KeyboardReportDecoder({ suffixKeys: ['Enter', 'Tab'] });
    typeDigits(withTab, '49012346', 0);
    assert.equal(frame(withTab.push(boot(0, 0x2b), 20)).data, '49012346');

    const enterOnly = new KeyboardReportDecoder();
    typeDigits(enterOnly, '49012346', 0);
    enterOnly.push(boot(0, 0x2b), 20);
    enterOnly.push(UP, 21);
    assert.match(bad(enterOnly.push(boot(0, ENTER), 22)).reason, /^key 0x2b \(Tab\) is not a barcode character/);
  });

  test('inter-key timeout: a read without Enter is bad at the deadline', () => {
    const decoder = new KeyboardReportDecoder({ interKeyTimeoutMs: 40 });
    typeDigits(decoder, '490123', 100);
    assert.equal(decoder.nextDeadline(), 150, 'measured from the last new key, not the last release');
    assert.deepEqual(decoder.poll(149), []);
    assert.match(bad(decoder.poll(150)).reason, /^missing suffix: 6 characters typed and no Enter within 40 ms of the last key/);
  });

  test('a function key spoils the read; Alt-held keys too', () => {
    const decoder = new KeyboardReportDecoder();
    typeDigits(decoder, '4901', 0);
    decoder.push(boot(0, 0x3a), 10); // F1
    decoder.push(UP, 11);
    assert.match(bad(decoder.push(boot(0, ENTER), 12)).reason, /^key 0x3a \(F1\) is not a barcode character/);

    decoder.push(boot(0x04, digit('4')), 20);
    assert.match(bad(decoder.push(boot(0, ENTER), 21)).reason, /with Alt\/GUI held/);
  });

  test('rollover error, wrong length, empty read', () => {
    const decoder = new KeyboardReportDecoder();
    typeDigits(decoder, '49', 0);
    decoder.push(boot(0, 1, 1, 1, 1, 1, 1), 5);
    decoder.push(UP, 6);
    assert.match(bad(decoder.push(boot(0, ENTER), 7)).reason, /^keyboard rollover error/);
    decoder.push(UP, 8);
    assert.match(bad(decoder.push(Uint8Array.of(1, 2, 3), 9)).reason, /^not a keyboard boot report: 3 bytes, expected 8/);
    assert.match(bad(decoder.push(boot(0, ENTER), 10)).reason, /^empty read: Enter with no characters before it/);
  });

  test('numbered reports: the report id is checked and stripped', () => {
    const decoder = new KeyboardReportDecoder({ reportId: 1 });
    const numbered = (r: Uint8Array): Uint8Array => Uint8Array.of(1, ...r);
    for (const d of '49012346') {
      decoder.push(numbered(boot(0, digit(d))), 0);
      decoder.push(numbered(UP), 0);
    }
    assert.equal(frame(decoder.push(numbered(boot(0, ENTER)), 1)).data, '49012346');
    assert.match(bad(decoder.push(Uint8Array.of(2, ...UP), 2)).reason, /^wrong report id 0x02, expected 0x01/);
  });

  test('bad options are named', () => {
    assert.throws(() => new KeyboardReportDecoder({ suffixKeys: [] }), /suffixKeys must be a non-empty list/);
    assert.throws(() => new KeyboardReportDecoder({ interKeyTimeoutMs: -1 }), /interKeyTimeoutMs must be a positive number/);
  });
});
