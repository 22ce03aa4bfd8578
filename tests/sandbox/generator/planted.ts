/** Planted problems: deliberate anomalies the extension's diagnosis should find. */
import type { World } from './world.ts';

export type ProblemArea = 'DA' | 'SEL' | 'ADS' | 'ACT' | 'CS' | 'CNT' | 'SC' | 'TEAM';

export interface PlantedProblem {
  readonly id: string;
  readonly shopId: string;
  readonly area: ProblemArea;
  readonly kind: string;
  readonly entity: { readonly kind: string; readonly id: string };
  /** Inclusive date window. */
  readonly from: string;
  readonly to: string;
  readonly metric: string;
  readonly description: string;
}

/** How a planted problem changes the generated data (internal to the generator). */
export interface PlantedEffect {
  readonly problem: PlantedProblem;
  /** Multiplier on shop visitors (conversion unchanged, so buyers / GMV / pv follow). */
  readonly uvFactor?: number;
  /** Traffic-source pageIds that absorb the whole loss (others keep their visitors). */
  readonly lostFromSources?: readonly string[];
  /** Index (in world.items) of an item that keeps its visitors but sells nothing. */
  readonly noSalesItemIndex?: number;
  /** A SKU (item index, SKU index) whose restocking stops on `from`: stock runs down by expected demand. */
  readonly stockStall?: { readonly itemIndex: number; readonly skuIndex: number; readonly coverAtStart: number };
  /** A keyword (rank `rank` in the shop's keyword campaign #`campaign`) whose spend weight is multiplied and whose attributed sales go to 0 (moved to its campaign's other keywords). */
  readonly zeroConvKeyword?: { readonly campaign: number; readonly rank: number; readonly spendFactor: number };
  /** Share of the 大促 conversion lift the shop keeps (0 = conversion flat during the event). */
  readonly eventRateKeep?: number;
  /** An agent (sub-account nick) whose inquiry conversion and / or reply times are multiplied. */
  readonly agent?: { readonly nick: string; readonly convFactor?: number; readonly speedFactor?: number };
  /** Multiplier on the visitors from live / short-video / image-text content (流量总览). */
  readonly contentUvFactor?: number;
}

export const PLANTED_EFFECTS: readonly PlantedEffect[] = [
  {
    problem: {
      id: 'A-traffic-drop-2026-11-16',
      shopId: '106033221',
      area: 'DA',
      kind: 'traffic-drop',
      entity: { kind: 'shop', id: '106033221' },
      from: '2026-11-16',
      to: '2026-11-22',
      metric: 'uv',
      description:
        '店铺访客数连续7天降至正常水平的约62%(2026-11-16至2026-11-22),支付转化率不变,支付买家数、支付金额、浏览量随之下降;流失集中在手淘搜索和手淘推荐。',
    },
    uvFactor: 0.62,
    lostFromSources: ['23.s1150', '23.s1152'],
  },
  {
    problem: {
      id: 'A-slow-mover-2026-10-24',
      shopId: '106033221',
      area: 'SEL',
      kind: 'slow-mover',
      // Resolved from the world: the item at index 12 of shop A.
      entity: { kind: 'item', id: 'item#12' },
      from: '2026-10-24',
      to: '2026-11-22',
      metric: 'payItmCnt',
      description: '商品(第13个)2026-10-24至2026-11-22连续30天零成交,访客和加购照常,库存未动:滞销(SEL-03)。',
    },
    noSalesItemIndex: 12,
  },
  {
    problem: {
      id: 'A-stock-out-2026-11-12',
      shopId: '106033221',
      area: 'SC',
      kind: 'stock-out',
      // Resolved from the world: the first SKU of the shop's top item.
      entity: { kind: 'sku', id: 'sku#0.0' },
      from: '2026-11-12',
      to: '2026-11-22',
      metric: 'currentStockCnt',
      description: '头部商品的主销SKU自2026-11-12起未补货(供应商延迟),库存按需求下降,到2026-11-23只剩约2天的量:即将断货(SC-01)。',
    },
    stockStall: { itemIndex: 0, skuIndex: 0, coverAtStart: 13 },
  },
  {
    problem: {
      id: 'A-ads-zero-conversion-2026-11-01',
      shopId: '106033221',
      area: 'ADS',
      kind: 'zero-conversion-keyword',
      // Resolved from the world: the top keyword of the shop's second keyword campaign.
      entity: { kind: 'keyword', id: 'keyword#1.0' },
      from: '2026-11-01',
      to: '2026-11-22',
      metric: 'adOrders',
      description:
        '关键词推广计划“关键词-冬被毛毯拓词”的头部关键词自2026-11-01起花费翻到约3倍(点击随之增加)却0成交(成交归到同计划其他词,计划总花费和成交不变):高花费零成交(ADS-01)。',
    },
    zeroConvKeyword: { campaign: 1, rank: 0, spendFactor: 3 },
  },
  {
    problem: {
      id: 'A-act-no-conversion-lift-2026-11-01',
      shopId: '106033221',
      area: 'ACT',
      kind: 'event-no-conversion-lift',
      entity: { kind: 'shop', id: '106033221' },
      from: '2026-11-01',
      to: '2026-11-11',
      metric: 'payRate',
      description:
        '双11开卖期(2026-11-01至2026-11-11)店铺支付转化率没有提升(访客照常爆发,转化率停在日常水平),支付买家数和金额随之偏低:活动期转化率没有提升(ACT-09)。',
    },
    eventRateKeep: 0,
  },
  {
    problem: {
      id: 'A-agent-conversion-2026-11-02',
      shopId: '106033221',
      area: 'CS',
      kind: 'agent-low-conversion',
      entity: { kind: 'agent', id: '暖居家纺旗舰店:小鹿' },
      from: '2026-11-02',
      to: '2026-11-22',
      metric: 'consultFinalPayRate',
      description: '客服小鹿的询单转化率从2026-11-02起降到平时的约55%(约26%,团队中位约45%),连续3周;接待量和响应时长不变。',
    },
    agent: { nick: '暖居家纺旗舰店:小鹿', convFactor: 0.55 },
  },
  {
    problem: {
      id: 'A-agent-slow-2026-10-01',
      shopId: '106033221',
      area: 'TEAM',
      kind: 'agent-kpi-bottom',
      entity: { kind: 'agent', id: '暖居家纺旗舰店:木子' },
      from: '2026-10-01',
      to: '2026-11-22',
      metric: 'avgReplyInterval',
      description: '客服木子从2026-10-01起平均/首次响应时长变为平时的2.5倍(约32秒),10月和11月的客服KPI综合分都排在团队最后。',
    },
    agent: { nick: '暖居家纺旗舰店:木子', speedFactor: 2.5 },
  },
  {
    problem: {
      id: 'A-content-traffic-drop-2026-11-15',
      shopId: '106033221',
      area: 'CNT',
      kind: 'content-traffic-drop',
      entity: { kind: 'shop', id: '106033221' },
      from: '2026-11-15',
      to: '2026-11-22',
      metric: 'shortVideoUv',
      description: '2026-11-15起直播、短视频、图文带来的访客降到平时的35%(停更停播),其他渠道不变。',
    },
    contentUvFactor: 0.35,
  },
];

/** Resolved SKU ids of stalled restocking (filled by createWorld for its seed). */
const stalled = new Map<string, { from: string; coverAtStart: number }>();

export function registerStall(skuId: string, from: string, coverAtStart: number): void {
  stalled.set(skuId, { from, coverAtStart });
}

/** The stall of a SKU on a date (days since it began), or null. */
export function stockStall(skuId: string, date: string): { coverAtStart: number; daysSince: number } | null {
  const s = stalled.get(skuId);
  if (!s || date < s.from) return null;
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${s.from}T00:00:00Z`)) / 86_400_000);
  return { coverAtStart: s.coverAtStart, daysSince: days };
}

export function effectsOn(shopId: string, date: string): PlantedEffect[] {
  return PLANTED_EFFECTS.filter((e) => e.problem.shopId === shopId && date >= e.problem.from && date <= e.problem.to);
}

/**
 * The planted problems of a world (same for every seed: they are data, not noise). Item and SKU
 * entities are named by position; given the world, their ids are resolved for its seed.
 */
export function plantedProblems(world?: World): PlantedProblem[] {
  return PLANTED_EFFECTS.map((e) => {
    let id = e.problem.entity.id;
    if (world && e.noSalesItemIndex !== undefined) id = world.items(e.problem.shopId)[e.noSalesItemIndex]?.itemId ?? id;
    if (world && e.stockStall) {
      const item = world.items(e.problem.shopId)[e.stockStall.itemIndex];
      id = world.skus(e.problem.shopId).filter((s) => s.itemId === item?.itemId)[e.stockStall.skuIndex]?.skuId ?? id;
    }
    if (world && e.zeroConvKeyword) id = plantedKeywordId(world, e.problem.shopId, e.zeroConvKeyword) ?? id;
    return { ...e.problem, entity: { ...e.problem.entity, id } };
  });
}

/** The keyword id of a zeroConvKeyword effect (rank within the shop's keyword campaign #campaign). */
export function plantedKeywordId(world: World, shopId: string, k: { campaign: number; rank: number }): string | undefined {
  const kwCampaigns = world.campaigns(shopId).filter((c) => c.type === 'keyword');
  const c = kwCampaigns[k.campaign];
  return world.keywords(shopId).filter((w) => w.campaignId === c?.campaignId)[k.rank]?.keywordId;
}
