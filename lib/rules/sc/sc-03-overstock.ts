import { formatDays, formatMoney } from '../../format';
import { addDays } from '../../series/dates';
import { estimateDemand } from '../shared/demand';
import { entityOf, nameOf, OPEN_QN_ITEMS, OPEN_SKU, entityWindowSum } from '../shared/entity-window';
import { defineRule, type EntityRef, type RuleContext, type Verdict } from '../types';

interface Cover {
  e: EntityRef;
  stock: number;
  rate: number;
  price: number | null;
}

/**
 * SC-03: days of cover > 90 → P2, > 180 → P1. SKUs use 商品360 real-time stock and their own
 * daily units; items without SKU stock use 千牛 商品管理 (stock, 30日销量 ÷ 30, price). Stock that
 * does not sell at all is SEL-03's case (no cover can be computed).
 */
export default defineRule({
  meta: {
    id: 'sc-03-overstock',
    ref: 'SC-03',
    area: 'SC',
    title: { zh: '库存积压', en: 'Overstock' },
    description: {
      zh: '按当前销速，库存要 90 天以上才能卖完（P2），180 天以上为 P1；给出占用的货值。',
      en: 'At the current pace the stock takes over 90 days to sell (P2), over 180 days P1; shows the capital tied up.',
    },
    severity: 'P2',
    requires: [],
    thresholds: {
      p2Days: { default: 90, min: 30, max: 365, label: { zh: 'P2 可售天数', en: 'P2 days of cover' }, source: '[H]' },
      p1Days: { default: 180, min: 60, max: 730, label: { zh: 'P1 可售天数', en: 'P1 days of cover' }, source: '[H]' },
      minValue: { default: 500, min: 0, max: 1e7, label: { zh: '最小积压货值（元）', en: 'Minimum stock value (¥)' }, source: '[H]' },
      maxStaleDays: { default: 2, min: 0, max: 14, label: { zh: '库存快照最长滞后（天）', en: 'Maximum stock snapshot age (days)' }, source: '[C]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品360 → SKU 销售详情', en: '生意参谋 → 商品360 → SKU details' } },
  },
  evaluate(ctx, t) {
    const fresh = (d: string) => d >= addDays(ctx.asOf, -t.maxStaleDays);
    const covers: Cover[] = [];
    const itemsWithSkus = new Set<string>();
    for (const sku of ctx.entities('sku')) {
      const snap = ctx.snapshot('sku', sku.id, 'currentStockCnt');
      if (!snap || !fresh(snap.date)) continue;
      if (sku.itemId) itemsWithSkus.add(sku.itemId);
      const d = estimateDemand(ctx.range('sku', sku.id, 'payItmCnt', addDays(ctx.asOf, -27), ctx.asOf), ctx.asOf);
      if (!d || d.rate <= 0) continue;
      const amt = entityWindowSum(ctx, 'sku', sku.id, 'payAmt', ctx.asOf, 28).sum;
      const units = entityWindowSum(ctx, 'sku', sku.id, 'payItmCnt', ctx.asOf, 28).sum;
      covers.push({ e: sku, stock: snap.value, rate: d.rate, price: units > 0 ? amt / units : null });
    }
    for (const item of ctx.entities('item')) {
      if (itemsWithSkus.has(item.id)) continue;
      const stock = ctx.snapshot('item', item.id, 'stockOnHand');
      const sold = ctx.snapshot('item', item.id, 'soldQty30d');
      if (!stock || !sold || !fresh(stock.date) || sold.value <= 0) continue;
      covers.push({ e: item, stock: stock.value, rate: sold.value / 30, price: ctx.snapshot('item', item.id, 'itemPrice')?.value ?? null });
    }
    if (covers.length === 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `没有可计算可售天数的库存和销量。${OPEN_SKU.zh}；或 ${OPEN_QN_ITEMS.zh}`,
            en: `No stock with sales to compute cover. ${OPEN_SKU.en}; or ${OPEN_QN_ITEMS.en}`,
          },
          evidence: [],
        },
      ];
    }
    const out: Verdict[] = [];
    for (const c of covers) {
      const cover = c.stock / c.rate;
      const value = c.price !== null ? c.stock * c.price : null;
      if (cover <= t.p2Days || (value !== null && value < t.minValue)) continue;
      out.push(verdict(ctx, c, cover, value, cover > t.p1Days ? 'P1' : 'P2', t));
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: `已检查 ${covers.length} 个 SKU / 商品，可售天数都不超过 ${t.p2Days} 天。`,
          en: `${covers.length} SKUs / items checked: none above ${t.p2Days} days of cover.`,
        },
        evidence: [{ label: { zh: '已检查条目', en: 'Entries checked' }, value: covers.length, format: 'count' }],
      },
    ];
  },
});

function verdict(ctx: RuleContext, c: Cover, cover: number, value: number | null, severity: 'P1' | 'P2', t: Record<string, number>): Verdict {
  const name = nameOf(c.e);
  const v =
    value !== null
      ? { zh: `，占用货值约 ${formatMoney(value)}（按成交件单价）`, en: `, about ${formatMoney(value, 'en')} tied up (at the paid unit price)` }
      : { zh: '', en: '' };
  return {
    status: 'fired',
    severity,
    entity: entityOf(c.e),
    period: { from: ctx.asOf, to: ctx.asOf },
    title: { zh: `「${name}」库存积压`, en: `"${name}" is overstocked` },
    detail: {
      zh: `「${name}」库存 ${Math.round(c.stock)} 件，日均卖 ${c.rate.toFixed(2)} 件，要 ${formatDays(cover)} 才能卖完（阈值 ${t.p2Days} / ${t.p1Days} 天）${v.zh}。`,
      en: `"${name}": ${Math.round(c.stock)} units at ${c.rate.toFixed(2)} a day take ${formatDays(cover, 'en')} to sell (thresholds ${t.p2Days} / ${t.p1Days} d)${v.en}.`,
    },
    suggestion: {
      zh: '停止返单；用组合促销、满减或报名清仓类活动加快消化，必要时换渠道分销。',
      en: 'Stop re-ordering; clear it with bundles, discounts or clearance events, or sell through another channel.',
    },
    evidence: [
      { label: { zh: '现有库存（件）', en: 'Stock (units)' }, value: c.stock, format: 'count' },
      { label: { zh: '日均销量（件）', en: 'Units per day' }, value: c.rate, format: 'plain' },
      { label: { zh: '可售天数', en: 'Days of cover' }, value: cover, format: 'days' },
      { label: { zh: '积压货值', en: 'Stock value' }, value, format: 'CNY' },
    ],
  };
}
