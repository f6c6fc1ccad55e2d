/**
 * A clock that starts at a chosen instant and then runs at real speed (`regi serve --clock-start`,
 * simulator mode only): screenshot tests and demos get the same dates on every run.
 */
import { systemClock, type Clock } from '../core/ports.js';

/** Parses an ISO 8601 date-time with a zone (e.g. 2026-04-01T10:30:00+09:00); throws naming the problem. */
export function parseClockStart(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new RangeError(`--clock-start must be an ISO date-time with a zone, like 2026-04-01T10:30:00+09:00 (got "${text}")`);
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new RangeError(`--clock-start "${text}" is not a real date-time`);
  return ms;
}

export function clockStartingAt(startMs: number, base: Clock = systemClock): Clock {
  const offset = startMs - base.now();
  return { now: () => base.now() + offset };
}
