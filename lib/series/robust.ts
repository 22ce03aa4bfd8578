/**
 * Robust location / scale and the Iglewicz–Hoaglin modified z-score (domain-rules §3.3).
 *
 * Small shops have short, spiky series; mean/SD are dragged by the very outliers we try
 * to detect, so everything here is median-based.
 */
import { type BaselineResult, changePct, sameWeekdayBaseline } from './baseline';
import { addDays, dateRange, isIsoDate, toValueMap } from './dates';
import { finiteValues, median, sum } from './stats';
import type { DailyPoint, DailySeries, DateFilter, Status } from './types';

// Re-exported so the robust toolkit reads as one module; defined in stats to avoid an
// import cycle with baseline.ts.
export { median } from './stats';

/** Consistency constant: 0.6745 ≈ Φ⁻¹(0.75), so 0.6745·(x−med)/MAD ≈ (x−μ)/σ under normality. */
export const MAD_Z_CONSTANT = 0.6745;
/** √(π/2): mean absolute deviation × 1.253314 estimates σ under normality (MAD = 0 fallback). */
export const MEAN_AD_SCALE = 1.253314;
/** 1.4826 = 1/Φ⁻¹(0.75): MAD × 1.4826 estimates σ under normality (§3.5). */
export const MAD_SIGMA_SCALE = 1.4826;

/** Raw (unscaled) median absolute deviation: median(|x − median(x)|). */
export function mad(values: readonly (number | null | undefined)[]): number | null {
  const xs = finiteValues(values);
  const m = median(xs);
  if (m === null) return null;
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Mean absolute deviation around the median (the MeanAD of the MAD = 0 fallback). */
export function meanAbsDev(values: readonly (number | null | undefined)[]): number | null {
  const xs = finiteValues(values);
  const m = median(xs);
  if (m === null) return null;
  return sum(xs.map((x) => Math.abs(x - m))) / xs.length;
}

/**
 * Robust σ estimate: 1.4826·MAD, else 1.253314·MeanAD when MAD = 0 (sparse data where
 * more than half the points are identical), else null (all points identical).
 */
export function robustSigma(values: readonly (number | null | undefined)[]): number | null {
  const m = mad(values);
  if (m === null) return null;
  if (m > 0) return MAD_SIGMA_SCALE * m;
  const meanAd = meanAbsDev(values);
  return meanAd !== null && meanAd > 0 ? MEAN_AD_SCALE * meanAd : null;
}

export type ZMethod = 'mad' | 'mean-ad' | 'min-change' | 'insufficient';

export interface ModifiedZResult {
  /** Modified z; null when the sample has no spread ('min-change') or is empty. */
  z: number | null;
  median: number | null;
  /** Denominator actually used (0.6745⁻¹·MAD or 1.253314·MeanAD); null if none. */
  scale: number | null;
  /** |x − median|, used directly by the 'min-change' fallback. */
  deviation: number | null;
  method: ZMethod;
}

/**
 * M = 0.6745·(x − med)/MAD, i.e. (x − med)/(MAD/0.6745). When MAD = 0 the SPSS /
 * Iglewicz–Hoaglin convention (stats.SE q/339932, domain-rules source 19) replaces the
 * whole denominator with 1.253314·MeanAD, which estimates the same σ. If that is also 0
 * the z is undefined and callers fall back to an absolute minimum change.
 */
export function modifiedZ(sample: readonly (number | null | undefined)[], x: number): ModifiedZResult {
  const xs = finiteValues(sample);
  const med = median(xs);
  if (med === null || !Number.isFinite(x)) return { z: null, median: med, scale: null, deviation: null, method: 'insufficient' };
  const deviation = Math.abs(x - med);
  const m = mad(xs) ?? 0;
  if (m > 0) {
    const scale = m / MAD_Z_CONSTANT;
    return { z: (x - med) / scale, median: med, scale, deviation, method: 'mad' };
  }
  const meanAd = meanAbsDev(xs) ?? 0;
  if (meanAd > 0) {
    const scale = MEAN_AD_SCALE * meanAd;
    return { z: (x - med) / scale, median: med, scale, deviation, method: 'mean-ad' };
  }
  return { z: null, median: med, scale: null, deviation, method: 'min-change' };
}

export type Transform = 'log1p' | 'none';

/** y = ln(x + 1) for multiplicative metrics (§3.1); null when undefined (x ≤ −1). */
export function applyTransform(x: number, transform: Transform): number | null {
  if (!Number.isFinite(x)) return null;
  if (transform === 'none') return x;
  return x > -1 ? Math.log1p(x) : null;
}

export interface ResidualOptions {
  /** Same-weekday lags for base7w. Default 4. */
  weeks?: number;
  /** Default 'log1p' (GMV, visitors are multiplicative, §3.1). */
  transform?: Transform;
  /** Event days: neither used as baseline inputs nor as residuals. */
  exclude?: DateFilter;
}

/**
 * r_t = ln(x_t + 1) − ln(base7w_t + 1) for each calendar day in [from, to].
 * Only true same-weekday baselines count: the D-1 fallback compares against a different
 * weekday, so its residuals come from another distribution and would pollute the MAD.
 */
export function logResiduals(series: DailySeries, from: string, to: string, options: ResidualOptions = {}): DailyPoint[] {
  const transform = options.transform ?? 'log1p';
  const map = toValueMap(series);
  return dateRange(from, to).map((date) => {
    const x = map.get(date);
    if (x === undefined || options.exclude?.(date)) return { date, value: null };
    const base = sameWeekdayBaseline(map, date, { weeks: options.weeks ?? 4, exclude: options.exclude });
    if (base.value === null || (base.fallback !== 'none' && base.fallback !== 'fewer-weeks')) return { date, value: null };
    const a = applyTransform(x, transform);
    const b = applyTransform(base.value, transform);
    return { date, value: a === null || b === null ? null : a - b };
  });
}

export type AnomalyLevel = 'anomaly' | 'watch' | 'normal';

export interface RobustZOptions extends ResidualOptions {
  /** Residual window in days, ending at (and including) the target date. Default 28. */
  window?: number;
  /** Fewer valid residuals than this → status 'tentative' (use Δ% only). Default 14. */
  minResiduals?: number;
  /** |z| at or above → 'anomaly'. Default 3.5 (Iglewicz–Hoaglin). */
  anomalyZ?: number;
  /** |z| at or above → 'watch'. Default 2.5. */
  watchZ?: number;
  /**
   * Absolute residual deviation that counts as an anomaly when MAD and MeanAD are both 0.
   * Default ln(1.15): on the log scale that is the 15 % change threshold of §3.2. [H]
   */
  minChange?: number;
}

export interface RobustZResult {
  date: string;
  /** Modified z of the target day's residual; null when undefined. */
  z: number | null;
  residual: number | null;
  value: number | null;
  baseline: BaselineResult;
  /** Δ% vs base7w, which rules still use when status is 'tentative'. */
  changePct: number | null;
  median: number | null;
  scale: number | null;
  method: ZMethod;
  /** Valid residuals in the window (target included). */
  n: number;
  status: Status;
  level: AnomalyLevel | null;
}

/**
 * Robust z of day `date` (§3.3, DA-01): its log residual vs base7w, standardised by the
 * median and MAD of the residuals of the last 28 days (target included, as in the
 * Iglewicz–Hoaglin sample formulation). Below 14 residuals the z is still reported but
 * flagged 'tentative' so rules fall back to the Δ% rule as §3.3 requires.
 */
export function robustZ(series: DailySeries, date: string, options: RobustZOptions = {}): RobustZResult {
  const window = Math.max(1, Math.floor(options.window ?? 28));
  const minResiduals = options.minResiduals ?? 14;
  const anomalyZ = options.anomalyZ ?? 3.5;
  const watchZ = options.watchZ ?? 2.5;
  const minChange = options.minChange ?? Math.log(1.15);
  const map = toValueMap(series);
  const value = map.get(date) ?? null;
  const baseline = isIsoDate(date)
    ? sameWeekdayBaseline(map, date, { weeks: options.weeks ?? 4, exclude: options.exclude })
    : { value: null, n: 0, lags: [], fallback: 'insufficient' as const };
  const base: RobustZResult = {
    date,
    z: null,
    residual: null,
    value,
    baseline,
    changePct: changePct(value, baseline.value),
    median: null,
    scale: null,
    method: 'insufficient',
    n: 0,
    status: 'insufficient',
    level: null,
  };
  if (!isIsoDate(date)) return base;

  const residuals = logResiduals(series, addDays(date, -(window - 1)), date, options);
  const target = residuals[residuals.length - 1]?.value ?? null;
  const sample = finiteValues(residuals.map((p) => p.value));
  const n = sample.length;
  if (target === null || n < 3) return { ...base, residual: target, n };

  const mz = modifiedZ(sample, target);
  const status: Status = n >= minResiduals ? 'ok' : 'tentative';
  let level: AnomalyLevel | null = null;
  if (mz.z !== null) {
    const a = Math.abs(mz.z);
    level = a >= anomalyZ ? 'anomaly' : a >= watchZ ? 'watch' : 'normal';
  } else if (mz.deviation !== null) {
    level = mz.deviation >= minChange ? 'anomaly' : 'normal';
  }
  return { ...base, z: mz.z, residual: target, median: mz.median, scale: mz.scale, method: mz.method, n, status, level };
}
