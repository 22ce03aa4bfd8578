import type { Lang } from '../format';
import { METRICS, metric } from '../metrics';
import type { EntityKind, Grain } from '../schema/fact';

type Text = { zh: string; en: string };

/** Entity kinds as the consoles name them (sheet names of the wide XLSX). */
export const ENTITY_KIND_LABELS: Record<EntityKind, Text> = {
  shop: { zh: '店铺', en: 'Shop' },
  peer: { zh: '同行', en: 'Peers' },
  item: { zh: '商品', en: 'Items' },
  sku: { zh: 'SKU', en: 'SKUs' },
  source: { zh: '流量来源', en: 'Traffic sources' },
  keyword: { zh: '关键词', en: 'Keywords' },
  campaign: { zh: '计划', en: 'Campaigns' },
  adgroup: { zh: '单元', en: 'Ad groups' },
  crowd: { zh: '人群', en: 'Audiences' },
  creative: { zh: '创意', en: 'Creatives' },
  agent: { zh: '客服', en: 'Agents' },
  content: { zh: '内容', en: 'Content' },
  activity: { zh: '活动', en: 'Activities' },
  rivalShop: { zh: '竞店', en: 'Rival shops' },
  rivalItem: { zh: '竞品', en: 'Rival items' },
  category: { zh: '类目', en: 'Categories' },
  brand: { zh: '品牌', en: 'Brands' },
};

export const GRAIN_LABELS: Record<Grain, Text> = {
  day: { zh: '日', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  month: { zh: '月', en: 'Month' },
  range: { zh: '区间', en: 'Range' },
  live: { zh: '实时', en: 'Live' },
  snapshot: { zh: '快照', en: 'Snapshot' },
};

/** Meaning-changing dimensions (Fact.dims keys), in the column order of the wide tables. */
const DIM_LABELS: Record<string, Text> = {
  device: { zh: '终端', en: 'Device' },
  attr: { zh: '归因窗口(天)', en: 'Attribution (days)' },
  to: { zh: '截止日期', en: 'Range end' },
  unify: { zh: '口径', en: 'Caliber' },
  pvType: { zh: '流量类型', en: 'Traffic type' },
  source: { zh: '来源', en: 'Source' },
  level: { zh: '层级', en: 'Level' },
  parent: { zh: '上级来源', en: 'Parent source' },
  scope: { zh: '范围', en: 'Scope' },
  status: { zh: '状态', en: 'Status' },
  bizCode: { zh: '业务', en: 'Business' },
  hour: { zh: '小时', en: 'Hour' },
  panel: { zh: '面板', en: 'Panel' },
  reason: { zh: '原因', en: 'Reason' },
};
const DIM_ORDER = Object.keys(DIM_LABELS);

/** 终端 values of 生意参谋 (device=0/1/2). */
const DEVICE_LABELS: Record<string, Text> = {
  '0': { zh: '所有终端', en: 'All devices' },
  '1': { zh: 'PC端', en: 'PC' },
  '2': { zh: '无线端', en: 'Mobile' },
};

export function dimLabel(key: string, lang: Lang): string {
  return DIM_LABELS[key]?.[lang] ?? key;
}

export function dimValue(key: string, value: string, lang: Lang): string {
  if (key === 'device') return DEVICE_LABELS[value]?.[lang] ?? value;
  return value;
}

export function orderDims(keys: Iterable<string>): string[] {
  const rank = (k: string) => {
    const i = DIM_ORDER.indexOf(k);
    return i < 0 ? DIM_ORDER.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Catalog position of each metric: the catalog lists them in the consoles' own order. */
const CATALOG_RANK = new Map(METRICS.map((m, i) => [m.id, i]));

export function orderMetrics(ids: Iterable<string>): string[] {
  const rank = (id: string) => CATALOG_RANK.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function metricLabel(id: string, lang: Lang): string {
  const m = metric(id);
  return m ? m[lang] : id;
}

/** Asia/Shanghai wall time with its offset: 2026-11-22T10:31:05+08:00. */
export function shanghaiIso(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
