import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { attempt } from './transport.js';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('gateway HTTP transport', () => {
  const servers: Server[] = [];
  after(() => {
    for (const s of servers) s.close();
  });

  test('sequential requests share one kept-alive connection', async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(JSON.stringify({ n: 1 })));
    });
    server.on('connection', () => connections++);
    servers.push(server);
    const url = await listen(server);
    for (let i = 0; i < 5; i++) {
      const r = await attempt(`${url}/x`, 'POST', { 'content-type': 'application/json' }, '{"a":1}', 2_000);
      assert.deepEqual(r, { type: 'response', status: 200, body: { n: 1 } });
    }
    assert.equal(connections, 1);
    server.closeAllConnections();
  });

  test('a connection cut after the request was read is "dropped" (outcome unknown), never "refused"', async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      req.resume();
      // The first request is answered; the second is read and then the connection dies without an answer.
      if (requests === 1) req.on('end', () => res.end('{}'));
      else req.on('end', () => req.socket.destroy());
    });
    servers.push(server);
    const url = await listen(server);
    assert.equal((await attempt(`${url}/x`, 'POST', {}, '{}', 2_000)).type, 'response');
    const cut = await attempt(`${url}/x`, 'POST', {}, '{}', 2_000);
    assert.equal(cut.type, 'network');
    assert.equal(cut.type === 'network' && cut.refused, false);
    assert.equal(requests, 2);
  });

  test('nobody listening: "refused"; no answer in time: "timeout"; a non-JSON answer: BAD_RESPONSE', async () => {
    const closed = createServer();
    const deadUrl = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await attempt(`${deadUrl}/x`, 'GET', {}, undefined, 2_000);
    assert.equal(refused.type === 'network' && refused.refused, true);

    const silent = createServer(() => undefined);
    servers.push(silent);
    const slow = await attempt(`${await listen(silent)}/x`, 'GET', {}, undefined, 100);
    assert.deepEqual(slow, { type: 'timeout', message: 'no answer within 100 ms' });
    silent.closeAllConnections();

    const html = createServer((_req, res) => res.end('<html>'));
    servers.push(html);
    const bad = await attempt(`${await listen(html)}/x`, 'GET', {}, undefined, 2_000);
    assert.equal(bad.type === 'response' && (bad.body as { error: { code: string } }).error.code, 'BAD_RESPONSE');
    html.closeAllConnections();
  });
});
