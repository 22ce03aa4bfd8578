/**
 * Shared reading of ad-report facts for the ADS rules (domain-rules §2.2 通用闸门, §0.4, §0.5):
 * one attribution window (the context already keeps only the profile's `attr`), windows of
 * ≥ 7 closed days ending T-2, days inside the attribution window marked 未成熟, break-even
 * from the profile's margin (said when it is the assumed default), and the what-if of
 * pausing what a rule flags.
 */
import { formatMoney, formatRate } from '../../format';
import type { EntityKind } from '../../schema/fact';
import type { Evidence } from '../../schema/finding';
import { addDays, dateRange } from '../../series/dates';
import type { RuleContext, Text, Verdict } from '../types';
import { isPromoDay } from './promo-calendar';

export const WANXIANG_LINK = {
  url: 'https://one.alimama.com/index.html#!/report/bidword?rptType=bidword',
  label: { zh: '万相台无界 → 报表 → 关键词', en: '万相台无界 → Reports → Keywords' },
};
export const WANXIANG_CAMPAIGN_LINK = {
  url: 'https://one.alimama.com/index.html#!/report/campaign?rptType=campaign',
  label: { zh: '万相台无界 → 报表 → 计划', en: '万相台无界 → Reports → Campaigns' },
};
export const SYCM_HOME_LINK = { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } };

export interface Window {
  from: string;
  to: string;
  dates: string[];
}

/** `days` closed days ending `lag` days before asOf (§2.2: the last 2 days are left out). */
export function adWindow(ctx: RuleContext, days: number, lag = 2): Window {
  const to = addDays(ctx.asOf, -lag);
  const from = addDays(to, -(days - 1));
  return { from, to, dates: dateRange(from, to) };
}

/** The last `days` non-event days ending at `to` (reaching back at most 120 days). */
export function normalDays(to: string, days: number): Window {
  const out: string[] = [];
  for (let d = to, i = 0; out.length < days && i < 120; d = addDays(d, -1), i++) if (!isPromoDay(d)) out.unshift(d);
  return { from: out[0] ?? to, to, dates: out };
}

export interface AdSums {
  spend: number;
  clicks: number;
  imps: number;
  gmv: number;
  orders: number;
  carts: number;
  /** Days of the window with any spend fact. */
  days: number;
  /** Whether the entity carries attributed GMV / orders / carts at all in the window. */
  hasGmv: boolean;
  hasOrders: boolean;
  hasCarts: boolean;
}

/** Whether `dates` are consecutive days in order (a plain window); remembered per array. */
const RUNS = new WeakMap<readonly string[], boolean>();
function isRun(dates: readonly string[]): boolean {
  let r = RUNS.get(dates);
  if (r === undefined) {
    r = dates.length > 0 && dates.every((d, i) => i === 0 || addDays(dates[i - 1] as string, 1) === d);
    RUNS.set(dates, r);
  }
  return r;
}

const AD_METRICS = ['adSpend', 'adGmv', 'adOrders', 'adCarts', 'adClicks', 'adImpressions'];

const SETS = new WeakMap<readonly string[], { set: Set<string>; min: string; max: string }>();

export function adSums(ctx: RuleContext, kind: EntityKind, id: string, dates: readonly string[]): AdSums {
  return adSumsIn(ctx, kind, id, dates, isRun(dates) ? ctx.sums(kind, AD_METRICS, dates[0] as string, dates[dates.length - 1] as string) : undefined);
}

/** AdSums from one entity's window sums (in AD_METRICS order; none = no facts in the window). */
function fromWindow(r: readonly { sum: number; days: number }[] | undefined): AdSums {
  if (!r) return { ...ZERO_SUMS };
  const spend = r[0] as { sum: number; days: number };
  const gmv = r[1] as { sum: number; days: number };
  const orders = r[2] as { sum: number; days: number };
  const carts = r[3] as { sum: number; days: number };
  return {
    spend: spend.sum,
    clicks: (r[4] as { sum: number }).sum,
    imps: (r[5] as { sum: number }).sum,
    gmv: gmv.sum,
    orders: orders.days ? orders.sum : 0,
    carts: carts.sum,
    days: spend.days,
    hasGmv: gmv.days > 0,
    hasOrders: orders.days > 0,
    hasCarts: carts.days > 0,
  };
}

/** adSums with the kind's window sums already read (a plain window), else by the dates. */
function adSumsIn(
  ctx: RuleContext,
  kind: EntityKind,
  id: string,
  dates: readonly string[],
  window: ReadonlyMap<string, readonly { sum: number; days: number }[]> | undefined,
): AdSums {
  // A plain window: every entity of the kind at once, shared by the rules asking the same window.
  if (window !== undefined) return fromWindow(window.get(id));
  // Other date sets (event days left out) by lookup.
  let sel = SETS.get(dates);
  if (!sel) {
    const sorted = [...dates].sort();
    sel = { set: new Set(dates), min: sorted[0] ?? '', max: sorted[sorted.length - 1] ?? '' };
    SETS.set(dates, sel);
  }
  const total = (metric: string): { v: number; n: number } => {
    let v = 0;
    let n = 0;
    if (!sel || sel.set.size === 0) return { v, n };
    for (const p of ctx.range(kind, id, metric, sel.min, sel.max)) {
      if (p.value === null || !sel.set.has(p.date)) continue;
      v += p.value;
      n++;
    }
    return { v, n };
  };
  const spend = total('adSpend');
  const gmv = total('adGmv');
  const orders = total('adOrders');
  const carts = total('adCarts');
  return {
    spend: spend.v,
    clicks: total('adClicks').v,
    imps: total('adImpressions').v,
    gmv: gmv.v,
    orders: orders.n ? orders.v : 0,
    carts: carts.v,
    days: spend.n,
    hasGmv: gmv.n > 0,
    hasOrders: orders.n > 0,
    hasCarts: carts.n > 0,
  };
}

export function addSums(a: AdSums, b: AdSums): AdSums {
  return {
    spend: a.spend + b.spend,
    clicks: a.clicks + b.clicks,
    imps: a.imps + b.imps,
    gmv: a.gmv + b.gmv,
    orders: a.orders + b.orders,
    carts: a.carts + b.carts,
    days: Math.max(a.days, b.days),
    hasGmv: a.hasGmv || b.hasGmv,
    hasOrders: a.hasOrders || b.hasOrders,
    hasCarts: a.hasCarts || b.hasCarts,
  };
}

export const ZERO_SUMS: AdSums = { spend: 0, clicks: 0, imps: 0, gmv: 0, orders: 0, carts: 0, days: 0, hasGmv: false, hasOrders: false, hasCarts: false };

/** An ad entity: `ref` is the context key to read series with, `id` the console id for findings. */
export interface AdEntity {
  ref: string;
  id: string;
  name?: string;
}

/**
 * Ad report entities in the default caliber. The 万相台 adapter stores `unify` (口径) on every row
 * and `campaign` / `adgroup` on crowd and item rows; the context keeps such facts as scoped views
 * (`id|unify=zhai`). Only the default 口径 (`zhai`, or none) is read; a crowd scoped by its
 * campaign keeps that scope in its id so two campaigns' copies of one crowd stay apart.
 */
export function adEntities(ctx: RuleContext, kind: EntityKind): AdEntity[] {
  const out: AdEntity[] = [];
  for (const e of ctx.entities(kind, { scoped: true })) {
    const bar = e.id.indexOf('|');
    const bare = bar < 0 ? e.id : e.id.slice(0, bar);
    const scope = (e.scope ?? '').split('&').filter((x) => x !== '');
    const unify = scope.find((x) => x.startsWith('unify='));
    if (unify && unify !== 'unify=zhai') continue;
    const rest = scope.filter((x) => !x.startsWith('unify=') && (x.startsWith('campaign=') || x.startsWith('adgroup=')));
    if (scope.some((x) => !x.startsWith('unify=') && !x.startsWith('campaign=') && !x.startsWith('adgroup='))) continue;
    out.push({ ref: e.id, id: rest.length ? `${bare}|${rest.join('&')}` : bare, ...(e.name ? { name: e.name } : {}) });
  }
  return out;
}

export interface EntitySum {
  entity: AdEntity;
  s: AdSums;
}

/**
 * entitySums of a plain window, per window-sums map: the context hands out one map per kind and
 * window until a capture changes the kind (then a new one), so the rules reading the same window
 * (ADS-01, -05, -10 and their persistence days) share one pass over the entities.
 */
const BY_WINDOW = new WeakMap<object, readonly EntitySum[]>();

/** Every entity of a kind with its sums over the window (entities without spend left out). */
export function entitySums(ctx: RuleContext, kind: EntityKind, dates: readonly string[]): EntitySum[] {
  const window = isRun(dates) ? ctx.sums(kind, AD_METRICS, dates[0] as string, dates[dates.length - 1] as string) : undefined;
  const hit = window && BY_WINDOW.get(window);
  if (hit) return hit.slice();
  const out = adEntities(ctx, kind)
    .map((e) => ({ entity: e, s: adSumsIn(ctx, kind, e.ref, dates, window) }))
    .filter((x) => x.s.days > 0);
  if (window) BY_WINDOW.set(window, out);
  return out.slice();
}

export const roiOf = (s: Pick<AdSums, 'gmv' | 'spend'>): number | null => (s.spend > 0 ? s.gmv / s.spend : null);

/** The profile's margin, and a sentence when it is the assumed default. */
export function marginOf(ctx: RuleContext): { m: number; assumed: boolean; note: Text } {
  const m = ctx.profile.grossMargin;
  const assumed = ctx.profile.assumed.includes('grossMargin');
  const pct = `${Math.round(m * 100)}%`;
  return {
    m,
    assumed,
    note: assumed
      ? {
          zh: `毛利率未录入，按默认假设 ${pct} 计（请在 设置 → 店铺资料 录入真实毛利率后再定级）。`,
          en: `Gross margin not entered: the default ${pct} is assumed (enter the real margin in Settings → Shop profile before acting on the severity).`,
        }
      : { zh: `按录入的毛利率 ${pct} 计。`, en: `Using the entered gross margin of ${pct}.` },
  };
}

/** Days of the window still inside the attribution window (conversions may still arrive). */
export function maturity(ctx: RuleContext, w: Window): { immature: number; note: Text } {
  const attr = ctx.profile.attributionDays;
  const firstMature = addDays(ctx.asOf, -attr);
  const immature = w.dates.filter((d) => d > firstMature).length;
  if (immature === 0) return { immature, note: { zh: '', en: '' } };
  return {
    immature,
    note: {
      zh: `（其中 ${immature} 天仍在 ${attr} 天归因窗口内，成交数据未成熟，可能还会增加）`,
      en: ` (${immature} of these days are still inside the ${attr}-day attribution window: conversions are immature and may still rise)`,
    },
  };
}

export const CAPTURE_HINT: Record<'keyword' | 'campaign' | 'crowd' | 'shop', Text> = {
  keyword: {
    zh: '打开 万相台无界 → 报表 → 关键词，选“分日”和 15 天归因，翻到近 15 天以采集此数据',
    en: 'Open 万相台无界 → Reports → Keywords, split by day with the 15-day attribution window, for the last 15 days',
  },
  campaign: {
    zh: '打开 万相台无界 → 报表 → 计划，选“分日”和 15 天归因，翻到近 15 天以采集此数据',
    en: 'Open 万相台无界 → Reports → Campaigns, split by day with the 15-day attribution window, for the last 15 days',
  },
  crowd: {
    zh: '打开 万相台无界 → 报表 → 人群，选“分日”和 15 天归因以采集此数据',
    en: 'Open 万相台无界 → Reports → Crowds, split by day with the 15-day attribution window',
  },
  shop: {
    zh: '打开 生意参谋 → 首页，翻看近 14 天以采集推广花费和支付金额',
    en: 'Open 生意参谋 → 首页 and browse the last 14 days for ad spend and payment amount',
  },
};

export function insufficient(reason: Text, hint?: Text): Verdict {
  return {
    status: 'insufficient',
    detail: hint ? { zh: `${reason.zh}。${hint.zh}。`, en: `${reason.en}. ${hint.en}.` } : reason,
    evidence: [],
  };
}

export interface WhatIf {
  spend: number;
  gmv: number;
  roi: number | null;
  /** Change of gross profit after ads: Δ(GMV × margin − spend). */
  profitDelta: number;
  text: Text;
  evidence: Evidence[];
}

/**
 * What-if of pausing the flagged spend: its spend and attributed GMV leave the account, and a
 * share `organic` of that GMV is assumed to arrive anyway (buyers who would have searched and
 * bought without the ad). The assumption is printed with the numbers.
 */
export function whatIfPause(
  account: Pick<AdSums, 'spend' | 'gmv'>,
  flagged: Pick<AdSums, 'spend' | 'gmv'>,
  organic: number,
  margin: number,
  scope: Text,
): WhatIf {
  const lostGmv = flagged.gmv * (1 - organic);
  const spend = Math.max(0, account.spend - flagged.spend);
  const gmv = Math.max(0, account.gmv - lostGmv);
  const roi = spend > 0 ? gmv / spend : null;
  const roi0 = roiOf(account);
  const profitDelta = flagged.spend - lostGmv * margin;
  const r = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const share = `${Math.round(organic * 100)}%`;
  return {
    spend,
    gmv,
    roi,
    profitDelta,
    text: {
      zh: `假如暂停：${scope.zh}花费 ${formatMoney(account.spend)} → ${formatMoney(spend)}，归因成交 ${formatMoney(account.gmv)} → ${formatMoney(gmv)}，投产比 ${r(roi0)} → ${r(roi)}；毛利${profitDelta >= 0 ? '增加' : '减少'}约 ${formatMoney(Math.abs(profitDelta))}（方法：去掉被标记对象的花费和归因成交，假设其中 ${share} 的成交会通过自然流量照样发生）。`,
      en: `If paused: ${scope.en} spend ${formatMoney(account.spend, 'en')} → ${formatMoney(spend, 'en')}, attributed sales ${formatMoney(account.gmv, 'en')} → ${formatMoney(gmv, 'en')}, ROAS ${r(roi0)} → ${r(roi)}; gross profit ${profitDelta >= 0 ? 'up' : 'down'} about ${formatMoney(Math.abs(profitDelta), 'en')} (method: remove the flagged spend and attributed sales, assuming ${share} of those sales would still arrive organically).`,
    },
    evidence: [
      { label: { zh: '暂停后预计花费', en: 'Projected spend if paused' }, value: spend, format: 'CNY' },
      { label: { zh: '暂停后预计归因成交', en: 'Projected attributed sales if paused' }, value: gmv, format: 'CNY' },
      { label: { zh: '暂停后预计投产比', en: 'Projected ROAS if paused' }, value: roi, format: 'plain' },
      { label: { zh: '毛利变化（估算）', en: 'Gross-profit change (estimate)' }, value: profitDelta, format: 'CNY' },
    ],
  };
}

export const rate = formatRate;
export const fix2 = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(2));

/** Name of an entity for prose: 「name」 or the id. */
export const nameOf = (e: { id: string; name?: string }) => `「${e.name ?? e.id}」`;

/**
 * 预算撞线 from day data (the console's hourly pacing and daily budget are not captured): a
 * daily budget is a hard ceiling, so a capped campaign's spend piles up at the same value. Days
 * whose spend is within `tol` of the window's maximum count as capped.
 */
export function cappedDays(ctx: RuleContext, id: string, dates: readonly string[], tol: number): { cap: number; days: string[]; spend: number } {
  const set = new Set(dates);
  const pts = ctx.series('campaign', id, 'adSpend').filter((p) => set.has(p.date) && p.value !== null) as { date: string; value: number }[];
  const cap = pts.reduce((m, p) => Math.max(m, p.value), 0);
  const spend = pts.reduce((a, p) => a + p.value, 0);
  return { cap, spend, days: cap > 0 ? pts.filter((p) => p.value >= cap * (1 - tol)).map((p) => p.date) : [] };
}
