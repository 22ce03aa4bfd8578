/**
 * Calendar arithmetic on 'YYYY-MM-DD' business dates.
 *
 * Business dates are 东八区 calendar days (§0.2). Converting them through local-time
 * `Date` objects would shift them by the browser's offset and break on DST, so every
 * date is mapped to an integer day number via Date.UTC and back — pure calendar math.
 */
import type { DailyPoint, DailySeries } from './types';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Rules do date arithmetic in tight loops over a few hundred distinct dates: parsed day numbers
 * and formatted dates are memoised (bounded, cleared when full).
 */
const DAY_CACHE = new Map<string, number | null>();
const DATE_CACHE = new Map<number, string>();
const CACHE_MAX = 20_000;

function parseDay(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject roll-overs such as 2024-02-30 → 2024-03-01.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** Day number (days since 1970-01-01) or null if the string is not a real calendar date. */
export function dayNumber(date: string): number | null {
  let n = DAY_CACHE.get(date);
  if (n === undefined) {
    if (typeof date !== 'string') return parseDay(date);
    n = parseDay(date);
    if (DAY_CACHE.size >= CACHE_MAX) DAY_CACHE.clear();
    DAY_CACHE.set(date, n);
  }
  return n;
}

export function isIsoDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/**
 * Like dayNumber but throws: a malformed date passed to addDays/weekday/daysBetween is a
 * programming error with no meaningful answer, unlike missing data which we tolerate.
 */
function requireDay(date: string): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`Invalid business date (expected YYYY-MM-DD): ${date}`);
  return n;
}

export function fromDayNumber(n: number): string {
  let s = DATE_CACHE.get(n);
  if (s === undefined) {
    const d = new Date(n * MS_PER_DAY);
    const y = d.getUTCFullYear();
    const mo = String(d.getUTCMonth() + 1).padStart(2, '0');
    const da = String(d.getUTCDate()).padStart(2, '0');
    s = `${String(y).padStart(4, '0')}-${mo}-${da}`;
    if (DATE_CACHE.size >= CACHE_MAX) DATE_CACHE.clear();
    DATE_CACHE.set(n, s);
  }
  return s;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(requireDay(date) + Math.trunc(n));
}

/** 0 = Sunday … 6 = Saturday (same convention as Date#getUTCDay). */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((requireDay(date) + 4) % 7) + 7) % 7;
}

/** Signed number of days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return requireDay(to) - requireDay(from);
}

/** Inclusive list of dates; empty when from > to or either date is invalid. */
export function dateRange(from: string, to: string): string[] {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || a > b) return [];
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

/**
 * date → finite value. Points with invalid dates or non-finite values are skipped; for a
 * duplicated date the last finite value wins (duplicates themselves are a DA-09 concern).
 */
export function toValueMap(series: DailySeries): Map<string, number> {
  const map = new Map<string, number>();
  for (const p of series) {
    if (typeof p.value === 'number' && Number.isFinite(p.value) && isIsoDate(p.date)) map.set(p.date, p.value);
  }
  return map;
}

/** First and last valid dates of a series (input order not assumed). */
export function seriesBounds(series: DailySeries): { from: string; to: string } | null {
  let lo: number | null = null;
  let hi: number | null = null;
  for (const p of series) {
    const n = dayNumber(p.date);
    if (n === null) continue;
    if (lo === null || n < lo) lo = n;
    if (hi === null || n > hi) hi = n;
  }
  return lo === null || hi === null ? null : { from: fromDayNumber(lo), to: fromDayNumber(hi) };
}

/**
 * One point per calendar day in [from, to] (defaults: the series' own bounds); days
 * without a finite value become null — gaps stay visible instead of turning into zeros.
 */
export function fillCalendar(series: DailySeries, from?: string, to?: string): DailyPoint[] {
  const bounds = seriesBounds(series);
  const start = from ?? bounds?.from;
  const end = to ?? bounds?.to;
  if (start === undefined || end === undefined) return [];
  const map = toValueMap(series);
  return dateRange(start, end).map((date) => ({ date, value: map.get(date) ?? null }));
}

/**
 * Last business date whose data is mature enough to judge (§0.4): `lagDays` = 1 for
 * ordinary metrics (today's intraday numbers are never compared with full days), 8 for
 * refund rates by payment date, 14 for 签收退款率, 3 for 万相台 natural-traffic fields.
 */
export function lastMatureDate(today: string, lagDays = 1): string {
  return addDays(today, -Math.max(1, Math.floor(lagDays)));
}
