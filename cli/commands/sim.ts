import type { RegisterMessage } from '../../core/domain/messages.js';
import {
  ALL_FAULTS,
  SIM_SCANNER_KINDS,
  type FaultResult,
  type MaybeDelivery,
  type SimFault,
  type SimScannerInfo,
  type SimScannerKind,
} from '../../host/simulator-control.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { hostRequest, resolveHost } from '../host-client.js';

const usage = `usage: regi sim [--port N | --data DIR] [--token T] COMMAND ...

Drives the simulated scanners of a running register (simulator mode) through its control API.

  list                                    the simulated scanners with kind, state and counts
  add [--kind serial|hid-pos|hid-keyboard] [--id ID]
                                          add one (default kind serial); prints its id
  remove ID                               remove one
  fault ID FAULT [CODE]                   inject a fault while scanning CODE (default a demo code)
                                          serial: split-chunks delayed-chunks drop-byte flip-byte missing-suffix overlong-garbage binary-noise disconnect-mid-code
                                          HID:    drop-report flip-byte missing-continuation garbage-report disconnect-mid-code
  unplug ID / replug ID                   pull the device / plug it back (waits for the driver)
  raw ID HEX                              serial: write these bytes (e.g. 343930310d)

Scan codes with "regi scan --device ID CODE...". See docs/scanners.md.
Exit status: 0 when done (for fault: when the read was rejected), 1 otherwise.`;

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'add, remove, unplug and fault simulated scanners of a running register',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['port', 'data', 'token', 'kind', 'id'] });
    const port = intFlag(args, 'port', { min: 1, max: 65_535 });
    const data = stringFlag(args, 'data');
    const token = stringFlag(args, 'token');
    const [command, ...rest] = args.positionals;
    if (command === undefined) throw new CliUsageError('give a command: list, add, remove, fault, unplug, replug or raw');
    const target = resolveHost({
      ...(port === undefined ? {} : { port }),
      ...(data === undefined ? {} : { data }),
      ...(token === undefined ? {} : { token }),
    });
    const needId = (count = 1, max = count) => {
      if (rest.length < count || rest.length > max) throw new CliUsageError(`regi sim ${command} takes ${count === max ? count : `${count}-${max}`} argument(s), got ${rest.length}`);
      return encodeURIComponent(rest[0]!);
    };
    if ((args.flags.has('kind') || args.flags.has('id')) && command !== 'add') throw new CliUsageError('--kind and --id are options of "regi sim add"');

    switch (command) {
      case 'list': {
        const scanners = await hostRequest<SimScannerInfo[]>(target, 'GET', '/api/sim/scanners');
        if (scanners.length === 0) console.log('no simulated scanners (regi sim add --kind serial|hid-pos|hid-keyboard)');
        for (const s of scanners) {
          console.log(`${s.id}\t${s.kind}\t${s.status.state}${s.plugged ? '' : ' (unplugged)'}\tscans ${s.status.scans}\tbad reads ${s.status.badReads}\t${s.usbId ?? ''} ${s.devicePath}`);
        }
        return 0;
      }
      case 'add': {
        if (rest.length > 0) throw new CliUsageError(`regi sim add takes options only, got "${rest[0]}"`);
        const kind = stringFlag(args, 'kind') ?? 'serial';
        if (!(SIM_SCANNER_KINDS as readonly string[]).includes(kind)) throw new CliUsageError(`--kind must be ${SIM_SCANNER_KINDS.join(', ')}, got "${kind}"`);
        const id = stringFlag(args, 'id');
        const added = await hostRequest<SimScannerInfo>(target, 'POST', '/api/sim/scanners', { kind: kind as SimScannerKind, ...(id === undefined ? {} : { id }) });
        console.log(`${added.id}\t${added.kind}\t${added.status.state}\t${added.devicePath}`);
        return 0;
      }
      case 'remove': {
        await hostRequest(target, 'DELETE', `/api/sim/scanners/${needId()}`);
        console.log(`removed ${rest[0]}`);
        return 0;
      }
      case 'unplug':
      case 'replug': {
        const info = await hostRequest<SimScannerInfo>(target, 'POST', `/api/sim/scanners/${needId()}/${command}`);
        console.log(`${info.id}\t${info.status.state}${info.plugged ? '' : ' (unplugged)'}`);
        return 0;
      }
      case 'fault': {
        const id = needId(2, 3);
        const fault = rest[1]!;
        if (!(ALL_FAULTS as readonly string[]).includes(fault)) throw new CliUsageError(`unknown fault "${fault}"; one of ${ALL_FAULTS.join(', ')}`);
        const result = await hostRequest<FaultResult & { message: RegisterMessage | null }>(target, 'POST', `/api/sim/scanners/${id}/fault`, {
          fault: fault as SimFault,
          ...(rest[2] === undefined ? {} : { data: rest[2] }),
        });
        for (const d of result.deliveries) console.log(describeDelivery(d));
        if (result.deliveries.length === 0) console.log('the driver reported nothing');
        if (result.message) console.log(`register: ${describeMessage(result.message)}`);
        return result.message?.code === 'scan.added' ? 1 : 0;
      }
      case 'raw': {
        const id = needId(2);
        const hex = rest[1]!.replace(/\s+/g, '');
        if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new CliUsageError(`"${rest[1]}" is not hex bytes (pairs of hex digits, e.g. 343930310d)`);
        const answer = await hostRequest<{ delivery: MaybeDelivery; message: RegisterMessage | null }>(target, 'POST', `/api/sim/scanners/${id}/raw`, { hex });
        console.log(describeDelivery(answer.delivery));
        if (answer.message) console.log(`register: ${describeMessage(answer.message)}`);
        return 0;
      }
      default:
        throw new CliUsageError(`unknown command "${command}": list, add, remove, fault, unplug, replug or raw`);
    }
  },
};

function describeDelivery(d: MaybeDelivery): string {
  if (d.result === 'scan') return `scan     ${d.data}${d.aimId ? ` (${d.aimId} ${d.symbology})` : ''}`;
  if (d.result === 'bad-read') return `bad read ${d.reason}`;
  return 'nothing  (the driver framed nothing in time)';
}

function describeMessage(message: RegisterMessage): string {
  const params = Object.entries(message.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  return `${message.code}${params ? ` ${params}` : ''}`;
}
