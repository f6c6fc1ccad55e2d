/**
 * The Electron security checklist as pure data and functions, so that electron/security.test.ts can
 * assert every item without an Electron binary. main.ts applies them; nothing here imports 'electron'.
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { REGISTER_METHODS, type RegisterMethod } from '../core/api.js';
import type { CallOutcome } from './ipc-contract.js';

/**
 * The renderer is served from a privileged custom scheme instead of file:// (checklist: "avoid
 * file://"), so 'self' means exactly the built renderer and nothing else on disk.
 */
export const APP_SCHEME = 'regi';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before app 'ready'; standard+secure gives the scheme an origin and a secure context. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * No remote content, no inline script, no eval, no plugins, no framing. The renderer reaches the
 * register only through window.regi (IPC), so connect-src needs nothing beyond 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  enableBlinkFeatures: undefined;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
}

/** webPreferences for every window Regi opens (the register now, the customer display later). */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  if (!isAbsolute(preloadPath)) throw new Error(`preload path must be absolute, got "${preloadPath}"`);
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: undefined,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The renderer never opens windows itself; main creates every window it needs. */
export const WINDOW_OPEN_RESPONSE = { action: 'deny' } as const;

/** The app is a single page: any navigation (link, location.href, drag-drop) is refused. */
export function isNavigationAllowed(_targetUrl: string): boolean {
  return false;
}

/** Camera, microphone, notifications, HID, serial...: the renderer needs none (hardware lives in the host). */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * Requests the session lets through: only the app's own scheme (and devtools: and data: images,
 * which never leave the process). http(s), ws(s) and file: are cancelled.
 */
export function isRequestAllowed(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'devtools:' || parsed.protocol === 'data:') return true;
  return isAppUrl(parsed);
}

/** URL patterns main cancels in session.webRequest.onBeforeRequest. */
export const BLOCKED_REQUEST_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'];

/** IPC is answered only for frames showing the app itself (not a page that got in some other way). */
export function isAllowedSender(frameUrl: string | null | undefined): boolean {
  if (typeof frameUrl !== 'string') return false;
  const parsed = parseUrl(frameUrl);
  return parsed !== null && isAppUrl(parsed);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppUrl(url: URL): boolean {
  // Node's WHATWG URL gives custom schemes an opaque origin, so compare the parts.
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/** Methods that take no argument: anything passed along is refused rather than silently dropped. */
const NO_PARAMS: ReadonlySet<RegisterMethod> = new Set<RegisterMethod>(['getState', 'newSale']);
const MAX_PARAMS_JSON = 16 * 1024;
const MAX_DEPTH = 8;

export type ValidatedCall =
  | { ok: true; method: RegisterMethod; params: Record<string, unknown> | undefined }
  | Extract<CallOutcome, { ok: false }>;

/**
 * First gate for an IPC call: a known method and a plain JSON object (or nothing). Field-level
 * checks are the host's (host/api-schemas.ts); this keeps anything that is not plain data away from it.
 */
export function validateCall(method: unknown, params: unknown): ValidatedCall {
  if (typeof method !== 'string' || !(REGISTER_METHODS as readonly string[]).includes(method)) {
    return invalid(`unknown method ${describe(method)}: expected one of ${REGISTER_METHODS.join(', ')}`);
  }
  const known = method as RegisterMethod;
  if (NO_PARAMS.has(known)) {
    return params === undefined ? { ok: true, method: known, params: undefined } : invalid(`${known} takes no parameters`);
  }
  if (!isPlainObject(params)) return invalid(`${known} expects one plain object as its parameter, got ${describe(params)}`);
  const problem = jsonProblem(params, 'params', 0);
  if (problem) return invalid(`${known}: ${problem}`);
  const size = JSON.stringify(params).length;
  if (size > MAX_PARAMS_JSON) return invalid(`${known}: parameters are ${size} bytes of JSON, at most ${MAX_PARAMS_JSON} allowed`);
  return { ok: true, method: known, params };
}

function invalid(message: string): Extract<CallOutcome, { ok: false }> {
  return { ok: false, error: { code: 'invalid-request', message } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Names the first value that is not plain JSON (functions, NaN, Dates, class instances, deep nesting). */
function jsonProblem(value: unknown, path: string, depth: number): string | null {
  if (depth > MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH} levels`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}, not a finite number`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = jsonProblem(item, `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = jsonProblem(item, `${path}.${key}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  return `${path} is ${describe(value)}, not plain JSON`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return name ? `a ${name}` : 'an object';
  }
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/**
 * Maps an app-scheme request to a file under rendererDir, or null when the URL is not the app's
 * or tries to leave the directory (../, encoded separators, NUL).
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (!url || !isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, relativePath));
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}
