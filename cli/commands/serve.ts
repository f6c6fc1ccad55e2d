import type { Clock } from '../../core/ports.js';
import { clockStartingAt, parseClockStart } from '../../host/offset-clock.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';
import { startHost, type StartHostOptions } from '../../host/start-host.js';
import { SUFFIXES, type SerialScannerOptions } from '../../host/serial-scanners.js';
import { HID_FLAGS, HID_USAGE, hidScannersFrom } from '../hid-flags.js';

const usage = `usage: regi serve [--data DIR] [--port N] [--host ADDR] [--simulator | --production]
                  [--sim-scanners N] [--serial PATH [--baud N] [--suffix CR|LF|CRLF]] [--ready-json]
                  [--hid VID:PID | --hid-path PATH [--hid-mode pos|keyboard] [--hid-enable HEX]]
                  [--gateway URL [--gateway-token T]] [--sync-timeout-ms N] [--sync-max-backoff-ms N]
                  [--clock-start ISO]

Starts the headless register host: the register UI at http://HOST:PORT/, its WebSocket at /ws,
and the control API at /api (see docs/api.md). The database lives in DIR/register.sqlite.

  --data DIR         data directory (default $REGI_DATA or ./.regi-data)
  --port N           TCP port (default 5178; 0 picks a free one)
  --host ADDR        listen address (default 127.0.0.1; anything else exposes the register)
  --simulator        simulator mode (default): simulated scanners and tester controls are available
  --production       production mode: simulator controls are refused
  --sim-scanners N   simulated serial scanners (socat pty pairs) to attach (default 1)
  --serial PATH      open a real serial scanner at PATH (e.g. /dev/ttyACM0)
  --baud N           its baud rate (default 9600)
  --suffix S         its suffix: CR (default), LF or CRLF
${HID_USAGE}
  --ready-json       print one line "REGI_READY {json}" when listening (for the Electron shell)
  --gateway URL      back office / wallet gateway (\`regi gateway\`); without it a simulator runs a sandbox
                     gateway in-process and a production register keeps its sales queued (docs/outbox.md)
  --gateway-token T  that gateway's admin token (or $REGI_GATEWAY_TOKEN), used once to provision this
                     register as a terminal; the key is kept in DIR/terminal.json
  --sync-timeout-ms N      an upload without an answer after N ms counts as offline (default 5000)
  --sync-max-backoff-ms N  longest wait between upload attempts while offline (default 30000)
  --clock-start ISO  simulator only: the register's clock starts at this instant (e.g. 2026-04-01T10:30:00+09:00)`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the headless register host (UI + API) with its database in --data',
  usage,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['data', 'port', 'host', 'sim-scanners', 'serial', 'baud', 'suffix', 'gateway', 'gateway-token', 'sync-timeout-ms', 'sync-max-backoff-ms', 'clock-start', ...HID_FLAGS],
      booleans: ['simulator', 'production', 'ready-json'],
    });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    if (args.flags.has('simulator') && args.flags.has('production')) throw new CliUsageError('choose --simulator or --production, not both');
    const mode = args.flags.has('production') ? 'production' : 'simulator';
    const serialScanners: SerialScannerOptions[] = [];
    const serialPath = stringFlag(args, 'serial');
    if (serialPath !== undefined) {
      const suffix = (stringFlag(args, 'suffix') ?? 'CR').toUpperCase();
      if (!(suffix in SUFFIXES)) throw new CliUsageError(`--suffix must be CR, LF or CRLF, got "${suffix}"`);
      serialScanners.push({
        id: 'serial-1',
        path: serialPath,
        baudRate: intFlag(args, 'baud', { min: 300, max: 921_600 }) ?? 9600,
        suffix: suffix as keyof typeof SUFFIXES,
      });
    } else if (args.flags.has('baud') || args.flags.has('suffix')) {
      throw new CliUsageError('--baud and --suffix configure a real scanner: give --serial PATH too');
    }
    const host = await startHost({
      dataDir: dataDirFrom(stringFlag(args, 'data')),
      port: intFlag(args, 'port', { min: 0, max: 65_535 }) ?? 5178,
      host: stringFlag(args, 'host') ?? '127.0.0.1',
      mode,
      simulatedScanners: simulatedScannersOption(intFlag(args, 'sim-scanners', { min: 0, max: 32 }), mode),
      serialScanners,
      hidScanners: hidScannersFrom(args),
      ...gatewayOptions(args),
      ...clockStartOption(stringFlag(args, 'clock-start'), mode),
    });
    if (args.flags.has('ready-json')) {
      console.log(`REGI_READY ${JSON.stringify({ url: host.url, port: host.port, token: host.token })}`);
    }
    console.log(`Regi register ${host.registerId} (${mode} mode) at ${host.url}/`);
    console.log(`  data: ${host.dataDir}   token: ${host.token} (also in ${host.dataDir}/host.json)`);
    await waitForSignal();
    console.log('stopping…');
    await host.close();
    return 0;
  },
};

/** --gateway, --gateway-token and the sync timing flags as startHost options (shared with other commands). */
export function gatewayOptions(args: ParsedArgs): Pick<StartHostOptions, 'gatewayUrl' | 'gatewayAdminToken' | 'sync'> {
  const url = stringFlag(args, 'gateway');
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) throw new CliUsageError(`--gateway must be an http(s) URL, got "${url}"`);
  const token = stringFlag(args, 'gateway-token') ?? process.env.REGI_GATEWAY_TOKEN;
  const timeoutMs = intFlag(args, 'sync-timeout-ms', { min: 50, max: 600_000 });
  const maxDelayMs = intFlag(args, 'sync-max-backoff-ms', { min: 10, max: 3_600_000 });
  const sync = {
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxDelayMs === undefined ? {} : { maxDelayMs, baseDelayMs: Math.min(500, maxDelayMs), idleIntervalMs: Math.min(5_000, maxDelayMs) }),
  };
  return {
    ...(url === undefined ? {} : { gatewayUrl: url }),
    ...(token === undefined || url === undefined ? {} : { gatewayAdminToken: token }),
    ...(Object.keys(sync).length > 0 ? { sync } : {}),
  };
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** --sim-scanners N: simulated scanners exist only in a simulator; a production register refuses the option. */
function simulatedScannersOption(count: number | undefined, mode: 'simulator' | 'production'): number {
  if (mode === 'production' && count !== undefined) throw new CliUsageError('--sim-scanners is a simulator control: a production register has no simulated scanners');
  return mode === 'simulator' ? (count ?? 1) : 0;
}

/** --clock-start ISO: a simulator's clock starts there (screenshots, demos); a production register refuses it. */
function clockStartOption(value: string | undefined, mode: 'simulator' | 'production'): { clock?: Clock } {
  if (value === undefined) return {};
  if (mode === 'production') throw new CliUsageError('--clock-start is a simulator control: a production register keeps real time');
  try {
    return { clock: clockStartingAt(parseClockStart(value)) };
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}
