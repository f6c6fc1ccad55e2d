import { jstParts } from '../../core/domain/receipt/receipt.js';

/** Yen as the register shows it: ¥1,234 (negative as -¥1,234). Integer yen only. */
export function formatYen(value: number): string {
  if (!Number.isFinite(value)) return '¥?';
  const whole = Math.trunc(value);
  const digits = Math.abs(whole).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole < 0 ? '-' : ''}¥${digits}`;
}

/** HH:MM in the page's local time, for recent-sale lists. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
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
