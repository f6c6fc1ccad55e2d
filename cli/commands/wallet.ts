import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import type { WalletView } from '../../gateway/client/admin-client.js';
import { adminClientFrom } from './gateway.js';

const usage = `usage: regi wallet create --balance YEN [--name NAME]
       regi wallet code ID [--device N]
       regi wallet show ID
       regi wallet topup ID --amount YEN [--source NAME]
       regi wallet freeze ID | regi wallet unfreeze ID
  (each also takes --data DIR, or --gateway URL --token T)

Tester controls for wallets in a running sandbox gateway (\`regi gateway\`).

  create     make a wallet with an opening balance and print its id
  code       print the wallet's live one-time code (what the customer's phone shows; single use)
  show       print balance, state and ledger
  topup      add money from a named funding source
  --data DIR       the gateway's data directory, to find gateway.json (default ./.regi-data/gateway); a
                   register's data directory works too (its built-in gateway is in DIR/gateway)
  --gateway URL    gateway url (with --token or $REGI_GATEWAY_TOKEN, no data directory needed)`;

const yen = (n: number) => `¥${n.toLocaleString('en-US')}`;

function describe(w: WalletView): string {
  return `${w.walletId}  ${w.name}  balance ${yen(w.balance)}${w.frozen ? '  FROZEN' : ''}  devices ${w.devices.map((d) => d.deviceNo).join(', ')}`;
}

export const walletCommand: CliCommand = {
  name: 'wallet',
  summary: 'create sandbox wallets, show them, print a live one-time payment code',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['data', 'gateway', 'token', 'balance', 'name', 'amount', 'source', 'device'] });
    const [sub, id, ...extra] = args.positionals;
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
    const needId = (): string => {
      if (id === undefined) throw new CliUsageError(`wallet ${sub} needs a wallet id`);
      return id;
    };
    switch (sub) {
      case 'create': {
        if (id !== undefined) throw new CliUsageError(`unexpected argument "${id}"`);
        const balance = intFlag(args, 'balance', { min: 0, max: 100_000_000 });
        if (balance === undefined) throw new CliUsageError('wallet create needs --balance YEN');
        const name = stringFlag(args, 'name');
        const w = await adminClientFrom(args).createWallet({ balance, ...(name !== undefined ? { name } : {}) });
        console.log(w.walletId);
        return 0;
      }
      case 'code': {
        const c = await adminClientFrom(args).code(needId(), intFlag(args, 'device', { min: 1, max: 9_999_999 }));
        console.log(c.code);
        console.error(`valid until ${new Date(c.expiresAt).toISOString()} (plus one step of clock skew); single use`);
        return 0;
      }
      case 'show': {
        const admin = adminClientFrom(args);
        const w = await admin.wallet(needId());
        console.log(describe(w));
        for (const e of await admin.ledger(w.walletId)) {
          console.log(`  ${new Date(e.at).toISOString()}  ${e.kind.padEnd(8)} ${yen(e.amount).padStart(12)}  -> ${yen(e.balanceAfter).padStart(12)}  ${e.ref ?? e.source ?? ''}`);
        }
        return 0;
      }
      case 'topup': {
        const amount = intFlag(args, 'amount', { min: 1, max: 100_000_000 });
        if (amount === undefined) throw new CliUsageError('wallet topup needs --amount YEN');
        console.log(describe(await adminClientFrom(args).topUp(needId(), amount, stringFlag(args, 'source') ?? 'cli')));
        return 0;
      }
      case 'freeze':
      case 'unfreeze':
        console.log(describe(await adminClientFrom(args).freeze(needId(), sub === 'freeze')));
        return 0;
      case undefined:
        throw new CliUsageError('wallet needs a subcommand: create, code, show, topup, freeze, unfreeze');
      default:
        throw new CliUsageError(`unknown subcommand "${sub}"`);
    }
  },
};
