/**
 * Annotation figures from stored facts, pure (the background feeds it what Dexie returned).
 * Baselines follow domain-rules §3.2 (same weekday, event days left out); the agent ranking
 * shrinks small samples towards the team rate so that 3 inquiries with 3 payments do not top
 * the list.
 */
import { addDays } from '../capture/business-date';
import { normalBaseline } from '../rules/shared/promo-calendar';
import { changePct } from '../series/baseline';
import type { Fact } from '../schema/fact';
import type { DailySeries } from '../series/types';
import { BADGES } from './badges';
import type { AdAnnotation, AgentAnnotation, Badge, ItemAnnotation, KpiAnnotation } from './types';

/** Dimensions that do not change what an entity's day number means (device aside). */
const VIEW_DIMS = new Set(['device', 'attr', 'unify', 'level', 'parent', 'belong', 'to', 'bizCode']);

/** The entity's own all-device day numbers (no per-item / per-reason scoped views). */
export function isDefaultDay(f: Fact, attr?: string | null): boolean {
  if (f.grain !== 'day') return false;
  const d = f.dims;
  if (d.device !== undefined && d.device !== '0') return false;
  if (attr && d.attr !== undefined && d.attr !== attr) return false;
  for (const k of Object.keys(d)) if (!VIEW_DIMS.has(k) && !(f.entityKind === 'sku' && k === 'itemId')) return false;
  return true;
}

/** date → metric → value, the fact with the fewest dims winning a date (the most general view). */
export function byDate(facts: readonly Fact[], attr?: string | null): Map<string, Record<string, number>> {
  const best = new Map<string, Fact>();
  for (const f of facts) {
    if (!isDefaultDay(f, attr)) continue;
    const prev = best.get(f.date);
    if (!prev || Object.keys(f.dims).length < Object.keys(prev.dims).length || (Object.keys(f.dims).length === Object.keys(prev.dims).length && f.updatedAt > prev.updatedAt))
      best.set(f.date, f);
  }
  const out = new Map<string, Record<string, number>>();
  for (const [d, f] of [...best.entries()].sort((a, b) => a[0].localeCompare(b[0]))) out.set(d, f.values);
  return out;
}

const SPARK_DAYS = 30;

export function kpiAnnotation(metric: string, unit: string, days: Map<string, Record<string, number>>, date: string): KpiAnnotation {
  const series: DailySeries = [...days.entries()].filter(([, v]) => typeof v[metric] === 'number').map(([d, v]) => ({ date: d, value: v[metric] as number }));
  const value = days.get(date)?.[metric] ?? null;
  const b = normalBaseline(series, date);
  const spark: (number | null)[] = [];
  for (let i = SPARK_DAYS - 1; i >= 0; i--) spark.push(days.get(addDays(date, -i))?.[metric] ?? null);
  return { type: 'kpi', metric, unit, date, value, base: b.value, delta: changePct(value, b.value), baseN: b.n, fallback: b.fallback, spark };
}

const HISTORY_DAYS = 90;
const round = (n: number | undefined, d = 4) => (typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);

export function itemHistory(days: Map<string, Record<string, number>>): ItemAnnotation['history'] {
  const dates = [...days.keys()].slice(-HISTORY_DAYS);
  const pick = (m: string, d: number) => dates.map((x) => round(days.get(x)?.[m], d));
  const payRate = dates.map((x) => {
    const v = days.get(x) ?? {};
    if (typeof v.payRate === 'number') return round(v.payRate, 5);
    return typeof v.payByrCnt === 'number' && typeof v.uv === 'number' && v.uv > 0 ? round(v.payByrCnt / v.uv, 5) : null;
  });
  return { dates, payAmt: pick('payAmt', 2), uv: pick('uv', 0), payRate };
}

export interface AdSums {
  spend: number;
  clicks: number;
  imps: number;
  gmv: number;
  orders: number;
  carts: number;
  budget: number | null;
  spendOnDate: number | null;
}

export function adSums(days: Map<string, Record<string, number>>, from: string, to: string): AdSums {
  const s: AdSums = { spend: 0, clicks: 0, imps: 0, gmv: 0, orders: 0, carts: 0, budget: null, spendOnDate: null };
  for (const [d, v] of days) {
    if (d < from || d > to) continue;
    s.spend += v.adSpend ?? 0;
    s.clicks += v.adClicks ?? 0;
    s.imps += v.adImpressions ?? 0;
    s.gmv += v.adGmv ?? 0;
    s.orders += v.adOrders ?? 0;
    s.carts += v.adCarts ?? 0;
  }
  const last = days.get(to);
  if (last) {
    s.spendOnDate = last.adSpend ?? null;
    // No adapter captures a daily budget yet; any of these ids would light 预算进度 up.
    s.budget = last.dayBudget ?? last.adBudget ?? null;
  }
  return s;
}

/** Minimum sample before an ad row is judged (domain-rules §2.2: small spend, no conclusion). */
export const AD_MIN = { spend: 50, clicks: 30, imps: 1000, ctrFloor: 0.012, ctrRatio: 0.8 } as const;

const money = (n: number) => `¥${n.toFixed(2)}`;
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

/**
 * One ad row over its window. `peerCtr` = the impression-weighted CTR of the rows of the same
 * kind on the page's window (the plan/scene baseline of ADS-03); `ruleFlags` = badges mapped from
 * ADS findings, which take precedence over the computed ones.
 */
export function adAnnotation(
  s: AdSums,
  win: { from: string; to: string; days: number },
  margin: { value: number; assumed: boolean },
  peerCtr: number | null,
  ruleFlags: Badge[],
  keyword: boolean,
): AdAnnotation {
  const breakEvenRoi = 1 / margin.value;
  const roi = s.spend > 0 ? s.gmv / s.spend : null;
  const flags = new Map<string, Badge>(ruleFlags.map((b) => [b.id, b]));
  const days = `${win.from} ~ ${win.to}`;
  if (!flags.has('noConv') && s.orders === 0 && s.spend >= AD_MIN.spend && s.clicks >= AD_MIN.clicks) {
    flags.set('noConv', {
      id: 'noConv',
      ...BADGES.noConv,
      tip: {
        zh: `${days} 花费 ${money(s.spend)}、点击 ${s.clicks} 次、成交 0 笔（门槛：花费 ≥ ¥${AD_MIN.spend} 且点击 ≥ ${AD_MIN.clicks}）`,
        en: `${days}: spend ${money(s.spend)}, ${s.clicks} clicks, 0 orders (threshold: spend ≥ ¥${AD_MIN.spend} and clicks ≥ ${AD_MIN.clicks})`,
      },
    });
  }
  if (!flags.has('lowRoi') && roi !== null && s.spend >= AD_MIN.spend && s.orders > 0 && roi < breakEvenRoi) {
    const m = `${Math.round(margin.value * 100)}%`;
    flags.set('lowRoi', {
      id: 'lowRoi',
      ...BADGES.lowRoi,
      tip: {
        zh: `${days} 投产比 ${roi.toFixed(2)}，低于保本 ${breakEvenRoi.toFixed(2)}（= 1 ÷ 毛利率 ${m}${margin.assumed ? '，默认假设，请在设置中录入' : ''}）`,
        en: `${days}: ROI ${roi.toFixed(2)} below break-even ${breakEvenRoi.toFixed(2)} (= 1 ÷ gross margin ${m}${margin.assumed ? ', assumed default — set it in options' : ''})`,
      },
    });
  }
  const ctr = s.imps > 0 ? s.clicks / s.imps : null;
  if (!flags.has('lowCtr') && ctr !== null && s.imps >= AD_MIN.imps) {
    const line = peerCtr !== null && peerCtr > 0 ? AD_MIN.ctrRatio * peerCtr : keyword ? AD_MIN.ctrFloor : null;
    if (line !== null && ctr < line) {
      flags.set('lowCtr', {
        id: 'lowCtr',
        ...BADGES.lowCtr,
        tip: {
          zh: `${days} 点击率 ${pct(ctr)}，低于 ${peerCtr !== null ? `同页平均 ${pct(peerCtr)} × ${AD_MIN.ctrRatio}` : `兜底线 ${pct(AD_MIN.ctrFloor)}`}（展现 ≥ ${AD_MIN.imps}）`,
          en: `${days}: CTR ${pct(ctr)} below ${peerCtr !== null ? `page average ${pct(peerCtr)} × ${AD_MIN.ctrRatio}` : `floor ${pct(AD_MIN.ctrFloor)}`} (impressions ≥ ${AD_MIN.imps})`,
        },
      });
    }
  }
  return {
    type: 'ad',
    flags: [...flags.values()],
    window: win,
    cartCost: s.carts > 0 ? s.spend / s.carts : null,
    roi,
    breakEvenRoi,
    grossMargin: margin.value,
    marginAssumed: margin.assumed,
    budgetProgress: s.budget && s.budget > 0 && s.spendOnDate !== null ? s.spendOnDate / s.budget : null,
  };
}

/** Prior strength of the shrinkage, in inquiries (≈ one busy agent-day). */
export const SHRINK_K = 30;

/**
 * Rank agents by 询单转化率 shrunk towards the team rate: (payers + K·team) ÷ (inquiries + K).
 * `rows` = per agent, summed over the window: inquiries and the raw rate.
 */
export function rankAgents(rows: Map<string, { inquiries: number; rate: number | null }>, win: { from: string; to: string }): Map<string, AgentAnnotation> {
  let n = 0;
  let paid = 0;
  for (const r of rows.values()) {
    if (r.rate === null || r.inquiries <= 0) continue;
    n += r.inquiries;
    paid += r.rate * r.inquiries;
  }
  const team = n > 0 ? paid / n : 0;
  const scored = [...rows.entries()].map(([id, r]) => {
    const inq = r.rate === null ? 0 : r.inquiries;
    const shrunk = (inq * (r.rate ?? 0) + SHRINK_K * team) / (inq + SHRINK_K);
    return { id, r, shrunk, inq };
  });
  scored.sort((a, b) => b.shrunk - a.shrunk || b.inq - a.inq || a.id.localeCompare(b.id));
  const out = new Map<string, AgentAnnotation>();
  scored.forEach((s, i) => {
    out.set(s.id, { type: 'agent', rank: i + 1, of: scored.length, rate: s.r.rate, shrunk: s.shrunk, inquiries: s.inq, teamRate: team, window: win });
  });
  return out;
}
