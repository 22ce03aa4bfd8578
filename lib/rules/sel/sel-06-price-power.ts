import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { entityOf, nameOf, OPEN_ITEM_RANK, pct0, SYCM_ITEM_RANK_LINK } from '../shared/entity-window';
import { itemWeeks } from '../shared/item-week';
import { defineRule, type Verdict } from '../types';

/**
 * SEL-06: weak price competitiveness — the platform's price-power stars (商品排行 starLevel001)
 * ≤ 2 → P2; ≤ 2 with a 7-day conversion significantly below the shop's item rate → P1 (the
 * price is likely costing sales). The 高价限流 warning list is not captured yet.
 */
export default defineRule({
  meta: {
    id: 'sel-06-price-power',
    ref: 'SEL-06',
    area: 'SEL',
    title: { zh: '价格力不足', en: 'Weak price competitiveness' },
    description: {
      zh: '商品价格力星级 ≤ 2 星为 P2；同时近 7 天转化率显著低于店铺商品整体为 P1。',
      en: 'Price-power stars ≤ 2: P2; with 7-day conversion significantly below the shop’s items: P1.',
    },
    severity: 'P2',
    requires: ['item.priceStarLevel'],
    thresholds: {
      maxStars: { default: 2, min: 1, max: 4, label: { zh: '星级上限', en: 'Maximum stars' }, source: '[C]' },
      minUv: { default: 100, min: 20, max: 10000, label: { zh: '判断转化的 7 日最少访客', en: 'Minimum 7-day visitors to judge conversion' }, source: '[H]' },
    },
    link: SYCM_ITEM_RANK_LINK,
  },
  evaluate(ctx, t) {
    const { rows, shopRate } = itemWeeks(ctx, ctx.asOf);
    const out: Verdict[] = [];
    let seen = 0;
    const weekFrom = addDays(ctx.asOf, -6);
    for (const item of ctx.entities('item')) {
      const s = ctx.range('item', item.id, 'priceStarLevel', weekFrom, '\uffff').filter((p) => p.value !== null);
      const last = s[s.length - 1];
      if (!last || last.value === null) continue;
      seen++;
      if (last.value > t.maxStars) continue;
      const w = rows.find((r) => r.e.id === item.id);
      const ci = w && w.uv >= t.minUv ? wilsonInterval(Math.min(w.buyers, w.uv), w.uv) : null;
      const weak = ci?.hi != null && ci.hi < shopRate;
      const name = nameOf(item);
      const conv = w
        ? {
            zh: `，近 7 天转化率 ${pct0(w.rawPayRate)}（店铺商品整体 ${pct0(shopRate)}）`,
            en: `, 7-day conversion ${pct0(w.rawPayRate)} (shop items ${pct0(shopRate)})`,
          }
        : { zh: '', en: '' };
      out.push({
        status: 'fired',
        severity: weak ? 'P1' : 'P2',
        entity: entityOf(item),
        period: { from: last.date, to: last.date },
        title: { zh: `「${name}」价格力 ${last.value} 星`, en: `"${name}": ${last.value}-star price power` },
        detail: {
          zh: `「${name}」价格力星级 ${last.value} 星（≤ ${t.maxStars} 星）${conv.zh}。${weak ? '转化显著偏低，价格可能正在流失成交。' : ''}价格力低的款容易被平台限流。`,
          en: `"${name}" has ${last.value} price-power stars (≤ ${t.maxStars})${conv.en}. ${weak ? 'Conversion is significantly low: the price is likely costing sales. ' : ''}Low price power invites traffic limits.`,
        },
        suggestion: {
          zh: '对比挂牌价和实际成交件单价（常差两成以上），用券或满减把到手价拉进主流价格带；不降价就要在主图和详情里强化差异化卖点。',
          en: 'Compare list price with the paid unit price (often 20 %+ apart); bring the net price into the main price band with coupons or discounts, or strengthen the differentiation on the main image and detail page.',
        },
        evidence: [
          { label: { zh: '价格力星级', en: 'Price-power stars' }, value: last.value, format: 'plain' },
          { label: { zh: '7 日转化率', en: '7-day conversion' }, value: w?.rawPayRate ?? null, format: 'ratio' },
          { label: { zh: '店铺商品转化率', en: 'Shop item conversion' }, value: shopRate, format: 'ratio' },
        ],
      });
    }
    if (out.length) return out;
    if (seen === 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 7 天没有价格力星级数据。${OPEN_ITEM_RANK.zh}（指标里勾选“价格力星级”）`,
            en: `No price-power stars in 7 days. ${OPEN_ITEM_RANK.en} (tick “价格力星级” in the metrics)`,
          },
          evidence: [],
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: { zh: `${seen} 个商品的价格力都在 ${t.maxStars} 星以上。`, en: `All ${seen} items above ${t.maxStars} price-power stars.` },
        evidence: [],
      },
    ];
  },
});
