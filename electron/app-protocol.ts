/**
 * Serves the built renderer on the app scheme (regi://app/...). Pure Node so it is tested without
 * Electron; main.ts wraps the result in a Response inside protocol.handle.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from './security.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Every response carries the CSP, so the policy holds even if index.html forgets its meta tag. */
const BASE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

export async function appResponse(rendererDir: string, requestUrl: string): Promise<AppResponse> {
  const file = resolveAppFile(rendererDir, requestUrl);
  if (!file) return text(404, `not an app resource: ${requestUrl}`);
  let body: Uint8Array;
  try {
    body = await readFile(file);
  } catch {
    if (file.endsWith('index.html')) {
      return text(503, `the register UI is not built (${file} is missing): run "npm run build"`);
    }
    return text(404, `no such file: ${new URL(requestUrl).pathname}`);
  }
  return {
    status: 200,
    headers: { ...BASE_HEADERS, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
    body,
  };
}

function text(status: number, message: string): AppResponse {
  return { status, headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body: new TextEncoder().encode(message) };
}
