/** YYMMDD dates as GS1 writes them, with the GS1 sliding century window. */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * GS1 General Specifications 7.12: a YY more than 50 years ahead of the reference year belongs to the previous
 * century, one more than 49 years behind to the next. Without a reference year, YY is 20YY.
 */
export function fullYear(yy: number, referenceYear?: number): number {
  if (referenceYear === undefined) return 2000 + yy;
  const century = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date, or a sentence saying what is wrong. Day 00 ("any day of the month") is allowed when asked. */
export function parseYymmdd(
  digits: string,
  options: { referenceYear?: number; allowDayZero?: boolean } = {},
): CalendarDate | string {
  if (!/^\d{6}$/.test(digits)) return `date ${JSON.stringify(digits)} is not 6 digits YYMMDD`;
  const year = fullYear(Number(digits.slice(0, 2)), options.referenceYear);
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12) return `date ${digits} has month ${digits.slice(2, 4)}, not 01-12`;
  if (day === 0 && options.allowDayZero) return { year, month, day };
  if (day < 1 || day > daysIn(year, month)) {
    return `date ${digits} has day ${digits.slice(4, 6)}, but ${year}-${String(month).padStart(2, '0')} has ${daysIn(year, month)} days`;
  }
  return { year, month, day };
}
