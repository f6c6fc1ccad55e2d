import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyAction, type KeyContext } from './keys.js';

const ctx = (key: string, over: Partial<KeyContext> = {}): KeyContext => ({
  key,
  tenderOpen: false,
  walletEntering: false,
  bannerShown: false,
  code: '',
  target: 'code',
  ...over,
});

describe('keyboard map', () => {
  test('function keys work from anywhere', () => {
    assert.deepEqual(keyAction(ctx('F1', { target: 'tender', tenderOpen: true })), { kind: 'newSale' });
    assert.deepEqual(keyAction(ctx('F4', { target: 'page' })), { kind: 'openTender' });
    assert.equal(keyAction(ctx('F4', { tenderOpen: true })), null);
  });

  test('Esc cancels the tender first, then clears typed code, then dismisses the banner', () => {
    assert.deepEqual(keyAction(ctx('Escape', { tenderOpen: true, code: '12', bannerShown: true })), { kind: 'closeTender' });
    assert.deepEqual(keyAction(ctx('Escape', { walletEntering: true, target: 'other-field', bannerShown: true })), { kind: 'abortWallet' }, 'the wallet panel\'s Abort reads Esc');
    assert.deepEqual(keyAction(ctx('Escape', { code: '12', bannerShown: true })), { kind: 'clearCode' });
    assert.deepEqual(keyAction(ctx('Escape', { bannerShown: true })), { kind: 'dismissBanner' });
    assert.equal(keyAction(ctx('Escape')), null);
  });

  test('line keys: arrows select, Delete voids (only with nothing typed), + - step, * sets quantity', () => {
    assert.deepEqual(keyAction(ctx('ArrowUp')), { kind: 'select', delta: -1 });
    assert.deepEqual(keyAction(ctx('ArrowDown', { target: 'page' })), { kind: 'select', delta: 1 });
    assert.deepEqual(keyAction(ctx('Delete')), { kind: 'voidSelected' });
    assert.equal(keyAction(ctx('Delete', { code: '49' })), null);
    assert.deepEqual(keyAction(ctx('+')), { kind: 'stepQuantity', delta: 1 });
    assert.deepEqual(keyAction(ctx('-')), { kind: 'stepQuantity', delta: -1 });
    assert.deepEqual(keyAction(ctx('*', { code: '3' })), { kind: 'setQuantity' });
  });

  test('while tendering, the amount input owns ordinary keys', () => {
    for (const key of ['ArrowUp', 'Delete', '+', 'Enter', '5']) {
      assert.equal(keyAction(ctx(key, { tenderOpen: true, target: 'tender' })), null, key);
    }
  });

  test('Enter submits the code except on a button; wedge characters typed elsewhere go to the code input', () => {
    assert.deepEqual(keyAction(ctx('Enter')), { kind: 'submitCode' });
    assert.deepEqual(keyAction(ctx('Enter', { target: 'page' })), { kind: 'submitCode' });
    assert.equal(keyAction(ctx('Enter', { target: 'button' })), null);
    assert.deepEqual(keyAction(ctx('4', { target: 'page' })), { kind: 'typeIntoCode', char: '4' });
    assert.deepEqual(keyAction(ctx('7', { target: 'button' })), { kind: 'typeIntoCode', char: '7' });
    assert.equal(keyAction(ctx('4', { target: 'code' })), null, 'typed normally into the input');
    assert.equal(keyAction(ctx('4', { target: 'other-field' })), null);
    assert.equal(keyAction(ctx('Shift', { target: 'page' })), null);
  });
});
