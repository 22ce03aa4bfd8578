/**
 * 指数还原 (domain-rules SEL-07, §0.3): estimating the real value behind a 生意参谋 指数
 * (tradeIndex, uvIndex…) from the shop's OWN (index, real value) pairs.
 *
 * Method (disclosed to the user with every estimate):
 * 1. Work in log space: x = ln(index), y = ln(real value). 指数 are monotone, compressive
 *    transforms of the real value; in log–log they are close to a straight line.
 * 2. Fit a monotone non-decreasing map y = f(x) by isotonic regression (pool-adjacent-violators),
 *    then interpolate linearly between the fitted knots (piecewise-linear in log space).
 * 3. Outside the fitted index range, extend with the least-squares slope of all pairs in
 *    log–log and flag the estimate as extrapolated.
 * 4. Error: leave-one-out MAPE (each pair predicted by the map fitted without it).
 *
 * The result is an ESTIMATE: it must be labelled as such and never added to or mixed with
 * real values. Pure and dependency-free.
 */

export interface IndexPair {
  /** The console 指数 (> 0). */
  index: number;
  /** The real value on the same day and scope (> 0), e.g. 首页 payAmt for tradeIndex. */
  value: number;
}

export interface IndexMap {
  /** Knots in log space, strictly increasing x, non-decreasing y. */
  knots: { x: number; y: number }[];
  /** Least-squares slope of y on x (log–log), used beyond the knots. */
  slope: number;
  /** Pairs used (after dropping non-positive ones). */
  n: number;
  /** Index range covered by the pairs. */
  range: { min: number; max: number };
}

export interface IndexMapFit {
  map: IndexMap | null;
  /** Leave-one-out mean absolute percentage error (0.05 = 5 %); null below 3 pairs. */
  mape: number | null;
  /** Pairs used. */
  n: number;
  status: 'ok' | 'insufficient';
  reason?: string;
}

export interface IndexEstimate {
  value: number;
  extrapolated: boolean;
}

/**
 * Pool-adjacent-violators: the non-decreasing sequence closest (weighted least squares) to
 * `ys`, which must already be ordered by x. Weights default to 1.
 */
export function isotonic(ys: readonly number[], weights?: readonly number[]): number[] {
  const blocks: { sum: number; w: number; len: number }[] = [];
  ys.forEach((y, i) => {
    const w = weights?.[i] ?? 1;
    blocks.push({ sum: y * w, w, len: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1] as { sum: number; w: number; len: number };
      const a = blocks[blocks.length - 2] as { sum: number; w: number; len: number };
      if (a.sum / a.w <= b.sum / b.w) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, w: a.w + b.w, len: a.len + b.len });
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.len; k++) out.push(b.sum / b.w);
  return out;
}

/** Monotone map in log space from pairs; null when fewer than 2 distinct positive indexes. */
export function buildIndexMap(pairs: readonly IndexPair[]): IndexMap | null {
  const pts = pairs
    .filter((p) => Number.isFinite(p.index) && Number.isFinite(p.value) && p.index > 0 && p.value > 0)
    .map((p) => ({ x: Math.log(p.index), y: Math.log(p.value) }))
    .sort((a, b) => a.x - b.x);
  // Equal indexes: one point with the mean log value and the count as weight.
  const merged: { x: number; y: number; w: number }[] = [];
  for (const p of pts) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last.x - p.x) < 1e-12) {
      last.y = (last.y * last.w + p.y) / (last.w + 1);
      last.w += 1;
    } else merged.push({ x: p.x, y: p.y, w: 1 });
  }
  if (merged.length < 2) return null;
  const fitted = isotonic(
    merged.map((p) => p.y),
    merged.map((p) => p.w),
  );
  const knots = merged.map((p, i) => ({ x: p.x, y: fitted[i] as number }));
  const mx = pts.reduce((a, p) => a + p.x, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of pts) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const slope = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  return { knots, slope, n: pts.length, range: { min: Math.exp(knots[0]?.x ?? 0), max: Math.exp(knots[knots.length - 1]?.x ?? 0) } };
}

/** Real value behind an index; null for a non-positive index. */
export function estimateFromIndex(map: IndexMap, index: number): IndexEstimate | null {
  if (!(Number.isFinite(index) && index > 0)) return null;
  const x = Math.log(index);
  const k = map.knots;
  const first = k[0];
  const last = k[k.length - 1];
  if (!first || !last) return null;
  if (x < first.x) return { value: Math.exp(first.y + map.slope * (x - first.x)), extrapolated: true };
  if (x > last.x) return { value: Math.exp(last.y + map.slope * (x - last.x)), extrapolated: true };
  for (let i = 1; i < k.length; i++) {
    const a = k[i - 1] as { x: number; y: number };
    const b = k[i] as { x: number; y: number };
    if (x <= b.x) {
      const t = b.x > a.x ? (x - a.x) / (b.x - a.x) : 0;
      return { value: Math.exp(a.y + t * (b.y - a.y)), extrapolated: false };
    }
  }
  return { value: Math.exp(last.y), extrapolated: false };
}

/**
 * Fit with its leave-one-out MAPE. `minPairs` (default 10) below which the fit is refused:
 * a map drawn through a handful of days says little about a rival's scale.
 */
export function fitIndexMap(pairs: readonly IndexPair[], options: { minPairs?: number } = {}): IndexMapFit {
  const minPairs = options.minPairs ?? 10;
  const good = pairs.filter((p) => Number.isFinite(p.index) && Number.isFinite(p.value) && p.index > 0 && p.value > 0);
  const map = buildIndexMap(good);
  if (!map || good.length < minPairs) {
    return { map: null, mape: null, n: good.length, status: 'insufficient', reason: `${good.length} pairs (${minPairs} needed)` };
  }
  let err = 0;
  let m = 0;
  for (let i = 0; i < good.length; i++) {
    const rest = good.filter((_, j) => j !== i);
    const sub = buildIndexMap(rest);
    const p = good[i] as IndexPair;
    const est = sub ? estimateFromIndex(sub, p.index) : null;
    if (!est) continue;
    err += Math.abs(est.value - p.value) / p.value;
    m++;
  }
  return { map, mape: m >= 3 ? err / m : null, n: good.length, status: 'ok' };
}
