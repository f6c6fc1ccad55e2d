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
