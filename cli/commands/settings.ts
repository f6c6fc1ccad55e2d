import type { StoreSettings } from '../../core/domain/receipt/store-settings.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { hostRequest, resolveHost } from '../host-client.js';

const KEYS = ['store.storeName', 'store.address', 'store.phone', 'store.registrationNumber'] as const;

const usage = `usage: regi settings [--port N | --data DIR] [--token T] get
       regi settings [--port N | --data DIR] [--token T] set KEY VALUE

Reads or changes the settings of a running register. Keys:
  store.storeName           store name printed on receipts
  store.address             store address
  store.phone               store phone number
  store.registrationNumber  qualified-invoice registration number: "T" and 13 digits (T1234567890123)
A malformed value is refused with the reason and nothing is changed.`;

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'show or change register settings (store details on receipts)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['port', 'data', 'token'] });
    const port = intFlag(args, 'port', { min: 1, max: 65_535 });
    const data = stringFlag(args, 'data');
    const token = stringFlag(args, 'token');
    const [verb, key, value, ...rest] = args.positionals;
    if (verb !== 'get' && verb !== 'set') throw new CliUsageError('say "get" or "set KEY VALUE"');
    if (verb === 'get' && key !== undefined) throw new CliUsageError('"get" takes no arguments');
    if (verb === 'set') {
      if (key === undefined || value === undefined) throw new CliUsageError('"set" needs KEY and VALUE');
      if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}" (quote a VALUE with spaces)`);
      if (!(KEYS as readonly string[]).includes(key)) throw new CliUsageError(`unknown key "${key}"; keys: ${KEYS.join(', ')}`);
    }
    const target = resolveHost({
      ...(port === undefined ? {} : { port }),
      ...(data === undefined ? {} : { data }),
      ...(token === undefined ? {} : { token }),
    });
    const settings =
      verb === 'get'
        ? await hostRequest<StoreSettings>(target, 'GET', '/api/settings/store')
        : await hostRequest<StoreSettings>(target, 'POST', '/api/settings/store', { [key!.slice('store.'.length)]: value });
    for (const [field, v] of Object.entries(settings)) console.log(`store.${field}\t${v}`);
    return 0;
  },
};
