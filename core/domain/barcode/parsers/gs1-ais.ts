/**
 * The GS1 Application Identifiers a convenience store meets (GS1 General Specifications section 3), and the
 * set of AI prefixes whose length is predefined (those never need a FNC1 separator after them).
 */

export interface AiSpec {
  ai: string;
  title: string;
  /** N: digits only; X: GS1 AI encodable character set 82. */
  charset: 'N' | 'X';
  /** Exact length for fixed AIs, maximum for variable ones. */
  length: number;
  fixed: boolean;
  /** mod-10 check digit in the last position (SSCC, GTIN, GLN). */
  check?: boolean;
  /** YYMMDD value (or YYMMDDhhmm for 7003). */
  date?: boolean;
  /** The last AI digit is the number of implied decimal places. */
  decimals?: boolean;
  /** The value starts with an ISO 4217 numeric currency code (393n). */
  currency?: boolean;
}

const n = (ai: string, title: string, length: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  ai, title, charset: 'N', length, fixed: true, ...extra,
});
const nv = (ai: string, title: string, max: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  ai, title, charset: 'N', length: max, fixed: false, ...extra,
});
const xv = (ai: string, title: string, max: number): AiSpec => ({ ai, title, charset: 'X', length: max, fixed: false });

function family(prefix: string, title: string, make: (ai: string) => AiSpec, digits = 6): AiSpec[] {
  return Array.from({ length: digits }, (_, i) => ({ ...make(`${prefix}${i}`), title }));
}

const SPECS: AiSpec[] = [
  n('00', 'SSCC', 18, { check: true }),
  n('01', 'GTIN', 14, { check: true }),
  n('02', 'CONTENT', 14, { check: true }),
  xv('10', 'BATCH/LOT', 20),
  n('11', 'PROD DATE', 6, { date: true }),
  n('12', 'DUE DATE', 6, { date: true }),
  n('13', 'PACK DATE', 6, { date: true }),
  n('15', 'BEST BEFORE', 6, { date: true }),
  n('16', 'SELL BY', 6, { date: true }),
  n('17', 'USE BY', 6, { date: true }),
  n('20', 'VARIANT', 2),
  xv('21', 'SERIAL', 20),
  xv('22', 'CPV', 20),
  xv('240', 'ADDITIONAL ID', 30),
  xv('241', 'CUST. PART No.', 30),
  xv('250', 'SECONDARY SERIAL', 30),
  nv('30', 'VAR. COUNT', 8),
  nv('37', 'COUNT', 8),
  ...family('310', 'NET WEIGHT (kg)', (ai) => n(ai, '', 6, { decimals: true })),
  ...family('320', 'NET WEIGHT (lb)', (ai) => n(ai, '', 6, { decimals: true })),
  ...family('330', 'GROSS WEIGHT (kg)', (ai) => n(ai, '', 6, { decimals: true })),
  ...family('392', 'PRICE', (ai) => nv(ai, '', 15, { decimals: true }), 10),
  ...family('393', 'PRICE + ISO', (ai) => nv(ai, '', 18, { decimals: true, currency: true }), 10),
  ...family('394', 'PRCNT OFF', (ai) => n(ai, '', 4, { decimals: true }), 4),
  xv('400', 'ORDER NUMBER', 30),
  xv('401', 'GINC', 30),
  n('410', 'SHIP TO LOC', 13, { check: true }),
  n('414', 'LOC No.', 13, { check: true }),
  xv('420', 'SHIP TO POST', 20),
  n('422', 'ORIGIN', 3),
  n('7003', 'EXPIRY TIME', 10, { date: true }),
  n('8005', 'PRICE PER UNIT', 6),
  xv('8020', 'REF No.', 25),
  xv('8110', 'COUPON (North America)', 70),
  xv('8200', 'PRODUCT URL', 70),
  xv('90', 'INTERNAL', 30),
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => xv(ai, 'INTERNAL', 90)),
];

export const AI_TABLE: ReadonlyMap<string, AiSpec> = new Map(SPECS.map((s) => [s.ai, s]));

/** First two digits of AIs with a predefined length (GS1 General Specifications figure 7.8.4-2). */
const PREDEFINED_LENGTH = new Set([
  '00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
  '31', '32', '33', '34', '35', '36', '41',
]);

export function needsSeparator(ai: string): boolean {
  return !PREDEFINED_LENGTH.has(ai.slice(0, 2));
}

/** The AI starting at `pos`, trying 2-, 3- then 4-digit identifiers. */
export function aiAt(data: string, pos: number): AiSpec | undefined {
  for (const len of [2, 3, 4]) {
    const spec = AI_TABLE.get(data.slice(pos, pos + len));
    if (spec) return spec;
  }
  return undefined;
}

export const GS1_CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
