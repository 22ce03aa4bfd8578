/**
 * 营销/活动 and 内容 for the sandbox (console-sources §5.8, §5.9, §12.5): activities of the sales
 * calendar with activity-period totals summed from the shop days, and content pieces whose daily
 * numbers split a small share of the shop's visitors and sales.
 */
import { allocate, allocateMoney, round } from './alloc.ts';
import { addDays, dateRange } from './dates.ts';
import type { ShopDay } from './metrics.ts';
import { numericId, rand } from './prng.ts';
import type { Shop } from './shops.ts';

export interface Activity {
  readonly activityId: string;
  readonly activityName: string;
  readonly start: string;
  readonly end: string;
}

/** 618, 双11, 双12 and the shop's own 周年庆 of each year in [fromYear, toYear]. */
export function buildActivities(seed: number, shop: Shop, years: readonly number[]): Activity[] {
  const out: Activity[] = [];
  for (const y of years) {
    const defs: [string, string, string][] = [
      ['618 年中大促', `${y}-06-01`, `${y}-06-18`],
      ['店铺周年庆', `${y}-09-08`, `${y}-09-12`],
      ['双11 全球狂欢节', `${y}-11-01`, `${y}-11-11`],
      ['双12 年终好价', `${y}-12-10`, `${y}-12-12`],
    ];
    defs.forEach(([name, start, end], i) => {
      out.push({ activityId: numericId(8, seed, shop.runAsShopId, 'act', y, i), activityName: name, start, end });
    });
  }
  return out;
}

export interface ActivityTotals {
  readonly payAmt: number;
  readonly uv: number;
  readonly payByrCnt: number;
  readonly payItmCnt: number;
  /** Last day included (the day before `today` while the activity runs). */
  readonly through: string;
}

/** Sums of the shop days of the activity that have ended before `today`; null when none has. */
export function activityTotals(a: Activity, today: string, shopDay: (date: string) => ShopDay): ActivityTotals | null {
  const last = a.end < today ? a.end : addDays(today, -1);
  if (last < a.start) return null;
  let payAmt = 0;
  let uv = 0;
  let payByrCnt = 0;
  let payItmCnt = 0;
  for (const d of dateRange(a.start, last)) {
    const s = shopDay(d);
    payAmt += s.payAmt;
    uv += s.uv;
    payByrCnt += s.payByrCnt;
    payItmCnt += s.payItmCnt;
  }
  return { payAmt: round(payAmt, 2), uv, payByrCnt, payItmCnt, through: last };
}

export interface ContentPiece {
  readonly contentId: string;
  readonly title: string;
  readonly itemId: string;
  readonly weight: number;
}

const TITLES = ['开箱实拍', '一分钟看懂', '买家秀合集', '直播切片', '搭配指南', '工厂探访', '新品首发', '使用教程'];

export function buildContent(seed: number, shop: Shop, itemIds: readonly string[]): ContentPiece[] {
  return TITLES.map((t, i) => ({
    contentId: `42${numericId(13, seed, shop.runAsShopId, 'content', i)}`,
    title: `${shop.runAsShopTitle.slice(0, 4)}${t}`,
    itemId: itemIds[i % Math.max(1, itemIds.length)] ?? '',
    weight: round(0.3 + rand(seed, shop.runAsShopId, 'contentW', i), 4),
  }));
}

export interface ContentDay {
  readonly contentId: string;
  readonly title: string;
  readonly itemId: string;
  readonly viewUv: number;
  readonly viewPv: number;
  readonly playUv: number;
  readonly finishRate: number;
  readonly avgStay: number;
  readonly itemClickUv: number;
  readonly seedPayByrCnt: number;
  readonly seedPayAmt: number;
}

/** About 6 % of visitors and 3 % of sales go through content, split by piece weight. */
export function contentDays(seed: number, pieces: readonly ContentPiece[], date: string, day: ShopDay): ContentDay[] {
  const w = pieces.map((p) => p.weight * (0.7 + 0.6 * rand(seed, p.contentId, date, 'cw')));
  const views = allocate(Math.round(day.uv * 0.06), w);
  const buyers = allocate(Math.round(day.payByrCnt * 0.03), w);
  const amounts = allocateMoney(round(day.payAmt * 0.03, 2), w);
  return pieces.map((p, i) => {
    const viewUv = views[i] ?? 0;
    return {
      contentId: p.contentId,
      title: p.title,
      itemId: p.itemId,
      viewUv,
      viewPv: Math.round(viewUv * 1.4),
      playUv: Math.round(viewUv * 0.8),
      finishRate: round(0.15 + 0.2 * rand(seed, p.contentId, date, 'fin'), 4),
      avgStay: round(8 + 20 * rand(seed, p.contentId, date, 'stay'), 1),
      itemClickUv: Math.round(viewUv * 0.12),
      seedPayByrCnt: buyers[i] ?? 0,
      seedPayAmt: amounts[i] ?? 0,
    };
  });
}
