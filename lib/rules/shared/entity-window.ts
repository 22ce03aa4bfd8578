/**
 * Window sums and peer-group statistics over entity day series, shared by the 选品 (SEL) and
 * 供应链 (SC) rules. Missing days stay missing: a window knows how many days it observed.
 */
import { formatMoney, formatSignedPct } from '../../format';
import { addDays, dayNumber, daysBetween, fromDayNumber } from '../../series/dates';
import type { DailySeries } from '../../series/types';
import type { EntityRef, RuleContext, Text } from '../types';
import { isPromoDay } from './promo-calendar';

export interface WindowSum {
  sum: number;
  /** Days with a value in the window. */
  days: number;
  /** Length of the window in days. */
  span: number;
}

/** Sum of the values dated within [to − days + 1, to]. */
export function windowSum(series: DailySeries, to: string, days: number, exclude?: (d: string) => boolean): WindowSum {
  const from = addDays(to, -(days - 1));
  let sum = 0;
  let n = 0;
  for (const p of series) {
    if (p.date < from || p.date > to || p.value === null || exclude?.(p.date)) continue;
    sum += p.value;
    n++;
  }
  return { sum, days: n, span: days };
}

/**
 * `windowSum(ctx.series(kind, id, metricId), to, days, exclude)` read in place: only the window's
 * rows are touched, the entity's whole history is never turned into a series.
 */
export function entityWindowSum(
  ctx: RuleContext,
  kind: EntityRef['kind'],
  id: string,
  metricId: string,
  to: string,
  days: number,
  exclude?: (d: string) => boolean,
): WindowSum {
  const r = ctx.sum(kind, id, metricId, addDays(to, -(days - 1)), to, exclude);
  return { sum: r.sum, days: r.days, span: days };
}

/** `windowValues(ctx.series(kind, id, metricId), to, days, exclude)` read in place. */
export function entityWindowValues(
  ctx: RuleContext,
  kind: EntityRef['kind'],
  id: string,
  metricId: string,
  to: string,
  days: number,
  exclude?: (d: string) => boolean,
): (number | null)[] {
  return windowValues(ctx.range(kind, id, metricId, addDays(to, -(days - 1)), to), to, days, exclude);
}

/** Values per day of the window (null = not observed), oldest first. */
export function windowValues(series: DailySeries, to: string, days: number, exclude?: (d: string) => boolean): (number | null)[] {
  const end = dayNumber(to);
  if (end === null || !Number.isInteger(days)) {
    const map = new Map(series.map((p) => [p.date, p.value]));
    const out: (number | null)[] = [];
    for (let i = days - 1; i >= 0; i--) {
      const d = addDays(to, -i);
      out.push(exclude?.(d) ? null : (map.get(d) ?? null));
    }
    return out;
  }
  const start = end - (days - 1);
  // By day number; a later point of the same date wins, as a Map built from the series would.
  const out: (number | null)[] = new Array(Math.max(0, days)).fill(null);
  for (const p of series) {
    const n = p.date >= (fromDayNumber(start) as string) && p.date <= to ? dayNumber(p.date) : null;
    if (n !== null && n >= start && n <= end) out[n - start] = p.value;
  }
  if (exclude) for (let i = 0; i < out.length; i++) if (exclude(fromDayNumber(start + i))) out[i] = null;
  return out;
}

/** First date with a value, or null. */
export function firstDate(series: DailySeries): string | null {
  for (const p of series) if (p.value !== null) return p.date;
  return null;
}

/** Earliest date any entity of the kind has `metricId` (the start of that kind's capture history). */
export function historyStart(ctx: RuleContext, kind: EntityRef['kind'], metricId: string): string | null {
  let min: string | null = null;
  for (const e of ctx.entities(kind)) {
    const d = ctx.firstDate(kind, e.id, metricId);
    if (d && (!min || d < min)) min = d;
  }
  return min;
}

export const ageDays = (from: string, to: string) => daysBetween(from, to);

/** Display name of an entity: its title, else its id. */
export const nameOf = (e: EntityRef): string => e.name ?? e.id;

export const entityOf = (e: EntityRef) => ({ kind: e.kind, id: e.id, ...(e.name ? { name: e.name } : {}) });

export const money = (n: number): Text => ({ zh: formatMoney(n), en: formatMoney(n, 'en') });
export const signed = (x: number) => formatSignedPct(x, 1);
export const pct0 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Promo days and the days of the window that belong to a sales event stay out of "normal" demand. */
export const notNormal = (d: string) => isPromoDay(d);

/** `x` is the at-least-p-quantile member of `xs` (share of values ≤ x). */
export function percentRank(xs: readonly number[], x: number): number {
  if (xs.length === 0) return 0;
  return xs.filter((v) => v <= x).length / xs.length;
}

export const OPEN_ITEM_RANK: Text = {
  zh: '打开 生意参谋 → 品类 → 商品排行，按“日”逐日切换日期以采集商品数据',
  en: 'Open 生意参谋 → 品类 → 商品排行 and switch day by day to capture item data',
};
export const OPEN_SKU: Text = {
  zh: '打开 生意参谋 → 商品360 → 销售分析 → SKU 销售详情（实时）以采集 SKU 库存和销量',
  en: 'Open 生意参谋 → 商品360 → 销售分析 → SKU details (real-time) to capture SKU stock and sales',
};
export const OPEN_QN_ITEMS: Text = {
  zh: '打开 千牛 → 商品 → 商品管理（出售中的宝贝）以采集库存、价格和30日销量',
  en: 'Open 千牛 → 商品 → 商品管理 (items on sale) to capture stock, price and 30-day sales',
};
export const OPEN_LOGISTICS: Text = {
  zh: '打开 生意参谋 → 交易 → 物流概况（或 首页）以采集揽收和到货时长',
  en: 'Open 生意参谋 → 交易 → 物流概况 (or 首页) to capture pickup and delivery times',
};

export const SYCM_ITEM_RANK_LINK = { url: 'https://sycm.taobao.com/cc/item_rank', label: { zh: '生意参谋 → 商品排行', en: '生意参谋 → 商品排行' } };
export const QN_ITEMS_LINK = {
  url: 'https://myseller.taobao.com/home.htm/SellManage/on_sale',
  label: { zh: '千牛 → 商品管理', en: '千牛 → 商品管理' },
};

/** Stock of an item now: 千牛 stockOnHand, else the sum of its SKUs' real-time stock. */
export function itemStock(ctx: RuleContext, itemId: string, maxStaleDays = 2): number | null {
  const fresh = (d: string) => d >= addDays(ctx.asOf, -maxStaleDays);
  const qn = ctx.snapshot('item', itemId, 'stockOnHand');
  if (qn && fresh(qn.date)) return qn.value;
  let sum = 0;
  let n = 0;
  for (const sku of ctx.entities('sku')) {
    if (sku.itemId !== itemId) continue;
    const s = ctx.snapshot('sku', sku.id, 'currentStockCnt');
    if (s && fresh(s.date)) {
      sum += s.value;
      n++;
    }
  }
  return n ? sum : null;
}

/**
 * Latest snapshot of a shop metric in any view of the shop (千牛 工作台 panels are scoped views,
 * e.g. `panel=todo`), newest first.
 */
export function shopSnapshot(ctx: RuleContext, metricId: string): { date: string; value: number } | null {
  let best: { date: string; value: number } | null = null;
  for (const e of [{ id: ctx.shopId }, ...ctx.entities('shop', { scoped: true })]) {
    const s = ctx.snapshot('shop', e.id, metricId);
    if (s && (!best || s.date > best.date)) best = s;
  }
  return best;
}

/** The id of an entity without its scope (`123|list=compare` → `123`). */
export const baseId = (id: string): string => {
  const bar = id.indexOf('|');
  return bar < 0 ? id : id.slice(0, bar);
};
