/**
 * The crash harness's StateWatcher must see the state a host sends the moment a client connects: with nothing
 * left to change afterwards (an outbox already drained), that first state is the only one there will be.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { WebSocketServer } from 'ws';
import type { RegisterState } from '../../core/api.js';
import type { RpcServerMessage } from '../../core/rpc.js';
import { StateWatcher } from './rig.js';

test('the state a host sends on connect is seen, every time (it used to be lost while awaiting open)', async () => {
  const drained = { sync: { online: true, queueDepth: 0, parked: 0, oldestPendingAt: null, lastError: null } } as unknown as RegisterState;
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (ws) => ws.send(JSON.stringify({ kind: 'event', event: { type: 'state', state: drained } } satisfies RpcServerMessage)));
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (let i = 0; i < 20; i++) {
      const watcher = await StateWatcher.open({ url, token: 't' });
      try {
        const state = await watcher.until((s) => s.sync.queueDepth === 0, 'an empty outbox', 2_000);
        assert.equal(state.sync.online, true);
      } finally {
        watcher.close();
      }
    }
  } finally {
    server.close();
  }
});
