/** What an `expect` step compares, and how steps are named in the report. Pure: no I/O. */
import type { RegisterState } from '../../core/api.js';
import type { CompletedSale } from '../../core/domain/sale.js';
import type { StepInput } from './schema.js';

type Expect = Extract<StepInput, { expect: unknown }>['expect'];

export interface Observed {
  state: RegisterState;
  lastError: string | null;
  lastWalletResult: string | null;
  lastSale: CompletedSale | null;
  wallets?: Record<string, number>;
  walletCharges?: Record<string, number>;
  sales?: number;
  audit?: string[];
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a duration like 250ms, 2s, 5m, 25h or 1d`);
  return Math.round(Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]);
}

/** Every mismatch as "what: expected X, saw Y"; empty when everything matched. */
export function checkExpectations(e: Expect, o: Observed): string[] {
  const out: string[] = [];
  const s = o.state;
  const same = (what: string, expected: unknown, seen: unknown): void => {
    if (JSON.stringify(expected) !== JSON.stringify(seen)) out.push(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
  };
  if (e.basket) {
    const seen = s.lines.map((l) => ({ code: l.item.code, quantity: l.quantity }));
    const wanted = e.basket.map((b, i) => ({ code: b.code, quantity: b.quantity ?? seen[i]?.quantity ?? 1 }));
    same('basket', wanted, seen);
  }
  if (e.lines !== undefined) same('lines', e.lines, s.lines.length);
  if (e.itemCount !== undefined) same('itemCount', e.itemCount, s.totals.itemCount);
  const totals = s.phase === 'completed' && s.lastSale ? s.lastSale.totals : s.totals;
  if (e.total !== undefined) same('total', e.total, totals.total);
  if (e.taxes) {
    for (const [taxClass, tax] of Object.entries(e.taxes)) {
      same(`tax ${taxClass}`, tax, totals.taxes.find((t) => t.taxClass === taxClass)?.tax ?? 0);
    }
  }
  if (e.message !== undefined) same('message', e.message, s.messages[0]?.code ?? null);
  if (e.messageParams) {
    const params = (s.messages[0]?.params ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(e.messageParams)) same(`message param ${k}`, v, params[k] ?? null);
  }
  if (e.phase !== undefined) same('phase', e.phase, s.phase);
  if (e.ageCheck !== undefined) same('ageCheck', e.ageCheck, s.ageCheck ?? 'not-required');
  if (e.pendingOverride !== undefined) {
    const p = s.pendingOverride ?? null;
    if (typeof e.pendingOverride === 'boolean') same('pendingOverride', e.pendingOverride, p !== null);
    else same('pendingOverride rule', e.pendingOverride, p?.ruleId ?? null);
  }
  if (e.error !== undefined) same('last error', e.error, o.lastError);
  if (e.walletResult !== undefined) same('wallet result', e.walletResult, o.lastWalletResult);
  if (e.change !== undefined) same('change', e.change, o.lastSale?.tenders.find((t) => t.kind === 'cash')?.change ?? 0);
  for (const [name, balance] of Object.entries(e.wallets ?? {})) same(`wallet ${name} balance`, balance, o.wallets?.[name] ?? null);
  for (const [name, n] of Object.entries(e.walletCharges ?? {})) same(`wallet ${name} charges`, n, o.walletCharges?.[name] ?? null);
  if (e.sales !== undefined) same('completed sales', e.sales, o.sales ?? null);
  if (e.queueDepth !== undefined) same('queue depth', e.queueDepth, s.sync.queueDepth);
  for (const kind of e.audit ?? []) {
    if (!(o.audit ?? []).includes(kind)) out.push(`audit: expected an entry "${kind}", saw [${[...new Set(o.audit ?? [])].join(', ')}]`);
  }
  for (const [id, want] of Object.entries(e.scanners ?? {})) {
    const status = s.scanners.find((sc) => sc.driverId === id);
    if (!status) {
      out.push(`scanner ${id}: not attached (attached: ${s.scanners.map((sc) => sc.driverId).join(', ') || 'none'})`);
      continue;
    }
    if (want.scans !== undefined) same(`scanner ${id} scans`, want.scans, status.scans);
    if (want.badReads !== undefined) same(`scanner ${id} badReads`, want.badReads, status.badReads);
    if (want.state !== undefined) same(`scanner ${id} state`, want.state, status.state);
  }
  return out;
}

export function describeStep(step: StepInput): string {
  const [key, value] = Object.entries(step).find(([k]) => k !== 'name' && k !== 'expectError')!;
  const text = typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ') : String(value);
  const short = text.length > 70 ? `${text.slice(0, 67)}...` : text;
  return `${key} ${short}${step.expectError ? ` (expect refusal ${step.expectError})` : ''}`;
}
