import type { EntityKind } from '../schema/fact';
import type { Area } from '../schema/finding';

/**
 * How a KPI of a period is built from daily values (domain-rules §3.2): amounts and counts of
 * events add up; visitor-like counts are reported as a daily average; rates are recomputed from
 * their parts (周转化率 = Σ买家 ÷ Σ访客), never averaged.
 */
export type Agg = { kind: 'sum' } | { kind: 'avg' } | { kind: 'ratio'; num: string; den: string } | { kind: 'sumOf'; parts: string[] };

export interface KpiDef {
  /** Metric id of the catalog (or a derived id with its own label). */
  id: string;
  agg: Agg;
  /** For derived KPIs that are not catalog metrics. */
  label?: { zh: string; en: string };
  unit?: 'CNY' | 'count' | 'ratio' | 'multiple';
}

export interface AreaDef {
  id: Area | 'OVERVIEW';
  /** Page families whose data feeds this area (for "打开 … 以采集此数据"). */
  families: string[];
  kpis: KpiDef[];
  /** Entities to drill into, with the metric to rank them by. */
  drill: { kind: EntityKind; label: { zh: string; en: string }; rankBy: string; show: string[] }[];
}

const sum = { kind: 'sum' } as const;
const avg = { kind: 'avg' } as const;

export const OVERVIEW: AreaDef = {
  id: 'OVERVIEW',
  families: ['sycm-home'],
  kpis: [
    { id: 'payAmt', agg: sum },
    { id: 'uv', agg: avg },
    { id: 'payRate', agg: { kind: 'ratio', num: 'payByrCnt', den: 'uv' } },
    { id: 'payPct', agg: { kind: 'ratio', num: 'payAmt', den: 'payByrCnt' } },
    { id: 'payByrCnt', agg: sum },
    { id: 'cartByrCnt', agg: avg },
    { id: 'cltItmCnt', agg: avg },
  ],
  drill: [],
};

export const AREA_DEFS: Record<Area, AreaDef> = {
  SEL: {
    id: 'SEL',
    families: ['sycm-item', 'sycm-market', 'qianniu-item'],
    kpis: [
      { id: 'payItmCnt', agg: sum },
      { id: 'cartItemCnt', agg: sum },
      { id: 'cltItmCnt', agg: avg },
      { id: 'uvValue', agg: { kind: 'ratio', num: 'payAmt', den: 'uv' }, label: { zh: 'UV价值', en: 'Value per visitor' }, unit: 'CNY' },
    ],
    drill: [{ kind: 'item', label: { zh: '商品', en: 'Items' }, rankBy: 'payAmt', show: ['payAmt', 'uv', 'payRate'] }],
  },
  ADS: {
    id: 'ADS',
    families: ['wanxiang', 'zhitongche', 'yinli', 'sycm-home'],
    kpis: [
      {
        id: 'adSpendTotal',
        agg: { kind: 'sumOf', parts: ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt'] },
        label: { zh: '推广花费', en: 'Ad spend' },
        unit: 'CNY',
      },
      { id: 'adGmv', agg: sum },
      { id: 'adRoi', agg: { kind: 'ratio', num: 'adGmv', den: 'adSpend' } },
      { id: 'adClicks', agg: sum },
      { id: 'adCtr', agg: { kind: 'ratio', num: 'adClicks', den: 'adImpressions' } },
      { id: 'tkExpendAmt', agg: sum },
    ],
    drill: [
      { kind: 'campaign', label: { zh: '计划', en: 'Campaigns' }, rankBy: 'adSpend', show: ['adSpend', 'adGmv', 'adRoi'] },
      { kind: 'keyword', label: { zh: '关键词', en: 'Keywords' }, rankBy: 'adSpend', show: ['adSpend', 'adClicks', 'adGmv'] },
    ],
  },
  ACT: {
    id: 'ACT',
    families: ['sycm-marketing', 'sycm-home'],
    kpis: [
      { id: 'payAmt', agg: sum },
      { id: 'payByrCnt', agg: sum },
      { id: 'payPct', agg: { kind: 'ratio', num: 'payAmt', den: 'payByrCnt' } },
      { id: 'getCouponsCnt', agg: sum },
    ],
    drill: [{ kind: 'activity', label: { zh: '活动', en: 'Activities' }, rankBy: 'payAmt', show: ['payAmt', 'payByrCnt'] }],
  },
  CS: {
    id: 'CS',
    families: ['sycm-service', 'sycm-home'],
    kpis: [
      { id: 'wwConsultPayRate', agg: avg },
      { id: 'avgReplyInterval', agg: avg },
      { id: 'customerAllSateRate', agg: avg },
      { id: 'consultRate', agg: avg },
      { id: 'wwReplyManualAvgTimeLen', agg: avg },
      { id: 'payAmtRfdRate', agg: avg },
    ],
    drill: [
      {
        kind: 'agent',
        label: { zh: '客服', en: 'Agents' },
        rankBy: 'customerServiceGmv',
        show: ['wwConsultPayRate', 'avgReplyInterval', 'customerServiceGmv'],
      },
    ],
  },
  DA: {
    id: 'DA',
    families: ['sycm-home', 'sycm-flow'],
    kpis: OVERVIEW.kpis,
    drill: [{ kind: 'source', label: { zh: '流量来源', en: 'Traffic sources' }, rankBy: 'uv', show: ['uv', 'payRate', 'payAmt'] }],
  },
  CNT: {
    id: 'CNT',
    families: ['sycm-marketing', 'sycm-flow'],
    kpis: [
      { id: 'liveRoomUv', agg: avg },
      { id: 'shortVideoUv', agg: avg },
      { id: 'imageUv', agg: avg },
    ],
    drill: [{ kind: 'content', label: { zh: '内容', en: 'Content' }, rankBy: 'contentViewPv', show: ['contentViewPv', 'contentSeedPayAmt'] }],
  },
  SC: {
    id: 'SC',
    families: ['sycm-item', 'qianniu-item', 'qianniu-workbench', 'sycm-trade', 'sycm-home'],
    kpis: [
      { id: 'gotInTime24hRate', agg: avg },
      { id: 'avgSignTimeHh', agg: avg },
      { id: 'rfdFinshDur', agg: avg },
      { id: 'ordRfdRate', agg: avg },
      { id: 'avgShipTimeHh', agg: avg },
    ],
    drill: [
      { kind: 'sku', label: { zh: 'SKU', en: 'SKUs' }, rankBy: 'payAmt', show: ['payAmt', 'payItmCnt'] },
      { kind: 'item', label: { zh: '商品', en: 'Items' }, rankBy: 'payAmt', show: ['payAmt', 'payItmCnt'] },
    ],
  },
  TEAM: {
    id: 'TEAM',
    families: ['sycm-service', 'qianniu-workbench'],
    kpis: [
      { id: 'customerServiceGmv', agg: sum },
      { id: 'validReplyUv', agg: sum },
      { id: 'wwConsultPayRate', agg: avg },
    ],
    drill: [{ kind: 'agent', label: { zh: '客服', en: 'Agents' }, rankBy: 'customerServiceGmv', show: ['customerServiceGmv', 'wwConsultPayRate'] }],
  },
};
