import { daysBetween } from '../../series/dates';
import { median, quantile } from '../../series/stats';
import { entityOf, entityWindowSum, historyStart, nameOf, OPEN_ITEM_RANK, pct0, SYCM_ITEM_RANK_LINK } from '../shared/entity-window';
import { defineRule, type Verdict } from '../types';

/**
 * SEL-09: a new item (launch observed: first seen ≥ `newAfterDays` after the item history starts)
 * within 28 days of launch, with ≥ 500 visitors, conversion < 50 % of the shop's median item
 * conversion and add-to-cart below the item P25 → the cold start failed.
 */
export default defineRule({
  meta: {
    id: 'sel-09-new-item-fail',
    ref: 'SEL-09',
    area: 'SEL',
    title: { zh: '新品冷启动失败', en: 'New item fails its cold start' },
    description: {
      zh: '上新 ≤ 28 天、累计访客 ≥ 500，但支付转化率 < 店内商品中位数的 50%，且加购率 < P25。',
      en: 'Within 28 days of launch, ≥ 500 visitors, but conversion < 50 % of the median item and add-to-cart below P25.',
    },
    severity: 'P2',
    requires: ['item.uv', 'item.payByrCnt', 'item.cartByrCnt'],
    thresholds: {
      maxAgeDays: { default: 28, min: 7, max: 60, label: { zh: '新品期（天）', en: 'New-item period (days)' }, source: '[C]' },
      minUv: { default: 500, min: 100, max: 100000, label: { zh: '最少累计访客', en: 'Minimum visitors' }, source: '[C]' },
      rateFactor: { default: 0.5, min: 0.1, max: 0.9, label: { zh: '转化率 / 店内中位数', en: 'Conversion ÷ item median' }, source: '[C]' },
      cartQuantile: { default: 0.25, min: 0.05, max: 0.5, label: { zh: '加购率分位', en: 'Add-to-cart quantile' }, source: '[C]' },
      newAfterDays: {
        default: 14,
        min: 7,
        max: 60,
        label: { zh: '判定为新品需晚于历史起点（天）', en: 'Days after history start to count as new' },
        source: '[H]',
      },
    },
    link: SYCM_ITEM_RANK_LINK,
  },
  evaluate(ctx, t) {
    const start = historyStart(ctx, 'item', 'uv');
    if (!start || daysBetween(start, ctx.asOf) < t.newAfterDays + 7) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `商品数据太短，看不出哪些是新品。${OPEN_ITEM_RANK.zh}`, en: `Item history too short to tell new items. ${OPEN_ITEM_RANK.en}` },
          evidence: [],
        },
      ];
    }
    const window = t.maxAgeDays;
    const stats = ctx.entities('item').map((e) => {
      const uv = entityWindowSum(ctx, 'item', e.id, 'uv', ctx.asOf, window).sum;
      const buyers = entityWindowSum(ctx, 'item', e.id, 'payByrCnt', ctx.asOf, window).sum;
      const cart = entityWindowSum(ctx, 'item', e.id, 'cartByrCnt', ctx.asOf, window).sum;
      return { e, uv, buyers, cart, first: ctx.firstDate('item', e.id, 'uv') };
    });
    const base = stats.filter((s) => s.uv >= 100);
    const medRate = median(base.map((s) => s.buyers / s.uv));
    const cartQ = quantile(
      base.map((s) => s.cart / s.uv),
      t.cartQuantile,
    );
    if (medRate === null || cartQ === null || base.length < 5) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `有足够访客的商品不足 5 个。${OPEN_ITEM_RANK.zh}`, en: `Fewer than 5 items with enough visitors. ${OPEN_ITEM_RANK.en}` },
          evidence: [],
        },
      ];
    }
    const out: Verdict[] = [];
    let newItems = 0;
    for (const s of stats) {
      if (!s.first || daysBetween(start, s.first) < t.newAfterDays) continue;
      const age = daysBetween(s.first, ctx.asOf) + 1;
      if (age > t.maxAgeDays) continue;
      newItems++;
      if (s.uv < t.minUv) continue;
      const rate = s.buyers / s.uv;
      const cart = s.cart / s.uv;
      if (rate >= t.rateFactor * medRate || cart >= cartQ) continue;
      const name = nameOf(s.e);
      out.push({
        status: 'fired',
        entity: entityOf(s.e),
        period: { from: s.first, to: ctx.asOf },
        title: { zh: `新品「${name}」承接偏弱`, en: `New item "${name}" converts poorly` },
        detail: {
          zh: `新品「${name}」上新 ${age} 天拿到 ${s.uv} 个访客，但转化率 ${pct0(rate)}，不到店内商品中位数 ${pct0(medRate)} 的 ${pct0(t.rateFactor)}；加购率 ${pct0(cart)} 低于 P25（${pct0(cartQ)}）。损耗在“看了不加购”这一步。`,
          en: `New item "${name}" drew ${s.uv} visitors in ${age} days but converts at ${pct0(rate)}, under ${pct0(t.rateFactor)} of the median item (${pct0(medRate)}); add-to-cart ${pct0(cart)} is below P25 (${pct0(cartQ)}). Visitors look and leave without adding to cart.`,
        },
        suggestion: {
          zh: '7 天内完成一轮主图和价格的 A/B；仍低于队列中位数就停推该款，把预算留给更好的测款对象。',
          en: 'Run one main-image and price A/B within 7 days; if it stays below the cohort median, stop promoting it and keep the budget for better candidates.',
        },
        evidence: [
          { label: { zh: '上新以来访客', en: 'Visitors since launch' }, value: s.uv, format: 'count' },
          { label: { zh: '转化率', en: 'Conversion' }, value: rate, format: 'ratio' },
          { label: { zh: '店内商品转化率中位数', en: 'Median item conversion' }, value: medRate, format: 'ratio' },
          { label: { zh: '加购率', en: 'Add-to-cart rate' }, value: cart, format: 'ratio' },
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: newItems ? `${newItems} 个新品的承接没有明显失败。` : '近 28 天没有观察到上新的商品。',
          en: newItems ? `${newItems} new items: no failed cold start.` : 'No launch observed in the last 28 days.',
        },
        evidence: [],
      },
    ];
  },
});
