import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RegisterEvent, RegisterState } from '../core/api.js';
import type { RegisterMessage } from '../core/domain/messages.js';
import { coalesceEvents, EventBroadcast } from './ws-rpc.js';

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

describe('WebSocket event broadcast', () => {
  test('one subscription serves every socket, each frame serialised once; a closed socket gets nothing more', async () => {
    const listeners = new Set<(e: RegisterEvent) => void>();
    const register = {
      subscribe: (l: (e: RegisterEvent) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    } as unknown as ConstructorParameters<typeof EventBroadcast>[0];
    const socket = () => {
      const sent: string[] = [];
      const handlers = new Map<string, () => void>();
      return {
        sent,
        OPEN: 1,
        readyState: 1,
        send: (frame: string) => sent.push(frame),
        on: (name: string, handler: () => void) => handlers.set(name, handler),
        emit: (name: string) => handlers.get(name)?.(),
      };
    };
    const events = new EventBroadcast(register);
    const [a, b] = [socket(), socket()];
    events.add(a as unknown as Parameters<EventBroadcast['add']>[0]);
    events.add(b as unknown as Parameters<EventBroadcast['add']>[0]);
    assert.equal(listeners.size, 1);
    for (const l of listeners) l(state('s1'));
    await tick();
    assert.deepEqual(a.sent, [JSON.stringify({ kind: 'event', event: state('s1') })]);
    assert.equal(a.sent[0], b.sent[0]);
    b.emit('close');
    for (const l of listeners) l(message('m'));
    await tick();
    assert.equal(a.sent.length, 2);
    assert.equal(b.sent.length, 1, 'a closed socket gets nothing more');
    events.close();
    assert.equal(listeners.size, 0);
  });
});
