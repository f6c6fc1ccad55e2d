import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { RegisterState } from '../core/api.js';
import type { RpcServerMessage } from '../core/rpc.js';
import { openRegisterStore } from '../db/register-store.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { createRegister } from './create-register.js';
import { startHttpHost, type RunningHttpHost } from './http-server.js';

const dir = mkdtempSync(join(tmpdir(), 'regi-http-'));
const rendererDir = join(dir, 'renderer');
const TOKEN = 'test-token-0123456789';
let host: RunningHttpHost;
let store: ReturnType<typeof openRegisterStore>;

before(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<meta name="regi-token" content="%REGI_TOKEN%"><script src="app.js"></script>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
  store = openRegisterStore(join(dir, 'data'));
  const register = createRegister({
    registerId: store.registerId, mode: 'production', catalog: store.catalog, journal: store.journal, clock: { now: () => 1_700_000_000_000 },
  });
  host = await startHttpHost({ register, token: TOKEN, host: '127.0.0.1', port: 0, rendererDir, simulators: null });
});

after(async () => {
  await host.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}` };
async function call(method: string, path: string, body?: string, headers: Record<string, string> = auth) {
  const response = await fetch(`${host.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

describe('host HTTP', () => {
  test('the page carries the run token and a strict CSP', async () => {
    const response = await fetch(`${host.url}/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), new RegExp(`content="${TOKEN}"`));
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  test('the API refuses a missing or wrong token', async () => {
    assert.equal((await call('GET', '/api/register', undefined, {})).status, 401);
    assert.equal((await call('GET', '/api/register', undefined, { authorization: 'Bearer nope' })).status, 401);
    assert.equal((await call('GET', '/api/register')).status, 200);
  });

  test('a foreign Origin and a foreign Host are refused', async () => {
    assert.equal((await call('GET', '/api/register', undefined, { ...auth, origin: 'http://evil.example' })).status, 403);
    // fetch will not set Host, so a raw request plays the DNS-rebinding page.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.url}/api/register`, { headers: { ...auth, host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 421);
  });

  test('scan, state and cash sale over the control API', async () => {
    const scanned = await call('POST', '/api/register/scan', JSON.stringify({ data: DEMO_CODES.onigiriSalmon }));
    assert.equal(scanned.status, 200);
    assert.equal(scanned.body.accepted, true);
    const state = (await call('GET', '/api/register')).body as unknown as RegisterState;
    assert.equal(state.lines.length, 1);
    const paid = await call('POST', '/api/register/pay-cash', JSON.stringify({ tendered: 10_000 }));
    assert.equal(paid.status, 200);
    const sale = await call('GET', `/api/sales/${String(paid.body.saleId)}`);
    assert.equal(sale.body.saleId, paid.body.saleId);
  });

  test('bad requests get clear errors naming the field', async () => {
    const badJson = await call('POST', '/api/register/scan', '{"data":');
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.error!.message, /not valid JSON/);
    const empty = await call('POST', '/api/register/scan', JSON.stringify({ data: '' }));
    assert.equal(empty.status, 400);
    assert.match(empty.body.error!.message, /data: must not be empty/);
    const extra = await call('POST', '/api/register/pay-cash', JSON.stringify({ tendered: 1.5 }));
    assert.match(extra.body.error!.message, /tendered/);
    assert.equal((await call('POST', '/api/register/pay-cash', JSON.stringify({ tendered: 100 }))).body.error!.code, 'sale.emptyBasket');
    assert.equal((await call('GET', '/api/nowhere')).status, 404);
    assert.equal((await call('DELETE', '/api/register')).status, 405);
  });

  test('simulator controls are refused in production mode', async () => {
    const response = await call('POST', '/api/sim/scanners', '{}');
    assert.equal(response.status, 403);
    assert.match(response.body.error!.message, /production mode/);
  });
});

describe('host WebSocket', () => {
  function connect(headers: Record<string, string> = {}, token = TOKEN): WebSocket {
    return new WebSocket(`${host.url.replace('http', 'ws')}/ws?token=${token}`, { headers });
  }

  function messages(ws: WebSocket): Promise<RpcServerMessage>[] & { next(): Promise<RpcServerMessage> } {
    const queue: RpcServerMessage[] = [];
    const waiters: Array<(m: RpcServerMessage) => void> = [];
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as RpcServerMessage;
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    });
    const api = [] as unknown as Promise<RpcServerMessage>[] & { next(): Promise<RpcServerMessage> };
    api.next = () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((r) => waiters.push(r)));
    return api;
  }

  test('pushes state on connect, answers calls, and survives malformed frames', async () => {
    const ws = connect();
    const inbox = messages(ws);
    const first = await inbox.next();
    assert.equal(first.kind === 'event' && first.event.type, 'state');
    ws.send('not json');
    const bad = await inbox.next();
    assert.equal(bad.kind === 'result' && !bad.ok && bad.error.code, 'invalid-request');
    // JSON that is not an object, and ids that are not positive integers: each answered with id 0, the host stays.
    // (A bare null used to be read as null.id and end the register process.)
    for (const frame of ['null', '42', '"call"', '[]', 'true', JSON.stringify({ kind: 'call', id: -5, method: 'getState' })]) {
      ws.send(frame);
      const refused = await Promise.race([
        inbox.next(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${frame} within 5 s`)), 5_000).unref()),
      ]);
      assert.deepEqual(refused.kind === 'result' && !refused.ok && [refused.id, refused.error.code], [0, 'invalid-request'], frame);
    }
    ws.send(JSON.stringify({ kind: 'call', id: 5, method: 'dropTables' }));
    const unknown = await inbox.next();
    assert.equal(unknown.kind === 'result' && unknown.id, 5);
    assert.equal(unknown.kind === 'result' && !unknown.ok && unknown.error.message.includes('unknown method'), true);
    ws.send(JSON.stringify({ kind: 'call', id: 6, method: 'getState' }));
    let reply: RpcServerMessage;
    do reply = await inbox.next();
    while (reply.kind !== 'result');
    assert.equal(reply.ok && reply.id, 6);
    ws.close();
  });

  test('refuses a wrong token and a foreign origin', async () => {
    for (const ws of [connect({}, 'wrong'), connect({ origin: 'http://evil.example' })]) {
      const error = await new Promise<Error>((resolve) => ws.on('error', resolve));
      assert.match(error.message, /Unexpected server response: 40[13]/);
    }
  });
});
