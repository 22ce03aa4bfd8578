/** Seeded synthetic-shop generator for the sandbox console (pure: no Node-only APIs). */

export type { Campaign, CampaignDay, CampaignType, Keyword, KeywordDay, SpendCode } from './ads.ts';
export type { Agent, AgentDay } from './agents.ts';
export { eventFactor, HISTORY_START } from './calendar.ts';
export { addDays, beijingDate, beijingMidnightMs, dateRange, isIsoDate, toDayNum, weekdayIndex } from './dates.ts';
export { type Item, type ItemDay, type Sku, XSS_TITLE } from './items.ts';
export {
  CARD_CODES,
  type CardCode,
  HOME_KPI_CODES,
  HOME_KPIS,
  type HomeKpiCode,
  type MetricDef,
  type MetricUnit,
  metricDef,
  PEER_CODES,
  type PeerCode,
  type PeerDay,
  type PeerKind,
  type ShopDay,
} from './metrics.ts';
export { PLANTED_EFFECTS, type PlantedProblem, type ProblemArea, plantedProblems } from './planted.ts';
export { expectedUv } from './shopDay.ts';
export { SHOP_A, SHOP_B, SHOPS, type Shop, type ShopIdentity, type ShopKey, type ShopProfile, shopById, shopByKey } from './shops.ts';
export type { SourceDay, TrafficSource } from './traffic.ts';
export { createWorld, DEFAULT_SEED, type World } from './world.ts';
