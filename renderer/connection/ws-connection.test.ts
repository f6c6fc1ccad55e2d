import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, afterEach, describe, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { RegisterError, type RegisterEvent, type RegisterMethod, type RegisterState } from '../../core/api.js';
import type { CatalogItem } from '../../core/domain/catalog-item.js';
import type { CompletedSale } from '../../core/domain/sale.js';
import type { SaleJournal } from '../../core/ports.js';
import { Register } from '../../core/register.js';
import type { RpcCall, RpcServerMessage } from '../../core/rpc.js';
import { backoffDelay } from './backoff.js';
import { tokenFromHtml, webSocketUrl } from './connect.js';
import type { ConnectionState, RegisterConnection } from './types.js';
import { createWsConnection, parseServerMessage, type WebSocketConstructor } from './ws-connection.js';

const ONIGIRI: CatalogItem = {
  code: '4901234567894',
  name: 'Salmon onigiri',
  nameJa: '鮭おにぎり',
  price: 160,
  taxClass: 'reduced',
  category: 'onigiri',
  ageRestricted: false,
};

function memoryJournal(): SaleJournal {
  const sales: CompletedSale[] = [];
  return {
    commitSale(sale) {
      const committed = { ...sale, saleNo: sales.length + 1 };
      sales.push(committed);
      return committed;
    },
    nextSaleNo: () => sales.length + 1,
    recentSales: (limit) =>
      sales
        .slice(-limit)
        .reverse()
        .map((s) => ({ saleId: s.saleId, saleNo: s.saleNo, completedAt: s.completedAt, total: s.totals.total, itemCount: s.totals.itemCount })),
    getSale: (id) => sales.find((s) => s.saleId === id),
  };
}

/**
 * A host speaking the core/rpc.ts wire form over a real `ws` server, backed by a real core
 * Register: pushes state on connect, answers calls, forwards events. Methods listed in
 * `holdCalls` are never answered, to test what happens to calls in flight when the socket drops.
 */
async function startHost(options: { port?: number; token?: string; holdCalls?: RegisterMethod[] } = {}) {
  let n = 0;
  const register = new Register({
    registerId: 'R1',
    mode: 'simulator',
    catalog: { findByCode: (code) => (code === ONIGIRI.code ? ONIGIRI : undefined), count: () => 1 },
    journal: memoryJournal(),
    clock: { now: () => 1_700_000_000_000 },
    newId: () => `sale-${++n}`,
  });
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: string[] = [];
  server.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    connections.push(url.pathname + url.search);
    if (options.token !== undefined && url.searchParams.get('token') !== options.token) {
      socket.close(4401, 'bad token');
      return;
    }
    const send = (message: RpcServerMessage) => socket.send(JSON.stringify(message));
    const off = register.subscribe((event) => send({ kind: 'event', event }));
    socket.on('close', off);
    send({ kind: 'event', event: { type: 'state', state: register.snapshot() } });
    socket.on('message', (data) => {
      const text = data.toString();
      if (text === 'send-garbage') return;
      const call = JSON.parse(text) as RpcCall;
      if (options.holdCalls?.includes(call.method)) return;
      const method = register[call.method] as (params: unknown) => Promise<unknown>;
      method.call(register, call.params).then(
        (value) => send({ kind: 'result', id: call.id, ok: true, value }),
        (error: RegisterError) => send({ kind: 'result', id: call.id, ok: false, error: { code: error.code, message: error.message } }),
      );
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    register,
    connections,
    server,
    dropClients: () => {
      for (const client of server.clients) client.terminate();
    },
    sendRaw: (text: string) => {
      for (const client of server.clients) client.send(text);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

const NodeWebSocket = WebSocket as unknown as WebSocketConstructor;
const open: RegisterConnection[] = [];
const hosts: Array<{ stop: () => Promise<void> }> = [];

function connectTo(port: number, extra: { token?: string; onProtocolError?: (p: string) => void } = {}): RegisterConnection {
  const connection = createWsConnection({
    url: webSocketUrl({ protocol: 'http:', host: `127.0.0.1:${port}` }, extra.token ?? null),
    WebSocket: NodeWebSocket,
    backoff: { initialMs: 5, maxMs: 40 },
    ...(extra.onProtocolError ? { onProtocolError: extra.onProtocolError } : {}),
  });
  open.push(connection);
  return connection;
}

/** Resolves with the status attempt number once the connection reaches `state`. */
function reach(connection: RegisterConnection, state: ConnectionState): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    const off = connection.onStatus((s) => {
      if (s.state === state && !done) {
        done = true;
        queueMicrotask(() => off());
        resolve(s.attempt);
      }
    });
    if (done) off();
  });
}

function nextEvent(connection: RegisterConnection, predicate: (e: RegisterEvent) => boolean): Promise<RegisterEvent> {
  return new Promise((resolve) => {
    const off = connection.onEvent((event) => {
      if (predicate(event)) {
        off();
        resolve(event);
      }
    });
  });
}

const stateEvent = (e: RegisterEvent): e is { type: 'state'; state: RegisterState } => e.type === 'state';

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
after(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

describe('ws-connection against a real WebSocket server', () => {
  test('connects with the token, receives the pushed state, and calls RegisterApi methods', async () => {
    const host = await startHost({ token: 'secret t' });
    hosts.push(host);
    const connection = connectTo(host.port, { token: 'secret t' });
    const pushed = nextEvent(connection, stateEvent);
    await reach(connection, 'connected');
    const first = await pushed;
    assert.equal(first.type === 'state' && first.state.registerId, 'R1');
    assert.deepEqual(host.connections, ['/ws?token=secret%20t']);

    const afterScan = nextEvent(connection, (e) => stateEvent(e) && e.state.lines.length === 1);
    const outcome = await connection.api.scan({ data: ONIGIRI.code, source: 'keyboard' });
    assert.equal(outcome.accepted, true);
    const event = await afterScan;
    assert.equal(event.type === 'state' && event.state.totals.total, 160);

    const sale = await connection.api.payCash({ tendered: 1000 });
    assert.equal(sale.tenders[0]?.change, 840);
    assert.deepEqual(
      (await connection.api.recentSales({ limit: 5 })).map((s) => s.saleNo),
      [1],
    );
  });

  test('a failed call rejects with the RegisterError code the server sent', async () => {
    const host = await startHost();
    hosts.push(host);
    const connection = connectTo(host.port);
    await reach(connection, 'connected');
    await assert.rejects(connection.api.voidLine({ lineId: 'L9' }), (error: unknown) => {
      assert.ok(error instanceof RegisterError);
      assert.equal(error.code, 'line.notFound');
      return true;
    });
  });

  test('a call made while disconnected fails at once with not-available', async () => {
    const host = await startHost();
    const port = host.port;
    await host.stop();
    const connection = connectTo(port);
    await reach(connection, 'reconnecting');
    await assert.rejects(connection.api.getState(), (error: unknown) => {
      assert.ok(error instanceof RegisterError);
      assert.equal(error.code, 'not-available');
      return true;
    });
  });

  test('when the socket drops: calls in flight are rejected, then it reconnects and works again', async () => {
    const host = await startHost({ holdCalls: ['getSale'] });
    hosts.push(host);
    const connection = connectTo(host.port);
    await reach(connection, 'connected');
    const inFlight = connection.api.getSale({ saleId: 'x' });
    const reconnecting = reach(connection, 'reconnecting');
    host.dropClients();
    await assert.rejects(inFlight, (error: unknown) => error instanceof RegisterError && error.code === 'not-available');
    await reconnecting;
    const statePushedAgain = nextEvent(connection, stateEvent);
    await reach(connection, 'connected');
    await statePushedAgain;
    assert.equal((await connection.api.getState()).registerId, 'R1');
    assert.equal(host.connections.length, 2);
  });

  test('keeps retrying with growing attempts while the host is down, and reconnects when it returns', async () => {
    const host = await startHost();
    const port = host.port;
    const connection = connectTo(port);
    await reach(connection, 'connected');
    await host.stop();
    const attempts: number[] = [];
    const delays: number[] = [];
    const sawThirdAttempt = new Promise<void>((resolve) => {
      connection.onStatus((s) => {
        if (s.state === 'reconnecting') {
          attempts.push(s.attempt);
          delays.push(s.retryInMs ?? -1);
          if (s.attempt >= 2) resolve();
        }
      });
    });
    await sawThirdAttempt;
    // The first status seen may already be past attempt 0; from there each failure counts up by one.
    attempts.forEach((a, i) => assert.equal(a, attempts[0]! + i));
    assert.deepEqual(delays, attempts.map((a) => backoffDelay(a, { initialMs: 5, maxMs: 40 })));
    const again = await startHost({ port });
    hosts.push(again);
    await reach(connection, 'connected');
    assert.equal((await connection.api.getState()).mode, 'simulator');
  });

  test('after a host restart with a new token, reconnects with the URL resolveUrl gives', async () => {
    const first = await startHost({ token: 'run-1' });
    const port = first.port;
    let pageToken = 'run-1';
    let pageReads = 0;
    const connection = createWsConnection({
      url: webSocketUrl({ protocol: 'http:', host: `127.0.0.1:${port}` }, 'run-1'),
      WebSocket: NodeWebSocket,
      backoff: { initialMs: 5, maxMs: 40 },
      resolveUrl: async () => {
        pageReads++;
        if (pageToken === 'run-1') throw new Error('connect ECONNREFUSED');
        return webSocketUrl({ protocol: 'http:', host: `127.0.0.1:${port}` }, pageToken);
      },
    });
    open.push(connection);
    await reach(connection, 'connected');
    await first.stop();
    await reach(connection, 'reconnecting');
    const second = await startHost({ port, token: 'run-2' });
    hosts.push(second);
    pageToken = 'run-2';
    await reach(connection, 'connected');
    assert.ok(pageReads >= 1);
    assert.deepEqual(second.connections, ['/ws?token=run-2']);
    assert.equal((await connection.api.getState()).registerId, 'R1');
  });

  test('a malformed frame is reported and dropped; the connection keeps working', async () => {
    const host = await startHost();
    hosts.push(host);
    const problems: string[] = [];
    const reported = new Promise<void>((resolve) => {
      const connection = connectTo(host.port, {
        onProtocolError: (p) => {
          problems.push(p);
          resolve();
        },
      });
      void reach(connection, 'connected').then(() => host.sendRaw('{not json'));
    });
    await reported;
    assert.match(problems[0] ?? '', /not JSON/);
    const connection = open.at(-1)!;
    assert.equal((await connection.api.getState()).registerId, 'R1');
  });

  test('close() stops reconnecting', async () => {
    const host = await startHost();
    hosts.push(host);
    const connection = connectTo(host.port);
    await reach(connection, 'connected');
    connection.close();
    await reach(connection, 'closed');
    // A fresh connection proves the server is still there; the closed one did not come back.
    const other = connectTo(host.port);
    await reach(other, 'connected');
    assert.equal(host.connections.length, 2);
  });
});

describe('parseServerMessage', () => {
  test('accepts results and events, names what is wrong with anything else', () => {
    assert.deepEqual(parseServerMessage('{"kind":"result","id":1,"ok":true,"value":2}'), { kind: 'result', id: 1, ok: true, value: 2 });
    assert.equal(typeof parseServerMessage('{"kind":"event","event":{"type":"state","state":{}}}'), 'object');
    assert.match(parseServerMessage('[]') as string, /unknown kind/);
    assert.match(parseServerMessage('{"kind":"result","id":"1","ok":true}') as string, /numeric id/);
    assert.match(parseServerMessage('{"kind":"result","id":1,"ok":false}') as string, /error\.message/);
    assert.match(parseServerMessage('{"kind":"event","event":{"type":"boom"}}') as string, /event\.type/);
    assert.match(parseServerMessage(new Uint8Array(2)) as string, /non-text/);
  });
});

describe('backoffDelay and webSocketUrl', () => {
  test('doubles from the initial delay up to the cap', () => {
    const options = { initialMs: 250, maxMs: 5000 };
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 50].map((a) => backoffDelay(a, options)), [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  test('uses ws/wss by page protocol and leaves out a missing or unreplaced token', () => {
    assert.equal(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a/b'), 'ws://127.0.0.1:8080/ws?token=a%2Fb');
    assert.equal(webSocketUrl({ protocol: 'https:', host: 'reg.local' }, 'x'), 'wss://reg.local/ws?token=x');
    assert.equal(webSocketUrl({ protocol: 'http:', host: 'h' }, '%REGI_TOKEN%'), 'ws://h/ws');
    assert.equal(webSocketUrl({ protocol: 'http:', host: 'h' }, null), 'ws://h/ws');
  });

  test('reads the token from a served page', () => {
    assert.equal(tokenFromHtml('<head><meta name="regi-token" content="abc123" /></head>'), 'abc123');
    assert.equal(tokenFromHtml('<head></head>'), null);
  });
});
