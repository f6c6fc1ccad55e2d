import { intFlag, parseArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { DEFAULT_TRAFFIC, generateTraffic } from '../../tester/replay/generator.js';
import { RULES_OFF, runReplay, SHIPPED_DEFAULTS, WITH_GATEWAY_CAP } from '../../tester/replay/run-replay.js';
import { formatReport } from '../../tester/replay/summary.js';

const usage = `usage: regi replay [--seed N] [--customers N] [--attack-wallets N] [--stores N] [--gateway-cap] [--json]

The July 2019 incident replay: a generated day of convenience-store traffic (legitimate customers, ~30% paying by
wallet) mixed with an account takeover (stolen wallets topped up and spent on tobacco cartons in bursts at a few
stores), played through in-process registers and a sandbox gateway twice: with every rule off and with the shipped
defaults. Prints fraudulent yen attempted vs paid out, accounts affected, time to detection and the false-decline
rate side by side. The same seed gives the same day.

  --seed N            PRNG seed (default ${DEFAULT_TRAFFIC.seed})
  --customers N       legitimate customers (default ${DEFAULT_TRAFFIC.customers})
  --attack-wallets N  stolen wallets (default ${DEFAULT_TRAFFIC.attackWallets})
  --stores N          stores, one register each (default ${DEFAULT_TRAFFIC.stores})
  --gateway-cap       add a third column: defaults plus a ¥20,000 daily cap per wallet at the gateway
  --json              print the figures as JSON`;

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'replay a day with a 7pay-style wallet takeover, rules off vs shipped defaults',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['seed', 'customers', 'attack-wallets', 'stores'], booleans: ['gateway-cap', 'json'] });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    const options = {
      seed: intFlag(args, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? DEFAULT_TRAFFIC.seed,
      customers: intFlag(args, 'customers', { min: 0, max: 20_000 }) ?? DEFAULT_TRAFFIC.customers,
      attackWallets: intFlag(args, 'attack-wallets', { min: 0, max: 1_000 }) ?? DEFAULT_TRAFFIC.attackWallets,
      stores: intFlag(args, 'stores', { min: 1, max: 50 }) ?? DEFAULT_TRAFFIC.stores,
    };
    const traffic = generateTraffic(options);
    const attack = traffic.visits.filter((v) => v.kind === 'attack').length;
    if (!args.flags.has('json')) {
      console.log(`seed ${options.seed}: ${options.customers} customers, ${options.attackWallets} stolen wallets (${attack} carton attempts at stores ${traffic.attackStores.map((s) => s + 1).join(', ')}), ${options.stores} stores`);
    }
    const settings = [RULES_OFF, SHIPPED_DEFAULTS, ...(args.flags.has('gateway-cap') ? [WITH_GATEWAY_CAP] : [])];
    const columns = [];
    for (const setting of settings) {
      const started = Date.now();
      const run = await runReplay(traffic, setting);
      if (!args.flags.has('json')) console.log(`  ran "${setting.title}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      columns.push({ title: setting.title, summary: run.summary });
    }
    console.log(args.flags.has('json') ? JSON.stringify({ options, columns }, null, 2) : `\n${formatReport(columns)}`);
    return 0;
  },
};
