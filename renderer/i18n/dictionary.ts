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
 * A bad read's reason: translated when core sends its reject code (params.rejectCode, see
 * core/domain/barcode/classify.ts BarcodeRejectCode), else core's own words.
 */
export function badReadReason(p: ParamReader, reasons: Readonly<Record<string, string>>): string {
  const translated = p.has('rejectCode') ? reasons[p.text('rejectCode')] : undefined;
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
