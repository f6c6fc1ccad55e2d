import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/** One signed request with a hard timeout covering headers and body. Never throws. */
export async function signedAttempt(opts: SignedTransportOptions, method: string, path: string, bodyText: string): Promise<Attempt> {
  return attempt(`${opts.baseUrl}${path}`, method, signedHeaders(opts, method, path, bodyText), method === 'GET' ? undefined : bodyText, opts.timeoutMs);
}

function signedHeaders(opts: SignedTransportOptions, method: string, path: string, bodyText: string): Record<string, string> {
  const timestamp = String(opts.clock.now());
  // 122 random bits; randomUUID draws from a cached entropy pool instead of a getrandom call per request.
  const nonce = randomUUID().replaceAll('-', '');
  const headers: Record<string, string> = {
    [SIGNATURE_HEADERS.terminal]: opts.terminalId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signRequest(opts.key, method, path, timestamp, nonce, bodyText),
  };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  return headers;
}

/**
 * Kept-alive connections per origin: a new TCP connection per request cost the gateway an accept and the client a
 * connect on every call. An idle socket is closed after IDLE_SOCKET_MS, before a Node server's default 5 s
 * keep-alive timeout can close it under a request (Node 20's agent ignores the server's Keep-Alive hint): such a
 * reset would make a payment's outcome unknown (safe, but the cashier waits for the query). Idle sockets do not
 * keep the process alive.
 */
const IDLE_SOCKET_MS = 4_000;
const agents = {
  http: new HttpAgent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_MS }),
  https: new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_MS }),
};

/**
 * One HTTP exchange with a hard timeout covering headers and body. Never throws. "refused" is reported only when a
 * new connection was refused, so the request certainly never reached the server. An error on a reused connection
 * (the server may have read the request before it went away) is a dropped connection: outcome unknown.
 *
 * The request starts on the next turn of the event loop, after its poll phase: a server that closed its pooled
 * connections (gone, or refusing) has then had its FIN read and those sockets dropped from the pool, so the request
 * opens a new connection and a refusal is seen as one rather than as a reset of a stale socket.
 */
export async function attempt(url: string, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Attempt> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const finish = (result: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let req: ClientRequest;
    try {
      const secure = url.startsWith('https:');
      req = (secure ? httpsRequest : httpRequest)(url, {
        method,
        agent: secure ? agents.https : agents.http,
        headers: payload === undefined ? headers : { ...headers, 'content-length': String(payload.length) },
      });
    } catch (error) {
      resolve({ type: 'network', refused: false, message: `request not sent: ${messageOf(error)}` });
      return;
    }
    const timer = setTimeout(() => {
      finish({ type: 'timeout', message: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error.code === 'ECONNREFUSED' && !req.reusedSocket;
      finish({ type: 'network', refused, message: `${error.message}${error.code ? ` (${error.code})` : ''}` });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: Error) => finish({ type: 'network', refused: false, message: `answer cut off: ${error.message}` }));
      res.on('aborted', () => finish({ type: 'network', refused: false, message: 'answer cut off: connection closed mid-body' }));
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
    req.end(payload);
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function errorOf(body: unknown): { code: string; message: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN_ERROR',
    message: typeof e?.message === 'string' ? e.message : JSON.stringify(body ?? null).slice(0, 200),
  };
}
