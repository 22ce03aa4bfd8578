/**
 * Significance for rate metrics — conversion, CTR, 询单转化率 (domain-rules §3.4, §0.5).
 * Rates are tested from their numerator/denominator counts, never as z-scores of the
 * rate itself: 1/2 and 100/200 are both 50 % but carry very different evidence.
 */
import { normalQuantile, twoSidedP } from './normal';
import type { Status } from './types';

export interface WilsonInterval {
  status: Status;
  /** Point estimate x/n; null when n is not positive. */
  p: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
}

function validCounts(x: number, n: number): boolean {
  return Number.isFinite(x) && Number.isFinite(n) && n > 0 && x >= 0 && x <= n;
}

/**
 * Wilson score interval (Wilson 1927). Preferred over the Wald interval because it stays
 * inside [0, 1] and keeps its coverage for small n and rates near 0 — typical of small shops.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): WilsonInterval {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  if (!validCounts(successes, trials) || z === null) return { status: 'insufficient', p: null, lo: null, hi: null, n: Number.isFinite(trials) ? trials : 0 };
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { status: 'ok', p, lo: Math.max(0, center - half), hi: Math.min(1, center + half), n };
}

export interface TwoProportionTest {
  status: Status;
  p1: number | null;
  p2: number | null;
  /** p1 − p2. */
  diff: number | null;
  z: number | null;
  /** Two-sided p-value. */
  pValue: number | null;
}

/**
 * Pooled two-proportion z test: z = (p1 − p2) / √(p̂(1 − p̂)(1/n1 + 1/n2)). When both
 * samples are all-0 or all-1 the difference is exactly 0, so z = 0 and p = 1.
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  if (!validCounts(x1, n1) || !validCounts(x2, n2)) return { status: 'insufficient', p1: null, p2: null, diff: null, z: null, pValue: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { status: 'ok', p1, p2, diff: p1 - p2, z: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { status: 'ok', p1, p2, diff: p1 - p2, z, pValue: twoSidedP(z) };
}

export interface RateCounts {
  successes: number;
  trials: number;
}

export interface RateDropResult {
  status: Status;
  /** True when either criterion of §3.4 holds and the rate went down. */
  significant: boolean;
  /** Current Wilson upper bound < baseline Wilson lower bound (conservative criterion). */
  intervalsSeparated: boolean;
  test: TwoProportionTest;
  current: WilsonInterval;
  baseline: WilsonInterval;
}

/**
 * "下降" per §3.4: current upper bound < baseline lower bound, or the two-proportion test
 * p < α with the current rate lower. Below `minTrials` denominators (§0.5: 200 visitors)
 * the result is 'insufficient' and never significant — small shops should aggregate 7 days.
 */
export function rateDrop(current: RateCounts, baseline: RateCounts, options: { alpha?: number; minTrials?: number } = {}): RateDropResult {
  const alpha = options.alpha ?? 0.05;
  const minTrials = options.minTrials ?? 200;
  const cur = wilsonInterval(current.successes, current.trials);
  const base = wilsonInterval(baseline.successes, baseline.trials);
  const test = twoProportionZ(current.successes, current.trials, baseline.successes, baseline.trials);
  const enough = cur.status === 'ok' && base.status === 'ok' && current.trials >= minTrials && baseline.trials >= minTrials;
  const intervalsSeparated = cur.hi !== null && base.lo !== null && cur.hi < base.lo;
  const testDrop = test.pValue !== null && test.diff !== null && test.pValue < alpha && test.diff < 0;
  return {
    status: enough ? 'ok' : 'insufficient',
    significant: enough && (intervalsSeparated || testDrop),
    intervalsSeparated,
    test,
    current: cur,
    baseline: base,
  };
}

/**
 * Beta-binomial shrinkage: (successes + α) ÷ (trials + α + β) with α = p₀·n₀, β = (1 − p₀)·n₀,
 * n₀ = 200 visitors by default (§3.4) — so "2 visitors, 1 order" ranks near the shop rate,
 * not at 50 %. Null when the prior rate or counts are invalid.
 */
export function shrinkRate(successes: number, trials: number, priorRate: number, n0 = 200): number | null {
  if (!Number.isFinite(successes) || !Number.isFinite(trials) || trials < 0 || successes < 0 || successes > trials) return null;
  if (!(priorRate >= 0 && priorRate <= 1) || !(n0 > 0)) return null;
  return (successes + priorRate * n0) / (trials + n0);
}
