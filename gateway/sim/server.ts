import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../core/ports.js';
import type { GatewayInfo } from '../protocol/admin-wire.js';
import { DEFAULT_BRAND, DEFAULT_STEP_SECONDS, type CodeFormat } from './codes.js';
import { openGatewayDb } from './db.js';
import { GatewayError } from './errors.js';
import { refuseIfServed } from './data-dir-lock.js';
import { FaultBox, type ActiveFault } from './faults.js';
import { GroupCommit } from './group-commit.js';
import { errorReply, readBody, send, type Reply } from './http-util.js';
import { Ingest } from './ingest.js';
import { Payments } from './payments.js';
import { buildRoutes, type Route, type Services } from './routes.js';
import { Terminals } from './terminals.js';
import { Wallets } from './wallets.js';

export interface GatewayServerOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  clock?: Clock;
  /** Two digits: codes start with '2' + brand. */
  brand?: string;
  /** TOTP step (code lifetime) in seconds; 60 by default. */
  stepSeconds?: number;
  /** Fixed admin token (tests); a random one otherwise. */
  adminToken?: string;
}

export interface GatewayEvents {
  /** A fault closed the listener. */
  refusing: [durationMs: number];
  /** The listener is accepting again after refuse-connections. */
  listening: [];
  /** An error-then-late-success request was processed; reply is what it would have answered. */
  'late-commit': [path: string, reply: Reply];
  /** A delayed or dropped response finished (the request was committed before). */
  'fault-done': [fault: ActiveFault];
}

export interface GatewayServerHandle {
  url: string;
  port: number;
  adminToken: string;
  infoPath: string;
  services: Services;
  events: EventEmitter<GatewayEvents>;
  close(): Promise<void>;
}

/** What a signed request's group-committed part decided; faults that act on the answer act after the commit. */
interface Plan {
  reply: Reply;
  /** drop-response or delay-response: the request was processed; its answer is lost or late. */
  after?: ActiveFault;
  /** error-then-late-success: answer the error now, process the request later. */
  late?: { fault: ActiveFault; run: () => Reply };
}

export function gatewayInfoPath(dataDir: string): string {
  return join(dataDir, 'gateway.json');
}

export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const baseClock = options.clock ?? systemClock;
  let offsetMs = 0;
  const clock: Clock = { now: () => baseClock.now() + offsetMs };
  const brand = options.brand ?? DEFAULT_BRAND;
  if (!/^\d{2}$/.test(brand)) throw new Error(`gateway brand must be two digits, got "${brand}"`);
  const codeFormat: CodeFormat = { brand, stepSeconds: options.stepSeconds ?? DEFAULT_STEP_SECONDS };
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');

  await refuseIfServed(gatewayInfoPath(options.dataDir), options.dataDir);
  const db = openGatewayDb(options.dataDir, clock);
  const wallets = new Wallets(db, clock, codeFormat);
  const events = new EventEmitter<GatewayEvents>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, errorReply(error)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let closed = false;
  let port = options.port ?? 0;

  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
  };

  const services: Services = {
    db,
    wallets,
    payments: new Payments(db, clock, wallets, codeFormat),
    terminals: new Terminals(db, clock),
    ingest: new Ingest(db, clock),
    faults: new FaultBox(),
    now: () => clock.now(),
    clockOffset: { get: () => offsetMs, set: (v) => (offsetMs = v) },
    refuseConnections(durationMs) {
      // Answer the admin request that asked for this first, then stop listening.
      setImmediate(() => {
        // 'refusing' fires once every open connection is gone, so the next request needs a new connection.
        server.close(() => setImmediate(() => events.emit('refusing', durationMs)));
        dropConnections();
        later(durationMs, () => {
          if (closed) return;
          server.listen(port, host, () => events.emit('listening'));
        });
      });
    },
  };
  const routes = buildRoutes(services);
  const group = new GroupCommit(db);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://gateway');
    const body = await readBody(req);
    let route: Route | undefined;
    let params: string[] = [];
    for (const candidate of routes) {
      const m = candidate.pattern.exec(url.pathname);
      if (m && candidate.method === method) {
        route = candidate;
        params = m.slice(1).map((p) => decodeURIComponent(p));
        break;
      }
    }
    if (!route) {
      const known = routes.some((r) => r.pattern.test(url.pathname));
      throw known
        ? new GatewayError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`)
        : new GatewayError(404, 'NOT_FOUND', `no such endpoint ${method} ${url.pathname}`);
    }
    if (route.auth !== 'terminal') {
      if (route.auth === 'admin') checkAdmin(req);
      return send(res, runRoute(route, params, body, url, ''));
    }
    const matched = route;
    const path = `${url.pathname}${url.search}`;
    // Signature check, nonce and the route's own writes go into one group-committed transaction (see GroupCommit):
    // the nonce is durable exactly when the payment is, and concurrent requests share one fsync.
    const plan = await group.run((): Plan => {
      const terminalId = services.terminals.verify(req.headers, method, path, body);
      const run = (): Reply => runRoute(matched, params, body, url, terminalId);
      const now = clock.now();
      const faults = services.faults;
      const refused = faults.take(method, url.pathname, now, ['status']);
      if (refused) {
        return { reply: { status: refused.status!, headers: { 'retry-after': '1' }, body: { error: { code: refused.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE', message: `injected fault #${refused.id}: ${refused.status}` } } } };
      }
      if (matched.cancel && faults.take(method, url.pathname, now, ['cancel-retry-later'])) {
        return { reply: { status: 503, headers: { 'retry-after': '1' }, body: { error: { code: 'RETRY_LATER', message: 'cancel not processed yet; retry later' } } } };
      }
      if (method === 'GET' && faults.take(method, url.pathname, now, ['query-not-found'])) {
        return { reply: { status: 404, body: { error: { code: 'PAYMENT_NOT_FOUND', message: `no payment ${params[0] ?? ''} (injected)` } } } };
      }
      const late = faults.take(method, url.pathname, now, ['error-then-late-success']);
      if (late) {
        return { reply: { status: late.status ?? 502, body: { error: { code: 'UPSTREAM_ERROR', message: `injected fault #${late.id}: bad gateway` } } }, late: { fault: late, run } };
      }
      const after = faults.take(method, url.pathname, now, ['drop-response', 'delay-response']);
      return { reply: run(), ...(after ? { after } : {}) };
    });
    const { reply, late, after } = plan;
    if (late) {
      send(res, reply);
      // The late request runs in a later group of its own, as a request processed after the error was sent would.
      later(late.fault.delayMs!, () => {
        void group.run(late.run).then(
          (lateReply) => events.emit('late-commit', url.pathname, lateReply),
          (error: unknown) => events.emit('late-commit', url.pathname, errorReply(error)),
        );
      });
      return;
    }
    if (!after) return send(res, reply);
    if (after.kind === 'drop-response') {
      req.socket.destroy();
      events.emit('fault-done', after);
      return;
    }
    later(after.delayMs!, () => {
      send(res, reply);
      events.emit('fault-done', after);
    });
  }

  function runRoute(route: Route, params: string[], body: Buffer, url: URL, terminalId: string): Reply {
    try {
      return route.handle({ params, body, query: url.searchParams, terminalId });
    } catch (error) {
      return errorReply(error);
    }
  }

  function checkAdmin(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const expected = Buffer.from(adminToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new GatewayError(401, 'ADMIN_TOKEN_REQUIRED', 'admin API needs "Authorization: Bearer <token>" (see gateway.json in the data directory)');
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    db.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const infoPath = gatewayInfoPath(options.dataDir);
  const info: GatewayInfo = { url, port, adminToken, pid: process.pid, brandPrefix: `2${brand}` };
  writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(infoPath, 0o600);

  return {
    url,
    port,
    adminToken,
    infoPath,
    services,
    events,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        dropConnections();
      });
      db.close();
      forgetInfo(infoPath, info.pid);
    },
  };
}

/** Removes gateway.json on a clean stop, unless another gateway has since written its own. */
function forgetInfo(file: string, pid: number): void {
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewayInfo>).pid === pid) rmSync(file, { force: true });
  } catch {
    // Already gone or unreadable: nothing to remove.
  }
}
