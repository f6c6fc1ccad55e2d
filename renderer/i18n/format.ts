import { jstParts } from '../../core/domain/receipt/receipt.js';

/** Yen as the register shows it: ¥1,234 (negative as -¥1,234). Integer yen only. */
export function formatYen(value: number): string {
  if (!Number.isFinite(value)) return '¥?';
  const whole = Math.trunc(value);
  const digits = Math.abs(whole).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole < 0 ? '-' : ''}¥${digits}`;
}

/** HH:MM in the store's time (JST), for recent-sale lists: the same clock as the receipt beside them. */
export function formatTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '?';
  return jstParts(epochMs).time.slice(0, 5);
}

/**
 * A date-time field's value (YYYY-MM-DDTHH:MM, what <input type="datetime-local"> gives) read as store time (JST),
 * whatever the browser's zone, as epoch ms; null when it is not a real date and time.
 */
export function parseStoreDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return utc - 9 * 3_600_000;
}

/**
 * 2026-04-01 10:30 (or 10:30:05 with seconds) in the store's time (JST), whatever the browser's zone; the same in
 * Japanese and English, so a time reads the same on every screen and in both languages.
 */
export function formatStoreDateTime(epochMs: number, options: { seconds?: boolean } = {}): string {
  if (!Number.isFinite(epochMs)) return '?';
  const { date, time } = jstParts(epochMs);
  return `${date} ${options.seconds ? time : time.slice(0, 5)}`;
}
