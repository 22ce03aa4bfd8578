/** Small statistics helpers: medians with their spread, never a single noisy sample. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
  samples: number[];
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs.map((x) => round(x, 4)) };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** "12.3 ms (median of 9; 11.8–14.0)". */
export function fmtSpread(s: Spread, unit: string, digits = 2): string {
  const u = unit ? ` ${unit}` : '';
  return `${s.median.toFixed(digits)}${u} (median of ${s.n}; ${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

export function fmtBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(2)} KB`;
  return `${n} B`;
}
