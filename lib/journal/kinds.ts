/**
 * Action kinds of the 操作日志 with their Chinese labels, the metric each is expected to move
 * on each kind of entity, and the kind a finding suggests.
 */
import { metric } from '../metrics';
import type { EntityKind } from '../schema/fact';
import type { Area } from '../schema/finding';
import type { ActionKind } from '../schema/journal';

export { ACTION_LABELS } from './action-labels';

type Text = { zh: string; en: string };


export const ENTITY_LABELS: Partial<Record<EntityKind, Text>> = {
  shop: { zh: '店铺', en: 'Shop' },
  item: { zh: '商品', en: 'Item' },
  sku: { zh: 'SKU', en: 'SKU' },
  source: { zh: '流量来源', en: 'Traffic source' },
  keyword: { zh: '关键词', en: 'Keyword' },
  campaign: { zh: '计划', en: 'Campaign' },
  adgroup: { zh: '单元', en: 'Ad group' },
  crowd: { zh: '人群', en: 'Audience' },
  creative: { zh: '创意', en: 'Creative' },
  agent: { zh: '客服', en: 'Agent' },
  content: { zh: '内容', en: 'Content' },
  activity: { zh: '活动', en: 'Promotion' },
};

/** Entity kinds the journal offers (the ones an operator acts on). */
export const JOURNAL_ENTITY_KINDS = [
  'shop',
  'item',
  'sku',
  'keyword',
  'campaign',
  'crowd',
  'source',
  'agent',
  'content',
  'activity',
] as const satisfies readonly EntityKind[];

const AD = ['adClicks', 'adSpend', 'adGmv', 'adRoi', 'adCtr', 'adCpc', 'adCvr', 'adImpressions', 'adOrders', 'adCarts'];

/** Metrics each entity kind is captured with (catalog ids; checked by tests/journal). */
export const ENTITY_METRICS: Partial<Record<EntityKind, string[]>> = {
  shop: ['payAmt', 'uv', 'payRate', 'payPct', 'payByrCnt', 'payItmCnt', 'cartByrCnt', 'wwConsultPayRate', 'avgReplyInterval', 'p4pExpendAmt', 'adStrategyAmt'],
  item: ['payAmt', 'uv', 'payRate', 'payByrCnt', 'payItmCnt', 'cartByrCnt', 'pv', 'uvValue'],
  sku: ['payAmt', 'payItmCnt'],
  source: ['uv', 'payAmt', 'payRate', 'payByrCnt'],
  keyword: AD,
  campaign: AD,
  adgroup: AD,
  crowd: AD,
  creative: AD,
  agent: ['wwConsultPayRate', 'customerServiceGmv', 'avgReplyInterval'],
  content: ['contentViewPv', 'contentSeedPayAmt'],
  activity: ['payAmt', 'payByrCnt'],
};

/** What each action is expected to move, most telling first. */
export const ACTION_METRICS: Record<ActionKind, string[]> = {
  raiseBid: ['adClicks', 'adSpend', 'adGmv', 'uv'],
  lowerBid: ['adCpc', 'adSpend', 'adRoi', 'uv'],
  pauseAds: ['adSpend', 'adGmv', 'p4pExpendAmt', 'payAmt'],
  raiseBudget: ['adGmv', 'adSpend', 'adRoi', 'payAmt'],
  changeMainImage: ['adCtr', 'payRate', 'uv'],
  changeTitle: ['uv', 'payRate', 'adImpressions'],
  changePrice: ['payRate', 'payAmt'],
  joinActivity: ['payAmt', 'uv', 'payByrCnt'],
  restock: ['payItmCnt', 'payAmt'],
  changeDetailPage: ['payRate', 'cartByrCnt', 'uvValue'],
  serviceTraining: ['wwConsultPayRate', 'avgReplyInterval', 'customerServiceGmv'],
  other: ['payAmt', 'uv', 'adGmv', 'wwConsultPayRate', 'contentSeedPayAmt'],
};

export const DEFAULT_WINDOW_DAYS = 7;

/** Metrics of `kind`'s entity that an action is expected to move (first = the default). */
export function actionMetrics(action: ActionKind, kind: EntityKind): string[] {
  const has = ENTITY_METRICS[kind] ?? [];
  const picked = ACTION_METRICS[action].filter((m) => has.includes(m));
  return picked.length ? picked : has.slice(0, 3);
}

/**
 * The default metric for an action on an entity. With `available` (metrics the entity actually
 * has data for) the first expected metric with data wins.
 */
export function defaultMetric(action: ActionKind, kind: EntityKind, available?: ReadonlySet<string>): string {
  const cands = actionMetrics(action, kind);
  if (available?.size) {
    const hit = cands.find((m) => available.has(m)) ?? (ENTITY_METRICS[kind] ?? []).find((m) => available.has(m)) ?? [...available][0];
    if (hit) return hit;
  }
  return cands[0] ?? 'payAmt';
}

/** The action a finding most likely leads to (by rule, else by area and entity). */
export function suggestKind(ruleId: string, area: Area | undefined, kind: EntityKind): ActionKind {
  const byRule: [RegExp, ActionKind][] = [
    [/^ads-01-/, 'pauseAds'],
    [/^ads-(02|05|07|08|11)-/, 'lowerBid'],
    [/^ads-03-/, 'changeMainImage'],
    [/^ads-(06|09)-/, 'raiseBudget'],
    [/^ads-10-/, 'changeDetailPage'],
    [/^(sc-0[1239]|act-03|sel-08)-/, 'restock'],
    [/^sel-0[26]-/, 'changePrice'],
    [/^(sel-09|cnt-0[26])-/, 'changeMainImage'],
    [/^(cs-|team-0[47]-|act-08-)/, 'serviceTraining'],
    [/^act-/, 'joinActivity'],
  ];
  for (const [re, k] of byRule) if (re.test(ruleId)) return k;
  if (kind === 'agent') return 'serviceTraining';
  switch (area) {
    case 'ADS':
      return 'lowerBid';
    case 'SC':
      return 'restock';
    case 'CS':
      return 'serviceTraining';
    case 'ACT':
      return 'joinActivity';
    case 'SEL':
      return kind === 'item' ? 'changeMainImage' : 'other';
    default:
      return 'other';
  }
}

/** Spend-like metrics the catalog calls neutral: for a 复盘 lower is better. */
const LOWER_IS_BETTER = new Set(['adSpend', 'p4pExpendAmt', 'adStrategyAmt', 'cubeAmt', 'feedCharge', 'tkExpendAmt', 'itemPromoCharge']);

/** Which way is good for a metric in a 复盘 (neutral metrics count rises as good). */
export function betterDirection(metricId: string): 'up' | 'down' {
  if (LOWER_IS_BETTER.has(metricId)) return 'down';
  return metric(metricId)?.better === 'down' ? 'down' : 'up';
}

export function metricLabel(metricId: string, lang: 'zh' | 'en'): string {
  const m = metric(metricId);
  return m ? m[lang] : metricId;
}
