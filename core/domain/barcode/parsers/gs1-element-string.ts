/**
 * GS1 element strings (GS1-128, GS1 DataBar, and GS1 DataMatrix/QR when a scanner reads them): a run of
 * Application Identifiers and values. FNC1 in first position arrives as the AIM id (]C1, ]e0, ]d2, ]Q3) or a
 * leading ASCII GS; separators after variable-length values arrive as GS (0x1d). The human-readable form
 * "(01)04912345678904(10)ABC" is accepted too, for testers typing codes. Bare digit runs starting 00/01/02
 * (a scanner set to strip the AIM id) are parsed when no retail length fits.
 */
import { gs1CheckDigit } from '../check-digit.js';
import {
  isDigits,
  reject,
  type BarcodeParser,
  type BarcodeResult,
  type ClassifyContext,
  type Gs1Element,
  type Gs1ElementStringBarcode,
  type Gs1Symbology,
} from '../types.js';
import { aiAt, AI_TABLE, GS1_CHARSET_82, needsSeparator, type AiSpec } from './gs1-ais.js';
import { parseYymmdd } from './yymmdd.js';

export const GS = '\x1d';

const SYMBOLOGY_BY_AIM: Record<string, Gs1Symbology> = {
  ']C1': 'GS1-128',
  ']e0': 'GS1 DataBar',
  ']d2': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
};

type Pairs = { ai: string; value: string }[];

/** Splits a raw element string into AI/value pairs, or says where it breaks. */
export function splitElementString(body: string): Pairs | string {
  const pairs: Pairs = [];
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === GS) {
      pos++;
      continue;
    }
    const spec = aiAt(body, pos);
    if (!spec) {
      const shown = body.slice(pos, pos + 4).replaceAll(GS, '<GS>');
      return `unknown Application Identifier at "${shown}" (position ${pos + 1})`;
    }
    pos += spec.ai.length;
    let value: string;
    if (spec.fixed) {
      value = body.slice(pos, pos + spec.length);
      pos += value.length;
    } else {
      const end = body.indexOf(GS, pos);
      value = body.slice(pos, end === -1 ? body.length : end);
      pos += value.length;
      if (value.length > spec.length) {
        return `(${spec.ai}) ${spec.title} is ${value.length} characters, at most ${spec.length} allowed: a FNC1 separator is probably missing`;
      }
    }
    pairs.push({ ai: spec.ai, value });
  }
  return pairs;
}

function splitParenthesised(body: string): Pairs | string {
  const pairs: Pairs = [];
  const re = /\((\d{2,4})\)([^(]*)/y;
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) return `expected "(AI)value" at position ${pos + 1}`;
    pairs.push({ ai: m[1]!, value: m[2]! });
    pos = re.lastIndex;
  }
  return pairs;
}

function validate(spec: AiSpec, value: string, context: ClassifyContext): Gs1Element | string {
  const label = `(${spec.ai}) ${spec.title}`;
  if (value.length === 0) return `${label} has no value`;
  if (spec.fixed && value.length !== spec.length) return `${label} needs ${spec.length} digits, got ${value.length}`;
  if (spec.charset === 'N' && !isDigits(value)) return `${label} must be digits, got ${JSON.stringify(value)}`;
  if (spec.charset === 'X' && !GS1_CHARSET_82.test(value)) {
    return `${label} contains characters outside the GS1 character set`;
  }
  const element: Gs1Element = { ai: spec.ai, title: spec.title, value };
  if (spec.check) {
    const expected = gs1CheckDigit(value.slice(0, -1));
    const actual = value.charCodeAt(value.length - 1) - 48;
    if (expected !== actual) return `${label} check digit is ${actual}, expected ${expected}`;
  }
  if (spec.date) {
    const allowDayZero = spec.ai !== '7003';
    const date = parseYymmdd(value.slice(0, 6), { referenceYear: context.referenceYear, allowDayZero });
    if (typeof date === 'string') return `${label}: ${date}`;
    if (spec.ai === '7003') {
      const hh = Number(value.slice(6, 8));
      const mm = Number(value.slice(8, 10));
      if (hh > 23 || mm > 59) return `${label}: time ${value.slice(6)} is not hhmm`;
    }
    element.date = date;
  }
  if (spec.decimals) element.decimals = Number(spec.ai.charAt(3));
  if (spec.currency) {
    if (value.length < 4) return `${label} needs a 3-digit currency and an amount`;
    element.currency = value.slice(0, 3);
  }
  return element;
}

/** GTIN-14 in the form the catalog uses: 13 digits when it starts with 0, 8 digits for a GTIN-8. */
export function catalogGtin(gtin14: string): string {
  if (gtin14.startsWith('000000')) return gtin14.slice(6);
  if (gtin14.startsWith('0')) return gtin14.slice(1);
  return gtin14;
}

export function parseGs1ElementString(
  data: string,
  body: string,
  symbology: Gs1Symbology,
  context: ClassifyContext,
  parenthesised = false,
): BarcodeResult {
  const pairs = parenthesised ? splitParenthesised(body) : splitElementString(body);
  if (typeof pairs === 'string') {
    return reject(data, pairs.startsWith('unknown') ? 'ai-unknown' : 'ai-syntax', `GS1 element string: ${pairs}`);
  }
  if (pairs.length === 0) return reject(data, 'ai-syntax', 'GS1 element string holds no data after FNC1');
  const elements: Gs1Element[] = [];
  for (const { ai, value } of pairs) {
    const spec = AI_TABLE.get(ai);
    if (!spec) return reject(data, 'ai-unknown', `GS1 element string: unknown Application Identifier (${ai})`);
    const element = validate(spec, value, context);
    if (typeof element === 'string') {
      const code = spec.check && element.includes('check digit') ? 'check-digit' : spec.date ? 'date' : 'ai-value';
      const tail = code === 'check-digit' ? ': bad read, scan again' : '';
      return reject(data, code, `GS1 element string: ${element}${tail}`);
    }
    elements.push(element);
  }
  const gtinElement = elements.find((e) => e.ai === '01') ?? elements.find((e) => e.ai === '02');
  const gtin = gtinElement ? catalogGtin(gtinElement.value) : undefined;
  const result: Gs1ElementStringBarcode = {
    ok: true,
    kind: 'GS1-element-string',
    lookupCode: gtin ?? data,
    data,
    symbology,
    elements,
  };
  if (gtin !== undefined) result.gtin = gtin;
  return result;
}

const RETAIL_LENGTHS = new Set([8, 12, 13, 15, 18]);

export const gs1ElementStringParser: BarcodeParser = (data, context) => {
  const aim = context.aimId;
  if (aim !== undefined) {
    const symbology = SYMBOLOGY_BY_AIM[aim];
    if (symbology === undefined) return undefined;
    const body = data.startsWith(GS) ? data.slice(1) : data;
    if (body.startsWith('(')) return parseGs1ElementString(data, body, symbology, context, true);
    return parseGs1ElementString(data, body, symbology, context);
  }
  if (data.startsWith(GS)) return parseGs1ElementString(data, data.slice(1), 'unknown', context);
  if (/^\(\d{2,4}\)/.test(data)) return parseGs1ElementString(data, data, 'unknown', context, true);
  if (/^0[012]\d{14}/.test(data) && !RETAIL_LENGTHS.has(data.length) && !data.includes(' ')) {
    return parseGs1ElementString(data, data, 'unknown', context);
  }
  return undefined;
};

/** Builds the raw element string (GS separators where needed) for a list of AI/value pairs. */
export function encodeElementString(pairs: readonly { ai: string; value: string }[]): string {
  let out = '';
  pairs.forEach(({ ai, value }, i) => {
    out += ai + value;
    if (i < pairs.length - 1 && needsSeparator(ai)) out += GS;
  });
  return out;
}
