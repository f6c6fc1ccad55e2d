/**
 * AIM symbology identifiers (ISO/IEC 15424): a scanner configured to send them prefixes every read with
 * "]" + a code character naming the symbology + a modifier character. The prefix tells the register what
 * was printed on the item, which the data alone cannot (13 digits may be EAN-13 or a Code 128 label).
 */

export interface AimPrefix {
  /** The three-character identifier as sent, e.g. "]E0". */
  aimId: string;
  /** Human name of the symbology, e.g. "EAN-13"; "unknown" for a code character this table lacks. */
  symbology: string;
  /** The data after the identifier. */
  rest: string;
}

const AIM_PATTERN = /^\]([A-Za-z])([0-9A-Za-z])/;

/** Names by code character; a function when the modifier (or data length) changes the name. */
const SYMBOLOGIES: Readonly<Record<string, string | ((modifier: string, rest: string) => string)>> = {
  A: 'Code 39',
  B: 'Telepen',
  C: (m) => (m === '1' ? 'GS1-128' : 'Code 128'),
  d: (m) => (m === '2' ? 'GS1 DataMatrix' : 'Data Matrix'),
  // E0 carries EAN-13 and UPC-A (as 13 digits); some scanners send UPC-E under E0 as 8 or 12 digits.
  E: (m, rest) => {
    switch (m) {
      case '0':
        return rest.length === 12 ? 'UPC-A' : rest.length === 8 || rest.length === 6 ? 'UPC-E' : 'EAN-13';
      case '1':
        return 'EAN/UPC 2-digit add-on';
      case '2':
        return 'EAN/UPC 5-digit add-on';
      case '3':
        return 'EAN-13 with add-on';
      case '4':
        return 'EAN-8';
      default:
        return 'EAN/UPC';
    }
  },
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'ITF',
  L: 'PDF417',
  M: 'MSI',
  O: 'Codablock',
  P: 'Plessey',
  Q: (m) => (m === '3' || m === '4' ? 'GS1 QR Code' : 'QR Code'),
  R: 'Straight 2 of 5 (2-bar)',
  S: 'Straight 2 of 5 (3-bar)',
  X: 'other (non-AIM)',
  z: 'Aztec',
};

/** The symbology named by an AIM id ("]C1" -> "GS1-128"); `rest` refines E0 by length. */
export function symbologyForAim(aimId: string, rest = ''): string {
  const match = AIM_PATTERN.exec(aimId);
  if (!match || aimId.length !== 3) return 'unknown';
  const entry = SYMBOLOGIES[match[1]!];
  if (entry === undefined) return 'unknown';
  return typeof entry === 'string' ? entry : entry(match[2]!, rest);
}

/**
 * Splits an AIM prefix off `text`. Returns undefined when `text` does not start with "]" + letter +
 * alphanumeric modifier: the caller treats such text as plain data.
 */
export function parseAim(text: string): AimPrefix | undefined {
  const match = AIM_PATTERN.exec(text);
  if (!match) return undefined;
  const aimId = match[0];
  const rest = text.slice(3);
  return { aimId, symbology: symbologyForAim(aimId, rest), rest };
}
