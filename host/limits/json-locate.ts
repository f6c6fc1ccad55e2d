/**
 * A strict JSON parser that remembers where every value and key sits, so an import error can name
 * the line and column of the offending value, not just its path. Stricter than JSON.parse in one way
 * on purpose: a repeated key is an error (JSON.parse silently keeps the last one).
 */

export type JsonPath = readonly (string | number)[];

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export interface JsonSyntaxError {
  position: TextPosition;
  reason: string;
}

export interface LocatedJson {
  value: unknown;
  /**
   * Where `path` is: the key of an object member (or the value of an array element or the root).
   * For a path that does not exist (a missing key) it falls back to the deepest existing ancestor,
   * and `exact` is false.
   */
  locate(path: JsonPath): { position: TextPosition; exact: boolean };
}

export type LocatedParse = { ok: true; json: LocatedJson } | { ok: false; error: JsonSyntaxError };

const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class SyntaxFailure extends Error {
  constructor(readonly offset: number, reason: string) {
    super(reason);
  }
}

export function parseJsonLocated(text: string): LocatedParse {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const positionAt = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1, offset };
  };

  const places = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (reason: string, at = i): never => {
    throw new SyntaxFailure(at, reason);
  };
  const describe = (at: number): string => (at >= text.length ? 'end of file' : `'${text[at]}'`);
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string (needs 4 hex digits)');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else {
          fail(`bad escape '\\${e ?? ''}' in string`);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail(c === '\n' ? 'line break inside a string (unterminated string?)' : 'control character inside a string');
      out += c;
      i++;
    }
  };

  const parseValue = (path: (string | number)[], depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skipSpace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : `expected a "quoted" key, found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        if (Object.hasOwn(obj, key)) fail(`duplicate key "${key}"`, keyAt);
        skipSpace();
        if (text[i] !== ':') fail(`expected ':' after key "${key}", found ${describe(i)}`);
        i++;
        const childPath = [...path, key];
        places.set(JSON.stringify(childPath), keyAt);
        // defineProperty, not assignment: a "__proto__" key must stay data, not replace the prototype.
        Object.defineProperty(obj, key, { value: parseValue(childPath, depth + 1), enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}' after the value of "${key}", found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        skipSpace();
        if (text[i] === ']') fail('trailing comma before ]');
        const childPath = [...path, arr.length];
        places.set(JSON.stringify(childPath), i);
        arr.push(parseValue(childPath, depth + 1));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']' after an array element, found ${describe(i)}`);
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail(`bad number`);
      i += m![0].length;
      return Number(m![0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(c === undefined ? 'unexpected end of file: a value is missing' : `unexpected ${describe(i)}: expected a value`);
  };

  try {
    skipSpace();
    places.set(JSON.stringify([]), i);
    const value = parseValue([], 0);
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    const locate = (path: JsonPath): { position: TextPosition; exact: boolean } => {
      for (let n = path.length; n >= 0; n--) {
        const at = places.get(JSON.stringify(path.slice(0, n)));
        if (at !== undefined) return { position: positionAt(at), exact: n === path.length };
      }
      return { position: positionAt(0), exact: false };
    };
    return { ok: true, json: { value, locate } };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: { position: positionAt(error.offset), reason: error.message } };
    throw error;
  }
}
