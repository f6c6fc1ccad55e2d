/**
 * Fault injection for the /v1 API: the failure modes real wallet gateways show, so the register's state machine
 * can be tested against them. Faults live in memory (they are a test control, not data) and each matches a method
 * and path pattern ('*' matches any run of characters) a limited number of times.
 */
import { z } from 'zod';

export const FAULT_KINDS = [
  /** Process and commit, then destroy the socket instead of answering. */
  'drop-response',
  /** Process and commit, answer after delayMs (longer than the client's timeout). */
  'delay-response',
  /** Answer 5xx at once without processing, then process the request delayMs later (a late success). */
  'error-then-late-success',
  /** Queries answer 404 for durationMs of gateway time from injection, even for payments that exist. */
  'query-not-found',
  /** Cancels answer 503 RETRY_LATER without cancelling. */
  'cancel-retry-later',
  /** Answer `status` (429 or 503) with Retry-After without processing. */
  'status',
  /** Close the listener for durationMs (real time): connections are refused. */
  'refuse-connections',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    path: z.string().startsWith('/', 'must start with /').default('/v1/*'),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    count: z.number().int().positive().max(1_000_000).optional(),
    delayMs: z.number().int().nonnegative().max(600_000).optional(),
    durationMs: z.number().int().positive().max(3_600_000).optional(),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.kind === 'delay-response' || f.kind === 'error-then-late-success') && f.delayMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMs'], message: `required for ${f.kind}` });
    }
    if ((f.kind === 'query-not-found' || f.kind === 'refuse-connections') && f.durationMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['durationMs'], message: `required for ${f.kind}` });
    }
    if (f.kind === 'status' && f.status !== 429 && f.status !== 503) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'must be 429 or 503 for kind "status"' });
    }
  });
export type FaultSpec = z.input<typeof faultSpecSchema>;
type ParsedFaultSpec = z.infer<typeof faultSpecSchema>;

export interface ActiveFault extends ParsedFaultSpec {
  id: number;
  /** Matches left; undefined: until durationMs runs out. */
  remaining: number | undefined;
  injectedAt: number;
  hits: number;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export class FaultBox {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: ParsedFaultSpec, now: number): ActiveFault {
    const timeBound = spec.kind === 'query-not-found';
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count ?? (timeBound ? undefined : 1), injectedAt: now, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return [...this.faults];
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  /** The first live fault matching this request, spent by one; expired faults are dropped. */
  take(method: string, path: string, now: number, kinds: readonly FaultKind[]): ActiveFault | undefined {
    this.faults = this.faults.filter((f) => f.remaining !== 0 && !(f.durationMs !== undefined && f.kind === 'query-not-found' && now - f.injectedAt >= f.durationMs));
    const fault = this.faults.find(
      (f) => kinds.includes(f.kind) && (f.method === undefined || f.method === method) && globToRegExp(f.path).test(path),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.remaining !== undefined) fault.remaining--;
    return fault;
  }
}
