import { randomBytes } from 'node:crypto';
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

function describeFetchError(error: unknown): { refused: boolean; message: string } {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? '';
  return { refused: code === 'ECONNREFUSED', message: `${error instanceof Error ? error.message : String(error)}${cause ? ` (${code || cause.message})` : ''}` };
}

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

export async function attempt(url: string, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method, headers, body, signal: controller.signal });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = { error: { code: 'BAD_RESPONSE', message: `gateway answered ${res.status} with non-JSON: ${text.slice(0, 100)}` } };
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    return { type: 'response', status: res.status, body: parsed, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
  } catch (error) {
    if (controller.signal.aborted) return { type: 'timeout', message: `no answer within ${timeoutMs} ms` };
    return { type: 'network', ...describeFetchError(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function errorOf(body: unknown): { code: string; message: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN_ERROR',
    message: typeof e?.message === 'string' ? e.message : JSON.stringify(body ?? null).slice(0, 200),
  };
}
