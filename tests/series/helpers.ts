import type { DailyPoint } from '../../lib/series';
import { addDays } from '../../lib/series';

/** Builds a daily series starting at `start` from values (null = missing day). */
export function daily(values: readonly (number | null)[], start = '2024-01-01'): DailyPoint[] {
  return values.map((value, i) => ({ date: addDays(start, i), value }));
}

/** Deterministic LCG in [0, 1) so "noisy" fixtures are reproducible. */
export function lcg(seed = 42): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
