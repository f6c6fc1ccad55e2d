import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REGISTER_METHODS, type RegisterApi, type RegisterEvent } from '../../core/api.js';
import { connect } from './connect.js';
import { createElectronConnection } from './electron-connection.js';
import type { WebSocketConstructor } from './ws-connection.js';

/** What the preload exposes: here each method just records its call. */
function preloadBridge() {
  const calls: string[] = [];
  const listeners = new Set<(e: RegisterEvent) => void>();
  const regi = Object.fromEntries(
    REGISTER_METHODS.map((m) => [m, async (params?: unknown) => (calls.push(`${m} ${JSON.stringify(params ?? null)}`), null)]),
  ) as unknown as RegisterApi;
  const regiEvents = {
    subscribe(listener: (e: RegisterEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { regi, regiEvents, calls, listeners };
}

const noWebSocket = class {
  constructor() {
    throw new Error('the WebSocket must not be used when window.regi exists');
  }
} as unknown as WebSocketConstructor;

describe('electron connection', () => {
  test('connect() prefers window.regi over the WebSocket and relays calls and events', async () => {
    const bridge = preloadBridge();
    const connection = connect({ location: { protocol: 'file:', host: '' }, token: null, bridge, WebSocket: noWebSocket });
    const statuses: string[] = [];
    connection.onStatus((s) => statuses.push(s.state));
    await connection.api.scan({ data: '4901234567894', source: 'keyboard' });
    assert.deepEqual(bridge.calls, ['scan {"data":"4901234567894","source":"keyboard"}']);

    const events: RegisterEvent[] = [];
    const off = connection.onEvent((e) => events.push(e));
    const message = { code: 'sale.started', level: 'info', params: {}, at: 1 } as const;
    for (const l of bridge.listeners) l({ type: 'message', message });
    off();
    assert.equal(bridge.listeners.size, 0);
    assert.deepEqual(events, [{ type: 'message', message }]);

    connection.close();
    assert.deepEqual(statuses, ['connected', 'closed']);
  });

  test('refuses a preload that lacks methods, naming them', () => {
    const bridge = preloadBridge();
    const partial = { ...bridge.regi } as Partial<RegisterApi>;
    delete partial.payCash;
    delete partial.getSale;
    assert.throws(
      () => createElectronConnection({ regi: partial as RegisterApi, regiEvents: bridge.regiEvents }),
      /missing RegisterApi methods: payCash, getSale/,
    );
  });
});
