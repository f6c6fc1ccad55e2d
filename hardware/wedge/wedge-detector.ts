/**
 * Tells a keyboard-wedge scanner from a person at the keyboard, for the renderer. Pure and clock-free:
 * times are the KeyboardEvent.timeStamp values fed in. No DOM or Node imports (renderer code uses it).
 *
 * A scan is a burst: at least minLength characters, every gap between consecutive keys (the suffix key
 * included) shorter than maxInterKeyMs, ended by a suffix key (Enter / Tab), and preceded by at least
 * quietBeforeMs without keys, so a scanner burst that a typed key ran into, or whose first key lagged, is
 * never taken for a whole code. Everything else comes back as typed keys, in order, for the UI to apply
 * as normal typing. Characters come from KeyboardEvent.code (wedge-keymap.ts), so a Japanese IME that
 * reports key 'Process' or full-width digits does not change what is read.
 */
import { parseAim } from '../framing/aim.js';
import { MODIFIER_CODES, codeToChar } from './wedge-keymap.js';

/** The fields of a KeyboardEvent (keydown) the detector reads. */
export interface WedgeKeyEvent {
  code: string;
  key: string;
  shiftKey: boolean;
  timeStamp: number;
  isComposing: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export type WedgeSuffixKey = 'Enter' | 'Tab';

export interface WedgeOptions {
  /** Keys closer together than this (ms) can be a scanner. Default 30. */
  maxInterKeyMs: number;
  /** Fewest characters a scan has (suffix excluded). Default 8 (EAN-8). */
  minLength: number;
  /** Most characters a scan has. Default 512. */
  maxLength: number;
  /** Keys that end a scan. Default ['Enter']. */
  suffixKeys: WedgeSuffixKey[];
  /** Silence before a burst's first key (ms). Default 100. */
  quietBeforeMs: number;
}

export const DEFAULT_WEDGE: WedgeOptions = {
  maxInterKeyMs: 30,
  minLength: 8,
  maxLength: 512,
  suffixKeys: ['Enter'],
  quietBeforeMs: 100,
};

export type WedgeDecision =
  | {
      kind: 'scan';
      /** The code, AIM id removed. */
      data: string;
      aimId?: string;
      /** timeStamp of the first key and of the suffix key. */
      firstKeyAt: number;
      receivedAt: number;
      keys: WedgeKeyEvent[];
    }
  | { kind: 'typed'; keys: WedgeKeyEvent[] };

interface Held {
  event: WedgeKeyEvent;
  char: string;
}

export function validateWedgeOptions(options: WedgeOptions, where = 'wedge'): void {
  const positive = (name: keyof WedgeOptions, integer: boolean): void => {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
      throw new TypeError(`${where}.${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
    }
  };
  positive('maxInterKeyMs', false);
  positive('minLength', true);
  positive('maxLength', true);
  if (!Number.isFinite(options.quietBeforeMs) || options.quietBeforeMs < 0) {
    throw new TypeError(`${where}.quietBeforeMs must be a number >= 0, got ${String(options.quietBeforeMs)}`);
  }
  if (options.minLength > options.maxLength) throw new TypeError(`${where}.minLength ${options.minLength} exceeds maxLength ${options.maxLength}`);
  if (!Array.isArray(options.suffixKeys) || options.suffixKeys.length === 0 || options.suffixKeys.some((k) => k !== 'Enter' && k !== 'Tab')) {
    throw new TypeError(`${where}.suffixKeys must be a non-empty list of 'Enter' and 'Tab', got ${JSON.stringify(options.suffixKeys)}`);
  }
}

export class WedgeDetector {
  readonly options: WedgeOptions;
  private held: Held[] = [];
  /** timeStamp of the last key seen (typed or held), for the quiet-before rule. */
  private lastKeyAt: number | undefined;
  /** timeStamp of the key before the current burst's first key. */
  private beforeBurstAt: number | undefined;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...DEFAULT_WEDGE, ...options };
    validateWedgeOptions(this.options);
  }

  /** Keys held back while they may still be a scan. */
  get pending(): readonly WedgeKeyEvent[] {
    return this.held.map((h) => h.event);
  }

  /** When the held keys stop being a possible scan (last key + maxInterKeyMs); undefined when none are held. */
  nextDeadline(): number | undefined {
    const last = this.held[this.held.length - 1];
    return last === undefined ? undefined : last.event.timeStamp + this.options.maxInterKeyMs;
  }

  /** Releases held keys as typed once the gap since the last one reached maxInterKeyMs. */
  poll(now: number): WedgeDecision[] {
    const deadline = this.nextDeadline();
    return deadline !== undefined && now >= deadline ? this.flush() : [];
  }

  /** Releases every held key as typed (focus moved, the renderer wants its keys now). */
  flush(): WedgeDecision[] {
    if (this.held.length === 0) return [];
    const keys = this.held.map((h) => h.event);
    this.held = [];
    return [{ kind: 'typed', keys }];
  }

  push(event: WedgeKeyEvent): WedgeDecision[] {
    if (MODIFIER_CODES.has(event.code)) return [];
    const at = event.timeStamp;
    const out = this.poll(at);
    const previousKeyAt = this.lastKeyAt;
    this.lastKeyAt = at;
    if (event.ctrlKey || event.altKey || event.metaKey) return this.typed(out, event);

    const suffix = this.suffixOf(event.code);
    if (suffix !== undefined) {
      const held = this.held;
      this.held = [];
      if (this.isScan(held)) {
        const text = held.map((h) => h.char).join('');
        const aim = parseAim(text);
        const keys = [...held.map((h) => h.event), event];
        out.push({
          kind: 'scan',
          data: aim && aim.rest.length > 0 ? aim.rest : text,
          ...(aim && aim.rest.length > 0 ? { aimId: aim.aimId } : {}),
          firstKeyAt: held[0]!.event.timeStamp,
          receivedAt: at,
          keys,
        });
        // a scanner in continuous mode may start the next code right away: its suffix is not "typing"
        this.lastKeyAt = undefined;
        return out;
      }
      out.push({ kind: 'typed', keys: [...held.map((h) => h.event), event] });
      return out;
    }

    const char = codeToChar(event.code, event.shiftKey);
    if (char === undefined) return this.typed(out, event);
    if (this.held.length === 0) this.beforeBurstAt = previousKeyAt;
    this.held.push({ event, char });
    if (this.held.length > this.options.maxLength) out.push(...this.flush());
    return out;
  }

  private suffixOf(code: string): WedgeSuffixKey | undefined {
    if ((code === 'Enter' || code === 'NumpadEnter') && this.options.suffixKeys.includes('Enter')) return 'Enter';
    if (code === 'Tab' && this.options.suffixKeys.includes('Tab')) return 'Tab';
    return undefined;
  }

  /** Gaps were already checked as keys came (poll); here: length and a quiet start. */
  private isScan(held: Held[]): boolean {
    if (held.length < this.options.minLength) return false;
    const first = held[0]!.event.timeStamp;
    return this.beforeBurstAt === undefined || first - this.beforeBurstAt >= this.options.quietBeforeMs;
  }

  /** A key that cannot be part of a scan: it and everything held go out as typed. */
  private typed(out: WedgeDecision[], event: WedgeKeyEvent): WedgeDecision[] {
    const keys = [...this.held.map((h) => h.event), event];
    this.held = [];
    out.push({ kind: 'typed', keys });
    return out;
  }
}
