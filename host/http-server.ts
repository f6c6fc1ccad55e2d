/**
 * The Node host's HTTP side: the built renderer at /, the register's WebSocket at /ws, and the
 * control API under /api. Listens on 127.0.0.1 unless told otherwise; everything but the page
 * itself and /healthz needs the per-run token, and browsers must come from the host's own origin.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RegisterApi, RegisterEvent, RegisterState } from '../core/api.js';
import type { Unsubscribe } from '../core/ports.js';
import { handleControlApi } from './control-api.js';
import { HttpError, sendError, sendJson } from './http-util.js';
import type { SimulatorControl } from './simulator-control.js';
import { attachRpcSocket, EventBroadcast } from './ws-rpc.js';
import type { SimWallets } from './wallet-routes.js';

export interface RegisterService extends RegisterApi {
  subscribe(listener: (event: RegisterEvent) => void): Unsubscribe;
  snapshot(): RegisterState;
}

export interface HttpHostOptions {
  register: RegisterService;
  token: string;
  host: string;
  port: number;
  rendererDir: string;
  /** Present only in simulator mode: a production register refuses simulator controls. */
  simulators: SimulatorControl | null;
  /** Tester panel wallets (host/wallet-routes.ts); simulator mode only. */
  wallets?: SimWallets | null;
}

export interface RunningHttpHost {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export async function startHttpHost(options: HttpHostOptions): Promise<RunningHttpHost> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const events = new EventBroadcast(options.register);
  let port = options.port;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
      else {
        console.error('[regi] request failed:', error);
        if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
        else res.destroy();
      }
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isAllowedHost(req.headers.host, port)) {
      throw new HttpError(421, 'unexpected Host header: use http://127.0.0.1 or http://localhost with this port', 'bad-host');
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(req, url, options.token)) {
        throw new HttpError(401, 'missing or wrong token: send "Authorization: Bearer <token>" (the token is printed at start and stored in the data directory\'s host.json)', 'unauthorized');
      }
      if (req.headers.origin !== undefined && !isOwnOrigin(req.headers.origin, port)) {
        throw new HttpError(403, `cross-origin request from ${req.headers.origin} refused`, 'forbidden-origin');
      }
      await handleControlApi(req, res, url, { register: options.register, simulators: options.simulators, wallets: options.wallets ?? null });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method ?? ''} is not allowed here`);
    await serveRenderer(url.pathname, res, options.rendererDir, options.token);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuse(421, 'Misdirected Request');
    if (req.headers.origin !== undefined && !isOwnOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!hasToken(req, url, options.token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attachRpcSocket(ws, options.register, events));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    events.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    close: async () => {
      events.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : (url.searchParams.get('token') ?? '');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** DNS-rebinding guard: only the loopback names (or the bound address) with our port. */
function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return true;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(hostHeader.toLowerCase()) || process.env.REGI_ALLOW_ANY_HOST === '1';
}

function isOwnOrigin(origin: string, port: number): boolean {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin.toLowerCase());
}

async function serveRenderer(pathname: string, res: ServerResponse, rendererDir: string, token: string): Promise<void> {
  const relative = pathname === '/' || pathname === '/customer' ? '/index.html' : decodeURIComponent(pathname);
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(normalize(rendererDir) + sep)) throw new HttpError(404, 'not found', 'not-found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (relative === '/index.html') {
      throw new HttpError(503, 'the register UI is not built yet: run "npm run build" (npm start does this for you)', 'not-built');
    }
    throw new HttpError(404, `no such file: ${pathname}`, 'not-found');
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = PAGE_CSP;
    headers['x-frame-options'] = 'DENY';
    body = Buffer.from(body.toString('utf8').replaceAll('%REGI_TOKEN%', token));
  }
  res.writeHead(200, headers);
  res.end(body);
}
