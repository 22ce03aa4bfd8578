/**
 * 流量 and 实时 views of the generator world (new data only, derived from the existing world):
 * - traffic sources per device (device 0 = the world's sources exactly; 2 = the 无线 share; 1 = the rest),
 *   with the derived 店铺来源 metrics (pv, 下单, UV价值 …) and a 流量总览 block;
 * - 手淘搜索 keywords (引流搜索关键词) splitting part of 23.s1150's visitors;
 * - today-so-far snapshots (实时): the day's totals × the share of the day's traffic reached by a
 *   given minute (a typical e-commerce hourly curve).
 */
import { allocate, allocateMoney, round } from './alloc.ts';
import { addDays } from './dates.ts';
import { effectsOn } from './planted.ts';
import { hash32 } from './prng.ts';
import type { SourceDay } from './traffic.ts';
import type { World } from './world.ts';

export type Device = '0' | '1' | '2';

export interface SourceMetrics {
  readonly pageId: string;
  readonly pPageId: string;
  readonly pageName: string;
  readonly pageLevel: 1 | 2;
  readonly uv: number;
  readonly pv: number;
  readonly payByrCnt: number;
  readonly payAmt: number;
  readonly payRate: number;
  readonly payPct: number;
  readonly uvValue: number;
  readonly crtByrCnt: number;
  readonly crtVldAmt: number;
  readonly crtRate: number;
  readonly cartByrCnt: number;
  readonly newUv: number;
}

/** Share of a source's visitors on 无线 (stable per source, 0.86 … 0.97). */
export function mobileShare(pageId: string): number {
  if (pageId.startsWith('24.1')) return 0.72;
  return 0.86 + (hash32(`mobile|${pageId}`) % 1100) / 10000;
}

function derive(s: Pick<SourceDay, 'pageId' | 'pPageId' | 'pageName' | 'pageLevel' | 'uv' | 'payByrCnt' | 'payAmt'>): SourceMetrics {
  const h = (hash32(`derive|${s.pageId}`) % 1000) / 1000;
  const crtByrCnt = Math.round(s.payByrCnt * (1.12 + 0.06 * h));
  return {
    pageId: s.pageId,
    pPageId: s.pPageId,
    pageName: s.pageName,
    pageLevel: s.pageLevel,
    uv: s.uv,
    pv: Math.round(s.uv * (2.4 + 0.8 * h)),
    payByrCnt: s.payByrCnt,
    payAmt: s.payAmt,
    payRate: s.uv ? round(s.payByrCnt / s.uv, 4) : 0,
    payPct: s.payByrCnt ? round(s.payAmt / s.payByrCnt, 2) : 0,
    uvValue: s.uv ? round(s.payAmt / s.uv, 2) : 0,
    crtByrCnt,
    crtVldAmt: round(s.payAmt * (1.1 + 0.05 * h), 2),
    crtRate: s.uv ? round(crtByrCnt / s.uv, 4) : 0,
    cartByrCnt: Math.round(s.uv * (0.06 + 0.03 * h)),
    newUv: Math.round(s.uv * (0.72 + 0.16 * h)),
  };
}

/** The world's source days for one device; level-1 rows are the sums of their children. */
export function sourceDaysForDevice(world: World, shopId: string, date: string, device: Device): SourceMetrics[] {
  const all = world.sourceDays(shopId, date);
  const leaves = all.filter((s) => s.pageLevel === 2);
  const part = (s: SourceDay, v: number, money = false): number => {
    if (device === '0') return v;
    const m = mobileShare(s.pageId);
    const mobile = money ? round(v * m, 2) : Math.round(v * m);
    return device === '2' ? mobile : money ? round(v - mobile, 2) : v - mobile;
  };
  const leafDays = leaves.map((s) => ({ ...s, uv: part(s, s.uv), payByrCnt: part(s, s.payByrCnt), payAmt: part(s, s.payAmt, true) }));
  const parents = all
    .filter((s) => s.pageLevel === 1)
    .map((p) => {
      const kids = leafDays.filter((l) => l.pPageId === p.pageId);
      return {
        ...p,
        uv: kids.reduce((a, k) => a + k.uv, 0),
        payByrCnt: kids.reduce((a, k) => a + k.payByrCnt, 0),
        payAmt: Math.round(kids.reduce((a, k) => a + k.payAmt * 100, 0)) / 100,
      };
    });
  return [...parents, ...leafDays].map(derive);
}

/** 流量总览 block for one device: visitors are the sum of the leaf sources (device 0 = shop uv). */
export function flowOverview(world: World, shopId: string, date: string, device: Device): Record<string, number> {
  const leaves = sourceDaysForDevice(world, shopId, date, device).filter((s) => s.pageLevel === 2);
  const uv = leaves.reduce((a, s) => a + s.uv, 0);
  const pv = leaves.reduce((a, s) => a + s.pv, 0);
  const newUv = leaves.reduce((a, s) => a + s.newUv, 0);
  const payByrCnt = leaves.reduce((a, s) => a + s.payByrCnt, 0);
  const h = (hash32(`ov|${shopId}|${date}|${device}`) % 1000) / 1000;
  // Planted content-traffic drop (planted.ts): live / video / image-text visitors only.
  const cf = effectsOn(shopId, date).reduce((f, e) => f * (e.contentUvFactor ?? 1), 1);
  return {
    uv,
    itmUv: Math.round(uv * (0.84 + 0.06 * h)),
    payByrCnt,
    pv,
    avgPv: uv ? round(pv / uv, 2) : 0,
    oldUv: uv - newUv,
    newUv,
    shopCltByrCnt: Math.round(uv * (0.004 + 0.002 * h)),
    liveRoomUv: Math.round(uv * 0.03 * cf),
    shortVideoUv: Math.round(uv * 0.015 * cf),
    imageUv: Math.round(uv * 0.006 * cf),
    shopVisitUv: Math.round(uv * (0.08 + 0.03 * h)),
  };
}

const WORDS: Record<string, readonly string[]> = {
  A: [
    '四件套纯棉',
    '床上用品',
    '纯棉四件套100全棉',
    '羽绒被',
    '蚕丝被',
    '乳胶枕',
    '记忆棉枕头',
    '夏凉被',
    '床笠防水',
    '珊瑚绒毯',
    '浴巾',
    '凉席',
    '被套单件',
    '床垫褥子',
    '抱枕',
  ],
  B: ['冲锋衣', '登山鞋', '帐篷户外', '露营椅', '睡袋', '登山杖', '速干衣', '户外背包', '防晒衣', '头灯', '天幕', '保温杯户外', '折叠桌', '徒步鞋', '抓绒衣'],
};

export interface SearchKeywordDay {
  readonly keyword: string;
  readonly uv: number;
  readonly payByrCnt: number;
  readonly payAmt: number;
  readonly cartByrCnt: number;
  readonly payRate: number;
}

/** 手淘搜索 (23.s1150) keywords of a day and device: the listed words take 65 % of its visitors. */
export function searchKeywordDays(world: World, shopId: string, date: string, device: Device): SearchKeywordDay[] {
  const key = world.shop(shopId).key;
  const words = WORDS[key] ?? [];
  const search = sourceDaysForDevice(world, shopId, date, device).find((s) => s.pageId === '23.s1150');
  if (!search) return [];
  const w = words.map((word, i) => (1 / (i + 1.5)) * (1 + ((hash32(`kw|${word}|${date}`) % 200) - 100) / 1000));
  const uv = allocate(Math.round(search.uv * 0.65), w);
  const buyers = allocate(Math.round(search.payByrCnt * 0.65), w);
  const amt = allocateMoney(round(search.payAmt * 0.65, 2), w);
  return words.map((keyword, i) => {
    const u = uv[i] ?? 0;
    const b = buyers[i] ?? 0;
    return { keyword, uv: u, payByrCnt: b, payAmt: amt[i] ?? 0, cartByrCnt: Math.round(u * 0.08), payRate: u ? round(b / u, 4) : 0 };
  });
}

// --- 实时 -------------------------------------------------------------------------------------

/** Relative traffic per hour (00 … 23) of a typical day. */
export const HOURLY_WEIGHTS: readonly number[] = [
  2.2, 1.2, 0.7, 0.45, 0.4, 0.55, 1.1, 2.1, 3.4, 4.6, 5.3, 5.4, 4.6, 4.4, 4.9, 5.1, 4.9, 4.5, 4.6, 5.6, 6.6, 7.1, 6.2, 3.9,
];
const WEIGHT_SUM = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);

/** Share of the day's traffic reached at `minute` (0 … 1440). */
export function dayFraction(minute: number): number {
  const m = Math.max(0, Math.min(1440, minute));
  const h = Math.floor(m / 60);
  let acc = 0;
  for (let i = 0; i < h; i++) acc += HOURLY_WEIGHTS[i] ?? 0;
  if (h < 24) acc += ((HOURLY_WEIGHTS[h] ?? 0) * (m - h * 60)) / 60;
  return acc / WEIGHT_SUM;
}

/** Today so far at `minute`: counts and amounts scaled from the full day's values. */
export function liveShop(world: World, shopId: string, date: string, minute: number): Record<string, number> {
  const d = world.shopDay(shopId, date);
  const f = dayFraction(minute);
  const uv = Math.round(d.uv * f);
  const payByrCnt = Math.round(d.payByrCnt * f);
  const payAmt = round(d.payAmt * f, 2);
  return {
    payAmt,
    uv,
    pv: Math.round(d.pv * f),
    payByrCnt,
    payOrdCnt: Math.round(d.subPayOrdSubCnt * f),
    payItmCnt: Math.round(d.payItmCnt * f),
    payRate: uv ? round(payByrCnt / uv, 4) : 0,
  };
}

/** Cumulative today-so-far curve per completed hour (and the current one) up to `minute`. */
export function liveCurve(world: World, shopId: string, date: string, minute: number): { hours: number[]; payAmt: number[]; uv: number[] } {
  const hours: number[] = [];
  const payAmt: number[] = [];
  const uv: number[] = [];
  for (let h = 0; h * 60 < minute && h < 24; h++) {
    const m = Math.min(minute, (h + 1) * 60);
    const s = liveShop(world, shopId, date, m);
    hours.push(h);
    payAmt.push(s.payAmt ?? 0);
    uv.push(s.uv ?? 0);
  }
  return { hours, payAmt, uv };
}

/** Full-day closed figures of the day before `date` (the 实时 page's 昨日 block). */
export function yesterdayShop(world: World, shopId: string, date: string): Record<string, number> {
  const d = world.shopDay(shopId, addDays(date, -1));
  return { payAmt: d.payAmt, uv: d.uv, pv: d.pv, payByrCnt: d.payByrCnt, payOrdCnt: d.subPayOrdSubCnt, payItmCnt: d.payItmCnt, payRate: d.payRate };
}

export interface LiveItem {
  readonly itemId: string;
  readonly title: string;
  readonly uv: number;
  readonly payAmt: number;
  readonly payByrCnt: number;
  readonly cartItmCnt: number;
}

/** Items today so far (device 0), sorted by `index` descending. */
export function liveItems(world: World, shopId: string, date: string, minute: number, index: 'uv' | 'payAmt' | 'cartItmCnt' = 'uv'): LiveItem[] {
  const f = dayFraction(minute);
  const titles = new Map(world.items(shopId).map((i) => [i.itemId, i.title]));
  return world
    .itemDays(shopId, date)
    .map((d) => ({
      itemId: d.itemId,
      title: titles.get(d.itemId) ?? d.itemId,
      uv: Math.round(d.uv * f),
      payAmt: round(d.payAmt * f, 2),
      payByrCnt: Math.round(d.payByrCnt * f),
      cartItmCnt: Math.round(d.cartByrCnt * 1.4 * f),
    }))
    .sort((a, b) => b[index] - a[index] || a.itemId.localeCompare(b.itemId));
}

/** Today-so-far traffic sources (device 2 by default), from the day's source split. */
export function liveSources(
  world: World,
  shopId: string,
  date: string,
  minute: number,
  device: Device,
): { pageId: string; pageName: string; uv: number; payAmt: number; payByrCnt: number }[] {
  const f = dayFraction(minute);
  return sourceDaysForDevice(world, shopId, date, device)
    .filter((s) => s.pageLevel === 2)
    .map((s) => ({ pageId: s.pageId, pageName: s.pageName, uv: Math.round(s.uv * f), payAmt: round(s.payAmt * f, 2), payByrCnt: Math.round(s.payByrCnt * f) }))
    .sort((a, b) => b.uv - a.uv);
}
