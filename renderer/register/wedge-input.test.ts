import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WedgeInput } from './wedge-input.js';

/** Keydowns for `text` ('\n' = Enter) one every `gap` ms, as the browser reports them; `ime` as with a Japanese IME on. */
function keys(text: string, start: number, gap: number, ime = false) {
  return [...text].map((char, i) => ({
    code: char === '\n' ? 'Enter' : /\d/.test(char) ? `Digit${char}` : `Key${char.toUpperCase()}`,
    key: ime ? 'Process' : char === '\n' ? 'Enter' : char,
    shiftKey: false,
    timeStamp: start + i * gap,
    isComposing: ime,
  }));
}

/** Plays keys into a WedgeInput the way the screen does: text grows as keys type, scans restore it. */
function play(input: WedgeInput, events: ReturnType<typeof keys>, text = '') {
  const scans: string[] = [];
  for (const event of events) {
    const scan = input.keydown(event, text);
    if (scan) {
      scans.push(scan.data);
      text = scan.restore;
    } else if (event.code !== 'Enter') {
      text += event.key;
    }
  }
  return { scans, text };
}

describe('WedgeInput (cashier screen keyboard wedge)', () => {
  test('a scanner burst is a scan and the code input goes back to what it held', () => {
    const out = play(new WedgeInput(), keys('4987301000105\n', 1000, 5), '12');
    assert.deepEqual(out.scans, ['4987301000105']);
    assert.equal(out.text, '12');
  });

  test('the same digits typed at 120 ms a key stay typing: no scan, Enter left to keyed entry', () => {
    const out = play(new WedgeInput(), keys('4987301000105\n', 1000, 120));
    assert.deepEqual(out.scans, []);
    assert.equal(out.text, '4987301000105');
  });

  test('with a Japanese IME on (key "Process") the burst still reads by KeyboardEvent.code', () => {
    const out = play(new WedgeInput(), keys('4987301000105\n', 1000, 5, true));
    assert.deepEqual(out.scans, ['4987301000105']);
  });

  test('typing, a pause, then a burst: the snapshot is what was typed before the burst', () => {
    const input = new WedgeInput();
    const typed = play(input, keys('77', 0, 150));
    const out = play(input, keys('4987301000105\n', 1000, 5), typed.text);
    assert.deepEqual(out.scans, ['4987301000105']);
    assert.equal(out.text, '77');
  });

  test('an AIM id typed by the scanner is split off', () => {
    const input = new WedgeInput();
    const events = [
      { code: 'BracketRight', key: ']', shiftKey: false, timeStamp: 1000, isComposing: false },
      { code: 'KeyE', key: 'E', shiftKey: true, timeStamp: 1004, isComposing: false },
      ...keys('04987301000105\n', 1008, 4),
    ];
    let scan = null;
    for (const e of events) scan = input.keydown(e, '') ?? scan;
    assert.deepEqual(scan, { data: '4987301000105', aimId: ']E0', restore: '' });
  });
});
