/**
 * EWMA control chart for small persistent shifts (domain-rules §3.5, DA-01).
 *
 * A robust z looks at one day; a shop losing 5–10 % a day for a week never produces a
 * single outlier. The EWMA accumulates those small residuals until they cross a limit.
 */
import { robustSigma } from './robust';
import { mean } from './stats';
import type { DailySeries, Status } from './types';

export interface EwmaOptions {
  /** Smoothing weight λ, 0.1–0.3 per §3.5. Default 0.2. */
  lambda?: number;
  /** Limit width in σ units. Default 3. */
  L?: number;
  /**
   * Leading points used as the in-control (Phase I) baseline to estimate μ₀ and σ; the
   * chart monitors the points after it. Default 28, or 0 when mu0 and sigma are given.
   */
  baselineLength?: number;
  /** Minimum finite baseline points to trust μ₀/σ. Default 14 (same floor as §3.3). */
  minBaseline?: number;
  /** Known in-control mean (overrides the baseline estimate). */
  mu0?: number;
  /** Known in-control σ (overrides 1.4826·MAD of the baseline). */
  sigma?: number;
  /** Consecutive out-of-limit points on the same side needed to trigger. Default 2. */
  consecutive?: number;
}

export interface EwmaPoint {
  /** Position in the input array. */
  index: number;
  date?: string;
  value: number | null;
  /** EWMA statistic; null for missing inputs (the statistic is carried, not updated). */
  z: number | null;
  ucl: number | null;
  lcl: number | null;
  side: 'above' | 'below' | null;
  /** True when this point completes a run of `consecutive` same-side breaches. */
  signal: boolean;
}

export interface EwmaResult {
  status: Status;
  reason?: string;
  mu0: number | null;
  sigma: number | null;
  lambda: number;
  L: number;
  /** Monitored points only (after the baseline period). */
  points: EwmaPoint[];
  /** Any signal within the monitored points. */
  signal: boolean;
  /** Index (into the input) of the first signalling point. */
  firstSignalIndex: number | null;
  /** Whether the most recent observed point is signalling (what a daily check cares about). */
  signalNow: boolean;
  /** Side of the signal, if any (first one). */
  signalSide: 'above' | 'below' | null;
}

/**
 * z_t = λ·r_t + (1 − λ)·z_{t−1}, z_0 = μ₀; limits μ₀ ± L·σ·√(λ/(2−λ)·[1 − (1−λ)^{2t}]).
 * The exact time-varying limit is used at every step: after ~15 points (1−λ)^{2t} < 0.002
 * so it is numerically the steady-state limit, matching §3.5's "先时变、后稳态" advice.
 * Missing values neither update z nor advance t (no information arrived that day).
 */
export function ewmaChart(values: readonly (number | null)[], options: EwmaOptions = {}, dates?: readonly string[]): EwmaResult {
  const lambda = options.lambda ?? 0.2;
  const L = options.L ?? 3;
  const consecutive = Math.max(1, Math.floor(options.consecutive ?? 2));
  const known = options.mu0 !== undefined && options.sigma !== undefined;
  const baselineLength = Math.max(0, Math.floor(options.baselineLength ?? (known ? 0 : 28)));
  const minBaseline = options.minBaseline ?? 14;
  const empty = (reason: string, mu0: number | null = null, sigma: number | null = null): EwmaResult => ({
    status: 'insufficient',
    reason,
    mu0,
    sigma,
    lambda,
    L,
    points: [],
    signal: false,
    firstSignalIndex: null,
    signalNow: false,
    signalSide: null,
  });
  if (!(lambda > 0 && lambda <= 1) || !(L > 0)) return empty('invalid lambda or L');

  const baseline = values.slice(0, baselineLength);
  const finiteBaseline = baseline.filter((v): v is number => v !== null && Number.isFinite(v));
  let mu0 = options.mu0 ?? null;
  let sigma = options.sigma ?? null;
  if (mu0 === null || sigma === null) {
    if (finiteBaseline.length < minBaseline) return empty(`baseline has ${finiteBaseline.length} < ${minBaseline} points`);
    mu0 = mu0 ?? mean(finiteBaseline);
    sigma = sigma ?? robustSigma(finiteBaseline);
  }
  if (mu0 === null || sigma === null || !(sigma > 0)) return empty('baseline has no spread (σ = 0)', mu0, sigma);

  const points: EwmaPoint[] = [];
  let z = mu0;
  let t = 0;
  let runSide: 'above' | 'below' | null = null;
  let runLength = 0;
  let firstSignalIndex: number | null = null;
  let signalSide: 'above' | 'below' | null = null;
  let signalNow = false;
  const factor = lambda / (2 - lambda);
  for (let i = baselineLength; i < values.length; i++) {
    const v = values[i];
    const date = dates?.[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      points.push({ index: i, ...(date !== undefined ? { date } : {}), value: null, z: null, ucl: null, lcl: null, side: null, signal: false });
      continue;
    }
    t += 1;
    z = lambda * v + (1 - lambda) * z;
    const width = L * sigma * Math.sqrt(factor * (1 - (1 - lambda) ** (2 * t)));
    const ucl = mu0 + width;
    const lcl = mu0 - width;
    const side = z > ucl ? 'above' : z < lcl ? 'below' : null;
    if (side !== null && side === runSide) runLength += 1;
    else runLength = side === null ? 0 : 1;
    runSide = side;
    const signal = side !== null && runLength >= consecutive;
    if (signal && firstSignalIndex === null) {
      firstSignalIndex = i;
      signalSide = side;
    }
    signalNow = signal;
    points.push({ index: i, ...(date !== undefined ? { date } : {}), value: v, z, ucl, lcl, side, signal });
  }
  if (t === 0) return { ...empty('no observed points after the baseline', mu0, sigma) };
  return { status: 'ok', mu0, sigma, lambda, L, points, signal: firstSignalIndex !== null, firstSignalIndex, signalNow, signalSide };
}

/** ewmaChart over a dated residual series (e.g. from logResiduals), keeping dates on points. */
export function ewmaChartSeries(residuals: DailySeries, options: EwmaOptions = {}): EwmaResult {
  return ewmaChart(
    residuals.map((p) => p.value),
    options,
    residuals.map((p) => p.date),
  );
}
