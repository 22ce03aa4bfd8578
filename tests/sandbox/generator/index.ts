/** Seeded synthetic-shop generator for the sandbox console (pure: no Node-only APIs). */
export { createWorld, DEFAULT_SEED, type World } from './world.ts';
export { plantedProblems, type PlantedProblem, type ProblemArea, PLANTED_EFFECTS } from './planted.ts';
export {
  CARD_CODES,
  HOME_KPIS,
  HOME_KPI_CODES,
  PEER_CODES,
  metricDef,
  type CardCode,
  type HomeKpiCode,
  type MetricDef,
  type MetricUnit,
  type PeerCode,
  type PeerDay,
  type PeerKind,
  type ShopDay,
} from './metrics.ts';
export { SHOPS, SHOP_A, SHOP_B, shopById, shopByKey, type Shop, type ShopIdentity, type ShopKey, type ShopProfile } from './shops.ts';
export { HISTORY_START, eventFactor } from './calendar.ts';
export { addDays, beijingDate, beijingMidnightMs, dateRange, isIsoDate, toDayNum, weekdayIndex } from './dates.ts';
export { expectedUv } from './shopDay.ts';
export { XSS_TITLE, type Item, type ItemDay, type Sku } from './items.ts';
export type { SourceDay, TrafficSource } from './traffic.ts';
export type { Campaign, CampaignDay, CampaignType, Keyword, KeywordDay, SpendCode } from './ads.ts';
export type { Agent, AgentDay } from './agents.ts';
