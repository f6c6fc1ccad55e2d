/**
 * Add-on supplements (2 or 5 digits, e.g. magazine prices): sent under ]E3 as 13 + 2/5 digits, or bare as
 * 15/18 concatenated digits or "main add-on" with a space. The main code is classified by the main-code
 * parsers and keeps its own lookup; the add-on is returned beside it. Add-on checks are encoded in bar
 * parity and never transmitted, so there is nothing more to verify in the data.
 */
import {
  aimParts,
  isDigits,
  reject,
  type Addon,
  type BarcodeParser,
  type BarcodeResult,
  type ClassifyContext,
} from '../types.js';

function split(data: string, context: ClassifyContext): { main: string; addon: string } | 'addon-only' | undefined {
  const aim = aimParts(context.aimId);
  if (aim?.symbol === 'E' && (aim.modifier === '1' || aim.modifier === '2')) return 'addon-only';
  const spaced = /^(\d{8}|\d{12}|\d{13}) (\d{2}|\d{5})$/.exec(data);
  const eanAim = aim === undefined ? context.aimId === undefined : aim.symbol === 'E' && '03'.includes(aim.modifier);
  if (spaced && eanAim) return { main: spaced[1]!, addon: spaced[2]! };
  const withAddonAim = aim?.symbol === 'E' && aim.modifier === '3';
  if ((withAddonAim || context.aimId === undefined) && isDigits(data) && (data.length === 15 || data.length === 18)) {
    return { main: data.slice(0, 13), addon: data.slice(13) };
  }
  return undefined;
}

export function createAddonParser(mainParsers: readonly BarcodeParser[]): BarcodeParser {
  return (data, context) => {
    const parts = split(data, context);
    if (parts === undefined) {
      const aim = aimParts(context.aimId);
      if (aim?.symbol === 'E' && aim.modifier === '3') {
        return reject(data, 'length', `${data.length} characters under ]E3 is not a code with add-on (13 + 2 or 5 digits)`);
      }
      return undefined;
    }
    if (parts === 'addon-only') {
      return reject(data, 'addon', 'only the add-on was read: scan the main barcode (the larger one) again');
    }
    const mainContext: ClassifyContext = { ...context, aimId: undefined };
    let main: BarcodeResult | undefined;
    for (const parser of mainParsers) {
      main = parser(parts.main, mainContext);
      if (main) break;
    }
    if (!main) return reject(data, 'addon', `the main code ${parts.main} in front of the add-on is not a retail barcode`);
    if (!main.ok) return { ...main, data, reason: `main code: ${main.reason}` };
    const addon: Addon = { digits: parts.addon, length: parts.addon.length === 2 ? 2 : 5 };
    switch (main.kind) {
      case 'JAN-magazine':
        return {
          ...main,
          data,
          addon,
          // Magazine add-on: a reserved digit, then the 4-digit price.
          magazine: addon.length === 5 ? { ...main.magazine, price: Number(addon.digits.slice(1)) } : main.magazine,
        };
      case 'EAN-13':
      case 'EAN-8':
      case 'UPC-A':
      case 'UPC-E':
      case 'in-store':
      case 'ISBN':
        return { ...main, data, addon };
      default:
        return reject(data, 'addon', `a ${main.kind} code does not carry an add-on: bad read, scan again`);
    }
  };
}
