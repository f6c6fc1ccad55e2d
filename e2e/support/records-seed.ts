/**
 * Fixed data for the screenshot and accessibility tests: a register started at a fixed instant
 * (--clock-start), store details set, one cash sale and one wallet sale completed through the API,
 * delivered to the sandbox back office, so every run shows the same screens.
 */
import type { RegisterState } from '../../core/api.js';
import type { CompletedSale } from '../../core/domain/sale.js';
import { DEMO_CODES } from '../../db/seed/demo-catalog.js';
import type { HostProcess } from './host-process.js';

export const CLOCK_START = '2026-04-01T10:30:00+09:00';
export const REPORT_DAY = '2026-04-01';

export const STORE = {
  storeName: 'ハナマート 丸の内店',
  address: '東京都千代田区丸の内1-1-1',
  phone: '03-1234-5678',
  registrationNumber: 'T1234567890123',
};

export interface SeededHost {
  host: HostProcess;
  cashSale: CompletedSale;
  walletSale: CompletedSale;
}

/** Starts a host through `start` (given the host's extra arguments: a fixed clock, no simulated scanner) and seeds it. */
export async function startSeededHost(start: (extra: string[]) => Promise<HostProcess>): Promise<SeededHost> {
  const host = await start(['--clock-start', CLOCK_START, '--sim-scanners', '0']);
  try {
    await host.api('POST', '/api/settings/store', STORE);
    const cashSale = await sell(host, [DEMO_CODES.onigiriSalmon, DEMO_CODES.onigiriSalmon, DEMO_CODES.greenTea, DEMO_CODES.magazine], (total) =>
      host.api<CompletedSale>('POST', '/api/register/pay-cash', { tendered: Math.ceil(total / 1000) * 1000 }),
    );
    await host.api('POST', '/api/register/new-sale');
    const walletSale = await sell(host, [DEMO_CODES.bento, DEMO_CODES.hotCoffee], async () => {
      const wallet = await host.api<{ walletId: string }>('POST', '/api/sim/wallets', { balance: 20_000, name: 'screens' });
      const { code } = await host.api<{ code: string }>('GET', `/api/sim/wallets/${encodeURIComponent(wallet.walletId)}/code`);
      const paid = await host.api<{ sale?: CompletedSale; outcome?: string }>('POST', '/api/rpc', { method: 'payWallet', params: { code } });
      if (!paid.sale) throw new Error(`the wallet payment did not complete the sale: ${JSON.stringify(paid)}`);
      return paid.sale;
    });
    await host.api('POST', '/api/register/new-sale');
    await drained(host);
    return { host, cashSale, walletSale };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

async function sell(host: HostProcess, codes: readonly string[], pay: (total: number) => Promise<CompletedSale>): Promise<CompletedSale> {
  for (const data of codes) await host.api('POST', '/api/register/scan', { data, source: 'keyboard' });
  const state = await host.api<RegisterState>('GET', '/api/register');
  return pay(state.totals.total);
}

/** Waits until the outbox has delivered everything, so the header and reports show an empty queue. */
export async function drained(host: HostProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const state = await host.api<RegisterState>('GET', '/api/register');
    if (state.sync.queueDepth === 0 && state.sync.online === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the outbox did not drain in 20 s');
}
