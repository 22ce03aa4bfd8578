/**
 * Additive Holt-Winters with damped trend, weekly season (domain-rules §3.7; FPP3 §8.3).
 *
 * Used for the month-end GMV projection (DA-06), average daily sales (SC-01) and the
 * campaign counterfactual (§3.9). Everything is in plain TypeScript because the extension
 * cannot ship statsmodels; parameters are fitted by one-step SSE (≈ Gaussian MLE for
 * additive errors) over a coarse grid, then refined by a pattern search.
 */
import { addDays, fillCalendar, seriesBounds } from './dates';
import { applyTransform, type Transform } from './robust';
import { finiteValues, mean, quantile } from './stats';
import type { DailyPoint, DailySeries, DateFilter, Status } from './types';

export interface HoltWintersParams {
  /** Level smoothing α ∈ (0, 1). */
  alpha: number;
  /** Trend smoothing β* ∈ (0, 1) (FPP3's β, applied to the level change). */
  beta: number;
  /** Seasonal smoothing γ ∈ [0, 1 − α]. */
  gamma: number;
  /** Trend damping φ, within phiRange (default [0.8, 0.98], §3.7). */
  phi: number;
}

export type ForecastMethod = 'holt-winters' | 'seasonal-naive' | 'mean' | 'insufficient';

export interface HoltWintersOptions {
  /** Season length m. Default 7 (daily data, weekly cycle). */
  seasonLength?: number;
  /** 'log1p' models ln(x+1) additively (≈ multiplicative season, §3.7). Default 'none'. */
  transform?: Transform;
  /** Event days to mask: treated as missing, i.e. replaced by the model's own one-step forecast (§3.7). */
  exclude?: DateFilter;
  /** Damping range. Default [0.8, 0.98]. */
  phiRange?: readonly [number, number];
  /** Skip fitting and use these parameters (missing fields are fitted). */
  params?: Partial<HoltWintersParams>;
  /** Fall back to seasonal naive when MASE ≥ 1. Default true. */
  maseFallback?: boolean;
}

export interface ForecastModel {
  method: ForecastMethod;
  status: Status;
  reason?: string;
  transform: Transform;
  seasonLength: number;
  /** Last calendar date of the training data; forecasts start the day after. */
  lastDate: string | null;
  /** Finite training observations. */
  n: number;
  params: HoltWintersParams | null;
  /** Final states on the modelling scale. */
  level: number | null;
  trend: number | null;
  /** Seasonal terms for horizons 1…m (index (h−1) mod m). */
  season: number[];
  /** One-step in-sample residuals on the modelling scale. */
  residuals: number[];
  /** Mean one-step absolute error ÷ seasonal-naive mean absolute error (in-sample). */
  mase: number | null;
  /** Modelling-scale values of the last m calendar days (seasonal-naive source). */
  lastSeason: (number | null)[];
  /** Mean of the last m finite modelling-scale values (7 日均值 fallback). */
  recentMean: number | null;
  /** Seasonal-naive residuals y_t − y_{t−m} (interval source for the naive method). */
  naiveResiduals: number[];
  /** Clamp forecasts at 0 when the training data had no negative values. */
  nonNegative: boolean;
  /** One-step fitted values on the original scale (HW only). */
  fitted: DailyPoint[];
}

export interface ForecastPoint {
  date: string;
  h: number;
  /** Point forecast (a median when transform = 'log1p', since expm1 is applied to the mean on the log scale). */
  mean: number;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
}

interface FilterResult {
  sse: number;
  residuals: number[];
  /** residual index → time index, to pair with seasonal-naive errors for MASE. */
  residualAt: Map<number, number>;
  fitted: (number | null)[];
  level: number;
  trend: number;
  /** season[t mod m] after the last update. */
  season: number[];
}

interface InitialState {
  level: number;
  trend: number;
  season: number[];
}

/**
 * Classical initialisation from the first two seasons: the two seasonal means give level
 * and slope, and each phase's seasonal term is its average deviation from that line.
 */
function initialState(y: readonly (number | null)[], m: number): InitialState | null {
  const a1 = mean(y.slice(0, m));
  const a2 = mean(y.slice(m, 2 * m));
  if (a1 === null || a2 === null) return null;
  const slope = (a2 - a1) / m;
  const line = (t: number): number => a1 + slope * (t - (m - 1) / 2);
  const season: number[] = [];
  for (let i = 0; i < m; i++) {
    const devs: number[] = [];
    for (const t of [i, i + m]) {
      const v = y[t];
      if (v !== null && v !== undefined) devs.push(v - line(t));
    }
    season.push(devs.length > 0 ? (mean(devs) as number) : 0);
  }
  const sBar = mean(season) ?? 0;
  // Level is the line's value one step before t = 0, so the first forecast is l + φb + s.
  return { level: line(-1) + sBar, trend: slope, season: season.map((s) => s - sBar) };
}

/** Error-correction form: l += φb + αe; b = φb + αβ*e; s_{t} = s_{t−m} + γe (FPP3 Table 8.6). */
function runFilter(y: readonly (number | null)[], p: HoltWintersParams, m: number, init: InitialState): FilterResult {
  let level = init.level;
  let trend = init.trend;
  const season = init.season.slice();
  let sse = 0;
  const residuals: number[] = [];
  const residualAt = new Map<number, number>();
  const fitted: (number | null)[] = [];
  for (let t = 0; t < y.length; t++) {
    const phase = t % m;
    const s = season[phase] as number;
    const yHat = level + p.phi * trend + s;
    fitted.push(yHat);
    const v = y[t];
    // A missing or masked day carries the forecast forward (e = 0): no information arrived.
    const e = v === null || v === undefined ? 0 : v - yHat;
    if (v !== null && v !== undefined) {
      sse += e * e;
      residualAt.set(t, residuals.length);
      residuals.push(e);
    }
    level = level + p.phi * trend + p.alpha * e;
    trend = p.phi * trend + p.alpha * p.beta * e;
    season[phase] = s + p.gamma * e;
  }
  return { sse, residuals, residualAt, fitted, level, trend, season };
}

function clampParams(p: HoltWintersParams, phiRange: readonly [number, number]): HoltWintersParams {
  const alpha = Math.min(0.9999, Math.max(0.0001, p.alpha));
  const beta = Math.min(0.9999, Math.max(0.0001, p.beta));
  const gamma = Math.min(1 - alpha, Math.max(0, p.gamma));
  const phi = Math.min(phiRange[1], Math.max(phiRange[0], p.phi));
  return { alpha, beta, gamma, phi };
}

/** Coarse grid over (α, β*, γ, φ), then a shrinking-step coordinate pattern search. */
function fitParams(
  y: readonly (number | null)[],
  m: number,
  init: InitialState,
  phiRange: readonly [number, number],
  fixed: Partial<HoltWintersParams>,
): HoltWintersParams {
  const keys = ['alpha', 'beta', 'gamma', 'phi'] as const;
  const sse = (p: HoltWintersParams): number => runFilter(y, p, m, init).sse;
  const [phiLo, phiHi] = phiRange;
  const grid = {
    alpha: fixed.alpha !== undefined ? [fixed.alpha] : [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9],
    beta: fixed.beta !== undefined ? [fixed.beta] : [0.01, 0.05, 0.1, 0.2, 0.4],
    gamma: fixed.gamma !== undefined ? [fixed.gamma] : [0.01, 0.05, 0.1, 0.2, 0.4],
    phi: fixed.phi !== undefined ? [fixed.phi] : [0, 1 / 3, 2 / 3, 1].map((k) => phiLo + k * (phiHi - phiLo)),
  };
  let best: HoltWintersParams = clampParams({ alpha: 0.2, beta: 0.05, gamma: 0.05, phi: phiHi }, phiRange);
  let bestSse = Number.POSITIVE_INFINITY;
  for (const alpha of grid.alpha)
    for (const beta of grid.beta)
      for (const gamma of grid.gamma)
        for (const phi of grid.phi) {
          if (gamma > 1 - alpha) continue;
          const p = clampParams({ alpha, beta, gamma, phi }, phiRange);
          const v = sse(p);
          if (v < bestSse) {
            bestSse = v;
            best = p;
          }
        }
  const step: Record<(typeof keys)[number], number> = { alpha: 0.05, beta: 0.05, gamma: 0.05, phi: Math.max(0.005, (phiHi - phiLo) / 6) };
  for (let iter = 0; iter < 400; iter++) {
    let improved = false;
    for (const k of keys) {
      if (fixed[k] !== undefined) continue;
      for (const dir of [1, -1]) {
        const cand = clampParams({ ...best, [k]: best[k] + dir * step[k] }, phiRange);
        const v = sse(cand);
        if (v < bestSse - 1e-12 * Math.max(1, bestSse)) {
          bestSse = v;
          best = cand;
          improved = true;
        }
      }
    }
    if (!improved) {
      for (const k of keys) step[k] /= 2;
      if (Math.max(step.alpha, step.beta, step.gamma, step.phi) < 1e-4) break;
    }
  }
  return best;
}

function baseModel(transform: Transform, m: number): ForecastModel {
  return {
    method: 'insufficient',
    status: 'insufficient',
    transform,
    seasonLength: m,
    lastDate: null,
    n: 0,
    params: null,
    level: null,
    trend: null,
    season: [],
    residuals: [],
    mase: null,
    lastSeason: [],
    recentMean: null,
    naiveResiduals: [],
    nonNegative: true,
    fitted: [],
  };
}

/**
 * Fits the forecasting model with the §3.7 fallbacks:
 *  - < 14 finite points (2 seasons) → seasonal naive (last week's same day), or the
 *    recent mean when not even a week of calendar exists;
 *  - HW fitted but in-sample MASE ≥ 1 vs seasonal naive → seasonal naive.
 */
export function fitHoltWinters(series: DailySeries, options: HoltWintersOptions = {}): ForecastModel {
  const m = Math.max(1, Math.floor(options.seasonLength ?? 7));
  const transform = options.transform ?? 'none';
  const phiRange = options.phiRange ?? [0.8, 0.98];
  const model = baseModel(transform, m);
  // Leading gaps carry no information; start the calendar at the first real observation.
  const calendar = fillCalendar(
    series.filter((p) => p.value !== null && Number.isFinite(p.value)),
    undefined,
    seriesBounds(series)?.to,
  );
  if (calendar.length === 0) return { ...model, reason: 'no observations' };
  const lastDate = (calendar[calendar.length - 1] as DailyPoint).date;
  const raw = calendar.map((p) => (p.value === null || options.exclude?.(p.date) ? null : p.value));
  const y = raw.map((v) => (v === null ? null : applyTransform(v, transform)));
  const finite = finiteValues(y);
  const n = finite.length;
  const nonNegative = finiteValues(raw).every((v) => v >= 0);
  const lastSeason = y.slice(Math.max(0, y.length - m));
  while (lastSeason.length < m) lastSeason.unshift(null);
  const recentMean = mean(finite.slice(-m));
  const naiveResiduals: number[] = [];
  const naiveAt = new Map<number, number>();
  for (let t = m; t < y.length; t++) {
    const a = y[t];
    const b = y[t - m];
    if (a !== null && a !== undefined && b !== null && b !== undefined) {
      naiveAt.set(t, a - b);
      naiveResiduals.push(a - b);
    }
  }
  const common = { ...model, lastDate, n, nonNegative, lastSeason, recentMean, naiveResiduals };
  if (n === 0) return { ...common, reason: 'no observations' };
  const shortMethod: ForecastMethod = y.length >= m && lastSeason.some((v) => v !== null) ? 'seasonal-naive' : 'mean';

  const init = y.length >= 2 * m && n >= 2 * m ? initialState(y, m) : null;
  if (init === null) {
    return { ...common, method: shortMethod, status: 'tentative', reason: `only ${n} observations; Holt-Winters needs 2 full seasons (${2 * m})` };
  }
  const params = fitParams(y, m, init, phiRange, options.params ?? {});
  const run = runFilter(y, params, m, init);

  // MASE on the same time points for both methods so neither gets easier days.
  let hwAbs = 0;
  let naiveAbs = 0;
  let count = 0;
  for (const [t, e] of naiveAt) {
    const ri = run.residualAt.get(t);
    if (ri === undefined) continue;
    hwAbs += Math.abs(run.residuals[ri] as number);
    naiveAbs += Math.abs(e);
    count += 1;
  }
  let mase: number | null = null;
  let useNaive = false;
  if (count > 0) {
    const scale = Math.max(1e-12, ...finite.map((v) => Math.abs(v)));
    if (naiveAbs / count > 1e-12 * scale) mase = hwAbs / naiveAbs;
    // A perfectly repeating week: naive is exact, so HW must be exact too to stay.
    else useNaive = hwAbs / count > 1e-9 * scale;
  }
  if (mase !== null && mase >= 1) useNaive = true;

  const season: number[] = [];
  const lastT = y.length - 1;
  for (let k = 1; k <= m; k++) season.push(run.season[(lastT + k) % m] as number);
  const back = (v: number | null): number | null => (v === null ? null : transform === 'log1p' ? Math.expm1(v) : v);
  const fitted = calendar.map((p, i) => ({ date: p.date, value: back(run.fitted[i] ?? null) }));
  const hw: ForecastModel = {
    ...common,
    method: 'holt-winters',
    status: 'ok',
    params,
    level: run.level,
    trend: run.trend,
    season,
    residuals: run.residuals,
    mase,
    fitted,
  };
  if (useNaive && options.maseFallback !== false) {
    return {
      ...hw,
      method: 'seasonal-naive',
      reason: mase === null ? 'seasonal naive is exact in-sample' : `MASE ${mase.toFixed(3)} ≥ 1: Holt-Winters is no better than seasonal naive`,
    };
  }
  return hw;
}

/** Variance multipliers c_h = 1 + Σ_{j<h} ψ_j², ψ_j = α(1 + β*φ_j) + γ·[j mod m = 0] (Hyndman et al. 2008, ETS(A,Ad,A)). */
function hwVarianceMultiplier(p: HoltWintersParams, m: number, h: number): number {
  let c = 1;
  let phiSum = 0;
  for (let j = 1; j < h; j++) {
    phiSum += p.phi ** j;
    const psi = p.alpha * (1 + p.beta * phiSum) + (j % m === 0 ? p.gamma : 0);
    c += psi * psi;
  }
  return c;
}

/**
 * h-step forecasts with prediction intervals. Interval edges are empirical quantiles of
 * the one-step residuals (no normality assumption — sales residuals are skewed) scaled by
 * √c_h so they widen with the horizon (HW), or by √(⌈h/m⌉) for seasonal naive; the mean
 * method has no residual model and returns null intervals.
 */
export function forecast(model: ForecastModel, h: number): ForecastPoint[] {
  const H = Math.max(0, Math.floor(h));
  if (model.method === 'insufficient' || model.lastDate === null || H === 0) return [];
  const m = model.seasonLength;
  const useHw = model.method === 'holt-winters' && model.params !== null && model.level !== null && model.trend !== null;
  const resid = useHw ? model.residuals : model.naiveResiduals;
  const minResiduals = 3;
  const qf = (p: number): number | null => (resid.length >= minResiduals && model.method !== 'mean' ? quantile(resid, p) : null);
  // Lower quantiles are capped at 0 and upper ones floored at 0 so the point forecast
  // always lies inside its interval even when in-sample residuals are one-sided.
  const lower = (v: number | null): number | null => (v === null ? null : Math.min(0, v));
  const upper = (v: number | null): number | null => (v === null ? null : Math.max(0, v));
  const q = { lo80: lower(qf(0.1)), hi80: upper(qf(0.9)), lo95: lower(qf(0.025)), hi95: upper(qf(0.975)) };
  const back = (v: number): number => {
    const x = model.transform === 'log1p' ? Math.expm1(v) : v;
    return model.nonNegative ? Math.max(0, x) : x;
  };
  const out: ForecastPoint[] = [];
  let phiSum = 0;
  for (let k = 1; k <= H; k++) {
    let center: number;
    let widen: number;
    if (useHw) {
      const p = model.params as HoltWintersParams;
      phiSum += p.phi ** k;
      center = (model.level as number) + phiSum * (model.trend as number) + (model.season[(k - 1) % m] as number);
      widen = Math.sqrt(hwVarianceMultiplier(p, m, k));
    } else {
      const same = model.method === 'seasonal-naive' ? model.lastSeason[(k - 1) % m] : null;
      center = same ?? (model.recentMean as number);
      widen = Math.sqrt(Math.floor((k - 1) / m) + 1);
    }
    const edge = (qv: number | null): number | null => (qv === null ? null : back(center + qv * widen));
    out.push({ date: addDays(model.lastDate, k), h: k, mean: back(center), lo80: edge(q.lo80), hi80: edge(q.hi80), lo95: edge(q.lo95), hi95: edge(q.hi95) });
  }
  return out;
}

/** Convenience: fit then forecast h days. */
export function forecastSeries(series: DailySeries, h: number, options: HoltWintersOptions = {}): { model: ForecastModel; points: ForecastPoint[] } {
  const model = fitHoltWinters(series, options);
  return { model, points: forecast(model, h) };
}
