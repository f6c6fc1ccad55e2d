import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fillText, screensEn, screensJa } from './screens-text.js';

describe('screens text', () => {
  test('fillText puts the values in and leaves an unknown name visible', () => {
    assert.equal(fillText(screensJa.mgrSaved, { v: 2, at: '2026/4/1 10:30:00' }), 'バージョン 2 を保存しました (2026/4/1 10:30:00 から適用)');
    assert.equal(fillText(screensEn.tstProgress, { done: 3 }), '3/{total} steps');
  });

  test('every placeholder of a Japanese text is in its English text too', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(screensJa) as (keyof typeof screensJa)[]) {
      assert.deepEqual(names(screensEn[key]), names(screensJa[key]), key);
    }
  });
});
