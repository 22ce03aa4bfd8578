import { formatMoney } from '../../format';
import { addDays, daysBetween } from '../../series/dates';
import { entityOf, entityWindowSum, itemStock, nameOf, OPEN_ITEM_RANK, QN_ITEMS_LINK } from '../shared/entity-window';
import { defineRule, type Verdict } from '../types';

/**
 * SEL-03: on sale ≥ 30 days with no sale in the last 30 → P2; no sale and no visitor in 90 days
 * → P1 (the platform moves such listings to 滞销下架 [P]; the last-edit time is not captured, so
 * "no edit" cannot be checked and is said). A zero needs observed days: the 30 days must be
 * captured (at least `minCoverage` of them), or 千牛's 30日销量 must say 0.
 */
export default defineRule({
  meta: {
    id: 'sel-03-slow-mover',
    ref: 'SEL-03',
    area: 'SEL',
    title: { zh: '滞销 / 临近滞销下架', en: 'Slow mover / close to dormant delisting' },
    description: {
      zh: '在售 ≥ 30 天、近 30 天零成交为 P2；近 90 天零成交且零访客为 P1（平台会下架到“滞销下架”）；有库存的写明积压货值。',
      en: 'On sale ≥ 30 days with no sale in 30 days: P2; no sale and no visitor in 90 days: P1 (the platform delists dormant items); stock value shown when there is stock.',
    },
    severity: 'P2',
    requires: ['item.payItmCnt'],
    thresholds: {
      zeroDays: { default: 30, min: 7, max: 90, label: { zh: '零成交天数（P2）', en: 'Days without sales (P2)' }, source: '[P]' },
      dormantDays: { default: 90, min: 30, max: 180, label: { zh: '零成交零流量天数（P1）', en: 'Days without sales or visitors (P1)' }, source: '[P]' },
      stockValueP1: { default: 5000, min: 0, max: 1e8, label: { zh: '积压货值升级为 P1（元）', en: 'Stock value that raises it to P1 (¥)' }, source: '[H]' },
      minCoverage: { default: 0.9, min: 0.5, max: 1, label: { zh: '窗口内最少采集天数占比', en: 'Minimum captured share of the window' }, source: '[S]' },
    },
    link: QN_ITEMS_LINK,
  },
  evaluate(ctx, t) {
    const out: Verdict[] = [];
    let checked = 0;
    for (const item of ctx.entities('item')) {
      const first = ctx.firstDate('item', item.id, 'payItmCnt') ?? ctx.firstDate('item', item.id, 'uv');
      const w30 = entityWindowSum(ctx, 'item', item.id, 'payItmCnt', ctx.asOf, t.zeroDays);
      const qn = ctx.snapshot('item', item.id, 'soldQty30d');
      const qnFresh = qn && qn.date >= addDays(ctx.asOf, -2) ? qn : null;
      const observed = first !== null && daysBetween(first, ctx.asOf) + 1 >= t.zeroDays && w30.days >= t.minCoverage * t.zeroDays;
      if (!observed && !qnFresh) continue;
      checked++;
      const zero30 = observed ? w30.sum === 0 : qnFresh?.value === 0;
      if (!zero30) continue;
      const w90 = entityWindowSum(ctx, 'item', item.id, 'payItmCnt', ctx.asOf, t.dormantDays);
      const uv90 = entityWindowSum(ctx, 'item', item.id, 'uv', ctx.asOf, t.dormantDays);
      const dormant = w90.sum === 0 && uv90.sum === 0 && w90.days >= t.minCoverage * t.dormantDays && uv90.days >= t.minCoverage * t.dormantDays;
      const stock = itemStock(ctx, item.id);
      const price = ctx.snapshot('item', item.id, 'itemPrice')?.value ?? null;
      const value = stock !== null && price !== null ? stock * price : null;
      const uv30 = entityWindowSum(ctx, 'item', item.id, 'uv', ctx.asOf, t.zeroDays).sum;
      const name = nameOf(item);
      const stockText =
        stock !== null && stock > 0
          ? {
              zh: `，库存 ${stock} 件${value !== null ? `（货值约 ${formatMoney(value)}）` : ''}`,
              en: `, ${stock} units in stock${value !== null ? ` (about ${formatMoney(value, 'en')})` : ''}`,
            }
          : { zh: '', en: '' };
      const days = dormant ? t.dormantDays : t.zeroDays;
      out.push({
        status: 'fired',
        severity: dormant || (stock !== null && stock > 0 && value !== null && value >= t.stockValueP1) ? 'P1' : 'P2',
        entity: entityOf(item),
        period: { from: addDays(ctx.asOf, -(days - 1)), to: ctx.asOf },
        title: { zh: `「${name}」${days} 天无成交`, en: `"${name}": no sale in ${days} days` },
        detail: {
          zh: `「${name}」近 ${days} 天零成交${dormant ? '、零访客，已接近平台“滞销下架”条件（90 天无编辑、无流量、无成交；编辑时间未采集，请自查）' : `（同期仍有 ${uv30} 个访客）`}${stockText.zh}。零动销的链接会拉低店铺动销率、分散流量。`,
          en: `"${name}" had no sale in ${days} days${dormant ? ' and no visitor: close to the platform’s dormant delisting (90 days without edit, traffic or sale; edit time is not captured — check it)' : ` (while ${uv30} visitors came)`}${stockText.en}. Dead listings lower the active-listing rate and dilute traffic.`,
        },
        suggestion: {
          zh: '①清仓：搭配套餐、报名天天特卖类活动或降价；②要保留链接就重做标题、主图和属性并设最小推广；③确认淘汰的款直接下架。',
          en: '① Clear it: bundles, clearance events or a price cut; ② to keep the listing, redo title, main image and attributes with minimal ads; ③ delist items you have dropped.',
        },
        evidence: [
          { label: { zh: '零成交天数', en: 'Days without sales' }, value: days, format: 'days' },
          { label: { zh: `近 ${t.zeroDays} 天访客`, en: `Visitors, last ${t.zeroDays} days` }, value: uv30, format: 'count' },
          { label: { zh: '现有库存', en: 'Stock' }, value: stock, format: 'count' },
          { label: { zh: '积压货值', en: 'Stock value' }, value, format: 'CNY' },
        ],
      });
    }
    if (out.length) return out;
    if (checked === 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `没有覆盖近 ${t.zeroDays} 天的商品销量。${OPEN_ITEM_RANK.zh}；或打开 千牛 → 商品管理`,
            en: `No item sales covering the last ${t.zeroDays} days. ${OPEN_ITEM_RANK.en}; or open 千牛 → 商品管理`,
          },
          evidence: [],
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: { zh: `${checked} 个商品近 ${t.zeroDays} 天都有成交。`, en: `All ${checked} items sold in the last ${t.zeroDays} days.` },
        evidence: [],
      },
    ];
  },
});
