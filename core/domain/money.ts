/** Money is integer yen. Every amount in Regi is a safe, non-negative-or-signed integer of yen. */
export type Yen = number;

export function assertYen(value: number, field = 'amount'): Yen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${field} must be a whole number of yen, got ${String(value)}`);
  }
  return value;
}

export function sumYen(values: readonly Yen[]): Yen {
  let total = 0;
  for (const v of values) total += v;
  return assertYen(total, 'total');
}

/** Formats yen for logs and plain-text receipts: ¥1,234 (negative as -¥1,234). */
export function formatYen(value: Yen): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}¥${Math.abs(value).toLocaleString('en-US')}`;
}
