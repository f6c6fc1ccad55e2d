import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WedgeDetector, type WedgeDecision, type WedgeKeyEvent } from './wedge-detector.js';

const CODES: Record<string, string> = { '\n': 'Enter', '\t': 'Tab', '-': 'Minus', ' ': 'Space', ']': 'BracketRight' };

/** Keydown records as a browser reports them for `text`, one every `gap` ms from `start`. */
function keys(text: string, start: number, gap: number, ime = false): WedgeKeyEvent[] {
  return [...text].map((char, i) => {
    const upper = /[A-Z]/.test(char);
    const code = CODES[char] ?? (/[0-9]/.test(char) ? `Digit${char}` : `Key${char.toUpperCase()}`);
    return {
      code,
      // with a Japanese IME on, key says 'Process' (or a full-width form) while code names the physical key
      key: ime ? (i % 2 === 0 ? 'Process' : String.fromCharCode(char.charCodeAt(0) + 0xfee0)) : char === '\n' ? 'Enter' : char,
      shiftKey: upper,
      timeStamp: start + i * gap,
      isComposing: ime,
    };
  });
}

function feed(detector: WedgeDetector, events: WedgeKeyEvent[]): WedgeDecision[] {
  return events.flatMap((e) => detector.push(e));
}

const scans = (decisions: WedgeDecision[]) => decisions.filter((d) => d.kind === 'scan');
const typedText = (decisions: WedgeDecision[]) =>
  decisions.flatMap((d) => (d.kind === 'typed' ? d.keys.map((k) => k.key) : [])).join('');

describe('WedgeDetector', () => {
  test('a scanner burst (8 ms between keys, Enter) is a scan', () => {
    const detector = new WedgeDetector();
    const out = feed(detector, keys('4901234567894\n', 1000, 8));
    assert.deepEqual(out.map((d) => d.kind), ['scan']);
    const scan = out[0]!;
    assert.ok(scan.kind === 'scan');
    assert.equal(scan.data, '4901234567894');
    assert.equal(scan.firstKeyAt, 1000);
    assert.equal(scan.receivedAt, 1000 + 13 * 8);
    assert.equal(scan.keys.length, 14);
  });

  test('a typist (120 ms between keys) typing the same digits is never a scan', () => {
    const detector = new WedgeDetector();
    const out = feed(detector, keys('4901234567894\n', 1000, 120));
    assert.equal(scans(out).length, 0);
    assert.equal(typedText(out), '4901234567894Enter');
  });

  test('timing edge: gaps just under the threshold scan, gaps equal to it are typing', () => {
    assert.equal(scans(feed(new WedgeDetector({ maxInterKeyMs: 30 }), keys('49012346\n', 0, 29.9))).length, 1);
    const atThreshold = feed(new WedgeDetector({ maxInterKeyMs: 30 }), keys('49012346\n', 0, 30));
    assert.equal(scans(atThreshold).length, 0);
    assert.equal(typedText(atThreshold), '49012346Enter');
  });

  test('one slow gap anywhere in the code (even before Enter) makes it typing', () => {
    const events = keys('4901234567894\n', 0, 8);
    events[13]!.timeStamp += 40; // Enter late
    assert.equal(scans(feed(new WedgeDetector(), events)).length, 0);
    const middle = keys('4901234567894\n', 0, 8);
    for (const e of middle.slice(6)) e.timeStamp += 40;
    const out = feed(new WedgeDetector(), middle);
    assert.equal(scans(out).length, 0, 'the 7-digit tail is below minLength and follows a key too closely');
    assert.equal(typedText(out), '4901234567894Enter');
  });

  test('a lagging first key does not leave the rest to be taken for a whole code', () => {
    const events = keys('4901234567894\n', 0, 8);
    for (const e of events.slice(1)) e.timeStamp += 35;
    const out = feed(new WedgeDetector({ minLength: 8 }), events);
    assert.equal(scans(out).length, 0);
    assert.equal(typedText(out), '4901234567894Enter');
  });

  test('fewer than minLength fast keys are typing (a quick "12" + Enter)', () => {
    const out = feed(new WedgeDetector({ minLength: 8 }), keys('12\n', 0, 5));
    assert.equal(scans(out).length, 0);
    assert.equal(typedText(out), '12Enter');
  });

  test('Japanese IME on: key is Process or full-width, code still gives the digits', () => {
    const out = feed(new WedgeDetector(), keys('4901234567894\n', 0, 6, true));
    assert.equal(scans(out).length, 1);
    assert.equal((scans(out)[0] as { data: string }).data, '4901234567894');
  });

  test('IME on and a person typing slowly: typed, with the original key values kept', () => {
    const out = feed(new WedgeDetector(), keys('kaimono\n', 0, 150, true));
    assert.equal(scans(out).length, 0);
    assert.ok(out.flatMap((d) => d.keys).some((k) => k.key === 'Process'));
  });

  test('Shift gives capitals and symbols; Shift keydowns themselves are ignored; an AIM id is split off', () => {
    const detector = new WedgeDetector();
    const events = keys(']A0CODE-39X\n', 0, 5);
    const withShift: WedgeKeyEvent[] = [];
    for (const e of events) {
      if (e.shiftKey) withShift.push({ code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: e.timeStamp - 1, isComposing: false });
      withShift.push(e);
    }
    const [scan, ...rest] = feed(detector, withShift);
    assert.equal(rest.length, 0);
    assert.ok(scan?.kind === 'scan');
    assert.equal(scan.aimId, ']A0');
    assert.equal(scan.data, 'CODE-39X');
  });

  test('Tab as suffix only when configured', () => {
    assert.equal(scans(feed(new WedgeDetector({ suffixKeys: ['Tab'] }), keys('49012346\t', 0, 5))).length, 1);
    assert.equal(scans(feed(new WedgeDetector(), keys('49012346\t', 0, 5))).length, 0);
  });

  test('held keys are released as typed by poll() at the deadline, not before', () => {
    const detector = new WedgeDetector();
    assert.deepEqual(feed(detector, keys('ab', 100, 5)), []);
    assert.equal(detector.nextDeadline(), 135);
    assert.deepEqual(detector.poll(134), []);
    assert.equal(typedText(detector.poll(135)), 'ab');
    assert.equal(detector.pending.length, 0);
  });

  test('a key with Ctrl, or a non-character key, releases everything held as typed', () => {
    const detector = new WedgeDetector();
    feed(detector, keys('4901', 0, 5));
    const out = detector.push({ code: 'KeyC', key: 'c', shiftKey: false, ctrlKey: true, timeStamp: 21, isComposing: false });
    assert.equal(typedText(out), '4901c');
    const arrows = detector.push({ code: 'ArrowLeft', key: 'ArrowLeft', shiftKey: false, timeStamp: 500, isComposing: false });
    assert.deepEqual(arrows.map((d) => d.kind), ['typed']);
  });

  test('two scans back to back (continuous mode) are both scans', () => {
    const detector = new WedgeDetector();
    const first = keys('4901234567894\n', 0, 5);
    const second = keys('49012346\n', 65 + 40, 5);
    const out = feed(detector, [...first, ...second]);
    assert.deepEqual(scans(out).map((d) => (d as { data: string }).data), ['4901234567894', '49012346']);
  });

  test('a typed key right before a scan burst makes the burst typing (never a half code)', () => {
    const detector = new WedgeDetector();
    const out = feed(detector, [...keys('x', 0, 0), ...keys('4901234567894\n', 50, 5)]);
    assert.equal(scans(out).length, 0);
    assert.equal(typedText(out), 'x4901234567894Enter');
  });

  test('bad options are named', () => {
    assert.throws(() => new WedgeDetector({ maxInterKeyMs: 0 }), /maxInterKeyMs must be a positive number/);
    assert.throws(() => new WedgeDetector({ minLength: 10, maxLength: 5 }), /minLength 10 exceeds maxLength 5/);
    assert.throws(() => new WedgeDetector({ suffixKeys: ['Space' as 'Tab'] }), /suffixKeys must be/);
  });
});

describe('WedgeDetector properties', () => {
  const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 40 }).map((d) => d.join(''));

  test('a typist (every gap at or above the threshold) is never a scan, and no key is lost', () => {
    fc.assert(
      fc.property(digits, fc.array(fc.double({ min: 30, max: 2000, noNaN: true }), { minLength: 41, maxLength: 41 }), (text, gaps) => {
        const detector = new WedgeDetector({ maxInterKeyMs: 30 });
        let t = 0;
        const events = keys(text + '\n', 0, 0).map((e, i) => ({ ...e, timeStamp: (t += gaps[i]!) }));
        const out = [...feed(detector, events), ...detector.flush()];
        assert.equal(scans(out).length, 0);
        assert.equal(typedText(out), text + 'Enter');
      }),
      { numRuns: 300 },
    );
  });

  test('a scanner (every gap under the threshold, quiet before) always scans exactly its code', () => {
    fc.assert(
      fc.property(digits.filter((d) => d.length >= 8), fc.array(fc.double({ min: 0, max: 29.9, noNaN: true }), { minLength: 41, maxLength: 41 }), (text, gaps) => {
        const detector = new WedgeDetector({ maxInterKeyMs: 30, minLength: 8 });
        let t = 10_000;
        const events = keys(text + '\n', 0, 0).map((e, i) => ({ ...e, timeStamp: (t += gaps[i]!) }));
        const out = feed(detector, events);
        assert.deepEqual(out.map((d) => d.kind), ['scan']);
        assert.equal((out[0] as { data: string }).data, text);
      }),
      { numRuns: 300 },
    );
  });
});
