/**
 * Per-piece window sums of 内容 (作品分析) facts for the CNT rules, and the first day a piece
 * was seen (the adapters keep no publish date: "new" = first seen after capture began).
 */
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { median } from '../../series/stats';
import type { EntityRef, RuleContext, Text, Verdict } from '../types';
import { entityOf, nameOf, windowSum } from './entity-window';

export interface PieceWindow {
  e: EntityRef;
  views: number;
  plays: number;
  finished: number;
  clicks: number;
  buyers: number;
  amount: number;
  expose: number;
  days: number;
}

/** Sums over [to − days + 1, to]; `finished` = Σ round(完播率 × 播放人数) per day. */
export function pieceWindow(ctx: RuleContext, e: EntityRef, to: string, days: number): PieceWindow {
  const s = (m: string) => ctx.series('content', e.id, m);
  const from = addDays(to, -(days - 1));
  const rate = new Map(s('contentFinishRate').map((p) => [p.date, p.value]));
  let plays = 0;
  let finished = 0;
  for (const p of s('contentPlayUv')) {
    if (p.date < from || p.date > to || p.value === null) continue;
    const r = rate.get(p.date);
    if (r === undefined || r === null) continue;
    plays += p.value;
    finished += Math.round(Math.min(1, Math.max(0, r)) * p.value);
  }
  const views = windowSum(s('contentViewUv'), to, days);
  return {
    e,
    views: views.sum,
    plays,
    finished,
    clicks: windowSum(s('contentItemClickUv'), to, days).sum,
    buyers: windowSum(s('contentSeedPayByrCnt'), to, days).sum,
    amount: windowSum(s('contentSeedPayAmt'), to, days).sum,
    expose: windowSum(s('contentExposeUv'), to, days).sum,
    days: views.days,
  };
}

const ANY = ['contentViewUv', 'contentPlayUv', 'contentSeedPayAmt', 'contentItemClickUv', 'contentExposeUv'];

/** First date with any content metric for a piece. */
export function firstSeen(ctx: RuleContext, e: EntityRef): string | null {
  let min: string | null = null;
  for (const m of ANY) {
    const p = ctx.series('content', e.id, m).find((x) => x.value !== null);
    if (p && (!min || p.date < min)) min = p.date;
  }
  return min;
}

/** Dates on which any piece has content facts, newest last. */
export function contentDates(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const e of ctx.entities('content')) for (const m of ANY) for (const p of ctx.series('content', e.id, m)) if (p.value !== null) out.add(p.date);
  return out;
}

export interface PieceRateSpec {
  days: number;
  /** Numerator and denominator of the rate for one piece window. */
  num: (w: PieceWindow) => number;
  den: (w: PieceWindow) => number;
  minDen: number;
  /** Fires when rate < factor × median of eligible pieces (and the Wilson upper bound < median). */
  factor: number;
  /** Instead of `factor`: fires in the bottom quantile of the eligible pieces. */
  bottomQuantile?: number;
  /** Fallback absolute line when fewer than `minPieces` pieces are eligible. */
  fallback?: number;
  minPieces: number;
  what: Text;
  denLabel: Text;
  why: Text;
  suggestion: Text;
  missing: Text;
}

/** One verdict per piece that fires, else one shop-level ok / insufficient. */
export function pieceRateCheck(ctx: RuleContext, s: PieceRateSpec): Verdict[] {
  const from = addDays(ctx.asOf, -(s.days - 1));
  const rows = ctx
    .entities('content')
    .map((e) => pieceWindow(ctx, e, ctx.asOf, s.days))
    .filter((w) => s.den(w) >= s.minDen)
    .map((w) => ({ w, x: Math.min(s.num(w), s.den(w)), n: s.den(w), r: Math.min(1, s.num(w) / s.den(w)) }));
  const period = { from, to: ctx.asOf };
  if (rows.length === 0) {
    return [
      {
        status: 'insufficient',
        period,
        detail: {
          zh: `近 ${s.days} 天没有${s.denLabel.zh} ≥ ${s.minDen} 的内容。${s.missing.zh}`,
          en: `No piece with ${s.denLabel.en} ≥ ${s.minDen} in the last ${s.days} days. ${s.missing.en}`,
        },
        evidence: [],
      },
    ];
  }
  const byPeers = rows.length >= s.minPieces;
  if (!byPeers && s.fallback === undefined) {
    return [
      {
        status: 'insufficient',
        period,
        detail: {
          zh: `只有 ${rows.length} 条内容达到样本量（至少需要 ${s.minPieces} 条才能和店内中位数比较）`,
          en: `Only ${rows.length} pieces reach the sample size (${s.minPieces} needed to compare with the shop median)`,
        },
        evidence: [],
      },
    ];
  }
  const med = median(rows.map((r) => r.r)) ?? 0;
  const sorted = rows.map((r) => r.r).sort((a, b) => a - b);
  const out: Verdict[] = [];
  for (const row of rows) {
    const ci = wilsonInterval(row.x, row.n);
    let line: number;
    let fired: boolean;
    if (byPeers) {
      if (s.bottomQuantile !== undefined) {
        const rank = sorted.filter((v) => v <= row.r).length / sorted.length;
        line = med;
        fired = rank <= s.bottomQuantile && ci.hi !== null && ci.hi < med;
      } else {
        line = s.factor * med;
        fired = row.r < line && ci.hi !== null && ci.hi < med;
      }
    } else {
      line = s.fallback ?? 0;
      fired = row.r < line;
    }
    if (!fired) continue;
    const name = nameOf(row.w.e);
    const ev: Evidence[] = [
      { label: s.what, value: row.r, format: 'ratio' },
      { label: { zh: '店内中位数', en: 'Shop median' }, value: byPeers ? med : null, format: 'ratio' },
      { label: { zh: '店内最好', en: 'Shop best' }, value: sorted[sorted.length - 1] ?? null, format: 'ratio' },
      { label: s.denLabel, value: row.n, format: 'count' },
    ];
    out.push({
      status: 'fired',
      entity: entityOf(row.w.e),
      period,
      title: { zh: `「${name}」${s.what.zh}偏低`, en: `“${name}”: low ${s.what.en}` },
      detail: {
        zh: `内容「${name}」近 ${s.days} 天${s.what.zh} ${(row.r * 100).toFixed(2)}%（${s.denLabel.zh} ${row.n}），${byPeers ? `店内中位数 ${(med * 100).toFixed(2)}%${s.bottomQuantile !== undefined ? `，处在后 ${Math.round(s.bottomQuantile * 100)}%` : `，低于中位数的 ${s.factor} 倍`}` : `低于兜底线 ${(line * 100).toFixed(2)}%（可比内容不足）`}。${s.why.zh}`,
        en: `“${name}”: ${s.what.en} ${(row.r * 100).toFixed(2)}% over ${s.days} days (${s.denLabel.en} ${row.n}); ${byPeers ? `shop median ${(med * 100).toFixed(2)}%${s.bottomQuantile !== undefined ? `, in the bottom ${Math.round(s.bottomQuantile * 100)}%` : `, under ${s.factor} × the median`}` : `under the fallback ${(line * 100).toFixed(2)}% (too few pieces to compare)`}. ${s.why.en}`,
      },
      suggestion: s.suggestion,
      evidence: ev,
      baseline: {
        method: byPeers ? { zh: '店内同期内容的中位数', en: 'Median of the shop’s pieces, same days' } : { zh: '经验兜底值', en: 'Practitioner fallback' },
        value: byPeers ? med : line,
      },
    });
  }
  if (out.length) return out;
  return [
    {
      status: 'ok',
      period,
      detail: {
        zh: `${rows.length} 条内容的${s.what.zh}都在正常范围（店内中位数 ${(med * 100).toFixed(2)}%）。`,
        en: `${s.what.en} of ${rows.length} pieces within range (shop median ${(med * 100).toFixed(2)}%).`,
      },
      evidence: [{ label: { zh: '店内中位数', en: 'Shop median' }, value: med, format: 'ratio' }],
    },
  ];
}
