/**
 * Plays a generated day (tester/replay/generator.ts) through real registers and a real sandbox gateway, all in this
 * process for speed: one RegisterNode per store (SQLite, limits, wallet payments over HTTP to the gateway), one
 * gateway server, and one simulated clock shared by all, moved to each event's time. Run once per rule setting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisterError } from '../../core/api.js';
import type { Clock } from '../../core/ports.js';
import { GatewayAdminClient } from '../../gateway/client/admin-client.js';
import { startGatewayServer } from '../../gateway/sim/server.js';
import { DEFAULT_RULES, type RulesPatch } from '../../gateway/sim/rules.js';
import { DEMO_MANAGER } from '../../host/limits/setup-limits.js';
import { startRegisterNode, type RegisterNode } from '../rig/register-node.js';
import { limitsFileFor } from '../scenario/limits-file.js';
import type { Traffic, Visit } from './generator.js';
import { summarize, type Attempt, type ReplaySummary } from './summary.js';

export interface RuleSetting {
  title: string;
  /** Register purchase limits: the shipped defaults, or all off. */
  registerLimits: 'defaults' | 'none';
  /** Gateway fraud rules (the sandbox ships with all of them off). */
  gatewayRules: RulesPatch;
}

export const RULES_OFF: RuleSetting = { title: 'rules off', registerLimits: 'none', gatewayRules: DEFAULT_RULES };
export const SHIPPED_DEFAULTS: RuleSetting = { title: 'shipped defaults', registerLimits: 'defaults', gatewayRules: DEFAULT_RULES };
/** Not shipped: what an operator might switch on at the gateway after July 2019 (a daily cap per wallet). */
export const WITH_GATEWAY_CAP: RuleSetting = { title: 'defaults + gateway cap', registerLimits: 'defaults', gatewayRules: { ...DEFAULT_RULES, dailySpendCap: 20_000 } };

class SimulatedClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

export interface ReplayRun {
  setting: RuleSetting;
  attempts: Attempt[];
  summary: ReplaySummary;
}

export async function runReplay(traffic: Traffic, setting: RuleSetting): Promise<ReplayRun> {
  const root = mkdtempSync(join(tmpdir(), 'regi-replay-'));
  const clock = new SimulatedClock(traffic.visits[0]?.at ?? 0);
  clock.time = Math.min(clock.time, ...traffic.wallets.flatMap((w) => w.topUps.map((t) => t.at))) - 60_000;
  const gateway = await startGatewayServer({ dataDir: join(root, 'gateway'), port: 0, clock });
  const nodes: RegisterNode[] = [];
  try {
    const admin = new GatewayAdminClient(gateway.url, gateway.adminToken, 10_000);
    await admin.setRules(setting.gatewayRules);
    for (let s = 0; s < traffic.options.stores; s++) {
      const node = await startRegisterNode({
        dataDir: join(root, `store-${s + 1}`),
        gatewayUrl: gateway.url,
        gatewayAdminToken: gateway.adminToken,
        clock,
        registerId: `R-S${String(s + 1).padStart(2, '0')}`,
      });
      nodes.push(node);
      const rules = limitsFileFor(setting.registerLimits);
      if (rules !== null) {
        const session = await node.register.managerLogin({ managerId: DEMO_MANAGER.staffId, pin: DEMO_MANAGER.pin });
        const result = await node.register.limitsImport({ session: session.token, text: rules });
        if (!result.ok) throw new Error(`limits import: ${JSON.stringify(result.errors)}`);
      }
    }
    const walletIds: string[] = [];
    for (const [i, w] of traffic.wallets.entries()) {
      walletIds.push((await admin.createWallet({ balance: w.openingBalance, name: `${w.kind}-${i}` })).walletId);
    }

    type Event = { at: number; topUp?: { wallet: number; amount: number }; visit?: Visit };
    const events: Event[] = [
      ...traffic.wallets.flatMap((w, i) => w.topUps.map((t): Event => ({ at: t.at, topUp: { wallet: i, amount: t.amount } }))),
      ...traffic.visits.map((v): Event => ({ at: v.at, visit: v })),
    ].sort((a, b) => a.at - b.at || (a.topUp ? -1 : 1));

    const attempts: Attempt[] = [];
    const refusalsInARow = new Map<number, number>();
    for (const event of events) {
      clock.time = Math.max(clock.time, event.at);
      if (event.topUp) {
        const w = traffic.wallets[event.topUp.wallet]!;
        await admin.topUp(walletIds[event.topUp.wallet]!, event.topUp.amount, w.kind === 'attack' ? 'stolen-card' : 'own-card').catch(() => undefined);
        continue;
      }
      const visit = event.visit!;
      // A crew drops a wallet after it is refused twice in a row: it is flagged.
      if (visit.kind === 'attack' && (refusalsInARow.get(visit.wallet!) ?? 0) >= 2) continue;
      const outcome = await serve(nodes[visit.store]!, visit, visit.wallet === null ? null : walletIds[visit.wallet]!, admin);
      attempts.push(...outcome.map((o) => ({ at: visit.at, kind: visit.kind, wallet: visit.wallet, ...o })));
      if (visit.kind === 'attack') {
        const refused = outcome.every((o) => o.outcome === 'refused');
        refusalsInARow.set(visit.wallet!, refused ? (refusalsInARow.get(visit.wallet!) ?? 0) + 1 : 0);
      }
    }
    const attackWallets = traffic.wallets.filter((w) => w.kind === 'attack').length;
    return { setting, attempts, summary: summarize(attempts, attackWallets) };
  } finally {
    for (const node of nodes) await node.close();
    await gateway.close();
    rmSync(root, { recursive: true, force: true });
  }
}

type Outcome = Omit<Attempt, 'at' | 'kind' | 'wallet'>;

/** One customer at the counter: scan, answer the register's questions, pay; a refused wallet falls back to cash. */
async function serve(node: RegisterNode, visit: Visit, walletId: string | null, admin: GatewayAdminClient): Promise<Outcome[]> {
  const r = node.register;
  await r.newSale();
  for (const item of visit.basket) {
    for (let q = 0; q < item.quantity; q++) {
      const out = await r.scan({ data: item.code, source: 'scanner' });
      if (!out.accepted && out.message.code === 'limit.overrideRequired') {
        // A regular customer's manager approves; nobody vouches for a stranger buying cartons.
        if (visit.kind === 'legit') await r.approveOverride({ managerId: DEMO_MANAGER.staffId, pin: DEMO_MANAGER.pin, reasonCode: 'regular-customer' });
        else await r.cancelOverride();
      }
    }
  }
  let state = await r.getState();
  if (state.ageCheck === 'required') state = await r.confirmAge({ confirmed: true });
  const amount = state.totals.total;
  if (amount === 0) return [];
  const results: Outcome[] = [];
  if (walletId !== null) {
    let refusal: string | null = null;
    try {
      const { code } = await admin.code(walletId);
      const paid = await r.payWallet({ code });
      if (paid.state !== 'SUCCEEDED') refusal = `${paid.message.code}${paid.message.params['code'] ? `: ${String(paid.message.params['code'])}` : ''}`;
    } catch (error) {
      if (!(error instanceof RegisterError)) throw error;
      refusal = error.code;
    }
    results.push({ tender: 'wallet', amount, outcome: refusal === null ? 'paid' : 'refused', ...(refusal === null ? {} : { reason: refusal }) });
    if (refusal === null) return results;
    if (visit.kind === 'attack') {
      for (const line of (await r.getState()).lines) await r.voidLine({ lineId: line.lineId });
      return results;
    }
  }
  await r.payCash({ tendered: amount });
  results.push({ tender: 'cash', amount, outcome: 'paid' });
  return results;
}
