import { formatMoney, formatSignedPct } from '../../format';
import { addDays } from '../../series/dates';
import { adEntities, adSums, CAPTURE_HINT, fix2, insufficient, nameOf, normalDays, roiOf, WANXIANG_CAMPAIGN_LINK } from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * CPC rising (with ADS-05): a campaign's CPC over the last 7 non-event days against the 28
 * non-event days before them. Event days (大促) stay out of both windows: bids and CPCs rise
 * for everybody then. Clicks and spend need no attribution, so the window ends on asOf.
 */
export default defineRule({
  meta: {
    id: 'ads-05-cpc-rising',
    ref: 'ADS-05',
    area: 'ADS',
    title: { zh: '计划点击单价上涨', en: 'Campaign CPC rising' },
    description: {
      zh: '计划近 7 个非大促日的平均点击花费，比之前 28 个非大促日上涨 ≥ 25%（近 7 天点击 ≥ 100）；附同期投产比变化。',
      en: "A campaign's CPC over the last 7 non-event days is ≥ 25% above the 28 non-event days before (≥ 100 recent clicks); shows the ROAS change alongside.",
    },
    severity: 'P2',
    requires: ['campaign.adSpend', 'campaign.adClicks'],
    thresholds: {
      risePct: { default: 0.25, min: 0.05, max: 3, label: { zh: '上涨幅度', en: 'Rise' }, source: '[H]' },
      minClicks: { default: 100, min: 10, max: 1e5, label: { zh: '近 7 天最少点击', en: 'Minimum recent clicks' }, source: '[H]' },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const recent = normalDays(ctx.asOf, 7);
    const before = normalDays(addDays(recent.from, -1), 28);
    const out: Verdict[] = [];
    let judged = 0;
    for (const e of adEntities(ctx, 'campaign')) {
      const r = adSums(ctx, 'campaign', e.ref, recent.dates);
      const b = adSums(ctx, 'campaign', e.ref, before.dates);
      if (r.clicks < t.minClicks || b.clicks < t.minClicks || b.days < 7) continue;
      judged++;
      const cpc = r.spend / r.clicks;
      const base = b.spend / b.clicks;
      const change = cpc / base - 1;
      if (change < t.risePct) continue;
      const roiR = roiOf(r);
      const roiB = roiOf(b);
      out.push({
        status: 'fired',
        entity: { kind: 'campaign', id: e.id, ...(e.name ? { name: e.name } : {}) },
        period: { from: recent.from, to: recent.to },
        detail: {
          zh: `计划${nameOf(e)}近 7 个非大促日（${recent.from}～${recent.to}）平均点击花费 ${formatMoney(cpc)}，比之前 28 个非大促日的 ${formatMoney(base)} 上涨 ${formatSignedPct(change)}（触发线 ${formatSignedPct(t.risePct)}）；同期投产比 ${fix2(roiB)} → ${fix2(roiR)}（近期成交可能未成熟）。同样的预算买到的点击在变少。`,
          en: `Campaign ${nameOf(e)}: CPC ${formatMoney(cpc, 'en')} over the last 7 non-event days (${recent.from}–${recent.to}), ${formatSignedPct(change)} vs ${formatMoney(base, 'en')} over the 28 non-event days before (line ${formatSignedPct(t.risePct)}); ROAS ${fix2(roiB)} → ${fix2(roiR)} (recent conversions may be immature). The same budget buys fewer clicks.`,
        },
        suggestion: {
          zh: '查看是否新加了高价词、抢位助手或人群溢价；对点击率低的词先提高点击率（质量分）再竞价，避免单纯加价顶排名。',
          en: 'Check for newly added expensive keywords, rank-bidding tools or crowd premiums; raise CTR (quality score) on weak terms instead of simply bidding higher.',
        },
        evidence: [
          { label: { zh: '近 7 天点击单价', en: 'CPC, last 7 days' }, value: cpc, format: 'CNY' },
          { label: { zh: '之前 28 天点击单价', en: 'CPC, 28 days before' }, value: base, format: 'CNY' },
          { label: { zh: '变化', en: 'Change' }, value: change, format: 'pct-change' },
          { label: { zh: '近 7 天投产比', en: 'ROAS, last 7 days' }, value: roiR, format: 'plain' },
        ],
        baseline: { method: { zh: '之前 28 个非大促日的花费 ÷ 点击', en: 'Spend ÷ clicks over the 28 non-event days before' }, value: base },
      });
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          { zh: '没有近 7 天和之前 28 天都有足够点击的计划', en: 'No campaign with enough clicks in both the last 7 and the 28 days before' },
          CAPTURE_HINT.campaign,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: recent.from, to: recent.to },
        detail: { zh: `${judged} 个计划的点击单价没有明显上涨。`, en: `No marked CPC rise in ${judged} campaigns.` },
        evidence: [],
      },
    ];
  },
});
