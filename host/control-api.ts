/**
 * The control API (documented in docs/api.md): the register's state and operations as HTTP+JSON,
 * for the CLI, scripts and tests; simulator controls only in simulator mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { REGISTER_METHODS, type RegisterMethod } from '../core/api.js';
import { parseBody } from './api-schemas.js';
import { dispatchCall } from './dispatch.js';
import type { RegisterService } from './http-server.js';
import { HttpError, readJsonBody, sendJson, STATUS_BY_CODE } from './http-util.js';
import { requireSimulators, SIM_SCANNER_KINDS, SimulatorError, type SimulatorControl } from './simulator-control.js';
import { SCANNER_ROUTES } from './simulators/scanner-routes.js';
import { WALLET_ROUTES, type SimWallets } from './wallet-routes.js';
import { RawBody, RECORDS_ROUTES } from './records-routes.js';
import { SCENARIO_ROUTES } from './scenario-routes.js';

export interface Context {
  register: RegisterService;
  simulators: SimulatorControl | null;
  /** The tester panel's wallets (simulator mode with gateway admin access), else null/absent. */
  wallets?: SimWallets | null;
}

export type Route = {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle: (ctx: Context, match: RegExpMatchArray, body: unknown, url: URL) => Promise<[number, unknown]>;
};

/** Register operations exposed as REST routes: each is a RegisterApi call with the body as params. */
function rpcRoute(method: 'GET' | 'POST', path: RegExp, apiMethod: RegisterMethod, params?: (m: RegExpMatchArray, body: unknown, url: URL) => unknown): Route {
  return {
    method,
    pattern: path,
    handle: async (ctx, match, body, url) => {
      const result = await dispatchCall(ctx.register, 1, apiMethod, params ? params(match, body, url) : body);
      if (result.ok) return [200, result.value];
      return [STATUS_BY_CODE[result.error.code], { error: result.error }];
    },
  };
}

const simScanBody = z.strictObject({
  data: z.string().min(1, 'must not be empty').max(4096),
  aimId: z.string().regex(/^\][A-Za-z0-9][0-9A-Za-z]$/, 'must be an AIM id like ]E0').optional(),
  realisticTiming: z.boolean().optional(),
});
const simRawBody = z.strictObject({
  hex: z.string().regex(/^([0-9a-fA-F]{2})*$/, 'must be hex bytes like "34390d"').max(16384),
  timeoutMs: z.number().int().min(10).max(10_000).optional(),
});
const simAddBody = z.strictObject({ kind: z.enum(SIM_SCANNER_KINDS).optional(), id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -').optional() }).optional();

const ROUTES: Route[] = [
  rpcRoute('GET', /^\/api\/register$/, 'getState'),
  rpcRoute('POST', /^\/api\/register\/scan$/, 'scan'),
  rpcRoute('POST', /^\/api\/register\/quantity$/, 'setQuantity'),
  rpcRoute('POST', /^\/api\/register\/void$/, 'voidLine'),
  rpcRoute('POST', /^\/api\/register\/pay-cash$/, 'payCash'),
  rpcRoute('POST', /^\/api\/register\/new-sale$/, 'newSale'),
  rpcRoute('POST', /^\/api\/register\/confirm-age$/, 'confirmAge'),
  rpcRoute('POST', /^\/api\/register\/override\/approve$/, 'approveOverride'),
  rpcRoute('POST', /^\/api\/register\/override\/cancel$/, 'cancelOverride'),
  rpcRoute('GET', /^\/api\/sales$/, 'recentSales', (_m, _b, url) => ({ limit: Number(url.searchParams.get('limit') ?? '20') })),
  rpcRoute('GET', /^\/api\/sales\/([^/]+)$/, 'getSale', (m) => ({ saleId: decodeURIComponent(m[1]!) })),
  {
    method: 'POST',
    pattern: /^\/api\/rpc$/,
    handle: async (ctx, _m, body) => {
      const call = parseBody(z.strictObject({ method: z.enum(REGISTER_METHODS), params: z.unknown().optional() }), body);
      const result = await dispatchCall(ctx.register, 1, call.method, call.params);
      return result.ok ? [200, result.value] : [STATUS_BY_CODE[result.error.code], { error: result.error }];
    },
  },
  { method: 'GET', pattern: /^\/api\/scanners$/, handle: async (ctx) => [200, ctx.register.snapshot().scanners] },
  { method: 'GET', pattern: /^\/api\/sim\/scanners$/, handle: async (ctx) => [200, requireSimulators(ctx).list()] },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners$/,
    handle: async (ctx, _m, body) => [201, await requireSimulators(ctx).add(parseBody(simAddBody, body) ?? {})],
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/sim\/scanners\/([^/]+)$/,
    handle: async (ctx, m) => {
      await requireSimulators(ctx).remove(decodeURIComponent(m[1]!));
      return [200, { removed: decodeURIComponent(m[1]!) }];
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/scan$/,
    handle: async (ctx, m, body) => {
      const { data, ...options } = parseBody(simScanBody, body);
      const delivery = await requireSimulators(ctx).scan(decodeURIComponent(m[1]!), data, options);
      const state = ctx.register.snapshot();
      return [200, { delivery, message: state.messages[0] ?? null, state }];
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/raw$/,
    handle: async (ctx, m, body) => {
      const { hex, timeoutMs } = parseBody(simRawBody, body);
      const delivery = await requireSimulators(ctx).sendRaw(decodeURIComponent(m[1]!), Buffer.from(hex, 'hex'), timeoutMs);
      const state = ctx.register.snapshot();
      return [200, { delivery, message: state.messages[0] ?? null, state }];
    },
  },
  ...SCANNER_ROUTES,
  ...WALLET_ROUTES,
  ...RECORDS_ROUTES,
  ...SCENARIO_ROUTES,
];

export async function handleControlApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: Context): Promise<void> {
  const candidates = ROUTES.map((route) => ({ route, match: url.pathname.match(route.pattern) })).filter((c) => c.match);
  if (candidates.length === 0) throw new HttpError(404, `no API route ${url.pathname} (see docs/api.md)`, 'not-found');
  const hit = candidates.find((c) => c.route.method === req.method);
  if (!hit) {
    res.setHeader('allow', candidates.map((c) => c.route.method).join(', '));
    throw new HttpError(405, `${req.method ?? ''} ${url.pathname} is not allowed; use ${candidates.map((c) => c.route.method).join(' or ')}`);
  }
  const body = req.method === 'GET' ? undefined : await readJsonBody(req);
  try {
    const [status, value] = await hit.route.handle(ctx, hit.match!, body, url);
    if (value instanceof RawBody) value.send(res, status);
    else sendJson(res, status, value);
  } catch (error) {
    if (error instanceof SimulatorError) throw new HttpError(error.status, error.message, 'simulator');
    throw error;
  }
}
