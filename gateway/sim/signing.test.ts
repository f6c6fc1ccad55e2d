import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { attempt, errorOf } from '../client/transport.js';
import { SIGNATURE_HEADERS, signRequest } from '../protocol/signing.js';
import { readGatewayInfo } from '../client/admin-client.js';
import { startTestGateway, type TestGateway } from './test-support.js';

describe('gateway request authentication and validation', () => {
  let gw: TestGateway;
  let key: string;
  before(async () => {
    gw = await startTestGateway();
    key = (await gw.admin.provisionTerminal('T-SIG')).key;
  });
  after(async () => {
    await gw.close();
  });

  function signed(opts: { path?: string; body?: string; ts?: number; nonce?: string; key?: string; terminal?: string; method?: string } = {}) {
    const method = opts.method ?? 'POST';
    const path = opts.path ?? '/v1/refunds';
    const body = opts.body ?? JSON.stringify({ merchantRefundId: 'r-1', merchantPaymentId: 'nope', amount: 1 });
    const ts = String(opts.ts ?? gw.clock.now());
    const nonce = opts.nonce ?? `n${Math.random().toString(36).slice(2, 14)}`;
    const headers = {
      [SIGNATURE_HEADERS.terminal]: opts.terminal ?? 'T-SIG',
      [SIGNATURE_HEADERS.timestamp]: ts,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signRequest(opts.key ?? key, method, path, ts, nonce, body),
      'content-type': 'application/json',
    };
    return { send: () => attempt(`${gw.server.url}${path}`, method, headers, method === 'GET' ? undefined : body, 2_000), headers };
  }

  async function refusal(req: { send: () => ReturnType<typeof attempt> }): Promise<[number, string, string]> {
    const r = await req.send();
    assert.equal(r.type, 'response');
    const e = errorOf(r.type === 'response' ? r.body : undefined);
    return [r.type === 'response' ? r.status : 0, e.code, e.message];
  }

  test('a correctly signed request is processed', async () => {
    const r = await signed().send();
    assert.equal(r.type === 'response' && r.status, 200);
  });

  test('a wrong key is refused as BAD_SIGNATURE', async () => {
    const [status, code] = await refusal(signed({ key: 'not-the-key-at-all-000' }));
    assert.deepEqual([status, code], [401, 'BAD_SIGNATURE']);
  });

  test('a body changed after signing is refused', async () => {
    const req = signed();
    const r = await attempt(`${gw.server.url}/v1/refunds`, 'POST', req.headers, JSON.stringify({ merchantRefundId: 'r-1', merchantPaymentId: 'nope', amount: 9 }), 2_000);
    assert.equal(r.type === 'response' && errorOf(r.body).code, 'BAD_SIGNATURE');
  });

  test('a replayed nonce is refused even with a valid signature', async () => {
    const req = signed({ nonce: 'replay-nonce-1' });
    assert.equal(((await req.send()) as { status: number }).status, 200);
    const [status, code] = await refusal(req);
    assert.deepEqual([status, code], [401, 'REPLAYED_NONCE']);
  });

  test('a timestamp more than 5 minutes off is refused either way', async () => {
    assert.deepEqual((await refusal(signed({ ts: gw.clock.now() - 5 * 60_000 - 1 }))).slice(0, 2), [401, 'STALE_TIMESTAMP']);
    assert.deepEqual((await refusal(signed({ ts: gw.clock.now() + 5 * 60_000 + 1 }))).slice(0, 2), [401, 'STALE_TIMESTAMP']);
    assert.equal(((await signed({ ts: gw.clock.now() - 4 * 60_000 }).send()) as { status: number }).status, 200);
  });

  test('unknown terminal and missing headers are refused with a reason', async () => {
    assert.deepEqual((await refusal(signed({ terminal: 'GHOST' }))).slice(0, 2), [401, 'UNKNOWN_TERMINAL']);
    const r = await attempt(`${gw.server.url}/v1/payments/x`, 'GET', {}, undefined, 2_000);
    assert.equal(r.type === 'response' && r.status, 401);
    assert.match(r.type === 'response' ? errorOf(r.body).message : '', /x-regi-terminal/);
  });

  test('malformed JSON is 400 MALFORMED_JSON; a bad field is 400 naming the field', async () => {
    const [s1, c1] = await refusal(signed({ path: '/v1/payments', body: '{"amount": ' }));
    assert.deepEqual([s1, c1], [400, 'MALFORMED_JSON']);
    const body = JSON.stringify({ merchantPaymentId: 'k1', code: '1', amount: 12.5, terminalId: 'T-SIG', requestedAt: 1 });
    const [s2, c2, m2] = await refusal(signed({ path: '/v1/payments', body }));
    assert.deepEqual([s2, c2], [400, 'INVALID_REQUEST']);
    assert.match(m2, /^amount: /);
    const [, , m3] = await refusal(signed({ path: '/v1/payments', body: JSON.stringify({ merchantPaymentId: 'k1', code: '1', amount: 1, terminalId: 'T-SIG', requestedAt: 1, extra: 1 }) }));
    assert.match(m3, /extra/);
  });

  test('admin API needs the bearer token; gateway.json is 0600 and holds it', async () => {
    const r = await attempt(`${gw.server.url}/admin/rules`, 'GET', { authorization: 'Bearer wrong' }, undefined, 2_000);
    assert.equal(r.type === 'response' && r.status, 401);
    assert.equal(statSync(gw.server.infoPath).mode & 0o777, 0o600);
    const info = readGatewayInfo(gw.dataDir);
    assert.equal(info.adminToken, gw.server.adminToken);
    assert.equal(info.port, gw.server.port);
    await assert.rejects(gw.admin.setRules({ maxPerTransaction: -5 }), /maxPerTransaction/);
    await assert.rejects(gw.admin.createWallet({ balance: 1.5 }), /balance/);
  });

  test('unknown endpoints and methods say so', async () => {
    const r = await attempt(`${gw.server.url}/v1/nothing`, 'GET', {}, undefined, 2_000);
    assert.equal(r.type === 'response' && r.status, 404);
    const m = await attempt(`${gw.server.url}/v1/payments`, 'DELETE', {}, undefined, 2_000);
    assert.equal(m.type === 'response' && m.status, 405);
  });
});
