import type { RegisterState } from '../../core/api.js';
import type { RegisterMessage } from '../../core/domain/messages.js';
import type { ScanDelivery, SimScannerInfo } from '../../host/simulator-control.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { hostRequest, resolveHost } from '../host-client.js';

const usage = `usage: regi scan [--port N | --data DIR] [--token T] [--device ID | --keyboard] [--aim ]E0] [--realistic] CODE...

Scans each CODE through a simulated scanner of a running register (simulator mode), of any kind
(serial, hid-pos, hid-keyboard; "regi sim add" makes more): the bytes go through a pty or the fake
HID transport to the register's real driver, as from hardware.

  --port N       the port of the running "regi serve" (or --data DIR of its data directory)
  --device ID    which simulated scanner (default: the first one; "regi scan --list" shows them)
  --keyboard     keyed entry instead of a scanner (what a cashier types)
  --aim ID       send this AIM symbology prefix first (e.g. ]E0)
  --realistic    pace bytes at the baud rate (serial) or reports at the USB poll interval (HID)
  --list         list the simulated scanners and exit
Exit status: 0 when every code was added to the basket, 1 when any was refused.`;

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'send scans through a simulated scanner of a running register',
  usage,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['port', 'data', 'token', 'device', 'aim'],
      booleans: ['keyboard', 'realistic', 'list'],
    });
    const port = intFlag(args, 'port', { min: 1, max: 65_535 });
    const data = stringFlag(args, 'data');
    const token = stringFlag(args, 'token');
    const target = resolveHost({
      ...(port === undefined ? {} : { port }),
      ...(data === undefined ? {} : { data }),
      ...(token === undefined ? {} : { token }),
    });
    if (args.flags.has('list')) {
      for (const s of await hostRequest<SimScannerInfo[]>(target, 'GET', '/api/sim/scanners')) {
        console.log(`${s.id}\t${s.kind}\t${s.status.state}\t${s.devicePath}`);
      }
      return 0;
    }
    if (args.positionals.length === 0) throw new CliUsageError('give at least one CODE to scan');
    if (args.flags.has('keyboard') && args.flags.has('device')) throw new CliUsageError('--keyboard and --device exclude each other');
    // Keyed entry goes straight to the register: there are no scanner bytes to prefix or to pace.
    for (const name of ['aim', 'realistic'] as const) {
      if (args.flags.has('keyboard') && args.flags.has(name)) throw new CliUsageError(`--${name} is for a scanner; --keyboard types the code, so it would be ignored`);
    }

    let device = stringFlag(args, 'device');
    if (!args.flags.has('keyboard') && device === undefined) {
      const scanners = await hostRequest<SimScannerInfo[]>(target, 'GET', '/api/sim/scanners');
      if (scanners.length === 0) throw new CliUsageError('the register has no simulated scanner: add one (POST /api/sim/scanners) or use --keyboard');
      device = scanners[0]!.id;
    }
    let refused = 0;
    for (const code of args.positionals) {
      let message: RegisterMessage | null;
      let state: RegisterState;
      if (device === undefined) {
        await hostRequest(target, 'POST', '/api/register/scan', { data: code, source: 'keyboard' });
        state = await hostRequest<RegisterState>(target, 'GET', '/api/register');
        message = state.messages[0] ?? null;
      } else {
        const aimId = stringFlag(args, 'aim');
        const answer = await hostRequest<{ delivery: ScanDelivery; message: RegisterMessage | null; state: RegisterState }>(
          target, 'POST', `/api/sim/scanners/${encodeURIComponent(device)}/scan`,
          { data: code, ...(aimId === undefined ? {} : { aimId }), ...(args.flags.has('realistic') ? { realisticTiming: true } : {}) },
        );
        message = answer.message;
        state = answer.state;
      }
      const added = message?.code === 'scan.added';
      if (!added) refused++;
      console.log(`${added ? 'added  ' : 'REFUSED'} ${code}  ${message ? describe(message) : '(no message)'}  total ¥${state.totals.total} (${state.totals.itemCount} items)`);
    }
    return refused === 0 ? 0 : 1;
  },
};

function describe(message: RegisterMessage): string {
  const params = Object.entries(message.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  return `${message.code}${params ? ` ${params}` : ''}`;
}
