/**
 * Small descriptive helpers shared by the other modules. They all ignore non-finite
 * inputs and return null instead of NaN so callers can say "数据不足" explicitly.
 */

/** Keeps only finite numbers (drops null, NaN, ±Infinity). */
export function finiteValues(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = finiteValues(values);
  return xs.length === 0 ? null : sum(xs) / xs.length;
}

/** Median; null for an empty sample. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = finiteValues(values).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/** Sample standard deviation (n − 1); null below two points. */
export function sampleSd(values: readonly (number | null | undefined)[]): number | null {
  const xs = finiteValues(values);
  if (xs.length < 2) return null;
  const m = sum(xs) / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Quantile with linear interpolation between order statistics (Hyndman–Fan type 7,
 * the default of R and NumPy) so results match what analysts get in a notebook.
 */
export function quantile(values: readonly (number | null | undefined)[], p: number): number | null {
  const xs = finiteValues(values).sort((a, b) => a - b);
  if (xs.length === 0 || !(p >= 0 && p <= 1)) return null;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = xs[lo] as number;
  const b = xs[hi] as number;
  return a + (h - lo) * (b - a);
}
