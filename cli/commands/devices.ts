import { listDevices } from '../../hardware/devices/list-devices.js';
import { parseArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';

const usage = `usage: regi devices [--json]

Lists the scanners this machine could use: serial ports (serialport's SerialPort.list(), which asks udev on
Linux) and USB HID scanners (HID POS interfaces, and keyboard interfaces of known scanner vendors, via
node-hid). Open one with "regi serve --serial PATH" or "regi serve --hid VID:PID" (or --hid-path PATH).
What could not be listed (no udevadm, no libusb, no permission) is said on stderr; the rest is still listed.

  --json   print the listing as JSON (the same as GET /api/devices without "simulated")`;

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list serial ports and USB HID scanners this machine could open',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { booleans: ['json'] });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    const listing = await listDevices();
    if (args.flags.has('json')) {
      console.log(JSON.stringify(listing, null, 2));
    } else {
      console.log('Serial ports (regi serve --serial PATH):');
      if (listing.serialPorts.length === 0) console.log('  none');
      for (const p of listing.serialPorts) {
        console.log(`  ${p.path}${p.usbId ? `  usb ${p.usbId}` : ''}${p.manufacturer ? `  ${p.manufacturer}` : ''}${p.serialNumber ? `  s/n ${p.serialNumber}` : ''}`);
      }
      console.log('USB HID scanners (regi serve --hid VID:PID or --hid-path PATH):');
      if (listing.hidScanners.length === 0) console.log('  none');
      for (const s of listing.hidScanners) {
        const mode = s.kind === 'hid-pos' ? 'pos' : 'keyboard';
        console.log(`  ${hex4(s.vendorId)}:${hex4(s.productId)}  ${s.path ?? '(no path)'}  --hid-mode ${mode}  ${[s.manufacturer, s.product].filter(Boolean).join(' ')}  (${s.reason})`);
      }
    }
    for (const problem of listing.problems) console.error(`note: ${problem}`);
    return 0;
  },
};
