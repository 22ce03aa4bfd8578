/**
 * Same-weekday baselines, change rates and weekday seasonal indices (domain-rules §3.1–§3.2).
 *
 * Tmall traffic has a strong weekly cycle, so "yesterday vs the day before" mostly
 * measures the weekday effect. The default comparison base (§0.3 priority 1) is the
 * median of the same weekday over the previous four weeks.
 */
import { addDays, dateRange, isIsoDate, seriesBounds, toValueMap, weekday } from './dates';
import { median } from './stats';
import type { DailyPoint, DailySeries, DateFilter, Status } from './types';

export type BaselineFallback = 'none' | 'fewer-weeks' | 'previous-day' | 'insufficient';

export interface BaselineResult {
  /** Median of the available same-weekday values (or D-1 under fallback); null if none. */
  value: number | null;
  /** Number of values the baseline rests on. */
  n: number;
  /** Day lags actually used, e.g. [7, 14, 28] when D-21 was missing. */
  lags: number[];
  /**
   * 'none' = all requested weeks present; 'fewer-weeks' = new shop or gaps, used what
   * exists; 'previous-day' = no same-weekday history, D-1 used and flagged 样本不足;
   * 'insufficient' = nothing usable.
   */
  fallback: BaselineFallback;
}

export interface BaselineOptions {
  /** Number of same-weekday lags (D-7 … D-7·weeks). Default 4 (base7w). */
  weeks?: number;
  /** Days to keep out of the baseline, e.g. 大促 / 断货 days (§3.1). */
  exclude?: DateFilter;
}

/** base7w = median(x[D-7], x[D-14], x[D-21], x[D-28]) with the §3.2 fallbacks. */
export function sameWeekdayBaseline(series: DailySeries | Map<string, number>, date: string, options: BaselineOptions = {}): BaselineResult {
  const weeks = Math.max(1, Math.floor(options.weeks ?? 4));
  const exclude = options.exclude;
  const map = series instanceof Map ? series : toValueMap(series);
  if (!isIsoDate(date)) return { value: null, n: 0, lags: [], fallback: 'insufficient' };
  const pick = (lag: number): number | undefined => {
    const d = addDays(date, -lag);
    if (exclude?.(d)) return undefined;
    return map.get(d);
  };

  const lags: number[] = [];
  const values: number[] = [];
  for (let k = 1; k <= weeks; k++) {
    const v = pick(7 * k);
    if (v !== undefined) {
      lags.push(7 * k);
      values.push(v);
    }
  }
  if (values.length > 0) {
    return { value: median(values), n: values.length, lags, fallback: values.length === weeks ? 'none' : 'fewer-weeks' };
  }
  const prev = pick(1);
  if (prev !== undefined) return { value: prev, n: 1, lags: [1], fallback: 'previous-day' };
  return { value: null, n: 0, lags: [], fallback: 'insufficient' };
}

/**
 * Δ% = (x − base) ÷ base (§3.2). Null when either side is missing or the base is 0:
 * "from 0 to 5" has no meaningful percentage and must not become Infinity in the UI.
 */
export function changePct(current: number | null | undefined, base: number | null | undefined): number | null {
  if (typeof current !== 'number' || typeof base !== 'number') return null;
  if (!Number.isFinite(current) || !Number.isFinite(base) || base === 0) return null;
  return (current - base) / Math.abs(base);
}

export interface SeasonalIndexResult {
  /** Index by weekday (0 = Sunday). 1 for weekdays without data, so adjusting is a no-op there. */
  index: number[];
  /** Values behind each weekday's median. */
  counts: number[];
  /** Median of all values in the window (全周中位数). */
  overallMedian: number | null;
  /** Weekdays that had no observation and were defaulted to 1. */
  missingWeekdays: number[];
  status: Status;
  from: string | null;
  to: string | null;
}

export interface SeasonalIndexOptions {
  /** Window length in weeks. Default 8 (§3.1). */
  weeks?: number;
  /** Last date of the window (default: the series' last date). */
  end?: string;
  exclude?: DateFilter;
}

/**
 * Weekday seasonal index = weekday median ÷ overall median over the last 8 weeks (§3.1).
 * Medians (not means) keep a single promotion day from distorting a weekday's index.
 * Status is 'tentative' when some weekday has < 2 observations, 'insufficient' when the
 * overall median is missing or 0 (a ratio against 0 is meaningless).
 */
export function seasonalIndex(series: DailySeries, options: SeasonalIndexOptions = {}): SeasonalIndexResult {
  const weeks = Math.max(1, Math.floor(options.weeks ?? 8));
  const end = options.end ?? seriesBounds(series)?.to;
  const empty: SeasonalIndexResult = {
    index: [1, 1, 1, 1, 1, 1, 1],
    counts: [0, 0, 0, 0, 0, 0, 0],
    overallMedian: null,
    missingWeekdays: [0, 1, 2, 3, 4, 5, 6],
    status: 'insufficient',
    from: null,
    to: null,
  };
  if (end === undefined || !isIsoDate(end)) return empty;
  const from = addDays(end, -(7 * weeks - 1));
  const map = toValueMap(series);
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  const all: number[] = [];
  for (const d of dateRange(from, end)) {
    if (options.exclude?.(d)) continue;
    const v = map.get(d);
    if (v === undefined) continue;
    all.push(v);
    byWeekday[weekday(d)]?.push(v);
  }
  const overall = median(all);
  if (overall === null || overall === 0) return { ...empty, overallMedian: overall, from, to: end, counts: byWeekday.map((xs) => xs.length) };
  const missingWeekdays: number[] = [];
  const index = byWeekday.map((xs, wd) => {
    const m = median(xs);
    if (m === null) {
      missingWeekdays.push(wd);
      return 1;
    }
    return m / overall;
  });
  const counts = byWeekday.map((xs) => xs.length);
  const status: Status = missingWeekdays.length > 0 || counts.some((c) => c < 2) ? 'tentative' : 'ok';
  return { index, counts, overallMedian: overall, missingWeekdays, status, from, to: end };
}

/**
 * x_adj = x ÷ idx[weekday] (§3.1). A zero index (a weekday that never sells) leaves the
 * point null instead of producing Infinity.
 */
export function seasonallyAdjust(series: DailySeries, index: readonly number[]): DailyPoint[] {
  return series.map((p) => {
    if (p.value === null || !Number.isFinite(p.value) || !isIsoDate(p.date)) return { date: p.date, value: null };
    const idx = index[weekday(p.date)];
    return { date: p.date, value: idx === undefined || idx === 0 || !Number.isFinite(idx) ? null : p.value / idx };
  });
}
