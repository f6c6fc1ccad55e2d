import type { MessageCode, MessageParams } from '../../core/domain/messages.js';
import { formatYen } from './format.js';

export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

/** Reads message parameters; a missing one shows as "?" rather than failing the whole message. */
export interface ParamReader {
  text(name: string): string;
  yen(name: string): string;
  /** True when the parameter was sent. */
  has(name: string): boolean;
}

export type MessageTemplate = (p: ParamReader) => string;

/**
 * A reason sent with a code: translated when params[codeParam] is a code this dictionary knows, else the sender's
 * own words (params.reason). A bad read's reject code (params.rejectCode, core/domain/barcode/classify.ts
 * BarcodeRejectCode); a wallet decline's gateway code (params.code).
 */
export function knownReason(p: ParamReader, codeParam: 'rejectCode' | 'code', reasons: Readonly<Record<string, string>>): string {
  const translated = p.has(codeParam) ? reasons[p.text(codeParam)] : undefined;
  return translated ?? p.text('reason');
}

export function paramReader(params: MessageParams): ParamReader {
  return {
    has: (name) => params[name] !== undefined,
    text: (name) => (params[name] === undefined ? '?' : String(params[name])),
    yen: (name) => (typeof params[name] === 'number' ? formatYen(params[name]) : params[name] === undefined ? '?' : String(params[name])),
  };
}

export interface Dictionary<UiKey extends string = string> {
  lang: Lang;
  messages: Record<MessageCode, MessageTemplate>;
  ui: Record<UiKey, string>;
}
