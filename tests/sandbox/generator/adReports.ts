/**
 * Ad-console report rows (万相台无界 / 直通车 / 引力魔方) derived from the world's campaigns and
 * keywords. Spend, impressions, clicks and the 15-day GMV are the world's own numbers (so campaign
 * spend sums to the shop's p4pExpendAmt / cubeAmt / feedCharge / adStrategyAmt); shorter or longer
 * attribution windows scale the conversions only.
 */
import type { Campaign, CampaignDay, CampaignType } from './ads.ts';
import { round } from './alloc.ts';
import { dateRange } from './dates.ts';
import { tri } from './prng.ts';
import type { World } from './world.ts';

/** 万相台 scene per campaign type (371 = 关键词推广 per console-sources; the others invented). */
export const SCENES: Record<CampaignType, { sceneId: number; name: string; bizCode: string }> = {
  keyword: { sceneId: 371, name: '关键词推广', bizCode: 'onebpSearch' },
  crowd: { sceneId: 372, name: '人群推广', bizCode: 'onebpDisplay' },
  scene: { sceneId: 373, name: '货品运营', bizCode: 'onebpDisplay' },
  fullsite: { sceneId: 418, name: '全站推广', bizCode: 'onebpSite' },
};

/** Conversions under a window, relative to the 15-day window the world's GMV is. */
const ATTR_FACTOR: Record<number, number> = { 1: 0.7, 3: 0.82, 7: 0.92, 15: 1, 30: 1.04 };
export const AD_ATTRS = [3, 7, 15, 30] as const;

export interface AdRow {
  charge: number;
  adPv: number;
  click: number;
  alipayInshopAmt: number;
  alipayInshopNum: number;
  cartInshopNum: number;
}

export interface AdMetrics extends AdRow {
  ctr: number;
  ecpc: number;
  cvr: number;
  roi: number;
}

/** Conversions of one row under an attribution window (deterministic, integer counts). */
export function convert(
  world: World,
  key: string,
  date: string,
  base: { charge: number; impressions: number; clicks: number; alipayInshopAmt: number },
  attr: number,
  avgPrice: number,
): AdRow {
  const f = ATTR_FACTOR[attr] ?? 1;
  const gmv = round(base.alipayInshopAmt * f, 2);
  return {
    charge: base.charge,
    adPv: base.impressions,
    click: base.clicks,
    alipayInshopAmt: gmv,
    alipayInshopNum: Math.round(gmv / avgPrice),
    cartInshopNum: Math.round(base.clicks * (0.09 + tri(0.02, world.seed, key, date, 'cart')) * Math.sqrt(f)),
  };
}

/** Sums rows and derives the rates the console shows (rates decimal, 5 dp; money 2 dp). */
export function withRates(r: AdRow): AdMetrics {
  return {
    ...r,
    charge: round(r.charge, 2),
    alipayInshopAmt: round(r.alipayInshopAmt, 2),
    ctr: r.adPv > 0 ? round(r.click / r.adPv, 5) : 0,
    ecpc: r.click > 0 ? round(r.charge / r.click, 2) : 0,
    cvr: r.click > 0 ? round(r.alipayInshopNum / r.click, 5) : 0,
    roi: r.charge > 0 ? round(r.alipayInshopAmt / r.charge, 2) : 0,
  };
}

export function addRows(a: AdRow, b: AdRow): AdRow {
  return {
    charge: round(a.charge + b.charge, 2),
    adPv: a.adPv + b.adPv,
    click: a.click + b.click,
    alipayInshopAmt: round(a.alipayInshopAmt + b.alipayInshopAmt, 2),
    alipayInshopNum: a.alipayInshopNum + b.alipayInshopNum,
    cartInshopNum: a.cartInshopNum + b.cartInshopNum,
  };
}

export const ZERO: AdRow = { charge: 0, adPv: 0, click: 0, alipayInshopAmt: 0, alipayInshopNum: 0, cartInshopNum: 0 };

const price = (world: World, shopId: string) => world.shop(shopId).profile.basePayPct;

/** Per campaign, one date, one window. */
export function campaignRows(world: World, shopId: string, date: string, attr: number): { campaign: Campaign; day: CampaignDay; row: AdRow }[] {
  const days = world.campaignDays(shopId, date);
  return world.campaigns(shopId).map((campaign, i) => {
    const day = days[i] as CampaignDay;
    return { campaign, day, row: convert(world, campaign.campaignId, date, day, attr, price(world, shopId)) };
  });
}

/** Per keyword, one date, one window. */
export function keywordRows(world: World, shopId: string, date: string, attr: number) {
  const words = new Map(world.keywords(shopId).map((k) => [k.keywordId, k]));
  return world.keywordDays(shopId, date).map((d) => ({
    keyword: words.get(d.keywordId),
    day: d,
    row: convert(world, d.keywordId, date, d, attr, price(world, shopId)),
  }));
}

/** Sum over an inclusive window of dates. */
export function sumOver<T extends { row: AdRow }>(
  dates: readonly string[],
  rowsOf: (date: string) => T[],
  keyOf: (t: T) => string,
): Map<string, { first: T; row: AdRow }> {
  const out = new Map<string, { first: T; row: AdRow }>();
  for (const d of dates) {
    for (const t of rowsOf(d)) {
      const k = keyOf(t);
      const prev = out.get(k);
      out.set(k, prev ? { first: prev.first, row: addRows(prev.row, t.row) } : { first: t, row: t.row });
    }
  }
  return out;
}

export { dateRange };
