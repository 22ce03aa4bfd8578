/** Calendar helpers on 'YYYY-MM-DD' strings (pure, timezone-free: dates are Beijing calendar days). */

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  return fromDayNum(toDayNum(s)) === s;
}

/** Days since 1970-01-01 for a calendar date. */
export function toDayNum(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`bad date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function fromDayNum(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNum(toDayNum(date) + days);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(toDayNum(date) * DAY_MS).getUTCDay() + 6) % 7;
}

/** Epoch ms of 00:00 Beijing time (UTC+8) on that date — sycm's `statDate` format. */
export function beijingMidnightMs(date: string): number {
  return toDayNum(date) * DAY_MS - BEIJING_OFFSET_MS;
}

/** Calendar date in Beijing for an epoch-ms instant. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function monthDay(date: string): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
}

/** Inclusive range of dates, oldest first. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = toDayNum(from); n <= toDayNum(to); n++) out.push(fromDayNum(n));
  return out;
}
