/**
 * Wallet redemptions: 50 terminals on loopback, each with its own provisioned key and GatewayClient, redeeming
 * customer-presented one-time codes against the sandbox gateway (gateway/sim) running in its own process, so the
 * gateway has one of the 2 cores and the 50 clients share the other. Every code is genuine and live: each wallet
 * has one device, and its code (TOTP, single use per device and step) is read from the gateway's own wallet
 * service just before its round, as the customer's phone would show it. Each terminal sends its next payment as
 * soon as the previous one is answered (closed loop, 50 requests in flight). maxAttempts is 1, so a latency is
 * one HTTP exchange and a failure is counted, never retried.
 * Throughput = successful redemptions / wall time of the rounds (code preparation between rounds not counted).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GatewayAdminClient } from '../../gateway/client/admin-client.js';
import { GatewayClient } from '../../gateway/client/gateway-client.js';
import type { Bench, BenchContext } from '../bench.js';
import { describeMs, summarize } from '../stats.js';
import type { TableRow } from '../table.js';
import { startGatewayProcess } from '../support/gateway-process.js';

const TERMINALS = 50;
const AMOUNT = 480;
/** Codes are fetched per round; a round must finish well inside a code's life (60 s steps, one step of grace). */
const ROUND = 3_000;

export const gatewayRedemptionsBench: Bench = {
  name: 'gateway',
  title: 'wallet redemptions per second and p99 latency, 50 concurrent terminals on loopback (gateway in its own process)',
  run,
};

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const total = ctx.quick ? 600 : 6_000;
  const warmUp = ctx.quick ? 100 : 300;
  const gateway = await startGatewayProcess(ctx.dir);
  try {
    const admin = new GatewayAdminClient(gateway.url, gateway.adminToken);
    const terminals: GatewayClient[] = [];
    const ids: string[] = [];
    for (let i = 1; i <= TERMINALS; i++) {
      const terminalId = `BENCH-T${String(i).padStart(2, '0')}`;
      const { key } = await admin.provisionTerminal(terminalId);
      ids.push(terminalId);
      terminals.push(new GatewayClient({ baseUrl: gateway.url, terminalId, key, maxAttempts: 1, timeoutMs: 10_000 }));
    }
    const t = performance.now();
    const wallets = await gateway.createWallets(warmUp + total, 100_000);
    ctx.log(`gateway: ${TERMINALS} terminals provisioned, ${wallets.length.toLocaleString('en-US')} wallets created in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const failures = new Map<string, number>();
    const latencies: number[] = [];
    let succeeded = 0;
    let timedMs = 0;
    let gatewayCpuMs = 0;
    let clientCpuMs = 0;
    const runRound = async (walletIds: string[], record: boolean) => {
      const codes = await gateway.codes(walletIds);
      let next = 0;
      const started = performance.now();
      const gatewayCpu = processCpuMs(gateway.pid);
      const clientCpu = process.cpuUsage();
      await Promise.all(
        terminals.map(async (client, i) => {
          for (let k = next++; k < codes.length; k = next++) {
            const sentAt = performance.now();
            const result = await client.pay({
              merchantPaymentId: randomUUID(),
              code: codes[k]!,
              amount: AMOUNT,
              terminalId: ids[i]!,
              categoryTotals: { onigiri: AMOUNT },
              requestedAt: Date.now(),
            });
            const ms = performance.now() - sentAt;
            if (!record) continue;
            latencies.push(ms);
            if (result.kind === 'succeeded') succeeded++;
            else {
              const why = result.kind === 'declined' ? `declined ${result.reason}` : result.kind === 'rejected' ? `rejected ${result.code}` : `${result.kind}`;
              failures.set(why, (failures.get(why) ?? 0) + 1);
            }
          }
        }),
      );
      if (record) {
        timedMs += performance.now() - started;
        gatewayCpuMs += processCpuMs(gateway.pid) - gatewayCpu;
        const used = process.cpuUsage(clientCpu);
        clientCpuMs += (used.user + used.system) / 1000;
      }
    };

    await runRound(wallets.slice(0, warmUp), false);
    for (let start = warmUp; start < wallets.length; start += ROUND) await runRound(wallets.slice(start, Math.min(wallets.length, start + ROUND)), true);

    const s = summarize(latencies);
    const rate = (succeeded * 1000) / timedMs;
    ctx.log(`gateway: ${succeeded} of ${total} redemptions succeeded in ${(timedMs / 1000).toFixed(2)} s = ${rate.toFixed(0)}/s; latency ${describeMs(s, 2)}`);
    ctx.log(`gateway: CPU during the rounds: gateway process ${((100 * gatewayCpuMs) / timedMs).toFixed(0)}% of a core, load generator ${((100 * clientCpuMs) / timedMs).toFixed(0)}%`);
    if (failures.size > 0) ctx.log(`gateway: failures ${JSON.stringify(Object.fromEntries(failures))}`);
    if (succeeded < total * 0.99) throw new Error(`only ${succeeded} of ${total} redemptions succeeded: ${JSON.stringify(Object.fromEntries(failures))}`);
    // The ledger must still add up after the load: every balance equals its ledger.
    const reconcile = await admin.reconcile();
    if (!reconcile.ok) throw new Error(`gateway reconcile failed after the run: ${reconcile.mismatches.slice(0, 3).join('; ')}`);
    return [
      {
        benchmark: `wallet redemptions (${TERMINALS} terminals, ${total.toLocaleString('en-US')} codes)`,
        measured: { value: rate, unit: 'redemptions/s' },
        limit: { value: 3000, unit: 'redemptions/s', label: 'target' },
        better: 'higher',
      },
      {
        benchmark: `wallet redemption p99 (${TERMINALS} in flight)`,
        measured: { value: s.p99, unit: 'ms' },
        limit: { value: 20, unit: 'ms', label: 'target' },
        better: 'lower',
      },
    ];
  } finally {
    await gateway.stop();
  }
}

/** User + system CPU time of a process so far (Linux /proc; clock ticks are 100 Hz there). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, utime field 14 and stime field 15 of stat.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
