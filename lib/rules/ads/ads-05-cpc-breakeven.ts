import { formatCount, formatMoney } from '../../format';
import {
  adWindow,
  addSums,
  CAPTURE_HINT,
  entitySums,
  insufficient,
  marginOf,
  maturity,
  nameOf,
  rate,
  WANXIANG_LINK,
  whatIfPause,
  ZERO_SUMS,
} from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * ADS-05: a keyword's 15-day CPC above the affordable CPC = unit CVR × order value × margin,
 * with ≥ 100 clicks. The "unit" is all keywords of the shop (keyword facts carry no campaign
 * or adgroup id); order value = attributed sales ÷ orders of those keywords.
 */
export default defineRule({
  meta: {
    id: 'ads-05-cpc-breakeven',
    ref: 'ADS-05',
    area: 'ADS',
    title: { zh: '点击单价超过可承受线', en: 'CPC above the affordable CPC' },
    description: {
      zh: '近 15 天（剔除最近 2 天）点击 ≥ 100 的关键词，平均点击花费高于保本点击单价（转化率 × 客单价 × 毛利率）。',
      en: 'Keywords with ≥ 100 clicks over 15 days (last 2 days left out) whose CPC exceeds the break-even CPC (CVR × order value × margin).',
    },
    severity: 'P1',
    requires: ['keyword.adSpend', 'keyword.adClicks', 'keyword.adOrders'],
    thresholds: {
      windowDays: { default: 15, min: 7, max: 30, label: { zh: '统计天数', en: 'Window (days)' }, source: '[C]' },
      minClicks: { default: 100, min: 10, max: 1e5, label: { zh: '最少点击数', en: 'Minimum clicks' }, source: '[H]' },
      organicShare: {
        default: 0.3,
        min: 0,
        max: 1,
        label: { zh: '测算：停投后自然回流比例（假设）', en: 'What-if: share that still arrives organically (assumed)' },
        source: '[H]',
      },
    },
    link: WANXIANG_LINK,
  },
  evaluate(ctx, t) {
    const w = adWindow(ctx, t.windowDays);
    const mat = maturity(ctx, w);
    const mg = marginOf(ctx);
    const all = entitySums(ctx, 'keyword', w.dates);
    const total = all.reduce((a, r) => addSums(a, r.s), ZERO_SUMS);
    const rows = all.filter((r) => r.s.clicks >= t.minClicks);
    if (rows.length === 0 || total.orders <= 0 || total.clicks <= 0)
      return [
        insufficient(
          {
            zh: `${w.from}～${w.to} 没有点击 ≥ ${t.minClicks} 的关键词或没有成交`,
            en: `No keyword with ≥ ${t.minClicks} clicks, or no orders, from ${w.from} to ${w.to}`,
          },
          CAPTURE_HINT.keyword,
        ),
      ];
    const cvr = total.orders / total.clicks;
    const aov = total.gmv / total.orders;
    const beCpc = cvr * aov * mg.m;
    const out: Verdict[] = [];
    for (const { entity, s } of rows) {
      const cpc = s.spend / s.clicks;
      if (cpc <= beCpc) continue;
      // The loss is the part of the CPC above the affordable line, on every click.
      const over = (cpc - beCpc) * s.clicks;
      const wi = whatIfPause(total, s, t.organicShare, mg.m, { zh: '全部关键词', en: 'all keywords' });
      out.push({
        status: 'fired',
        severity: mg.assumed ? 'P2' : 'P1',
        entity: { kind: 'keyword', id: entity.id, ...(entity.name ? { name: entity.name } : {}) },
        period: { from: w.from, to: w.to },
        detail: {
          zh: `关键词${nameOf(entity)} ${w.from}～${w.to} 点击 ${formatCount(s.clicks)} 次，平均点击花费 ${formatMoney(cpc)}；按关键词平均转化率 ${rate(cvr)}、客单价 ${formatMoney(aov)} 和毛利率 ${Math.round(mg.m * 100)}%，最多只能承受 ${formatMoney(beCpc)}${mat.note.zh}，多付约 ${formatMoney(over)}。${mg.note.zh}${wi.text.zh}`,
          en: `Keyword ${nameOf(entity)}: ${s.clicks} clicks at an average CPC of ${formatMoney(cpc, 'en')} from ${w.from} to ${w.to}; at the keyword CVR of ${rate(cvr)}, order value ${formatMoney(aov, 'en')} and ${Math.round(mg.m * 100)}% margin it can afford at most ${formatMoney(beCpc, 'en')}${mat.note.en}, about ${formatMoney(over, 'en')} overpaid. ${mg.note.en} ${wi.text.en}`,
        },
        suggestion: {
          zh: '下调出价、改用分时折扣，或者先提升转化率（详情页、价格）再放量。',
          en: 'Lower the bid, use time-of-day discounts, or raise conversion first (detail page, price) before buying more clicks.',
        },
        evidence: [
          { label: { zh: '平均点击花费', en: 'CPC' }, value: cpc, format: 'CNY' },
          { label: { zh: '保本点击单价', en: 'Break-even CPC' }, value: beCpc, format: 'CNY' },
          { label: { zh: '点击', en: 'Clicks' }, value: s.clicks, format: 'count' },
          { label: { zh: '每次点击贡献毛利', en: 'Margin per click' }, value: beCpc - cpc, format: 'CNY' },
          ...wi.evidence,
        ],
        baseline: { method: { zh: '保本点击单价 = 转化率 × 客单价 × 毛利率', en: 'Break-even CPC = CVR × order value × margin' }, value: beCpc },
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period: { from: w.from, to: w.to },
        detail: {
          zh: `${rows.length} 个关键词的点击单价都在可承受线 ${formatMoney(beCpc)} 以内。${mg.note.zh}`,
          en: `All ${rows.length} keywords pay at most the affordable CPC of ${formatMoney(beCpc, 'en')}. ${mg.note.en}`,
        },
        evidence: [],
      },
    ];
  },
});
