/** SKU stock and daily units for the ACT stock rules (ACT-03, ACT-04). */
import { addDays } from '../../series/dates';
import type { EntityRef, RuleContext } from '../types';
import { isPromoDay } from './promo-calendar';

export interface SkuStock {
  sku: EntityRef;
  stock: number;
  stockDate: string;
  /** Mean daily units over non-event days before `before`, or from the console's 可售天数. */
  daily: number | null;
  dailySource: 'sales' | 'stockDays' | null;
}

/** Stock snapshots of every SKU with its daily units (28 non-event days before `before`). */
export function skuStocks(ctx: RuleContext, before: string): SkuStock[] {
  const out: SkuStock[] = [];
  const ids = new Set<string>();
  for (const s of ctx.entities('sku')) ids.add(s.id);
  for (const sku of ctx.entities('sku')) {
    const snap = ctx.snapshot('sku', sku.id, 'currentStockCnt');
    if (!snap) continue;
    const units = ctx.series('sku', sku.id, 'payItmCnt');
    const byDate = new Map(units.filter((p) => p.value !== null).map((p) => [p.date, p.value as number]));
    const days: number[] = [];
    for (let d = addDays(before, -1), i = 0; days.length < 28 && i < 120; d = addDays(d, -1), i++) {
      const v = byDate.get(d);
      if (v !== undefined && !isPromoDay(d)) days.push(v);
    }
    let daily: number | null = null;
    let dailySource: SkuStock['dailySource'] = null;
    if (days.length >= 14) {
      daily = days.reduce((a, b) => a + b, 0) / days.length;
      dailySource = 'sales';
    } else {
      const cover = ctx.snapshot('sku', sku.id, 'stockDays');
      if (cover && cover.value > 0) {
        daily = snap.value / cover.value;
        dailySource = 'stockDays';
      }
    }
    out.push({ sku, stock: snap.value, stockDate: snap.date, daily, dailySource });
  }
  return out;
}

export const SKU_HINT = {
  zh: '打开 生意参谋 → 商品 → 商品360 → SKU 分析（近 30 天）以采集 SKU 库存和日销量',
  en: 'Open 生意参谋 → 商品 → 商品360 → SKU analysis (last 30 days) to capture SKU stock and daily units',
};
