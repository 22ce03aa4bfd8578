/**
 * Shared fuzzing for adapters and importers: deterministic mutations of a real-shaped payload
 * (drop keys, swap types, odd numbers and strings, truncate the text) and the check that what
 * comes out is either nothing or valid facts.
 */
import { expect } from 'vitest';
import type { ProcessResult } from '@/lib/capture/process';
import { metric } from '@/lib/metrics';
import { FactSchema } from '@/lib/schema/fact';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [null, undefined, '', '-', 'abc', '1,234.5', '12.5%', '∞', 'NaN', -1, 0, 1e308, -1e308, 1e-12, 2 ** 53 + 1, true, [], {}, [1, 2], { value: 'x' }, { value: null }, '<img src=x onerror=alert(1)>', '\u0000', 'ﾟ∀ﾟ'.repeat(50)];

function mutateValue(v: unknown, r: () => number, depth: number): unknown {
  const roll = r();
  if (roll < 0.04) return ODD_VALUES[Math.floor(r() * ODD_VALUES.length)];
  if (Array.isArray(v)) {
    if (roll < 0.06) return v.slice(0, Math.floor(r() * v.length));
    if (roll < 0.08) return [...v, ...v];
    return v.map((x) => mutateValue(x, r, depth + 1));
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const kr = r();
      if (kr < 0.05) continue; // dropped key
      if (kr < 0.07) out[`${k}_renamed`] = x;
      else out[k] = depth > 12 ? x : mutateValue(x, r, depth + 1);
    }
    if (r() < 0.03) out.__extra = ODD_VALUES[Math.floor(r() * ODD_VALUES.length)];
    return out;
  }
  if (typeof v === 'number') {
    if (roll < 0.08) return String(v);
    if (roll < 0.1) return -v;
    if (roll < 0.12) return v * 1e6;
  }
  if (typeof v === 'string' && roll < 0.1) return v.slice(0, Math.floor(r() * v.length));
  return v;
}

/** `count` mutated texts of a payload; every 25th is a truncated text, every 40th garbage. */
export function* mutatedTexts(payload: unknown, count: number, seed = 1): Generator<string> {
  const r = rng(seed);
  const base = JSON.stringify(payload);
  for (let i = 0; i < count; i++) {
    if (i % 25 === 24) yield base.slice(0, Math.floor(r() * base.length));
    else if (i % 40 === 39) yield ['<html>登录</html>', '', 'null', '[]', '{}', '"x"', '{"code":5810}'][i % 7] ?? '';
    else yield JSON.stringify(mutateValue(payload, r, 0)) ?? 'null';
  }
}

/** What an adapter produced from a mutated payload: nothing, or facts that pass the schema. */
export function expectValidResult(r: ProcessResult): void {
  if (r.outcome !== 'stored') {
    expect(r.facts).toHaveLength(0);
    return;
  }
  for (const f of r.facts) {
    const ok = FactSchema.safeParse(f);
    if (!ok.success) throw new Error(`invalid fact: ${ok.error.message}\n${JSON.stringify(f).slice(0, 400)}`);
    for (const k of Object.keys(f.values)) {
      const m = metric(k);
      if (!m) throw new Error(`unknown metric ${k}`);
      if (m.kind === 'range') throw new Error(`range metric ${k} stored as a value`);
    }
    for (const k of Object.keys(f.ranges ?? {})) if (metric(k)?.kind !== 'range') throw new Error(`${k} is not a range metric`);
  }
}
