import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MessageCode, MessageLevel, RegisterMessage } from '../../core/domain/messages.js';
import { bannerMessage, mergeMessage, messageKey } from './banner.js';

const msg = (code: MessageCode, level: MessageLevel, at: number): RegisterMessage => ({ code, level, params: { at }, at });

describe('message banner', () => {
  test('shows the newest error or warning', () => {
    const unknown = msg('scan.unknownItem', 'error', 3);
    assert.equal(bannerMessage([unknown, msg('scan.added', 'info', 2)], null), unknown);
    const disconnected = msg('scanner.disconnected', 'warning', 5);
    assert.equal(bannerMessage([msg('scanner.connected', 'info', 6), disconnected, unknown], null), disconnected);
  });

  test('a wallet payment given back after a limit refused it leaves the refusal on the banner: that is what the cashier must read', () => {
    const blocked = msg('limit.blocked', 'error', 3);
    assert.equal(bannerMessage([msg('wallet.reversed', 'info', 4), blocked], null), blocked);
  });

  test('progress after the error clears it; so does dismissing it', () => {
    const unknown = msg('scan.unknownItem', 'error', 3);
    assert.equal(bannerMessage([msg('scan.added', 'info', 4), unknown], null), null);
    assert.equal(bannerMessage([unknown], messageKey(unknown)), null);
    const later = msg('scan.badRead', 'error', 5);
    assert.equal(bannerMessage([later, unknown], messageKey(unknown)), later);
    assert.equal(bannerMessage([], null), null);
  });

  test('moving on clears every message up to the newest one then, not only the one on the banner', () => {
    // F1 on an open sale warns; the cashier then opens the cash tender: the register said nothing newer than an info.
    const stillOpen = msg('sale.stillOpen', 'warning', 3);
    const info = msg('age.confirmed', 'info', 4);
    assert.equal(bannerMessage([info, stillOpen], messageKey(info)), null, 'cleared at the info: the older warning goes too');
    assert.equal(bannerMessage([stillOpen], messageKey(stillOpen)), null);
    const short = msg('sale.insufficientCash', 'error', 5);
    assert.equal(bannerMessage([short, info, stillOpen], messageKey(info)), short, 'what comes after is shown');
    assert.equal(bannerMessage([info, stillOpen], messageKey(msg('scan.badRead', 'error', 1))), stillOpen, 'an unknown key clears nothing');
  });

  test('a new sale after a completed one clears what was said about the old one', () => {
    const completed = msg('sale.completed', 'info', 1);
    const empty = msg('sale.emptyBasket', 'warning', 2);
    assert.equal(bannerMessage([empty, completed], null), empty);
    assert.equal(bannerMessage([msg('sale.started', 'info', 3), empty, completed], null), null);
  });

  test('a pushed message is added once, newest first, capped', () => {
    const a = msg('sale.started', 'info', 1);
    const b = msg('scan.badRead', 'error', 2);
    assert.deepEqual(mergeMessage([a], b), [b, a]);
    const list = [b, a];
    assert.equal(mergeMessage(list, { ...b, params: { at: 2 } }), list, 'a message already shown leaves the very same list');
    assert.equal(mergeMessage([b, a], msg('line.voided', 'info', 3), 2).length, 2);
  });
});
