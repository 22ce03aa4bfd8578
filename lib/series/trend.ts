/**
 * Non-parametric trend tools (domain-rules §3.6, DA-05): Mann-Kendall test, Theil–Sen
 * slope and trailing moving averages. Rank-based, so one promotion spike cannot create
 * or hide a trend the way an OLS slope would.
 */
import { twoSidedP } from './normal';
import { finiteValues, mean, median } from './stats';
import type { Status } from './types';

export interface MannKendallResult {
  status: Status;
  /** Number of finite points used. */
  n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Var(S) with tie correction. */
  varS: number;
  /** Continuity-corrected normal score. */
  z: number | null;
  /** Two-sided p-value from the normal approximation. */
  p: number | null;
  /** Kendall τ_a = S / (n(n−1)/2). */
  tau: number | null;
  trend: 'increasing' | 'decreasing' | 'none' | null;
}

export interface MannKendallOptions {
  /** Significance level for `trend`. Default 0.05. */
  alpha?: number;
  /** Fewer finite points → 'insufficient'. Default 21 (§3.6 asks ≥ 21 MA-7 points). */
  minPoints?: number;
}

/**
 * Mann-Kendall trend test (Mann 1945; Kendall 1975; as in Gilbert 1987 §16.4):
 *   Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18,
 *   Z = (S − 1)/√Var if S > 0, (S + 1)/√Var if S < 0, else 0; p = 2·(1 − Φ(|Z|)).
 * Missing values are dropped (order kept) — the test only uses pairwise ordering.
 */
export function mannKendall(values: readonly (number | null)[], options: MannKendallOptions = {}): MannKendallResult {
  const alpha = options.alpha ?? 0.05;
  const minPoints = Math.max(3, options.minPoints ?? 21);
  const xs = finiteValues(values);
  const n = xs.length;
  if (n < 3) return { status: 'insufficient', n, s: 0, varS: 0, z: null, p: null, tau: null, trend: null };
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = xs[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign((xs[j] as number) - xi);
  }
  const ties = new Map<number, number>();
  for (const x of xs) ties.set(x, (ties.get(x) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const tau = s / ((n * (n - 1)) / 2);
  const status: Status = n >= minPoints ? 'ok' : 'insufficient';
  if (varS <= 0) {
    // All values tied: no ordering information at all.
    return { status, n, s, varS, z: 0, p: 1, tau, trend: 'none' };
  }
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  const p = twoSidedP(z);
  const trend = p < alpha ? (z > 0 ? 'increasing' : 'decreasing') : 'none';
  return { status, n, s, varS, z, p, tau, trend };
}

export interface TheilSenResult {
  status: Status;
  /** Median of pairwise slopes, per index step (per day for a calendar series). */
  slope: number | null;
  /** median(y − slope·x), so the fitted line is intercept + slope·index. */
  intercept: number | null;
  n: number;
}

/**
 * Theil–Sen slope over index positions. Nulls keep their slot, so x stays the true day
 * offset even across gaps — slopes remain "per day".
 */
export function theilSen(values: readonly (number | null)[]): TheilSenResult {
  const pts: [number, number][] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) pts.push([i, v]);
  });
  const n = pts.length;
  if (n < 2) return { status: 'insufficient', slope: null, intercept: null, n };
  const slopes: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const [xi, yi] = pts[i] as [number, number];
    for (let j = i + 1; j < n; j++) {
      const [xj, yj] = pts[j] as [number, number];
      slopes.push((yj - yi) / (xj - xi));
    }
  }
  const slope = median(slopes);
  if (slope === null) return { status: 'insufficient', slope: null, intercept: null, n };
  const intercept = median(pts.map(([x, y]) => y - slope * x));
  return { status: 'ok', slope, intercept, n };
}

/**
 * Trailing moving average; entry i averages values[i−window+1 … i]. An entry is null
 * unless at least `minValid` of those days are present (default: all of them — a 7-day
 * average missing a weekday is biased by the weekly cycle).
 */
export function movingAverage(values: readonly (number | null)[], window = 7, minValid = window): (number | null)[] {
  const w = Math.max(1, Math.floor(window));
  const need = Math.min(w, Math.max(1, Math.floor(minValid)));
  return values.map((_, i) => {
    if (i < w - 1) return null;
    const slice = finiteValues(values.slice(i - w + 1, i + 1));
    return slice.length >= need ? (mean(slice) as number) : null;
  });
}

export interface WeeklyTrendResult {
  status: Status;
  mk: MannKendallResult;
  sen: TheilSenResult;
  /** Theil–Sen slope × 7 ÷ mean of the MA-7 series: "每周变化约 x%". */
  slopePctPerWeek: number | null;
  /** (last fitted − first fitted) ÷ first fitted over the MA-7 span; DA-05's 累计降幅. */
  cumulativeChangePct: number | null;
  /** MA-7 series the tests ran on. */
  smoothed: (number | null)[];
}

/**
 * DA-05 pipeline: MA-7 → Mann-Kendall (≥ 21 points) + Theil–Sen. Running MK on a moving
 * average violates its independence assumption (p is optimistic); we keep it because
 * §3.6 prescribes it and DA-05 additionally requires a ≥ 10 % cumulative change.
 */
export function weeklyTrend(values: readonly (number | null)[], options: MannKendallOptions = {}): WeeklyTrendResult {
  const smoothed = movingAverage(values, 7);
  const mk = mannKendall(smoothed, options);
  const sen = theilSen(smoothed);
  const level = mean(smoothed);
  let slopePctPerWeek: number | null = null;
  let cumulativeChangePct: number | null = null;
  if (sen.slope !== null && sen.intercept !== null && level !== null && level !== 0) {
    slopePctPerWeek = (sen.slope * 7) / level;
    const idx = smoothed.map((v, i) => (v === null ? null : i)).filter((i): i is number => i !== null);
    const first = idx[0];
    const last = idx[idx.length - 1];
    if (first !== undefined && last !== undefined) {
      const f0 = sen.intercept + sen.slope * first;
      const f1 = sen.intercept + sen.slope * last;
      cumulativeChangePct = f0 !== 0 ? (f1 - f0) / Math.abs(f0) : null;
    }
  }
  const status: Status = mk.status === 'ok' && sen.status === 'ok' ? 'ok' : 'insufficient';
  return { status, mk, sen, slopePctPerWeek, cumulativeChangePct, smoothed };
}
