/**
 * Hash-based deterministic randomness: every value is a pure function of (seed, key parts),
 * so any (shop, date, metric) can be computed in O(1) without generating a sequence.
 */

/** 32-bit FNV-1a over a string, then a murmur3-style finaliser for avalanche. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export type KeyPart = string | number;

/** Uniform in [0, 1). */
export function rand(seed: number, ...parts: KeyPart[]): number {
  return hash32(`${seed}|${parts.join('|')}`) / 4294967296;
}

/** Symmetric triangular noise in [-amp, +amp] (sum of two uniforms), mean 0. */
export function tri(amp: number, seed: number, ...parts: KeyPart[]): number {
  return (rand(seed, ...parts, 'a') + rand(seed, ...parts, 'b') - 1) * amp;
}

/** Uniform in [lo, hi). */
export function between(lo: number, hi: number, seed: number, ...parts: KeyPart[]): number {
  return lo + (hi - lo) * rand(seed, ...parts);
}

/** Integer in [lo, hi] inclusive. */
export function intBetween(lo: number, hi: number, seed: number, ...parts: KeyPart[]): number {
  return lo + Math.floor((hi - lo + 1) * rand(seed, ...parts));
}

/** Deterministic pick from a non-empty list. */
export function pick<T>(list: readonly T[], seed: number, ...parts: KeyPart[]): T {
  const v = list[Math.floor(rand(seed, ...parts) * list.length)];
  if (v === undefined) throw new Error('pick from empty list');
  return v;
}

/** Numeric id string of `digits` digits (first digit non-zero) derived from the key. */
export function numericId(digits: number, seed: number, ...parts: KeyPart[]): string {
  let out = String(1 + Math.floor(rand(seed, ...parts, 0) * 9));
  let i = 1;
  while (out.length < digits) {
    out += String(hash32(`${seed}|${parts.join('|')}|${i}`) % 100000).padStart(5, '0');
    i++;
  }
  return out.slice(0, digits);
}
