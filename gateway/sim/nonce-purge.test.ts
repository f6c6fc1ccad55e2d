import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { attempt, errorOf, type Attempt } from '../client/transport.js';
import { MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, signRequest } from '../protocol/signing.js';
import { NONCE_PURGE_INTERVAL_MS } from './terminals.js';
import { startTestGateway, type TestGateway } from './test-support.js';

/** Expired nonces are deleted periodically, not per request; the replay window stays exact whatever the purge did. */
describe('gateway nonce purge', () => {
  let gw: TestGateway;
  let key: string;
  before(async () => {
    gw = await startTestGateway();
    key = (await gw.admin.provisionTerminal('T-NONCE')).key;
  });
  after(async () => {
    await gw.close();
  });

  /** A fixed signed GET: sending it twice is a replay. */
  function signedQuery(nonce: string, ts = gw.clock.now()): () => Promise<Attempt> {
    const path = '/v1/payments/no-such-payment';
    const headers = {
      [SIGNATURE_HEADERS.terminal]: 'T-NONCE',
      [SIGNATURE_HEADERS.timestamp]: String(ts),
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signRequest(key, 'GET', path, String(ts), nonce, ''),
    };
    return () => attempt(`${gw.server.url}${path}`, 'GET', headers, undefined, 5_000);
  }
  const code = (r: Attempt) => (r.type === 'response' ? `${r.status} ${errorOf(r.body).code}` : r.type);
  const stored = (nonce: string) =>
    (gw.server.services.db.prepare('SELECT COUNT(*) AS n FROM nonces WHERE nonce = ?').get(nonce) as { n: number }).n;

  test('a nonce is stored with the request that spent it; a replay is refused', async () => {
    const send = signedQuery('first-use-nonce');
    assert.equal(code(await send()), '404 PAYMENT_NOT_FOUND');
    assert.equal(stored('first-use-nonce'), 1);
    assert.equal(code(await send()), '401 REPLAYED_NONCE');
  });

  test('expired nonces are purged by a later request once the purge interval has passed', async () => {
    const old = signedQuery('expiring-nonce');
    assert.equal(code(await old()), '404 PAYMENT_NOT_FOUND');
    gw.clock.advance(MAX_CLOCK_SKEW_MS + NONCE_PURGE_INTERVAL_MS + 1);
    assert.equal(stored('expiring-nonce'), 1, 'not deleted per request, nor before a request comes');
    assert.equal(code(await signedQuery('purge-trigger-1')()), '404 PAYMENT_NOT_FOUND');
    assert.equal(stored('expiring-nonce'), 0);
    assert.equal(stored('purge-trigger-1'), 1);
    // Its timestamp is outside the window now, so the replay is still refused, by the timestamp check.
    assert.equal(code(await old()), '401 STALE_TIMESTAMP');
  });

  test('a replay inside the window is refused after a purge has run', async () => {
    const replay = signedQuery('inside-window-nonce');
    assert.equal(code(await replay()), '404 PAYMENT_NOT_FOUND');
    // Exactly at the edge: the timestamp is 5 min old, still accepted, so its nonce must survive the purge.
    gw.clock.advance(MAX_CLOCK_SKEW_MS);
    assert.equal(code(await signedQuery('purge-trigger-2')()), '404 PAYMENT_NOT_FOUND');
    assert.equal(gw.server.services.terminals.purgeExpiredNonces(gw.clock.now()), 0, 'the request above already purged');
    assert.equal(stored('inside-window-nonce'), 1);
    assert.equal(code(await replay()), '401 REPLAYED_NONCE');
  });

  test('a nonce whose earlier use expired but is not purged yet is accepted, as if the purge had run', async () => {
    const now = gw.clock.now();
    gw.server.services.terminals.purgeExpiredNonces(now);
    gw.server.services.db.prepare('INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES (?, ?, ?)').run('T-NONCE', 'reused-nonce', now - 1);
    assert.equal(code(await signedQuery('reused-nonce')()), '404 PAYMENT_NOT_FOUND');
    const row = gw.server.services.db.prepare('SELECT expires_at FROM nonces WHERE nonce = ?').get('reused-nonce') as { expires_at: number };
    assert.equal(row.expires_at, now + MAX_CLOCK_SKEW_MS + 1);
    assert.equal(code(await signedQuery('reused-nonce')()), '401 REPLAYED_NONCE');
  });

  test('the purge deletes through the expires_at index', () => {
    const plan = gw.server.services.db.prepare('EXPLAIN QUERY PLAN DELETE FROM nonces WHERE expires_at < ?').all(0) as { detail: string }[];
    assert.match(plan.map((r) => r.detail).join(' '), /USING INDEX nonces_expires/);
  });
});
