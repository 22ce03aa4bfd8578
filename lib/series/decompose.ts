/**
 * Change decompositions used to explain *where* a change sits (domain-rules §2.5).
 * Wording downstream must say "主要伴随因子", not "导致" — these are identities, not causes.
 */
import type { Status } from './types';

export interface GmvFactors {
  /** 访客数 U. */
  visitors: number;
  /** 支付转化率 C (0–1). */
  conversion: number;
  /** 客单价 A (yuan). */
  orderValue: number;
}

export type GmvFactor = 'visitors' | 'conversion' | 'orderValue';

export interface GmvDecomposition {
  status: Status;
  reason?: string;
  /** ln(U₁/U₀), ln(C₁/C₀), ln(A₁/A₀). */
  logRatios: Record<GmvFactor, number> | null;
  /** Their sum = ln(G₁/G₀) with G = U·C·A. */
  totalLogRatio: number | null;
  /** Each log ratio ÷ total; sums to 1 (up to float rounding). Null when the total is 0 (offsetting moves). */
  contributions: Record<GmvFactor, number> | null;
  /** Yuan waterfall: ΔG × contribution, summing exactly to ΔG. */
  amounts: Record<GmvFactor, number> | null;
  /** G₁/G₀ − 1. */
  gmvChangePct: number | null;
  /** Factor with the largest |log ratio| (= largest |contribution|). */
  dominant: GmvFactor | null;
}

const FACTORS: readonly GmvFactor[] = ['visitors', 'conversion', 'orderValue'];

/**
 * DA-02: ln(G₁/G₀) = ln(U₁/U₀) + ln(C₁/C₀) + ln(A₁/A₀). Log ratios add exactly, unlike
 * percentage changes whose cross terms leave an unexplained remainder. G is taken as
 * U·C·A so the identity holds even when the console's rounded fields don't multiply out.
 */
export function decomposeGmv(before: GmvFactors, after: GmvFactors): GmvDecomposition {
  const empty: GmvDecomposition = {
    status: 'insufficient',
    logRatios: null,
    totalLogRatio: null,
    contributions: null,
    amounts: null,
    gmvChangePct: null,
    dominant: null,
  };
  const positive = (f: GmvFactors): boolean => FACTORS.every((k) => Number.isFinite(f[k]) && f[k] > 0);
  // A zero factor (no buyers) has no logarithm; the rule must say 数据不足 instead.
  if (!positive(before) || !positive(after)) return { ...empty, reason: 'all factors must be positive in both periods' };
  const logRatios = {
    visitors: Math.log(after.visitors / before.visitors),
    conversion: Math.log(after.conversion / before.conversion),
    orderValue: Math.log(after.orderValue / before.orderValue),
  };
  const total = logRatios.visitors + logRatios.conversion + logRatios.orderValue;
  const g0 = before.visitors * before.conversion * before.orderValue;
  const g1 = after.visitors * after.conversion * after.orderValue;
  let dominant: GmvFactor = 'visitors';
  for (const k of FACTORS) if (Math.abs(logRatios[k]) > Math.abs(logRatios[dominant])) dominant = k;
  let contributions: Record<GmvFactor, number> | null = null;
  let amounts: Record<GmvFactor, number> | null = null;
  // Offsetting moves (e.g. +10 % visitors, −9.09 % conversion) leave no change to share out.
  if (Math.abs(total) > 1e-12) {
    contributions = { visitors: logRatios.visitors / total, conversion: logRatios.conversion / total, orderValue: logRatios.orderValue / total };
    const dG = g1 - g0;
    amounts = { visitors: dG * contributions.visitors, conversion: dG * contributions.conversion, orderValue: dG * contributions.orderValue };
  }
  return {
    status: 'ok',
    ...(contributions === null ? { reason: 'GMV unchanged; contributions undefined' } : {}),
    logRatios,
    totalLogRatio: total,
    contributions,
    amounts,
    gmvChangePct: g1 / g0 - 1,
    dominant: logRatios[dominant] === 0 ? null : dominant,
  };
}

export interface ChannelCounts {
  /** Channel key, e.g. '手淘搜索'. */
  channel: string;
  visitors: number;
  buyers: number;
}

export interface ChannelShift {
  channel: string;
  /** Visitor share before / after (w, w′). */
  shareBefore: number;
  shareAfter: number;
  /** Conversion before / after (c, c′); null when the channel had no visitors. */
  convBefore: number | null;
  convAfter: number | null;
  /** (w′ − w)·c. */
  structure: number;
  /** w′·(c′ − c). */
  within: number;
}

export interface ShiftShareResult {
  status: Status;
  reason?: string;
  /** Channel-weighted conversion Σ w·c before / after. */
  convBefore: number | null;
  convAfter: number | null;
  /** ΔC = structure + within, exactly. */
  delta: number | null;
  structure: number | null;
  within: number | null;
  dominant: 'structure' | 'within' | null;
  channels: ChannelShift[];
}

/**
 * DA-04 shift-share: ΔC = Σ(w′−w)·c + Σw′·(c′−c). The split is exact because
 * Σw′c′ − Σwc telescopes. A channel that exists only after the change has no c; using
 * c = c′ books all of it as structure (a new traffic source is a mix change), and a
 * vanished channel likewise contributes −w·c to structure.
 * Channel UVs may not add up to the shop's de-duplicated UV; shares use the channel sum.
 */
export function shiftShare(before: readonly ChannelCounts[], after: readonly ChannelCounts[]): ShiftShareResult {
  const empty: ShiftShareResult = {
    status: 'insufficient',
    convBefore: null,
    convAfter: null,
    delta: null,
    structure: null,
    within: null,
    dominant: null,
    channels: [],
  };
  const valid = (c: ChannelCounts): boolean => Number.isFinite(c.visitors) && Number.isFinite(c.buyers) && c.visitors >= 0 && c.buyers >= 0;
  if (!before.every(valid) || !after.every(valid)) return { ...empty, reason: 'counts must be finite and non-negative' };
  const agg = (rows: readonly ChannelCounts[]): Map<string, { v: number; b: number }> => {
    const m = new Map<string, { v: number; b: number }>();
    for (const r of rows) {
      const cur = m.get(r.channel) ?? { v: 0, b: 0 };
      m.set(r.channel, { v: cur.v + r.visitors, b: cur.b + r.buyers });
    }
    return m;
  };
  const b0 = agg(before);
  const b1 = agg(after);
  const tot0 = [...b0.values()].reduce((s, x) => s + x.v, 0);
  const tot1 = [...b1.values()].reduce((s, x) => s + x.v, 0);
  if (tot0 <= 0 || tot1 <= 0) return { ...empty, reason: 'no visitors in one of the periods' };

  const keys = [...new Set([...b0.keys(), ...b1.keys()])];
  let structure = 0;
  let within = 0;
  let conv0 = 0;
  let conv1 = 0;
  const channels: ChannelShift[] = keys.map((channel) => {
    const x0 = b0.get(channel) ?? { v: 0, b: 0 };
    const x1 = b1.get(channel) ?? { v: 0, b: 0 };
    const w = x0.v / tot0;
    const w1 = x1.v / tot1;
    const c = x0.v > 0 ? x0.b / x0.v : null;
    const c1 = x1.v > 0 ? x1.b / x1.v : null;
    const cRef = c ?? c1 ?? 0;
    const c1Ref = c1 ?? cRef;
    const s = (w1 - w) * cRef;
    const wi = w1 * (c1Ref - cRef);
    structure += s;
    within += wi;
    conv0 += w * cRef;
    conv1 += w1 * c1Ref;
    return { channel, shareBefore: w, shareAfter: w1, convBefore: c, convAfter: c1, structure: s, within: wi };
  });
  return {
    status: 'ok',
    convBefore: conv0,
    convAfter: conv1,
    delta: conv1 - conv0,
    structure,
    within,
    dominant: structure === 0 && within === 0 ? null : Math.abs(structure) >= Math.abs(within) ? 'structure' : 'within',
    channels,
  };
}
