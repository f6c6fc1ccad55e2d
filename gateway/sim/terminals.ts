import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, signatureMatches, signRequest } from '../protocol/signing.js';
import type { GatewayDb } from './db.js';
import { GatewayError } from './errors.js';

/** Terminal keys and request signature checks (HMAC-SHA256 over method, path, timestamp, nonce, body hash). */
export class Terminals {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  /** Registers a terminal, or rotates its key. Returns the key: the only time it is shown. */
  provision(terminalId: string, key?: string): { terminalId: string; key: string } {
    const secret = key ?? randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO terminals (id, key, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key')
      .run(terminalId, secret, this.clock.now());
    return { terminalId, key: secret };
  }

  list(): { terminalId: string; createdAt: number }[] {
    return (this.db.prepare('SELECT id, created_at FROM terminals ORDER BY id').all() as { id: string; created_at: number }[]).map((r) => ({
      terminalId: r.id,
      createdAt: r.created_at,
    }));
  }

  /** Returns the signing terminal's id, or throws 401 naming what was wrong. The nonce is spent only on success. */
  verify(headers: IncomingHttpHeaders, method: string, path: string, body: Buffer): string {
    const header = (name: string): string => {
      const value = headers[name];
      if (typeof value !== 'string' || value.length === 0) throw new GatewayError(401, 'MISSING_SIGNATURE', `header ${name} is missing`);
      return value;
    };
    const terminalId = header(SIGNATURE_HEADERS.terminal);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const signature = header(SIGNATURE_HEADERS.signature);
    const row = this.db.prepare('SELECT key FROM terminals WHERE id = ?').get(terminalId) as { key: string } | undefined;
    if (!row) throw new GatewayError(401, 'UNKNOWN_TERMINAL', `terminal ${terminalId} is not registered`);
    if (!/^\d{1,15}$/.test(timestamp)) throw new GatewayError(401, 'BAD_TIMESTAMP', `${SIGNATURE_HEADERS.timestamp} must be epoch milliseconds`);
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(nonce)) throw new GatewayError(401, 'BAD_NONCE', `${SIGNATURE_HEADERS.nonce} must be 8-128 characters of [A-Za-z0-9_-]`);
    const now = this.clock.now();
    const skew = Number(timestamp) - now;
    if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
      throw new GatewayError(401, 'STALE_TIMESTAMP', `request timestamp is ${Math.round(skew / 1000)} s from gateway time (allowed ±${MAX_CLOCK_SKEW_MS / 1000} s)`);
    }
    if (!signatureMatches(signRequest(row.key, method, path, timestamp, nonce, body), signature)) {
      throw new GatewayError(401, 'BAD_SIGNATURE', 'signature does not match the request (method, path, timestamp, nonce, body)');
    }
    // Nonces older than the skew window can go: a replay that old is refused by its timestamp anyway.
    this.db.prepare('DELETE FROM nonces WHERE expires_at < ?').run(now);
    const fresh = this.db
      .prepare('INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(terminalId, nonce, Number(timestamp) + MAX_CLOCK_SKEW_MS + 1).changes;
    if (fresh === 0) throw new GatewayError(401, 'REPLAYED_NONCE', `nonce ${nonce} was already used by terminal ${terminalId}`);
    return terminalId;
  }
}
