import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { quantile } from '../../series/stats';
import { entityOf, itemStock, nameOf, OPEN_ITEM_RANK, pct0, SYCM_ITEM_RANK_LINK } from '../shared/entity-window';
import { itemWeeks } from '../shared/item-week';
import { defineRule, type Verdict } from '../types';

/**
 * SEL-02: buyers want it but do not pay — 7-day visitors ≥ 200, add-to-cart rate ≥ the item P60,
 * (shrunk) conversion ≤ P30, and the conversion is significantly below the shop's pooled item
 * rate (Wilson 95 % upper bound below it), so that a quantile alone never fires on a healthy shop.
 */
export default defineRule({
  meta: {
    id: 'sel-02-cart-no-pay',
    ref: 'SEL-02',
    area: 'SEL',
    title: { zh: '意向高、支付低', en: 'High intent, low payment' },
    description: {
      zh: '7 日访客 ≥ 200、加购率 ≥ 店内 P60，但支付转化率 ≤ P30 且显著低于店铺水平：加购到付款有损耗。',
      en: '7-day visitors ≥ 200, add-to-cart ≥ item P60, but conversion ≤ P30 and significantly below the shop: carts do not turn into payments.',
    },
    severity: 'P2',
    requires: ['item.uv', 'item.cartByrCnt', 'item.payByrCnt'],
    thresholds: {
      minUv: { default: 200, min: 50, max: 10000, label: { zh: '7 日最少访客', en: 'Minimum 7-day visitors' }, source: '[H]' },
      cartQuantile: { default: 0.6, min: 0.3, max: 0.95, label: { zh: '加购率分位', en: 'Add-to-cart quantile' }, source: '[C]' },
      payQuantile: { default: 0.3, min: 0.05, max: 0.5, label: { zh: '转化率分位', en: 'Conversion quantile' }, source: '[C]' },
      minItems: { default: 10, min: 5, max: 200, label: { zh: '最少商品数', en: 'Minimum items' }, source: '[S]' },
    },
    link: SYCM_ITEM_RANK_LINK,
  },
  evaluate(ctx, t) {
    const { rows, shopRate } = itemWeeks(ctx, ctx.asOf);
    if (rows.length < t.minItems) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 7 天有访客的商品不足 ${t.minItems} 个。${OPEN_ITEM_RANK.zh}`,
            en: `Fewer than ${t.minItems} items with visitors in 7 days. ${OPEN_ITEM_RANK.en}`,
          },
          evidence: [],
        },
      ];
    }
    const cartQ = quantile(
      rows.map((r) => r.cartRate),
      t.cartQuantile,
    ) as number;
    const payQ = quantile(
      rows.map((r) => r.payRate),
      t.payQuantile,
    ) as number;
    const out: Verdict[] = [];
    for (const r of rows) {
      if (r.uv < t.minUv || r.cartRate < cartQ || r.payRate > payQ) continue;
      const w = wilsonInterval(Math.min(r.buyers, r.uv), r.uv);
      if (w.hi === null || w.hi >= shopRate) continue;
      const name = nameOf(r.e);
      const stock = itemStock(ctx, r.e.id);
      const oos = stock === 0 ? { zh: '当前库存为 0，先补货。', en: 'Stock is zero now: restock first. ' } : { zh: '', en: '' };
      out.push({
        status: 'fired',
        entity: entityOf(r.e),
        period: { from: addDays(ctx.asOf, -6), to: ctx.asOf },
        title: { zh: `「${name}」加购多、成交少`, en: `"${name}": many carts, few payments` },
        detail: {
          zh: `「${name}」近 7 天访客 ${r.uv}，加购率 ${pct0(r.cartRate)}（店内 P60 ${pct0(cartQ)}），但支付转化率只有 ${pct0(r.rawPayRate)}（店铺商品整体 ${pct0(shopRate)}，95% 区间上限 ${pct0(w.hi)}）。${oos.zh}`,
          en: `"${name}": ${r.uv} visitors in 7 days, add-to-cart ${pct0(r.cartRate)} (item P60 ${pct0(cartQ)}) but conversion only ${pct0(r.rawPayRate)} (shop items ${pct0(shopRate)}, 95 % upper bound ${pct0(w.hi)}). ${oos.en}`,
        },
        suggestion: {
          zh: '依次排查：核心 SKU 是否缺货或断码、到手价是否高于同价格带、最近 48 小时是否有带图差评、运费和发货时效承诺；可以给加购未买人群发限时券做催付测试。',
          en: 'Check in order: main SKUs out of stock or missing sizes, net price above the price band, photo reviews in the last 48 h, shipping fee and ship-time promise; try a time-limited coupon for cart abandoners.',
        },
        evidence: [
          { label: { zh: '7 日访客', en: '7-day visitors' }, value: r.uv, format: 'count' },
          { label: { zh: '加购率', en: 'Add-to-cart rate' }, value: r.cartRate, format: 'ratio' },
          { label: { zh: '支付转化率', en: 'Conversion' }, value: r.rawPayRate, format: 'ratio' },
          { label: { zh: '店铺商品转化率', en: 'Shop item conversion' }, value: shopRate, format: 'ratio' },
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: `${rows.length} 个商品中没有“加购高、转化显著偏低”的款。`,
          en: `None of ${rows.length} items combines high carts with significantly low conversion.`,
        },
        evidence: [],
      },
    ];
  },
});
