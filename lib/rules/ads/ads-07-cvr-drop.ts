import { formatCount, formatSignedPct } from '../../format';
import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { adEntities, adSums, CAPTURE_HINT, insufficient, maturity, nameOf, normalDays, rate, WANXIANG_CAMPAIGN_LINK } from '../shared/ads-window';
import { defineRule, type RuleContext, type Verdict } from '../types';

function shopRate(ctx: RuleContext, dates: readonly string[]): number | null {
  const set = new Set(dates);
  let b = 0;
  let u = 0;
  const uv = new Map(ctx.shopSeries('uv').map((p) => [p.date, p.value]));
  for (const p of ctx.shopSeries('payByrCnt')) {
    const v = uv.get(p.date);
    if (!set.has(p.date) || p.value === null || v === null || v === undefined) continue;
    b += p.value;
    u += v;
  }
  return u > 0 ? b / u : null;
}

/**
 * ADS-07: a campaign's attributed CVR over the last 7 non-event days ending T-2 against the 7
 * non-event days before, same attribution window; drop ≥ 30 %, ≥ 300 recent clicks and the
 * 95 % Wilson intervals must not overlap. The shop's own conversion over the same days tells a
 * product problem (both fall) from an ads problem (only ads fall).
 */
export default defineRule({
  meta: {
    id: 'ads-07-cvr-drop',
    ref: 'ADS-07',
    area: 'ADS',
    title: { zh: '推广转化率骤降', en: 'Ad conversion rate dropped' },
    description: {
      zh: '计划近 7 个非大促日（剔除最近 2 天）的点击转化率较之前 7 天下降 ≥ 30%，点击 ≥ 300 且 Wilson 区间不重叠；对照同期全店转化率区分商品问题和投放问题。',
      en: "A campaign's CVR over the last 7 non-event days (last 2 days left out) fell ≥ 30% vs the 7 before, ≥ 300 clicks, non-overlapping Wilson intervals; the shop's own conversion tells product from ads problems.",
    },
    severity: 'P1',
    requires: ['campaign.adClicks', 'campaign.adOrders'],
    thresholds: {
      dropPct: { default: 0.3, min: 0.05, max: 0.95, label: { zh: '下降幅度', en: 'Drop' }, source: '[H]' },
      minClicks: { default: 300, min: 30, max: 1e6, label: { zh: '最少点击', en: 'Minimum clicks' }, source: '[H]' },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const recent = normalDays(addDays(ctx.asOf, -2), 7);
    const prior = normalDays(addDays(recent.from, -1), 7);
    const mat = maturity(ctx, recent);
    const out: Verdict[] = [];
    let judged = 0;
    const shopNow = shopRate(ctx, recent.dates);
    const shopBefore = shopRate(ctx, prior.dates);
    const shopChange = shopNow !== null && shopBefore !== null && shopBefore > 0 ? shopNow / shopBefore - 1 : null;
    for (const e of adEntities(ctx, 'campaign')) {
      const r = adSums(ctx, 'campaign', e.ref, recent.dates);
      const p = adSums(ctx, 'campaign', e.ref, prior.dates);
      if (!r.hasOrders || !p.hasOrders || r.clicks < t.minClicks || p.clicks < t.minClicks) continue;
      judged++;
      const cr = wilsonInterval(Math.min(r.orders, r.clicks), r.clicks);
      const cp = wilsonInterval(Math.min(p.orders, p.clicks), p.clicks);
      if (cr.p === null || cp.p === null || cp.p <= 0) continue;
      const change = cr.p / cp.p - 1;
      if (change > -t.dropPct || cr.hi === null || cp.lo === null || !(cr.hi < cp.lo)) continue;
      const productSide = shopChange !== null && shopChange <= -t.dropPct / 2;
      out.push({
        status: 'fired',
        entity: { kind: 'campaign', id: e.id, ...(e.name ? { name: e.name } : {}) },
        period: { from: recent.from, to: recent.to },
        detail: {
          zh: `计划${nameOf(e)}点击转化率 ${rate(cr.p)}（${recent.from}～${recent.to}，点击 ${formatCount(r.clicks)}），之前 7 个非大促日 ${rate(cp.p)}，下降 ${formatSignedPct(change)}；95% 区间 ${rate(cr.lo)}–${rate(cr.hi)} 与 ${rate(cp.lo)}–${rate(cp.hi)} 不重叠${mat.note.zh}。同期全店支付转化率 ${shopChange === null ? '无数据' : formatSignedPct(shopChange)}。`,
          en: `Campaign ${nameOf(e)}: CVR ${rate(cr.p)} (${recent.from}–${recent.to}, ${r.clicks} clicks) vs ${rate(cp.p)} over the 7 non-event days before, ${formatSignedPct(change)}; 95% intervals ${rate(cr.lo)}–${rate(cr.hi)} and ${rate(cp.lo)}–${rate(cp.hi)} do not overlap${mat.note.en}. Shop conversion over the same days: ${shopChange === null ? 'no data' : formatSignedPct(shopChange)}.`,
        },
        suggestion: productSide
          ? {
              zh: '自然转化也在降 → 多半是商品本身的问题（价格、库存、差评），先排查承接。',
              en: 'Shop conversion fell too → most likely the product (price, stock, reviews): check the landing side first.',
            }
          : {
              zh: '只有广告在降 → 检查近期新增的词和人群，以及是否误开了宽泛匹配。',
              en: 'Only ads fell → check recently added keywords and crowds, and whether broad match was switched on.',
            },
        evidence: [
          { label: { zh: '近 7 天转化率', en: 'CVR, last 7 days' }, value: cr.p, format: 'ratio' },
          { label: { zh: '之前 7 天转化率', en: 'CVR, 7 days before' }, value: cp.p, format: 'ratio' },
          { label: { zh: '变化', en: 'Change' }, value: change, format: 'pct-change' },
          { label: { zh: '全店转化率变化', en: 'Shop conversion change' }, value: shopChange, format: 'pct-change' },
        ],
        baseline: { method: { zh: '之前 7 个非大促日的成交笔数 ÷ 点击', en: 'Orders ÷ clicks over the 7 non-event days before' }, value: cp.p },
      });
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          { zh: `没有前后两段都有 ≥ ${t.minClicks} 次点击的计划`, en: `No campaign with ≥ ${t.minClicks} clicks in both periods` },
          CAPTURE_HINT.campaign,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: recent.from, to: recent.to },
        detail: { zh: `${judged} 个计划的转化率没有显著下降。`, en: `No significant CVR drop in ${judged} campaigns.` },
        evidence: [],
      },
    ];
  },
});
