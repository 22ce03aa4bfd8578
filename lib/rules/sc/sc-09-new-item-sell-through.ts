import { daysBetween } from '../../series/dates';
import { entityOf, entityWindowSum, historyStart, itemStock, nameOf, OPEN_ITEM_RANK, pct0 } from '../shared/entity-window';
import { defineRule, type Verdict } from '../types';

/**
 * SC-09: a new item (first seen ≥ `newAfterDays` after the shop's item history starts, so its
 * launch was observed) that has been on sale 4–8 weeks with sell-through < 30 %:
 * units sold since launch ÷ (units sold + stock now). The first order quantity is not captured,
 * so "stock now + sold" stands in for it.
 */
export default defineRule({
  meta: {
    id: 'sc-09-new-item-sell-through',
    ref: 'SC-09',
    area: 'SC',
    title: { zh: '新品售罄率偏低', en: 'New item sells through slowly' },
    description: {
      zh: '上新 4 周后，售罄率（上新以来销量 ÷（销量 + 现有库存））低于 30%。',
      en: 'Four weeks after launch, sell-through (units sold since launch ÷ (sold + stock now)) is below 30 %.',
    },
    severity: 'P2',
    requires: ['item.payItmCnt'],
    thresholds: {
      minRate: { default: 0.3, min: 0.05, max: 0.9, label: { zh: '售罄率下限', en: 'Minimum sell-through' }, source: '[H]' },
      minAgeDays: { default: 28, min: 14, max: 90, label: { zh: '上新后天数', en: 'Days since launch' }, source: '[H]' },
      maxAgeDays: { default: 56, min: 28, max: 180, label: { zh: '新品期上限（天）', en: 'New-item period (days)' }, source: '[H]' },
      newAfterDays: {
        default: 14,
        min: 7,
        max: 60,
        label: { zh: '判定为新品需晚于历史起点（天）', en: 'Days after history start to count as new' },
        source: '[H]',
      },
    },
    link: { url: 'https://sycm.taobao.com/cc/new_product', label: { zh: '生意参谋 → 新品追踪', en: '生意参谋 → 新品追踪' } },
  },
  evaluate(ctx, t) {
    const start = historyStart(ctx, 'item', 'uv') ?? historyStart(ctx, 'item', 'payItmCnt');
    if (!start || daysBetween(start, ctx.asOf) < t.minAgeDays + t.newAfterDays) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `商品数据不到 ${t.minAgeDays + t.newAfterDays} 天，看不出哪些是新品。${OPEN_ITEM_RANK.zh}`,
            en: `Under ${t.minAgeDays + t.newAfterDays} days of item data: cannot tell new items. ${OPEN_ITEM_RANK.en}`,
          },
          evidence: [],
        },
      ];
    }
    const out: Verdict[] = [];
    let newItems = 0;
    for (const item of ctx.entities('item')) {
      const first = ctx.firstDate('item', item.id, 'uv') ?? ctx.firstDate('item', item.id, 'payItmCnt');
      if (!first || daysBetween(start, first) < t.newAfterDays) continue;
      const age = daysBetween(first, ctx.asOf) + 1;
      if (age < t.minAgeDays || age > t.maxAgeDays) continue;
      const stock = itemStock(ctx, item.id);
      if (stock === null) continue;
      newItems++;
      const sold = entityWindowSum(ctx, 'item', item.id, 'payItmCnt', ctx.asOf, age).sum;
      if (sold + stock <= 0) continue;
      const rate = sold / (sold + stock);
      if (rate >= t.minRate) continue;
      const name = nameOf(item);
      const left = Math.max(0, 1 - rate);
      out.push({
        status: 'fired',
        entity: entityOf(item),
        period: { from: first, to: ctx.asOf },
        title: { zh: `新品「${name}」售罄率 ${pct0(rate)}`, en: `New item "${name}": ${pct0(rate)} sell-through` },
        detail: {
          zh: `新品「${name}」上新 ${age} 天（${first} 起）只卖出 ${sold} 件，库存还有 ${stock} 件，售罄率 ${pct0(rate)}（目标 ≥ ${pct0(t.minRate)}）。按这个速度季末还会剩下大部分货（约 ${pct0(left)}）。`,
          en: `New item "${name}": ${sold} units sold in ${age} days since ${first}, ${stock} still in stock: ${pct0(rate)} sell-through (target ≥ ${pct0(t.minRate)}). At this pace most of the stock (about ${pct0(left)}) is left at season end.`,
        },
        suggestion: {
          zh: '尽早决定：加推广测一轮、调价，还是停止返单；同时对照 SEL-09 看它的转化和加购是否拖后腿。',
          en: 'Decide early: a round of promotion, a price change, or no re-order; check its conversion and add-to-cart against the new-item cohort (SEL-09).',
        },
        evidence: [
          { label: { zh: '上新以来销量（件）', en: 'Units sold since launch' }, value: sold, format: 'count' },
          { label: { zh: '现有库存（件）', en: 'Stock now' }, value: stock, format: 'count' },
          { label: { zh: '售罄率', en: 'Sell-through' }, value: rate, format: 'ratio' },
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: newItems ? `${newItems} 个上新 4–8 周的新品售罄率都不低于 ${pct0(t.minRate)}。` : '没有上新 4–8 周、且有库存数据的新品。',
          en: newItems
            ? `${newItems} new items (4–8 weeks since launch): sell-through at or above ${pct0(t.minRate)}.`
            : 'No new item 4–8 weeks after launch with stock data.',
        },
        evidence: [{ label: { zh: '已检查新品数', en: 'New items checked' }, value: newItems, format: 'count' }],
      },
    ];
  },
});
