import { addDays, daysBetween } from '../../series/dates';
import { entityWindowSum, nameOf, OPEN_ITEM_RANK, pct0, QN_ITEMS_LINK } from '../shared/entity-window';
import { defineRule } from '../types';

/**
 * SEL-04: 动销率 = items with a sale in 30 days ÷ items on sale. Items on sale and their 30-day
 * sales come from 千牛 商品管理 (30日销量) when captured, else from item days that cover the window.
 * < 50 % → P2, < 30 % → P1.
 */
export default defineRule({
  meta: {
    id: 'sel-04-active-rate',
    ref: 'SEL-04',
    area: 'SEL',
    title: { zh: '店铺动销率偏低', en: 'Low active-listing rate' },
    description: {
      zh: '近 30 天有成交的在售商品占比低于 50%（P2）/ 30%（P1）。',
      en: 'Share of listed items with a sale in 30 days below 50 % (P2) / 30 % (P1).',
    },
    severity: 'P2',
    requires: [],
    thresholds: {
      p2Rate: { default: 0.5, min: 0.1, max: 0.95, label: { zh: 'P2 动销率', en: 'P2 active rate' }, source: '[H]' },
      p1Rate: { default: 0.3, min: 0.05, max: 0.9, label: { zh: 'P1 动销率', en: 'P1 active rate' }, source: '[H]' },
      minItems: { default: 10, min: 3, max: 500, label: { zh: '最少在售商品数', en: 'Minimum items on sale' }, source: '[S]' },
    },
    link: QN_ITEMS_LINK,
  },
  evaluate(ctx, t) {
    const fresh = (d: string) => d >= addDays(ctx.asOf, -2);
    let onSale = 0;
    let active = 0;
    const dead: string[] = [];
    let source = { zh: '千牛 商品管理 的 30 日销量', en: "千牛 商品管理's 30-day sales" };
    for (const item of ctx.entities('item')) {
      const s = ctx.snapshot('item', item.id, 'soldQty30d');
      if (!s || !fresh(s.date)) continue;
      onSale++;
      if (s.value > 0) active++;
      else dead.push(nameOf(item));
    }
    if (onSale < t.minItems) {
      onSale = 0;
      active = 0;
      dead.length = 0;
      source = { zh: '近 30 天的商品日数据', en: 'item days of the last 30 days' };
      for (const item of ctx.entities('item')) {
        const first = ctx.firstDate('item', item.id, 'payItmCnt');
        const w = entityWindowSum(ctx, 'item', item.id, 'payItmCnt', ctx.asOf, 30);
        if (!first || daysBetween(first, ctx.asOf) < 29 || w.days < 27) continue;
        onSale++;
        if (w.sum > 0) active++;
        else dead.push(nameOf(item));
      }
    }
    if (onSale < t.minItems) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `能判断 30 天动销的商品不足 ${t.minItems} 个。打开 千牛 → 商品管理；或${OPEN_ITEM_RANK.zh}`,
            en: `Fewer than ${t.minItems} items with 30 days of sales known. Open 千牛 → 商品管理; or ${OPEN_ITEM_RANK.en}`,
          },
          evidence: [],
        },
      ];
    }
    const rate = active / onSale;
    const evidence = [
      { label: { zh: '动销率', en: 'Active-listing rate' }, value: rate, format: 'ratio' as const },
      { label: { zh: '在售商品数', en: 'Items on sale' }, value: onSale, format: 'count' as const },
      { label: { zh: '有成交的商品数', en: 'Items with a sale' }, value: active, format: 'count' as const },
    ];
    const period = { from: addDays(ctx.asOf, -29), to: ctx.asOf };
    if (rate >= t.p2Rate) {
      return [
        {
          status: 'ok',
          period,
          evidence,
          detail: {
            zh: `近 30 天动销率 ${pct0(rate)}（${active}/${onSale}，来自${source.zh}），不低于 ${pct0(t.p2Rate)}。`,
            en: `Active-listing rate ${pct0(rate)} (${active}/${onSale}, from ${source.en}): at or above ${pct0(t.p2Rate)}.`,
          },
        },
      ];
    }
    const list = dead.slice(0, 5).join('、');
    return [
      {
        status: 'fired',
        severity: rate < t.p1Rate ? 'P1' : 'P2',
        period,
        evidence,
        detail: {
          zh: `近 30 天动销率 ${pct0(rate)}：${onSale} 个在售商品只有 ${active} 个有成交（来自${source.zh}；线 ${pct0(t.p2Rate)} / ${pct0(t.p1Rate)}）。零动销的有：${list}${dead.length > 5 ? ` 等 ${dead.length} 个` : ''}。流量和权重被分散。`,
          en: `Active-listing rate ${pct0(rate)}: ${active} of ${onSale} items sold in 30 days (from ${source.en}; lines ${pct0(t.p2Rate)} / ${pct0(t.p1Rate)}). Without sales: ${dead.slice(0, 5).join(', ')}${dead.length > 5 ? ` and ${dead.length - 5} more` : ''}. Traffic and weight are spread thin.`,
        },
        suggestion: {
          zh: '合并同质商品，下架长期零动销的链接，把资源集中到前 20% 的款。',
          en: 'Merge look-alike items, delist long-dead listings and focus resources on the top 20 % of items.',
        },
      },
    ];
  },
});
