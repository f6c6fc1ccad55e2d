import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, signatureMatches, signRequest } from '../protocol/signing.js';
import { stmt, type GatewayDb } from './db.js';
import { GatewayError } from './errors.js';

/** How often (gateway time) expired nonces are deleted. Purging later only keeps dead rows longer; see verify. */
export const NONCE_PURGE_INTERVAL_MS = 30_000;

/** Terminal keys and request signature checks (HMAC-SHA256 over method, path, timestamp, nonce, body hash). */
export class Terminals {
  private lastPurgeAt: number;

  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {
    this.lastPurgeAt = clock.now();
  }

  /**
   * Deletes the nonces whose request timestamp is outside the skew window (expires_at < now): a replay of one of
   * them is refused as STALE_TIMESTAMP before its nonce is even looked at, so forgetting it re-opens nothing.
   * A nonce still inside the window is never deleted, however often or rarely this runs. Returns how many went.
   */
  purgeExpiredNonces(now: number): number {
    this.lastPurgeAt = now;
    return stmt(this.db, 'DELETE FROM nonces WHERE expires_at < ?').run(now).changes;
  }

  /**
   * Every NONCE_PURGE_INTERVAL_MS rather than per request: the delete is a range scan on nonces_expires, but per
   * request it was (before that index) a full scan of ten minutes of nonces, and even indexed it is wasted work.
   * A clock moved backwards (admin clock offset) also triggers it, so the table never waits for time to catch up.
   */
  private purgeNoncesIfDue(now: number): void {
    if (Math.abs(now - this.lastPurgeAt) >= NONCE_PURGE_INTERVAL_MS) this.purgeExpiredNonces(now);
  }

  /** Registers a terminal, or rotates its key. Returns the key: the only time it is shown. */
  provision(terminalId: string, key?: string): { terminalId: string; key: string } {
    const secret = key ?? randomBytes(32).toString('base64url');
    stmt(this.db, 'INSERT INTO terminals (id, key, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key')
      .run(terminalId, secret, this.clock.now());
    return { terminalId, key: secret };
  }

  list(): { terminalId: string; createdAt: number }[] {
    return (stmt(this.db, 'SELECT id, created_at FROM terminals ORDER BY id').all() as { id: string; created_at: number }[]).map((r) => ({
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
    const row = stmt(this.db, 'SELECT key FROM terminals WHERE id = ?').get(terminalId) as { key: string } | undefined;
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
    this.purgeNoncesIfDue(now);
    // A row left from an expired use (not purged yet) is taken over, as if the purge had run just now; a live
    // row is kept and the request refused. So the outcome never depends on when the last purge ran.
    const fresh = stmt(
      this.db,
      `INSERT INTO nonces (terminal_id, nonce, expires_at) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < ?`,
    ).run(terminalId, nonce, Number(timestamp) + MAX_CLOCK_SKEW_MS + 1, now).changes;
    if (fresh === 0) throw new GatewayError(401, 'REPLAYED_NONCE', `nonce ${nonce} was already used by terminal ${terminalId}`);
    return terminalId;
  }
}
