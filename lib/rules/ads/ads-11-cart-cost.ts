import { formatMoney, formatSignedPct } from '../../format';
import { addDays } from '../../series/dates';
import { median } from '../../series/stats';
import { adEntities, adSums, CAPTURE_HINT, insufficient, nameOf, normalDays, WANXIANG_CAMPAIGN_LINK } from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * ADS-11: a campaign's cost per add-to-cart over the last 7 non-event days (ending T-2) above
 * 1.5 × the median daily cost per cart of the 28 non-event days before. Campaign goals are
 * not captured, so every campaign with carts is checked (种草 / 拉新 ones matter most).
 */
export default defineRule({
  meta: {
    id: 'ads-11-cart-cost',
    ref: 'ADS-11',
    area: 'ADS',
    title: { zh: '加购成本失控', en: 'Cost per add-to-cart out of control' },
    description: {
      zh: '计划近 7 个非大促日的加购成本（花费 ÷ 加购数）高于之前 28 个非大促日日加购成本中位数的 1.5 倍（近 7 天加购 ≥ 30）。',
      en: "A campaign's cost per add-to-cart over the last 7 non-event days is above 1.5× the median daily cost per cart of the 28 non-event days before (≥ 30 recent carts).",
    },
    severity: 'P2',
    requires: ['campaign.adSpend', 'campaign.adCarts'],
    thresholds: {
      multiple: { default: 1.5, min: 1.1, max: 5, label: { zh: '中位数倍数', en: 'Multiple of the median' }, source: '[H]' },
      minCarts: { default: 30, min: 5, max: 1e6, label: { zh: '近 7 天最少加购', en: 'Minimum recent carts' }, source: '[H]' },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const recent = normalDays(addDays(ctx.asOf, -2), 7);
    const before = normalDays(addDays(recent.from, -1), 28);
    const out: Verdict[] = [];
    let judged = 0;
    for (const e of adEntities(ctx, 'campaign')) {
      const r = adSums(ctx, 'campaign', e.ref, recent.dates);
      if (!r.hasCarts || r.carts < t.minCarts) continue;
      const daily = before.dates
        .map((d) => adSums(ctx, 'campaign', e.ref, [d]))
        .filter((s) => s.hasCarts && s.carts > 0)
        .map((s) => s.spend / s.carts);
      if (daily.length < 14) continue;
      judged++;
      const base = median(daily) as number;
      const cost = r.spend / r.carts;
      if (cost <= t.multiple * base) continue;
      out.push({
        status: 'fired',
        entity: { kind: 'campaign', id: e.id, ...(e.name ? { name: e.name } : {}) },
        period: { from: recent.from, to: recent.to },
        detail: {
          zh: `计划${nameOf(e)}近 7 个非大促日（${recent.from}～${recent.to}）加购成本 ${formatMoney(cost)}，是之前 28 个非大促日中位数 ${formatMoney(base)} 的 ${(cost / base).toFixed(2)} 倍（${formatSignedPct(cost / base - 1)}，触发线 ${t.multiple} 倍）。`,
          en: `Campaign ${nameOf(e)}: cost per add-to-cart ${formatMoney(cost, 'en')} over the last 7 non-event days (${recent.from}–${recent.to}), ${(cost / base).toFixed(2)}× the median of ${formatMoney(base, 'en')} over the 28 non-event days before (line ${t.multiple}×).`,
        },
        suggestion: {
          zh: '收紧人群（去掉低意向的泛人群），或者更换素材；种草计划按历史加购→成交率折算每单成本，超过保本就降价或暂停。',
          en: 'Tighten the audience (drop broad low-intent crowds) or change creatives; convert the cart cost to a cost per order with the historical cart→order rate and cut bids or pause once it exceeds break-even.',
        },
        evidence: [
          { label: { zh: '近 7 天加购成本', en: 'Cost per cart, last 7 days' }, value: cost, format: 'CNY' },
          { label: { zh: '之前 28 天日加购成本中位数', en: 'Median daily cost per cart, 28 days before' }, value: base, format: 'CNY' },
          { label: { zh: '近 7 天加购数', en: 'Carts, last 7 days' }, value: r.carts, format: 'count' },
        ],
        baseline: { method: { zh: '之前 28 个非大促日日加购成本的中位数', en: 'Median daily cost per cart over the 28 non-event days before' }, value: base },
      });
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          { zh: '没有近 7 天加购足够、且之前有 ≥ 14 天加购数据的计划', en: 'No campaign with enough recent carts and ≥ 14 earlier days of cart data' },
          CAPTURE_HINT.campaign,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: recent.from, to: recent.to },
        detail: { zh: `${judged} 个计划的加购成本没有失控。`, en: `Cost per cart is under control in ${judged} campaigns.` },
        evidence: [],
      },
    ];
  },
});
