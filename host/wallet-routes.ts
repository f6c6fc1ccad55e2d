/**
 * Control API routes for wallet payments: the register's wallet operations as REST (the same RegisterApi calls
 * as /api/rpc), and the tester panel's customer "phone" (/api/sim/wallets: create a wallet, read its balance and
 * live one-time code), proxied to the gateway's admin API in simulator mode only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RegisterMethod } from '../core/api.js';
import { GatewayAdminError, type GatewayAdminClient } from '../gateway/client/admin-client.js';
import type { WalletView } from '../gateway/protocol/admin-wire.js';
import { parseBody } from './api-schemas.js';
import type { Context, Route } from './control-api.js';
import { dispatchCall } from './dispatch.js';
import { HttpError, STATUS_BY_CODE } from './http-util.js';

/** The tester panel's wallets: created through the gateway admin API, remembered in DATA/tester-wallets.json. */
export class SimWallets {
  private readonly file: string;

  constructor(
    readonly admin: GatewayAdminClient,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'tester-wallets.json');
  }

  ids(): string[] {
    if (!existsSync(this.file)) return [];
    try {
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  async list(): Promise<WalletView[]> {
    const out: WalletView[] = [];
    for (const id of this.ids()) {
      try {
        out.push(await this.admin.wallet(id));
      } catch (error) {
        // A wallet the gateway no longer knows (its data was reset) is dropped from the list, not an error.
        if (!(error instanceof GatewayAdminError && error.status === 404)) throw error;
      }
    }
    return out;
  }

  async create(input: { balance: number; name?: string }): Promise<WalletView> {
    const wallet = await this.admin.createWallet(input);
    writeFileSync(this.file, `${JSON.stringify([...this.ids(), wallet.walletId])}\n`);
    return wallet;
  }
}

const createBody = z.strictObject({
  balance: z.number().int('must be a whole number of yen').min(0).max(100_000_000),
  name: z.string().min(1).max(100).optional(),
});
const topUpBody = z.strictObject({ amount: z.number().int('must be a whole number of yen').min(1).max(10_000_000) });

function wallets(ctx: Context): SimWallets {
  if (!ctx.wallets) {
    throw new HttpError(
      403,
      ctx.simulators ? 'no sandbox gateway admin access on this register (start it without --gateway, or give --gateway-token)' : 'simulator controls are disabled: this register runs in production mode',
      'production-mode',
    );
  }
  return ctx.wallets;
}

/** Gateway admin failures keep their status and say where they came from. */
async function viaGateway<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GatewayAdminError) throw new HttpError(error.status === 0 ? 502 : error.status, `gateway: ${error.message}`, 'gateway');
    throw error;
  }
}

function rpc(method: 'GET' | 'POST', pattern: RegExp, apiMethod: RegisterMethod, params?: (m: RegExpMatchArray, body: unknown) => unknown): Route {
  return {
    method,
    pattern,
    handle: async (ctx, m, body) => {
      const result = await dispatchCall(ctx.register, 1, apiMethod, params ? params(m, body) : body);
      return result.ok ? [200, result.value] : [STATUS_BY_CODE[result.error.code], { error: result.error }];
    },
  };
}

const id = (m: RegExpMatchArray) => decodeURIComponent(m[1]!);

export const WALLET_ROUTES: Route[] = [
  rpc('POST', /^\/api\/register\/begin-wallet$/, 'beginWallet'),
  rpc('POST', /^\/api\/register\/pay-wallet$/, 'payWallet'),
  rpc('POST', /^\/api\/register\/abort-wallet$/, 'abortWallet'),
  rpc('POST', /^\/api\/sales\/([^/]+)\/refund$/, 'refundSale', (m, body) => ({ ...(body as object | undefined), saleId: id(m) })),
  { method: 'GET', pattern: /^\/api\/sim\/wallets$/, handle: async (ctx) => [200, await viaGateway(() => wallets(ctx).list())] },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/wallets$/,
    handle: async (ctx, _m, body) => {
      const input = parseBody(createBody, body);
      return [201, await viaGateway(() => wallets(ctx).create(input))];
    },
  },
  { method: 'GET', pattern: /^\/api\/sim\/wallets\/([^/]+)$/, handle: async (ctx, m) => [200, await viaGateway(() => wallets(ctx).admin.wallet(id(m)))] },
  { method: 'GET', pattern: /^\/api\/sim\/wallets\/([^/]+)\/code$/, handle: async (ctx, m) => [200, await viaGateway(() => wallets(ctx).admin.code(id(m)))] },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/wallets\/([^/]+)\/topups$/,
    handle: async (ctx, m, body) => {
      const { amount } = parseBody(topUpBody, body);
      return [200, await viaGateway(() => wallets(ctx).admin.topUp(id(m), amount, 'tester-panel'))];
    },
  },
];
