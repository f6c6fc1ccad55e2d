/** `regi serve` flags for a real USB HID scanner: --hid VID:PID | --hid-path PATH, --hid-mode, --hid-enable. */
import { parseHexBytes, parseUsbId, type HidScannerOptions } from '../host/hid-scanners.js';
import { stringFlag, type ParsedArgs } from './args.js';
import { CliUsageError } from './command.js';

export const HID_FLAGS = ['hid', 'hid-path', 'hid-mode', 'hid-enable'] as const;

export const HID_USAGE = `  --hid VID:PID      open a real USB HID scanner by vendor:product id in hex (regi devices lists them)
  --hid-path PATH    ... or by its OS path (e.g. /dev/hidraw3)
  --hid-mode M       pos (HID POS, usage page 0x8C) or keyboard (boot keyboard reports); default: what the
                     interface says, or pos when the scanner is not plugged in yet
  --hid-enable HEX   feature report sent after each open to enable the scanner, report id first (e.g. fd0116)`;

export function hidScannersFrom(args: ParsedArgs): HidScannerOptions[] {
  const usbId = stringFlag(args, 'hid');
  const path = stringFlag(args, 'hid-path');
  const mode = stringFlag(args, 'hid-mode');
  const enable = stringFlag(args, 'hid-enable');
  if (usbId === undefined && path === undefined) {
    if (mode !== undefined || enable !== undefined) throw new CliUsageError('--hid-mode and --hid-enable configure a HID scanner: give --hid VID:PID or --hid-path PATH too');
    return [];
  }
  if (usbId !== undefined && path !== undefined) throw new CliUsageError('give --hid VID:PID or --hid-path PATH, not both');
  if (mode !== undefined && mode !== 'pos' && mode !== 'keyboard') throw new CliUsageError(`--hid-mode must be pos or keyboard, got "${mode}"`);
  try {
    return [
      {
        id: 'hid-1',
        target: path !== undefined ? { path } : parseUsbId(usbId!),
        ...(mode === undefined ? {} : { mode: mode === 'pos' ? 'hid-pos' : 'hid-keyboard' }),
        ...(enable === undefined ? {} : { enableFeatureReport: parseHexBytes(enable) }),
      },
    ];
  } catch (error) {
    throw new CliUsageError(`${usbId !== undefined && error instanceof Error && error.message.includes('USB id') ? '--hid' : '--hid-enable'}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
