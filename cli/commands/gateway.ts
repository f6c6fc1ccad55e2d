import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';
import { GatewayAdminClient, readGatewayInfo } from '../../gateway/client/admin-client.js';
import { FAULT_KINDS } from '../../gateway/sim/faults.js';
import { startGatewayServer } from '../../gateway/sim/server.js';
import { waitForSignal } from './serve.js';

const usage = `usage: regi gateway [--data DIR] [--port N] [--host ADDR] [--brand NN] [--step-seconds N]
       regi gateway terminal ID [--data DIR | --gateway URL --token T]
       regi gateway fault KIND [--path GLOB] [--method M] [--count N] [--delay-ms N] [--duration-ms N] [--status N]
       regi gateway clear-faults

Runs the sandbox wallet gateway and back office (HTTP+JSON, its own SQLite file DIR/gateway.sqlite) until
Ctrl-C. Its url and admin token are written to DIR/gateway.json (0600), where the other commands read them.

  --data DIR          gateway data directory (default $REGI_DATA/gateway or ./.regi-data/gateway)
  --port N            TCP port (default 5179; 0 picks a free one)
  --host ADDR         listen address (default 127.0.0.1)
  --brand NN          two-digit brand: customer codes start with 2NN (default 79)
  --step-seconds N    one-time code lifetime (default 60)

  terminal ID         register a terminal (register id) and print its HMAC key (rotates an existing key)
  fault KIND          inject a fault into /v1 requests; KIND is one of:
                      ${FAULT_KINDS.join(', ')}
  clear-faults        remove every injected fault`;

export function gatewayDataDir(flag: string | undefined): string {
  return flag === undefined ? join(dataDirFrom(undefined), 'gateway') : resolve(flag);
}

/**
 * An admin client for a running gateway: --gateway URL with --token, else the data directory's gateway.json. The
 * directory may also be a register's (`regi serve --data DIR`): its built-in sandbox gateway lives in DIR/gateway.
 */
export function adminClientFrom(args: ParsedArgs): GatewayAdminClient {
  const url = stringFlag(args, 'gateway');
  const token = stringFlag(args, 'token') ?? (process.env.REGI_GATEWAY_TOKEN || undefined);
  if (url !== undefined && token !== undefined) return new GatewayAdminClient(url.replace(/\/$/, ''), token);
  const data = stringFlag(args, 'data');
  if (url !== undefined && data === undefined) {
    throw new CliUsageError(`--gateway ${url} needs --token T (or $REGI_GATEWAY_TOKEN): the admin token is in that gateway's gateway.json`);
  }
  const dir = gatewayDataDir(data);
  const registers = join(dir, 'gateway');
  const infoDir = !existsSync(join(dir, 'gateway.json')) && existsSync(join(registers, 'gateway.json')) ? registers : dir;
  const info = readGatewayInfo(infoDir);
  return new GatewayAdminClient((url ?? info.url).replace(/\/$/, ''), info.adminToken);
}

const faultFlags = ['path', 'method', 'count', 'delay-ms', 'duration-ms', 'status'];

export const gatewayCommand: CliCommand = {
  name: 'gateway',
  summary: 'run the sandbox wallet gateway / back office; provision terminals; inject faults',
  usage,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['data', 'port', 'host', 'brand', 'step-seconds', 'gateway', 'token', ...faultFlags],
    });
    const [sub, ...rest] = args.positionals;
    if (sub === 'terminal') {
      if (rest.length !== 1) throw new CliUsageError('gateway terminal needs exactly one terminal id');
      const t = await adminClientFrom(args).provisionTerminal(rest[0]!);
      console.log(`terminal ${t.terminalId}\nkey ${t.key}`);
      return 0;
    }
    if (sub === 'fault') {
      const kind = rest[0];
      if (kind === undefined || !(FAULT_KINDS as readonly string[]).includes(kind)) {
        throw new CliUsageError(`gateway fault needs a KIND: one of ${FAULT_KINDS.join(', ')}`);
      }
      const spec: Record<string, unknown> = { kind };
      const path = stringFlag(args, 'path');
      if (path !== undefined) spec['path'] = path;
      const method = stringFlag(args, 'method');
      if (method !== undefined) spec['method'] = method.toUpperCase();
      const numbers: [string, string, number][] = [
        ['count', 'count', 1_000_000],
        ['delay-ms', 'delayMs', 600_000],
        ['duration-ms', 'durationMs', 3_600_000],
        ['status', 'status', 599],
      ];
      for (const [flag, field, max] of numbers) {
        const v = intFlag(args, flag, { min: 0, max });
        if (v !== undefined) spec[field] = v;
      }
      console.log(JSON.stringify(await adminClientFrom(args).injectFault(spec)));
      return 0;
    }
    if (sub === 'clear-faults') {
      console.log(`cleared ${(await adminClientFrom(args).clearFaults()).cleared} fault(s)`);
      return 0;
    }
    if (sub !== undefined) throw new CliUsageError(`unknown subcommand "${sub}"`);
    for (const flag of ['gateway', 'token', ...faultFlags]) {
      if (args.flags.has(flag)) throw new CliUsageError(`--${flag} does not apply when running the gateway`);
    }
    const dataDir = gatewayDataDir(stringFlag(args, 'data'));
    const stepSeconds = intFlag(args, 'step-seconds', { min: 1, max: 3600 });
    const brand = stringFlag(args, 'brand');
    if (brand !== undefined && !/^\d{2}$/.test(brand)) throw new CliUsageError(`--brand must be two digits, got "${brand}"`);
    const server = await startGatewayServer({
      dataDir,
      port: intFlag(args, 'port', { min: 0, max: 65_535 }) ?? 5179,
      host: stringFlag(args, 'host') ?? '127.0.0.1',
      ...(brand !== undefined ? { brand } : {}),
      ...(stepSeconds !== undefined ? { stepSeconds } : {}),
    });
    console.log(`Regi sandbox gateway at ${server.url}`);
    console.log(`  data: ${dataDir}   admin token: in ${server.infoPath} (0600)`);
    await waitForSignal();
    console.log('stopping…');
    await server.close();
    return 0;
  },
};
