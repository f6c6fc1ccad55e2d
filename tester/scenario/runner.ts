/**
 * Runs one scenario against a fresh register host (its own child process, its own data directory, its own
 * in-process sandbox gateway): sets it up as the file says, then plays the steps in order through the control
 * API and the gateway's admin API, reporting each step's result as it goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { RegisterState } from '../../core/api.js';
import type { CompletedSale } from '../../core/domain/sale.js';
import type { AuditEntry } from '../../core/domain/audit/audit-chain.js';
import type { CatalogItem, Category } from '../../core/domain/catalog-item.js';
import { openRegisterStore } from '../../db/register-store.js';
import { GatewayAdminClient, readGatewayInfo } from '../../gateway/client/admin-client.js';
import { DEMO_MANAGER } from '../../host/limits/setup-limits.js';
import { startHostChild, type ApiAnswer, type HostChild } from './host-child.js';
import { limitsFileFor } from './limits-file.js';
import type { Scenario, StepInput } from './schema.js';
import { checkExpectations, describeStep, durationMs, type Observed } from './expectations.js';

export interface StepResult {
  index: number;
  label: string;
  ok: boolean;
  /** What happened, or expected vs seen. */
  detail: string;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  steps: StepResult[];
  /** Set when the scenario could not be set up or the host failed; then ok is false. */
  error?: string;
  durationMs: number;
  /** Set when the run kept its data directory (RunOptions.keepData): where it is. */
  dataDir?: string;
}

export interface RunOptions {
  onStep?: (result: StepResult) => void;
  /** Keep the data directory for inspection (its path is the result's dataDir). */
  keepData?: boolean;
}

type ErrorBody = { error?: { code?: string; message?: string } };
const SETTLED_WALLET = new Set(['SUCCEEDED', 'FAILED', 'VOIDED', 'REVERSED', 'CANCEL_UNKNOWN', 'REFUNDED', 'OFFLINE']);

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-scenario-'));
  const kept = options.keepData ? { dataDir } : {};
  const steps: StepResult[] = [];
  let host: HostChild | null = null;
  const report = (r: StepResult): void => {
    steps.push(r);
    options.onStep?.(r);
  };
  try {
    if (scenario.catalog && scenario.catalog.length > 0) {
      const store = openRegisterStore(dataDir);
      try {
        store.catalog.upsertItems(scenario.catalog.map(toCatalogItem));
      } finally {
        store.close();
      }
    }
    host = await startHostChild(dataDir);
    const info = readGatewayInfo(join(dataDir, 'gateway'));
    const session = new Session(host, new GatewayAdminClient(info.url, info.adminToken, 10_000));
    await session.setUp(scenario);
    for (const [index, step] of scenario.steps.entries()) {
      const label = step.name ?? describeStep(step);
      try {
        const detail = await session.run(step);
        report({ index, label, ok: true, detail });
      } catch (error) {
        report({ index, label, ok: false, detail: error instanceof Error ? error.message : String(error) });
      }
    }
    const ok = steps.every((s) => s.ok);
    return { name: scenario.name, ok, steps, durationMs: Date.now() - started, ...kept };
  } catch (error) {
    const log = host?.output().split('\n').slice(-15).join('\n') ?? '';
    return {
      name: scenario.name,
      ok: false,
      steps,
      error: `${error instanceof Error ? error.message : String(error)}${log ? `\nhost output:\n${log}` : ''}`,
      durationMs: Date.now() - started,
      ...kept,
    };
  } finally {
    await host?.stop();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}

function toCatalogItem(item: NonNullable<Scenario['catalog']>[number]): CatalogItem {
  return {
    code: item.code,
    name: item.name,
    nameJa: item.nameJa ?? item.name,
    price: item.price,
    taxClass: item.taxClass,
    category: item.category as Category,
    ageRestricted: item.ageRestricted ?? (item.category === 'tobacco' || item.category === 'alcohol'),
    ...(item.unitsPerItem === undefined ? {} : { unitsPerItem: item.unitsPerItem }),
  };
}

/** One running scenario: the host, the gateway's admin API, and what the steps so far left behind. */
class Session {
  private readonly walletIds = new Map<string, string>();
  private lastError: string | null = null;
  private lastWalletResult: string | null = null;
  private lastSale: CompletedSale | null = null;
  private managerSession: string | null = null;
  private readonly usedCodes = new Set<string>();

  constructor(
    private readonly host: HostChild,
    private readonly admin: GatewayAdminClient,
  ) {}

  async setUp(s: Scenario): Promise<void> {
    const rules = limitsFileFor(s.limits);
    if (rules !== null) {
      const result = await this.asManager<{ ok: boolean; errors?: { path: string; reason: string }[] }>('limitsImport', { text: rules });
      if (!result.ok) throw new Error(`limits: ${(result.errors ?? []).map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
    }
    for (const scanner of s.scanners ?? []) await this.call('POST', '/api/sim/scanners', { kind: scanner.kind, id: scanner.id });
    for (const wallet of s.wallets ?? []) {
      const created = await this.call<{ walletId: string }>('POST', '/api/sim/wallets', { balance: wallet.balance, name: wallet.name });
      this.walletIds.set(wallet.name, created.walletId);
    }
  }

  async run(step: StepInput): Promise<string> {
    if ('expect' in step) return this.expect(step.expect);
    let detail: string;
    try {
      detail = await this.act(step);
      this.lastError = null;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.lastError = error.code;
      if (step.expectError !== undefined && (step.expectError === 'any' || step.expectError === error.code)) return `refused as expected: ${error.code}`;
      throw new Error(`refused: ${error.code}: ${error.message}${step.expectError !== undefined ? ` (expected ${step.expectError})` : ''}`);
    }
    if (step.expectError !== undefined) throw new Error(`expected a refusal (${step.expectError}), but it went through: ${detail}`);
    return detail;
  }

  private async act(step: Exclude<StepInput, { expect: unknown }>): Promise<string> {
    if ('scan' in step) {
      const scan = typeof step.scan === 'string' ? { code: step.scan } : step.scan;
      if (scan.device === undefined) return this.registerScan(scan.code!, 'scanner');
      const path = `/api/sim/scanners/${encodeURIComponent(scan.device)}`;
      const answer =
        scan.hex !== undefined
          ? await this.call<DeviceAnswer>('POST', `${path}/raw`, { hex: scan.hex })
          : scan.reports !== undefined
            ? await this.call<DeviceAnswer>('POST', `${path}/replay`, { reports: scan.reports })
            : await this.call<DeviceAnswer>('POST', `${path}/scan`, {
                data: scan.code,
                ...(scan.aimId === undefined ? {} : { aimId: scan.aimId }),
                ...(scan.realistic === undefined ? {} : { realisticTiming: scan.realistic }),
              });
      return this.deviceOutcome(answer);
    }
    if ('key' in step) return this.registerScan(step.key, 'keyboard');
    if ('quantity' in step) {
      const lineId = await this.lineId(step.quantity.line);
      await this.call('POST', '/api/register/quantity', { lineId, quantity: step.quantity.quantity });
      return `line ${lineId} quantity ${step.quantity.quantity}`;
    }
    if ('void' in step) {
      const lineId = await this.lineId(step.void.line);
      await this.call('POST', '/api/register/void', { lineId });
      return `line ${lineId} voided`;
    }
    if ('pay' in step) {
      if (step.pay.cash !== undefined) {
        const sale = await this.call<CompletedSale>('POST', '/api/register/pay-cash', { tendered: step.pay.cash });
        this.lastSale = sale;
        const cash = sale.tenders.find((t) => t.kind === 'cash');
        return `sale ${sale.saleNo} completed: total ¥${sale.totals.total}, change ¥${cash?.change ?? 0}`;
      }
      return this.payWallet(step.pay.wallet!, step.pay.amount, step.pay.device);
    }
    if ('confirmAge' in step) {
      const state = await this.call<RegisterState>('POST', '/api/register/confirm-age', { confirmed: step.confirmAge });
      return `age check ${state.ageCheck ?? '?'}, ${state.lines.length} line(s)`;
    }
    if ('override' in step) {
      if (step.override === 'cancel') {
        await this.call('POST', '/api/register/override/cancel', {});
        return 'override cancelled';
      }
      const state = await this.call<RegisterState>('POST', '/api/register/override/approve', {
        managerId: step.override.manager,
        pin: step.override.pin,
        reasonCode: step.override.reason,
      });
      return `override approved: ${state.lines.length} line(s), total ¥${state.totals.total}`;
    }
    if ('newSale' in step) {
      await this.call('POST', '/api/register/new-sale', {});
      return 'new sale';
    }
    if ('abortWallet' in step) {
      const state = await this.call<RegisterState>('POST', '/api/register/abort-wallet', {});
      return `wallet ${state.wallet?.state ?? 'idle'}`;
    }
    if ('gatewayFault' in step) {
      const fault = await this.viaAdmin(() => this.admin.injectFault({ path: '/v1/*', ...step.gatewayFault }));
      return `gateway fault ${String(fault.kind)} on ${String(fault.method ?? '*')} ${String(fault.path)} (${String(fault.remaining ?? 'timed')})`;
    }
    if ('clearGatewayFaults' in step) {
      const { cleared } = await this.viaAdmin(() => this.admin.clearFaults());
      return `${cleared} gateway fault(s) cleared`;
    }
    if ('gatewayRules' in step) {
      const rules = await this.viaAdmin(() => this.admin.setRules(step.gatewayRules));
      return `gateway rules: ${Object.entries(rules).filter(([, v]) => v !== null && v !== false).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`;
    }
    if ('scannerFault' in step) {
      const answer = await this.call<DeviceAnswer & { deliveries?: DeviceAnswer['delivery'][] }>(
        'POST',
        `/api/sim/scanners/${encodeURIComponent(step.scannerFault.device)}/fault`,
        { fault: step.scannerFault.fault, ...(step.scannerFault.data === undefined ? {} : { data: step.scannerFault.data }) },
      );
      const seen = (answer.deliveries ?? [answer.delivery]).map((d) => (d ? (d.result === 'scan' ? `scan ${d.data}` : d.result === 'bad-read' ? `bad read (${d.reason})` : d.result) : 'nothing'));
      return `fault ${step.scannerFault.fault}: driver saw ${seen.join(', ') || 'nothing'}; register: ${answer.message?.code ?? 'no message'}`;
    }
    if ('unplug' in step || 'replug' in step) {
      const [verb, device] = 'unplug' in step ? ['unplug', step.unplug] : ['replug', step.replug];
      const answer = await this.call<{ status?: { state?: string } }>('POST', `/api/sim/scanners/${encodeURIComponent(device)}/${verb}`, {});
      return `${device} ${answer.status?.state ?? verb + 'ged'}`;
    }
    if ('topUp' in step) {
      const w = await this.viaAdmin(() => this.admin.topUp(this.wallet(step.topUp.wallet), step.topUp.amount, 'scenario'));
      return `${step.topUp.wallet} balance ¥${w.balance}`;
    }
    if ('freezeWallet' in step) {
      await this.viaAdmin(() => this.admin.freeze(this.wallet(step.freezeWallet)));
      return `${step.freezeWallet} frozen`;
    }
    if ('advanceClock' in step) {
      const now = await this.host.advanceClock(durationMs(step.advanceClock));
      return `clock now ${new Date(now).toISOString()}`;
    }
    if ('wait' in step) {
      await delay(durationMs(step.wait));
      return `waited ${durationMs(step.wait)} ms`;
    }
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }

  private async registerScan(data: string, source: 'scanner' | 'keyboard'): Promise<string> {
    const out = await this.call<{ accepted: boolean; line?: { item: { code: string; name: string }; quantity: number }; message?: { code: string; params: Record<string, unknown> } }>(
      'POST',
      '/api/register/scan',
      { data, source },
    );
    if (!out.accepted) throw new Refusal(out.message?.code ?? 'scan.rejected', `${data}: ${JSON.stringify(out.message?.params ?? {})}`);
    return `added ${out.line!.item.code} ${out.line!.item.name} ×${out.line!.quantity}`;
  }

  private deviceOutcome(answer: DeviceAnswer): string {
    const d = answer.delivery;
    if (!d || d.result === 'nothing') throw new Refusal('scan.nothing', 'the driver framed no read from these bytes');
    if (d.result === 'bad-read') throw new Refusal('scan.badRead', `driver: ${d.reason ?? 'bad read'}`);
    const code = answer.message?.code ?? 'none';
    if (code !== 'scan.added' && code !== 'scan.quantityChanged') throw new Refusal(code, `driver read ${d.data ?? ''} (${d.symbology ?? '?'}); register said ${code} ${JSON.stringify(answer.message?.params ?? {})}`);
    return `driver read ${d.data ?? ''} (${d.symbology ?? '?'}${d.aimId ? ` ${d.aimId}` : ''}); ${code}`;
  }

  private async payWallet(name: string, amount: number | undefined, device: string | undefined): Promise<string> {
    const code = await this.liveCode(name);
    let state: string;
    let message: string;
    if (device === undefined) {
      const result = await this.call<{ state: string; sale: CompletedSale | null; remaining: number; message: { code: string } }>('POST', '/api/register/pay-wallet', {
        code,
        ...(amount === undefined ? {} : { amount }),
      });
      state = result.state;
      message = result.message.code;
      if (result.sale) this.lastSale = result.sale;
    } else {
      // The customer's phone under the scanner: arm code entry, scan the live code, wait for the outcome.
      await this.call('POST', '/api/register/begin-wallet', amount === undefined ? {} : { amount });
      await this.call('POST', `/api/sim/scanners/${encodeURIComponent(device)}/scan`, { data: code });
      const settled = await this.waitFor((s) => s.phase === 'completed' || (s.wallet !== null && s.wallet !== undefined && SETTLED_WALLET.has(s.wallet.state)) || (s.wallet === null && s.messages[0]?.code !== 'wallet.enterCode'), 20_000);
      state = settled.phase === 'completed' ? 'SUCCEEDED' : (settled.wallet?.state ?? settled.messages[0]?.code ?? 'unknown');
      message = settled.wallet?.message ?? settled.messages[0]?.code ?? 'none';
      if (settled.phase === 'completed' && settled.lastSale) this.lastSale = settled.lastSale;
    }
    this.lastWalletResult = state;
    if (state !== 'SUCCEEDED') throw new Refusal(message, `wallet payment ${state}`);
    return `wallet ${name} paid (${message})`;
  }

  private async expect(e: Extract<StepInput, { expect: unknown }>['expect']): Promise<string> {
    const deadline = Date.now() + (e.within === undefined ? 0 : durationMs(e.within));
    for (;;) {
      const observed = await this.observe(e);
      const failures = checkExpectations(e, observed);
      if (failures.length === 0) return 'as expected';
      if (Date.now() >= deadline) throw new Error(failures.join('; '));
      await delay(100);
    }
  }

  private async observe(e: Extract<StepInput, { expect: unknown }>['expect']): Promise<Observed> {
    const state = await this.call<RegisterState>('GET', '/api/register');
    const observed: Observed = { state, lastError: this.lastError, lastWalletResult: this.lastWalletResult, lastSale: this.lastSale };
    if (e.wallets || e.walletCharges) {
      observed.wallets = {};
      observed.walletCharges = {};
      for (const name of new Set([...Object.keys(e.wallets ?? {}), ...Object.keys(e.walletCharges ?? {})])) {
        const id = this.wallet(name);
        observed.wallets[name] = (await this.viaAdmin(() => this.admin.wallet(id))).balance;
        if (e.walletCharges) {
          const ledger = await this.viaAdmin(() => this.admin.ledger(id));
          const charged = new Set(ledger.filter((l) => l.kind === 'payment').map((l) => l.ref));
          for (const l of ledger) if (l.kind === 'reversal' || l.kind === 'refund') charged.delete(l.ref);
          observed.walletCharges[name] = charged.size;
        }
      }
    }
    if (e.sales !== undefined) observed.sales = (await this.call<unknown[]>('GET', '/api/sales?limit=100')).length;
    if (e.audit) {
      observed.audit = (await this.asManager<AuditEntry[]>('auditLog', { limit: 500 })).map((a) => a.kind);
    }
    return observed;
  }

  private async waitFor(done: (s: RegisterState) => boolean, timeoutMs: number): Promise<RegisterState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.call<RegisterState>('GET', '/api/register');
      if (done(state)) return state;
      if (Date.now() > deadline) throw new Error(`the register did not settle in ${timeoutMs} ms (wallet ${JSON.stringify(state.wallet)})`);
      await delay(100);
    }
  }

  /**
   * A manager-only RPC under the demo manager's console session. Sessions expire after 15 minutes idle (and 8 hours
   * in all) on the host's clock, which advanceClock moves: a session the host no longer knows is replaced by a fresh
   * login and the call is made once more.
   */
  private async asManager<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const reused = this.managerSession !== null;
    try {
      return await this.call<T>('POST', '/api/rpc', { method, params: { session: await this.manager(), ...params } });
    } catch (error) {
      if (!reused || !(error instanceof Refusal) || error.code !== 'unauthorized') throw error;
      this.managerSession = null;
      return this.call<T>('POST', '/api/rpc', { method, params: { session: await this.manager(), ...params } });
    }
  }

  private async manager(): Promise<string> {
    this.managerSession ??= (
      await this.call<{ token: string }>('POST', '/api/rpc', { method: 'managerLogin', params: { managerId: DEMO_MANAGER.staffId, pin: DEMO_MANAGER.pin } })
    ).token;
    return this.managerSession;
  }

  /**
   * A code the gateway has not seen: codes are one per device per 60 s step and single use, so a second payment
   * within the same minute shows the code of another device of the wallet (as a customer's second phone would).
   */
  private async liveCode(name: string): Promise<string> {
    const walletId = this.wallet(name);
    let { code } = await this.viaAdmin(() => this.admin.code(walletId));
    if (this.usedCodes.has(code)) {
      const view = await this.viaAdmin(() => this.admin.addDevice(walletId));
      const newest = Math.max(...view.devices.map((d) => d.deviceNo));
      ({ code } = await this.viaAdmin(() => this.admin.code(walletId, newest)));
    }
    this.usedCodes.add(code);
    return code;
  }

  private wallet(name: string): string {
    const id = this.walletIds.get(name);
    if (id === undefined) throw new Error(`no wallet "${name}"`);
    return id;
  }

  private async lineId(ref: number | string): Promise<string> {
    const state = await this.call<RegisterState>('GET', '/api/register');
    const line = typeof ref === 'number' ? state.lines[ref - 1] : [...state.lines].reverse().find((l) => l.item.code === ref);
    if (!line) throw new Error(`no basket line ${typeof ref === 'number' ? `#${ref}` : `with code ${ref}`} (basket has ${state.lines.length})`);
    return line.lineId;
  }

  private async viaAdmin<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new Error(`gateway admin: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A register refusal (4xx with a register code) becomes a Refusal the step may expect; anything else fails it. */
  private async call<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const answer: ApiAnswer<T | ErrorBody> = await this.host.api<T | ErrorBody>(method, path, body);
    if (answer.ok) return answer.body as T;
    const err = (answer.body as ErrorBody).error;
    const code = err?.code ?? `http-${answer.status}`;
    if (answer.status === 409 || answer.status === 401 || code.includes('.')) throw new Refusal(code, err?.message ?? JSON.stringify(answer.body));
    throw new Error(`${method} ${path}: ${answer.status} ${code}: ${err?.message ?? JSON.stringify(answer.body)}`);
  }
}

interface DeviceAnswer {
  delivery: { result: 'scan' | 'bad-read' | 'nothing'; data?: string; reason?: string; symbology?: string; aimId?: string } | null;
  message: { code: string; params?: Record<string, unknown> } | null;
}
