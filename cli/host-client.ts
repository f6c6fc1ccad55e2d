/** How CLI commands reach a running register host: its URL and token. */
import { existsSync } from 'node:fs';
import { hostInfoPath, readHostInfo, runtimeInfoPath } from '../host/token.js';
import { CliUsageError } from './command.js';
import { dataDirFrom } from './data-dir.js';

export interface HostTarget {
  url: string;
  token: string;
}

/**
 * --port N finds the host this user started on that port; --data DIR reads DIR/host.json;
 * --token or $REGI_TOKEN overrides the token.
 */
export function resolveHost(options: { port?: number; data?: string; token?: string }): HostTarget {
  const token = options.token ?? process.env.REGI_TOKEN;
  if (options.port !== undefined) {
    const info = readHostInfo(runtimeInfoPath(options.port));
    if (info) return { url: info.url, token: token ?? info.token };
    if (token) return { url: `http://127.0.0.1:${options.port}`, token };
    throw new CliUsageError(`no register host of yours is recorded on port ${options.port}: start one with "regi serve --port ${options.port}", or pass --token`);
  }
  const file = hostInfoPath(dataDirFrom(options.data));
  const info = readHostInfo(file);
  if (!info) {
    throw new CliUsageError(`no running host recorded in ${file}${existsSync(file) ? ' (unreadable)' : ''}: pass --port N of a running "regi serve"`);
  }
  return { url: info.url, token: token ?? info.token };
}

export class HostRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostRequestError';
  }
}

export async function hostRequest<T>(target: HostTarget, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${target.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new HostRequestError(0, 'unreachable', `cannot reach the register at ${target.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let value: unknown;
  try {
    value = text === '' ? null : JSON.parse(text);
  } catch {
    throw new HostRequestError(response.status, 'bad-response', `the register answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = (value as { error?: { code?: string; message?: string } } | null)?.error;
    throw new HostRequestError(response.status, error?.code ?? 'error', error?.message ?? `HTTP ${response.status}`);
  }
  return value as T;
}
