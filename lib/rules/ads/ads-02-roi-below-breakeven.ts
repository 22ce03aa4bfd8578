import { formatMoney } from '../../format';
import {
  adWindow,
  addSums,
  CAPTURE_HINT,
  entitySums,
  fix2,
  insufficient,
  marginOf,
  maturity,
  nameOf,
  roiOf,
  WANXIANG_CAMPAIGN_LINK,
  whatIfPause,
  ZERO_SUMS,
} from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

const KINDS = [
  { kind: 'campaign' as const, zh: '计划', en: 'campaign' },
  { kind: 'crowd' as const, zh: '人群', en: 'crowd' },
];

/**
 * ADS-02: 15-day ROI (ending T-2) below 保本 ROI = 1 ÷ gross margin → P1; below 0.8 × 保本 with
 * ≥ 20 % of the spend → P0. The catalogue says not to fire without an entered margin; here it
 * fires at most P2 with the assumed default and says so, so the operator still sees the risk.
 */
export default defineRule({
  meta: {
    id: 'ads-02-roi-below-breakeven',
    ref: 'ADS-02',
    area: 'ADS',
    title: { zh: '投产比低于保本线', en: 'ROAS below break-even' },
    description: {
      zh: '计划或人群近 15 天（剔除最近 2 天）的投产比低于保本 ROI（1 ÷ 毛利率）；估算亏损额，并测算暂停后的花费、成交和投产比。',
      en: 'Campaigns or crowds whose 15-day ROAS (last 2 days left out) is below break-even (1 ÷ gross margin); estimates the loss and the what-if of pausing them.',
    },
    severity: 'P1',
    requires: ['campaign.adSpend', 'campaign.adGmv'],
    thresholds: {
      windowDays: { default: 15, min: 7, max: 30, label: { zh: '统计天数', en: 'Window (days)' }, source: '[C]' },
      minSpend: { default: 100, min: 10, max: 1e6, label: { zh: '最少花费（元）', en: 'Minimum spend (¥)' }, source: '[H]' },
      p0Ratio: { default: 0.8, min: 0.1, max: 1, label: { zh: 'P0：低于保本的倍数', en: 'P0: multiple of break-even' }, source: '[H]' },
      p0Share: { default: 0.2, min: 0.05, max: 1, label: { zh: 'P0：占账户花费比例', en: 'P0: share of account spend' }, source: '[H]' },
      organicShare: {
        default: 0.3,
        min: 0,
        max: 1,
        label: { zh: '测算：停投后自然回流比例（假设）', en: 'What-if: share that still arrives organically (assumed)' },
        source: '[H]',
      },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const w = adWindow(ctx, t.windowDays);
    const mat = maturity(ctx, w);
    const mg = marginOf(ctx);
    const be = 1 / mg.m;
    const out: Verdict[] = [];
    let judged = 0;
    for (const k of KINDS) {
      const rows = entitySums(ctx, k.kind, w.dates).filter((r) => r.s.hasGmv);
      if (rows.length === 0) continue;
      const total = rows.reduce((a, r) => addSums(a, r.s), ZERO_SUMS);
      for (const { entity, s } of rows) {
        if (s.spend < t.minSpend) continue;
        judged++;
        const roi = roiOf(s) as number;
        if (roi >= be) continue;
        const share = s.spend / total.spend;
        const loss = s.spend - s.gmv * mg.m;
        const p0 = roi < t.p0Ratio * be && share >= t.p0Share;
        const severity = mg.assumed ? 'P2' : p0 ? 'P0' : 'P1';
        const wi = whatIfPause(total, s, t.organicShare, mg.m, { zh: `全部${k.zh}`, en: `all ${k.en}s` });
        out.push({
          status: 'fired',
          severity,
          entity: { kind: k.kind, id: entity.id, ...(entity.name ? { name: entity.name } : {}) },
          period: { from: w.from, to: w.to },
          detail: {
            zh: `${k.zh}${nameOf(entity)} ${w.from}～${w.to} 花费 ${formatMoney(s.spend)}、归因成交 ${formatMoney(s.gmv)}，投产比 ${fix2(roi)}，低于保本 ${fix2(be)}${mat.note.zh}；按毛利估算亏损约 ${formatMoney(loss)}（成交额 × 毛利率 − 花费）。它占全部${k.zh}花费的 ${(share * 100).toFixed(1)}%。${mg.note.zh}ROI 只是归因成交 ÷ 花费，不含货本、退款和平台费用。${wi.text.zh}`,
            en: `${k.en} ${nameOf(entity)} spent ${formatMoney(s.spend, 'en')} for ${formatMoney(s.gmv, 'en')} of attributed sales from ${w.from} to ${w.to}: ROAS ${fix2(roi)}, below break-even ${fix2(be)}${mat.note.en}; estimated loss about ${formatMoney(loss, 'en')} (sales × margin − spend). It is ${(share * 100).toFixed(1)}% of all ${k.en} spend. ${mg.note.en} ROAS is attributed sales ÷ spend, before cost of goods, refunds and fees. ${wi.text.en}`,
          },
          suggestion: {
            zh: `降低${nameOf(entity)}里低效词和人群的出价、收窄人群，或把预算转给投产比高于 ${fix2(be * 1.2)} 的计划；如果它承担拉新任务，先设定可接受的新客成本上限再单独评估。`,
            en: `Lower the bids of weak keywords and crowds in ${nameOf(entity)}, narrow its audience, or move budget to campaigns above ${fix2(be * 1.2)} ROAS; if it is meant to acquire new buyers, set an acceptable cost per new buyer and judge it on that.`,
          },
          evidence: [
            { label: { zh: '投产比', en: 'ROAS' }, value: roi, format: 'plain' },
            { label: { zh: '保本投产比', en: 'Break-even ROAS' }, value: be, format: 'plain' },
            { label: { zh: '花费', en: 'Spend' }, value: s.spend, format: 'CNY' },
            { label: { zh: '归因成交金额', en: 'Attributed sales' }, value: s.gmv, format: 'CNY' },
            { label: { zh: '估算亏损', en: 'Estimated loss' }, value: loss, format: 'CNY' },
            { label: { zh: '占花费比例', en: 'Share of spend' }, value: share, format: 'ratio' },
            ...wi.evidence,
          ],
          baseline: { method: { zh: '保本投产比 = 1 ÷ 毛利率', en: 'Break-even ROAS = 1 ÷ gross margin' }, value: be },
        });
      }
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          { zh: `${w.from}～${w.to} 没有花费 ≥ ¥${t.minSpend} 的计划或人群`, en: `No campaign or crowd spent ≥ ¥${t.minSpend} from ${w.from} to ${w.to}` },
          CAPTURE_HINT.campaign,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: w.from, to: w.to },
        detail: {
          zh: `${judged} 个计划 / 人群的投产比都不低于保本 ${fix2(be)}。${mg.note.zh}`,
          en: `All ${judged} campaigns / crowds are at or above break-even ROAS ${fix2(be)}. ${mg.note.en}`,
        },
        evidence: [],
      },
    ];
  },
});
