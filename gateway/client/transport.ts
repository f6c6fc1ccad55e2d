import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../../core/ports.js';
import { SIGNATURE_HEADERS, signRequest } from '../protocol/signing.js';

/** What one HTTP attempt produced. A timeout or a dropped connection says nothing about whether it was processed. */
export type Attempt =
  | { type: 'response'; status: number; body: unknown; retryAfterMs?: number }
  | { type: 'timeout'; message: string }
  | { type: 'network'; refused: boolean; message: string };

export interface SignedTransportOptions {
  baseUrl: string;
  terminalId: string;
  key: string;
  timeoutMs: number;
  clock: Clock;
}

function describeRequestError(error: unknown): { refused: boolean; message: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { refused: code === 'ECONNREFUSED', message: typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message };
}

/**
 * node:http rather than fetch: fetch (undici with web streams) cost about 1 ms of CPU per call, which capped one
 * register process far below the gateway's own limit. A new connection per request (no keep-alive pool): a pooled
 * socket the gateway has just dropped would turn "gateway gone, connection refused" into "connection dropped,
 * outcome unknown", and callers tell offline from unknown by exactly that difference. Loopback connects are cheap.
 */
const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

/** One signed request with a hard timeout covering headers and body. Never throws. */
export async function signedAttempt(opts: SignedTransportOptions, method: string, path: string, bodyText: string): Promise<Attempt> {
  const timestamp = String(opts.clock.now());
  const nonce = randomBytes(16).toString('base64url');
  const headers: Record<string, string> = {
    [SIGNATURE_HEADERS.terminal]: opts.terminalId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signRequest(opts.key, method, path, timestamp, nonce, bodyText),
  };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  return attempt(`${opts.baseUrl}${path}`, method, headers, method === 'GET' ? undefined : bodyText, opts.timeoutMs);
}

export function attempt(url: string, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ type: 'network', refused: false, message: `gateway URL is not valid: ${url}` });
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      resolve({ type: 'network', refused: false, message: `gateway URL must be http: or https:, got ${target.protocol}` });
      return;
    }
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let settled = false;
    let timedOut = false;
    const finish = (result: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (secure ? https : http).request(target, {
      method,
      headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
      agent: secure ? agents.https : agents.http,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      finish({ type: 'timeout', message: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => {
      if (!timedOut) finish({ type: 'network', ...describeRequestError(error) });
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish({ type: 'network', ...describeRequestError(error) }));
      // The connection closing before the whole body arrived is a dropped answer, not a short one.
      res.on('close', () => {
        if (!res.complete) finish({ type: 'network', refused: false, message: 'connection closed before the whole answer arrived' });
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = undefined;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          parsed = { error: { code: 'BAD_RESPONSE', message: `gateway answered ${status} with non-JSON: ${text.slice(0, 100)}` } };
        }
        const retryAfter = Number(res.headers['retry-after']);
        finish({ type: 'response', status, body: parsed, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) });
      });
    });
    request.end(payload);
  });
}

export function errorOf(body: unknown): { code: string; message: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN_ERROR',
    message: typeof e?.message === 'string' ? e.message : JSON.stringify(body ?? null).slice(0, 200),
  };
}
