/** Serial line settings shared by the driver and the simulated scanner. */

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface LineSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
}

export const DEFAULT_LINE: LineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** Bits on the wire per byte: start bit, data bits, parity bit if any, stop bits (8N1 = 10). */
export function bitsPerByte(settings: LineSettings): number {
  return 1 + settings.dataBits + (settings.parity === 'none' ? 0 : 1) + settings.stopBits;
}

/** Throws an error naming the field when the settings are not a serial line. */
export function validateLineSettings(settings: LineSettings, where: string): void {
  if (!Number.isInteger(settings.baudRate) || settings.baudRate < 50 || settings.baudRate > 4_000_000) {
    throw new TypeError(`${where}: baudRate must be an integer 50-4000000, got ${String(settings.baudRate)}`);
  }
  if (![5, 6, 7, 8].includes(settings.dataBits)) {
    throw new TypeError(`${where}: dataBits must be 5, 6, 7 or 8, got ${String(settings.dataBits)}`);
  }
  if (!['none', 'even', 'odd', 'mark', 'space'].includes(settings.parity)) {
    throw new TypeError(`${where}: parity must be none, even, odd, mark or space, got ${JSON.stringify(settings.parity)}`);
  }
  if (![1, 1.5, 2].includes(settings.stopBits)) {
    throw new TypeError(`${where}: stopBits must be 1, 1.5 or 2, got ${String(settings.stopBits)}`);
  }
}
