/**
 * Fleet load: N headless registers (in-process RegisterNodes, each with its own SQLite data directory and terminal
 * id) selling at the same time against one sandbox gateway (in this process too, over real HTTP). Measures each
 * scan, cash sale and wallet payment as the cashier would wait for it.
 * One process means one event loop for all: the figures are a floor for a shared gateway, not per-machine limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../core/ports.js';
import { GatewayAdminClient } from '../../gateway/client/admin-client.js';
import { startGatewayServer } from '../../gateway/sim/server.js';
import { startRegisterNode, type RegisterNode } from '../rig/register-node.js';

export interface FleetOptions {
  registers: number;
  /** Sales per register; every third is paid by wallet, the rest in cash. */
  sales: number;
}

export interface LatencyStats {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface FleetReport {
  registers: number;
  salesPerRegister: number;
  completedSales: number;
  failures: string[];
  elapsedMs: number;
  salesPerSecond: number;
  scansPerSecond: number;
  latency: { scan: LatencyStats; cashSale: LatencyStats; walletPayment: LatencyStats };
  /** The gateway's view afterwards: wallet balances reconcile with the ledger. */
  reconcileOk: boolean;
}

/** Nearest-rank percentile of a sample (ms); 0 for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function stats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0) };
}

const BASKETS = [
  ['4987301000105', '4962106000109'],
  ['4987302000104', '4962107000207', '4591204000102'],
  ['4987303000103', '4573808000207'],
];

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const root = mkdtempSync(join(tmpdir(), 'regi-fleet-'));
  const gateway = await startGatewayServer({ dataDir: join(root, 'gateway'), port: 0, clock: systemClock });
  const admin = new GatewayAdminClient(gateway.url, gateway.adminToken, 10_000);
  const nodes: RegisterNode[] = [];
  const samples = { scan: [] as number[], cashSale: [] as number[], walletPayment: [] as number[] };
  const failures: string[] = [];
  let completed = 0;
  try {
    for (let i = 0; i < options.registers; i++) {
      nodes.push(
        await startRegisterNode({
          dataDir: join(root, `register-${i + 1}`),
          gatewayUrl: gateway.url,
          gatewayAdminToken: gateway.adminToken,
          clock: systemClock,
          registerId: `R-F${String(i + 1).padStart(3, '0')}`,
        }),
      );
    }
    const wallets = await Promise.all(nodes.map((_, i) => admin.createWallet({ balance: 50_000_000, name: `fleet-${i + 1}` })));
    const timed = async <T>(into: number[], run: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const value = await run();
      into.push(performance.now() - t0);
      return value;
    };
    const started = performance.now();
    await Promise.all(
      nodes.map(async (node, n) => {
        const r = node.register;
        for (let s = 0; s < options.sales; s++) {
          try {
            await r.newSale();
            for (const code of BASKETS[(n + s) % BASKETS.length]!) {
              const out = await timed(samples.scan, () => r.scan({ data: code, source: 'scanner' }));
              if (!out.accepted) throw new Error(`scan ${code}: ${out.message.code}`);
            }
            const total = (await r.getState()).totals.total;
            if (s % 3 === 2) {
              // A fresh device per payment: codes are one per device per minute (outside the timing: the phone's job).
              const view = await admin.addDevice(wallets[n]!.walletId);
              const { code } = await admin.code(wallets[n]!.walletId, Math.max(...view.devices.map((d) => d.deviceNo)));
              const paid = await timed(samples.walletPayment, () => r.payWallet({ code }));
              if (paid.state !== 'SUCCEEDED') throw new Error(`wallet ${paid.state} ${paid.message.code}`);
            } else {
              await timed(samples.cashSale, () => r.payCash({ tendered: total }));
            }
            completed++;
          } catch (error) {
            failures.push(`${node.registerId} sale ${s + 1}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const reconcile = await admin.reconcile();
    return {
      registers: options.registers,
      salesPerRegister: options.sales,
      completedSales: completed,
      failures,
      elapsedMs: Math.round(elapsedMs),
      salesPerSecond: Math.round((completed / (elapsedMs / 1000)) * 10) / 10,
      scansPerSecond: Math.round((samples.scan.length / (elapsedMs / 1000)) * 10) / 10,
      latency: { scan: stats(samples.scan), cashSale: stats(samples.cashSale), walletPayment: stats(samples.walletPayment) },
      reconcileOk: reconcile.ok,
    };
  } finally {
    for (const node of nodes) await node.close();
    await gateway.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function formatFleetReport(r: FleetReport): string {
  const row = (name: string, s: LatencyStats): string =>
    `${name.padEnd(16)}${String(s.count).padStart(7)}${s.p50Ms.toFixed(2).padStart(10)}${s.p99Ms.toFixed(2).padStart(10)}${s.maxMs.toFixed(2).padStart(10)}`;
  return [
    `${r.registers} registers × ${r.salesPerRegister} sales against one gateway: ${r.completedSales} completed in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `throughput: ${r.salesPerSecond} sales/s, ${r.scansPerSecond} scans/s; gateway reconcile ${r.reconcileOk ? 'ok' : 'MISMATCH'}`,
    '',
    `${'operation'.padEnd(16)}${'count'.padStart(7)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}`,
    row('scan', r.latency.scan),
    row('cash sale', r.latency.cashSale),
    row('wallet payment', r.latency.walletPayment),
    ...(r.failures.length > 0 ? ['', `${r.failures.length} failed sale(s):`, ...r.failures.slice(0, 10).map((f) => `  ${f}`)] : []),
  ].join('\n');
}
