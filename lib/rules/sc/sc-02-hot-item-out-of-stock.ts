import { formatMoney } from '../../format';
import { addDays } from '../../series/dates';
import { quantile } from '../../series/stats';
import { entityOf, entityWindowSum, nameOf, notNormal, OPEN_QN_ITEMS, OPEN_SKU, QN_ITEMS_LINK } from '../shared/entity-window';
import { defineRule, type EntityRef, type RuleContext, type Verdict } from '../types';

/** 28-day GMV of each entity of a kind with its daily GMV before now (event days skipped). */
function gmvRank(ctx: RuleContext, kind: 'item' | 'sku') {
  return ctx.entities(kind).map((e) => {
    const w = entityWindowSum(ctx, kind, e.id, 'payAmt', ctx.asOf, 28);
    const normal = entityWindowSum(ctx, kind, e.id, 'payAmt', ctx.asOf, 28, notNormal);
    return { e, gmv28: w.sum, days: w.days, daily: normal.days ? normal.sum / normal.days : null };
  });
}

/**
 * SC-02: a top-20 % item or SKU (by 28-day payment amount) with zero stock → P0. Stock from
 * 千牛 商品管理 (item) or 商品360 SKU real-time stock; the daily loss is the pre-stock-out
 * average daily payment amount of normal days.
 */
export default defineRule({
  meta: {
    id: 'sc-02-hot-item-out-of-stock',
    ref: 'SC-02',
    area: 'SC',
    title: { zh: '热销款已断货', en: 'Best seller out of stock' },
    description: {
      zh: '近 28 天支付金额前 20% 的商品或 SKU 库存为 0：每天直接损失成交，还会卡住流量和权重。',
      en: 'An item or SKU in the top 20 % by 28-day payment amount has zero stock: sales are lost every day and traffic weight suffers.',
    },
    severity: 'P0',
    requires: ['item.payAmt'],
    thresholds: {
      topShare: { default: 0.2, min: 0.05, max: 0.5, label: { zh: '热销款范围（前 %）', en: 'Best-seller band (top share)' }, source: '[C]' },
      maxStaleDays: { default: 2, min: 0, max: 14, label: { zh: '库存快照最长滞后（天）', en: 'Maximum stock snapshot age (days)' }, source: '[C]' },
    },
    link: QN_ITEMS_LINK,
  },
  evaluate(ctx, t) {
    const fresh = (d: string) => d >= addDays(ctx.asOf, -t.maxStaleDays);
    const out: Verdict[] = [];
    let stockSeen = 0;
    const firedItems = new Set<string>();
    const check = (kind: 'item' | 'sku', stockMetric: string) => {
      const ranked = gmvRank(ctx, kind).filter((r) => r.gmv28 > 0);
      if (ranked.length < 5) return;
      const cut = quantile(
        ranked.map((r) => r.gmv28),
        1 - t.topShare,
      );
      for (const r of ranked) {
        const snap = ctx.snapshot(kind, r.e.id, stockMetric);
        if (!snap || !fresh(snap.date)) continue;
        stockSeen++;
        if (cut === null || r.gmv28 < cut || snap.value > 0) continue;
        if (kind === 'sku' && r.e.itemId && firedItems.has(r.e.itemId)) continue;
        if (kind === 'item') firedItems.add(r.e.id);
        out.push(verdict(ctx, r.e, kind, r.gmv28, r.daily));
      }
    };
    check('item', 'stockOnHand');
    check('sku', 'currentStockCnt');
    if (out.length) return out;
    if (stockSeen === 0) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `没有近期的库存数据。${OPEN_QN_ITEMS.zh}；或 ${OPEN_SKU.zh}`, en: `No recent stock data. ${OPEN_QN_ITEMS.en}; or ${OPEN_SKU.en}` },
          evidence: [],
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: { zh: '热销款（近 28 天支付金额前 20%）都有库存。', en: 'Every best seller (top 20 % by 28-day payment amount) has stock.' },
        evidence: [{ label: { zh: '已检查库存条目', en: 'Stock entries checked' }, value: stockSeen, format: 'count' }],
      },
    ];
  },
});

function verdict(ctx: RuleContext, e: EntityRef, kind: 'item' | 'sku', gmv28: number, daily: number | null): Verdict {
  const name = nameOf(e);
  const what = kind === 'item' ? { zh: '商品', en: 'Item' } : { zh: 'SKU', en: 'SKU' };
  const loss = daily ?? gmv28 / 28;
  return {
    status: 'fired',
    severity: 'P0',
    entity: entityOf(e),
    period: { from: ctx.asOf, to: ctx.asOf },
    title: { zh: `热销${what.zh}「${name}」已断货`, en: `Best-selling ${what.en.toLowerCase()} "${name}" is out of stock` },
    detail: {
      zh: `${what.zh}「${name}」近 28 天成交 ${formatMoney(gmv28)}，属于店内前 20%，现在库存为 0；按断货前的日均成交估计每天损失约 ${formatMoney(loss)}。`,
      en: `${what.en} "${name}" took ${formatMoney(gmv28, 'en')} in 28 days (top 20 % of the shop) and now has zero stock: about ${formatMoney(loss, 'en')} of sales lost per day at its pre-stock-out pace.`,
    },
    suggestion: {
      zh: '立刻补货，或设置预售并标明发货时间；补货到位前暂停该款的推广，把预算转到有货的款。',
      en: 'Restock now, or switch to pre-sale with a stated ship date; pause its ads until stock arrives and move the budget to items in stock.',
    },
    evidence: [
      { label: { zh: '近 28 天支付金额', en: '28-day payment amount' }, value: gmv28, format: 'CNY' },
      { label: { zh: '现有库存', en: 'Stock on hand' }, value: 0, format: 'count' },
      { label: { zh: '估计每日损失', en: 'Estimated daily loss' }, value: loss, format: 'CNY' },
    ],
  };
}
