import { sameWeekdayBaseline } from '../../series/baseline';
import { addDays } from '../../series/dates';
import type { DailySeries } from '../../series/types';

/**
 * Platform-wide sales events (大促) by month-day, pre-sale and after-dip included. Their days
 * stay out of "normal" baselines (domain-rules §3.1): comparing the week after 双11 with the
 * 双11 warm-up would hide every real problem or invent one.
 */
export const PROMO_WINDOWS: readonly { name: { zh: string; en: string }; from: string; to: string }[] = [
  { name: { zh: '38节', en: 'Women’s Day sale' }, from: '03-01', to: '03-08' },
  { name: { zh: '618', en: '618' }, from: '05-20', to: '06-21' },
  { name: { zh: '双11', en: 'Double 11' }, from: '10-14', to: '11-14' },
  { name: { zh: '双12', en: 'Double 12' }, from: '12-08', to: '12-13' },
];

export function promoOf(date: string): { zh: string; en: string } | null {
  const md = date.slice(5);
  return PROMO_WINDOWS.find((w) => md >= w.from && md <= w.to)?.name ?? null;
}

const PROMO_DAYS = new Map<string, boolean>();

/** Memoised: rules ask it for every day of every window. */
export const isPromoDay = (date: string): boolean => {
  let v = PROMO_DAYS.get(date);
  if (v === undefined) {
    v = promoOf(date) !== null;
    if (PROMO_DAYS.size > 20_000) PROMO_DAYS.clear();
    PROMO_DAYS.set(date, v);
  }
  return v;
};

/** How far to look back so that `wanted` non-event days are included (capped). */
export function lookbackDays(asOf: string, wanted: number, cap: number): number {
  let kept = 0;
  let window = 0;
  while (kept < wanted && window < cap) {
    if (!isPromoDay(addDays(asOf, -window))) kept++;
    window++;
  }
  return window;
}

/** Weeks of same-weekday lags needed to find `wanted` non-event weeks (capped at 10). */
export function baselineWeeks(asOf: string, wanted = 4): number {
  let kept = 0;
  let w = 0;
  while (kept < wanted && w < 10) {
    w++;
    if (!isPromoDay(addDays(asOf, -7 * w))) kept++;
  }
  return w;
}

/** base7w that skips event days, reaching back further so that it still rests on 4 weeks. */
export function normalBaseline(series: DailySeries, asOf: string) {
  return sameWeekdayBaseline(series, asOf, { weeks: baselineWeeks(asOf), exclude: isPromoDay });
}
