/**
 * What main and preload agree on: two channel names and the shape of a call's outcome.
 * Outcomes travel as data, not as rejected promises, because an Error crossing IPC keeps only
 * its message; the preload turns a failed outcome back into an Error for the renderer.
 */
import type { RegisterErrorCode, RegisterEvent } from '../core/api.js';

/** Renderer -> main: invoke(CALL_CHANNEL, method, params) resolves with a CallOutcome. */
export const CALL_CHANNEL = 'regi:call';
/** Main -> renderer: every RegisterEvent the host pushes. */
export const EVENT_CHANNEL = 'regi:event';

export type CallOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: RegisterErrorCode; message: string } };

/** What the preload exposes as window.regiEvents (window.regi is the RegisterApi itself). */
export interface RegiEventsBridge {
  subscribe(listener: (event: RegisterEvent) => void): () => void;
}
