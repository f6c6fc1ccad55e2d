/**
 * Control API routes for scanners beyond the basic /api/sim/scanners list/add/remove/scan/raw that
 * host/control-api.ts holds: faults, unplug/replug, HID report replay, and device discovery.
 */
import { z } from 'zod';
import { listDevices } from '../../hardware/devices/list-devices.js';
import { parseBody } from '../api-schemas.js';
import type { Context, Route } from '../control-api.js';
import { HttpError } from '../http-util.js';
import { ALL_FAULTS, requireSimulators, type SimFault } from '../simulator-control.js';

const faultBody = z.strictObject({
  fault: z.enum(ALL_FAULTS as [SimFault, ...SimFault[]]),
  data: z.string().min(2, 'must be at least 2 characters').max(4096).optional(),
});
const hexReport = z.string().regex(/^([0-9a-fA-F]{2})+$/, 'must be hex bytes like "0206..."').max(1024);
const replayBody = z.strictObject({
  reports: z.array(hexReport).min(1, 'must hold at least one report').max(256),
  timeoutMs: z.number().int().min(10).max(10_000).optional(),
});

const idOf = (m: RegExpMatchArray) => decodeURIComponent(m[1]!);

/** The answer of every route that fed the driver: what it made of it and the register's reaction. */
function withState<T extends object>(ctx: Context, value: T): T & { message: unknown; state: unknown } {
  const state = ctx.register.snapshot();
  return { ...value, message: state.messages[0] ?? null, state };
}

export const SCANNER_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/devices$/,
    handle: async (ctx) => [200, { ...(await listDevices()), simulated: ctx.simulators?.list() ?? [] }],
  },
  {
    method: 'GET',
    pattern: /^\/api\/sim\/scanners\/([^/]+)$/,
    handle: async (ctx, m) => {
      const found = requireSimulators(ctx).list().find((s) => s.id === idOf(m));
      if (!found) throw new HttpError(404, `no simulated scanner "${idOf(m)}" (GET /api/sim/scanners lists them)`, 'simulator');
      return [200, found];
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/fault$/,
    handle: async (ctx, m, body) => {
      const { fault, data } = parseBody(faultBody, body);
      return [200, withState(ctx, await requireSimulators(ctx).fault(idOf(m), fault, data))];
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/replay$/,
    handle: async (ctx, m, body) => {
      const { reports, timeoutMs } = parseBody(replayBody, body);
      const delivery = await requireSimulators(ctx).replay(idOf(m), reports.map((r) => Uint8Array.from(Buffer.from(r, 'hex'))), timeoutMs);
      return [200, withState(ctx, { delivery })];
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/unplug$/,
    handle: async (ctx, m) => [200, await requireSimulators(ctx).unplug(idOf(m))],
  },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scanners\/([^/]+)\/replug$/,
    handle: async (ctx, m) => [200, await requireSimulators(ctx).replug(idOf(m))],
  },
];
