import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RegisterEvent, RegisterState } from '../core/api.js';
import type { RegisterMessage } from '../core/domain/messages.js';
import { coalesceEvents } from './ws-rpc.js';

const state = (tag: string) => ({ type: 'state', state: { tag } as unknown as RegisterState }) as const;
const message = (code: string) => ({ type: 'message', message: { code } as unknown as RegisterMessage }) as const;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WebSocket event coalescing', () => {
  test("one tick's events go out at its end: its last state first, then its messages in order", async () => {
    const out: RegisterEvent[] = [];
    const push = coalesceEvents((e) => out.push(e));
    push(message('scan.added'));
    push(state('with line'));
    push(message('limit.warning'));
    push(state('with scanner count'));
    assert.deepEqual(out, [], 'nothing is sent inside the tick');
    await tick();
    assert.deepEqual(out, [state('with scanner count'), message('scan.added'), message('limit.warning')]);
  });

  test('events of different ticks are not merged; a tick with messages only sends no state', async () => {
    const out: RegisterEvent[] = [];
    const push = coalesceEvents((e) => out.push(e));
    push(state('a'));
    await tick();
    push(message('m'));
    await tick();
    push(state('b'));
    await tick();
    assert.deepEqual(out, [state('a'), message('m'), state('b')]);
  });
});
