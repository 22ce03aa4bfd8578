/**
 * Intermittent-demand tools (domain-rules §3.7): Syntetos–Boylan–Croston classification
 * and Croston's method with the SBA bias correction.
 *
 * Long-tail SKUs sell 0, 0, 3, 0, 0, 0, 1 … "mean × days" then swings with every sale;
 * Croston smooths sizes and intervals separately.
 */
import { finiteValues, mean, sampleSd } from './stats';
import type { Status } from './types';

export type DemandCategory = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

export interface DemandClassification {
  status: Status;
  /** Average demand interval: observed periods ÷ periods with demand. */
  adi: number | null;
  /** Squared coefficient of variation of the non-zero demand sizes (sample SD). */
  cv2: number | null;
  category: DemandCategory | null;
  /** Observed (non-missing) periods. */
  n: number;
  /** Periods with demand > 0. */
  nonZero: number;
}

export interface ClassificationOptions {
  /** ADI cut-off. Default 1.32 (Syntetos, Boylan & Croston 2005). */
  adiCut?: number;
  /** CV² cut-off. Default 0.49. */
  cv2Cut?: number;
}

/**
 * ADI < 1.32 & CV² < 0.49 → smooth; ADI < 1.32 & CV² ≥ 0.49 → erratic;
 * ADI ≥ 1.32 & CV² < 0.49 → intermittent; both above → lumpy.
 * Missing days are skipped (not zero-demand days); values ≤ 0 count as no demand (net
 * returns can make a day negative, which is not "negative demand").
 */
export function classifyDemand(values: readonly (number | null)[], options: ClassificationOptions = {}): DemandClassification {
  const adiCut = options.adiCut ?? 1.32;
  const cv2Cut = options.cv2Cut ?? 0.49;
  const observed = finiteValues(values);
  const sizes = observed.filter((v) => v > 0);
  const n = observed.length;
  const nonZero = sizes.length;
  if (nonZero === 0) return { status: 'insufficient', adi: null, cv2: null, category: null, n, nonZero };
  const adi = n / nonZero;
  const sd = sampleSd(sizes);
  const mu = mean(sizes);
  // CV² needs at least two demand sizes; one sale tells us nothing about size variability.
  if (sd === null || mu === null || mu === 0) return { status: 'insufficient', adi, cv2: null, category: null, n, nonZero };
  const cv2 = (sd / mu) ** 2;
  const frequent = adi < adiCut;
  const stable = cv2 < cv2Cut;
  const category: DemandCategory = frequent ? (stable ? 'smooth' : 'erratic') : stable ? 'intermittent' : 'lumpy';
  return { status: nonZero >= 3 ? 'ok' : 'tentative', adi, cv2, category, n, nonZero };
}

export interface CrostonStep {
  /** Position among observed (non-missing) periods. */
  period: number;
  demand: number;
  /** Periods since the previous demand (first: since the start, inclusive). */
  interval: number;
  /** Smoothed demand size after this update. */
  size: number;
  /** Smoothed interval after this update. */
  meanInterval: number;
  /** Per-period demand rate after this update (SBA-corrected if variant = 'sba'). */
  forecast: number;
}

export interface CrostonResult {
  status: Status;
  reason?: string;
  /** Expected demand per period; null when there is nothing observed at all. */
  forecast: number | null;
  size: number | null;
  meanInterval: number | null;
  alpha: number;
  variant: 'sba' | 'croston';
  steps: CrostonStep[];
}

export interface CrostonOptions {
  /** Smoothing constant, 0.1–0.2 per §3.7. Default 0.1. */
  alpha?: number;
  /** 'sba' multiplies by (1 − α/2) to remove Croston's positive bias (Syntetos & Boylan 2005). Default 'sba'. */
  variant?: 'sba' | 'croston';
}

/**
 * Croston: updates only in periods with demand — size z ← z + α(y − z), interval
 * p ← p + α(q − p); forecast = z/p (× (1 − α/2) for SBA). Initialised with the first
 * demand and its position counted from the start (the common "naive" initialisation).
 * Missing days are skipped so a scrape gap does not lengthen the interval.
 */
export function croston(values: readonly (number | null)[], options: CrostonOptions = {}): CrostonResult {
  const alpha = options.alpha ?? 0.1;
  const variant = options.variant ?? 'sba';
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  const observed = finiteValues(values);
  const base: CrostonResult = { status: 'insufficient', forecast: null, size: null, meanInterval: null, alpha, variant, steps: [] };
  if (!(alpha > 0 && alpha <= 1)) return { ...base, reason: 'alpha must be in (0, 1]' };
  if (observed.length === 0) return { ...base, reason: 'no observations' };
  let size: number | null = null;
  let meanInterval: number | null = null;
  let last = -1;
  const steps: CrostonStep[] = [];
  for (let period = 0; period < observed.length; period++) {
    const y = observed[period] as number;
    if (y <= 0) continue;
    const interval = period - last;
    last = period;
    if (size === null || meanInterval === null) {
      size = y;
      meanInterval = interval;
    } else {
      size += alpha * (y - size);
      meanInterval += alpha * (interval - meanInterval);
    }
    steps.push({ period, demand: y, interval, size, meanInterval, forecast: (factor * size) / meanInterval });
  }
  if (size === null || meanInterval === null) {
    return { ...base, status: 'tentative', reason: 'no demand observed', forecast: 0 };
  }
  return {
    status: steps.length >= 2 ? 'ok' : 'tentative',
    forecast: (factor * size) / meanInterval,
    size,
    meanInterval,
    alpha,
    variant,
    steps,
  };
}
