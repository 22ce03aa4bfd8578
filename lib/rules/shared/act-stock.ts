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
  const from = addDays(before, -120);
  const to = addDays(before, -1);
  for (const sku of ctx.entities('sku')) {
    const snap = ctx.snapshot('sku', sku.id, 'currentStockCnt');
    if (!snap) continue;
    // The 120 days before `before`, newest first, until 28 non-event days with a value.
    const units = ctx.range('sku', sku.id, 'payItmCnt', from, to);
    const days: number[] = [];
    for (let i = units.length - 1; i >= 0 && days.length < 28; i--) {
      const p = units[i] as { date: string; value: number | null };
      if (p.value !== null && !isPromoDay(p.date)) days.push(p.value);
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
