/** createWorld: the deterministic synthetic-shop world used by the sandbox console and tests. */

import {
  buildCampaigns,
  buildKeywords,
  type Campaign,
  type CampaignDay,
  computeCampaignDays,
  computeKeywordDays,
  type Keyword,
  type KeywordDay,
} from './ads.ts';
import { type Agent, type AgentDay, buildAgents, computeAgentDays } from './agents.ts';
import { HISTORY_START } from './calendar.ts';
import { isIsoDate } from './dates.ts';
import { buildItems, buildSkus, computeItemDays, type Item, type ItemDay, type Sku, skuStockOn } from './items.ts';
import type { PeerDay, PeerKind, ShopDay } from './metrics.ts';
import { effectsOn, PLANTED_EFFECTS, type PlantedProblem, plantedProblems, registerStall } from './planted.ts';
import { computePeerDay, computeShopDay, coreSales } from './shopDay.ts';
import { requireShop, SHOPS, type Shop } from './shops.ts';
import { buildTrafficSources, computeSourceDays, type SourceDay, type TrafficSource } from './traffic.ts';

export const DEFAULT_SEED = 20261129;

export interface World {
  readonly seed: number;
  /** First date with data; data exists for dates ≥ historyStart and < today. */
  readonly historyStart: string;
  readonly shops: readonly Shop[];
  shop(shopId: string): Shop;
  /** True when the console would have data for `date` given the current `today`. */
  hasData(date: string, today: string): boolean;
  shopDay(shopId: string, date: string): ShopDay;
  peerDay(shopId: string, date: string, kind: PeerKind): PeerDay;
  items(shopId: string): readonly Item[];
  skus(shopId: string): readonly Sku[];
  skuStock(sku: Sku, date: string): number;
  itemDays(shopId: string, date: string): ItemDay[];
  trafficSources(shopId: string): readonly TrafficSource[];
  sourceDays(shopId: string, date: string): SourceDay[];
  campaigns(shopId: string): readonly Campaign[];
  campaignDays(shopId: string, date: string): CampaignDay[];
  keywords(shopId: string): readonly Keyword[];
  keywordDays(shopId: string, date: string): KeywordDay[];
  agents(shopId: string): readonly Agent[];
  agentDays(shopId: string, date: string): AgentDay[];
  plantedProblems(): PlantedProblem[];
}

interface Catalogue {
  readonly items: readonly Item[];
  readonly skus: readonly Sku[];
  readonly sources: readonly TrafficSource[];
  readonly campaigns: readonly Campaign[];
  readonly keywords: readonly Keyword[];
  readonly agents: readonly Agent[];
}

const CACHE_LIMIT = 5000;

export function createWorld(opts: { seed?: number } = {}): World {
  const seed = opts.seed ?? DEFAULT_SEED;
  const catalogues = new Map<string, Catalogue>();
  const dayCache = new Map<string, ShopDay>();

  const catalogue = (shopId: string): Catalogue => {
    let c = catalogues.get(shopId);
    if (!c) {
      const shop = requireShop(shopId);
      const items = buildItems(seed, shop);
      const campaigns = buildCampaigns(seed, shop);
      const skus = buildSkus(seed, shop, items);
      // Planted supplier delays: this seed's SKU ids of the stalled positions.
      for (const e of PLANTED_EFFECTS) {
        if (e.problem.shopId !== shopId || !e.stockStall) continue;
        const item = items[e.stockStall.itemIndex];
        const sku = skus.filter((s) => s.itemId === item?.itemId)[e.stockStall.skuIndex];
        if (sku) registerStall(sku.skuId, e.problem.from, e.stockStall.coverAtStart);
      }
      c = {
        items,
        skus,
        sources: buildTrafficSources(shop),
        campaigns,
        keywords: buildKeywords(seed, shop, campaigns),
        agents: buildAgents(seed, shop),
      };
      catalogues.set(shopId, c);
    }
    return c;
  };

  const checkDate = (date: string): void => {
    if (!isIsoDate(date)) throw new Error(`bad date: ${date}`);
  };

  const shopDay = (shopId: string, date: string): ShopDay => {
    checkDate(date);
    const key = `${shopId}|${date}`;
    let d = dayCache.get(key);
    if (!d) {
      d = computeShopDay(seed, requireShop(shopId), date);
      if (dayCache.size > CACHE_LIMIT) dayCache.clear();
      dayCache.set(key, d);
    }
    return { ...d };
  };

  const campaignDays = (shopId: string, date: string): CampaignDay[] =>
    computeCampaignDays(seed, requireShop(shopId), catalogue(shopId).campaigns, date, shopDay(shopId, date));

  const world: World = {
    seed,
    historyStart: HISTORY_START,
    shops: SHOPS,
    shop: requireShop,
    hasData: (date, today) => isIsoDate(date) && date >= HISTORY_START && date < today,
    shopDay,
    peerDay: (shopId, date, kind) => {
      checkDate(date);
      return computePeerDay(seed, requireShop(shopId), date, kind);
    },
    items: (shopId) => catalogue(shopId).items,
    skus: (shopId) => catalogue(shopId).skus,
    skuStock: skuStockOn,
    itemDays: (shopId, date) => {
      const d = shopDay(shopId, date);
      return computeItemDays(seed, catalogue(shopId).items, date, d);
    },
    trafficSources: (shopId) => catalogue(shopId).sources,
    sourceDays: (shopId, date) => {
      checkDate(date);
      const shop = requireShop(shopId);
      return computeSourceDays(seed, shop, catalogue(shopId).sources, date, coreSales(seed, shop, date), effectsOn(shopId, date));
    },
    campaigns: (shopId) => catalogue(shopId).campaigns,
    campaignDays,
    keywords: (shopId) => catalogue(shopId).keywords,
    keywordDays: (shopId, date) =>
      computeKeywordDays(
        seed,
        catalogue(shopId).keywords,
        campaignDays(shopId, date),
        date,
        effectsOn(shopId, date).find((e) => e.zeroConvKeyword)?.zeroConvKeyword,
      ),
    agents: (shopId) => catalogue(shopId).agents,
    agentDays: (shopId, date) => computeAgentDays(seed, catalogue(shopId).agents, date, shopDay(shopId, date)),
    plantedProblems: () => plantedProblems(world),
  };
  return world;
}
