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
 * ADS-10: keywords with ≥ 200 clicks whose CTR ≥ 1.2 × the keyword average but CVR ≤ 0.5 × the
 * average (15 days ending T-2): they attract clicks that do not buy (四象限: high CTR, low CVR).
 */
export default defineRule({
  meta: {
    id: 'ads-10-ctr-high-cvr-low',
    ref: 'ADS-10',
    area: 'ADS',
    title: { zh: '点击率高、转化低（流量不精准）', en: 'High CTR, low conversion (mismatched traffic)' },
    description: {
      zh: '近 15 天点击 ≥ 200 的关键词，点击率 ≥ 关键词平均的 1.2 倍，转化率却 ≤ 平均的一半。',
      en: 'Keywords with ≥ 200 clicks over 15 days, CTR ≥ 1.2× the keyword average but CVR ≤ half the average.',
    },
    severity: 'P2',
    requires: ['keyword.adClicks', 'keyword.adImpressions', 'keyword.adOrders'],
    thresholds: {
      minClicks: { default: 200, min: 30, max: 1e6, label: { zh: '最少点击', en: 'Minimum clicks' }, source: '[H]' },
      ctrMultiple: { default: 1.2, min: 1, max: 5, label: { zh: '点击率倍数', en: 'CTR multiple' }, source: '[H]' },
      cvrMultiple: { default: 0.5, min: 0.05, max: 1, label: { zh: '转化率倍数', en: 'CVR multiple' }, source: '[H]' },
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
    const w = adWindow(ctx, 15);
    const mat = maturity(ctx, w);
    const mg = marginOf(ctx);
    const all = entitySums(ctx, 'keyword', w.dates).filter((r) => r.s.imps > 0);
    const total = all.reduce((a, r) => addSums(a, r.s), ZERO_SUMS);
    const rows = all.filter((r) => r.s.clicks >= t.minClicks && r.s.hasOrders);
    if (rows.length < 3 || total.clicks <= 0 || total.orders <= 0)
      return [
        insufficient(
          {
            zh: `${w.from}～${w.to} 点击 ≥ ${t.minClicks} 的关键词不足 3 个，无法做四象限比较`,
            en: `Fewer than 3 keywords with ≥ ${t.minClicks} clicks from ${w.from} to ${w.to}: no quadrant comparison`,
          },
          CAPTURE_HINT.keyword,
        ),
      ];
    const ctrAvg = total.clicks / total.imps;
    const cvrAvg = total.orders / total.clicks;
    const out: Verdict[] = [];
    for (const { entity, s } of rows) {
      const ctr = s.clicks / s.imps;
      const cvr = s.orders / s.clicks;
      if (ctr < t.ctrMultiple * ctrAvg || cvr > t.cvrMultiple * cvrAvg) continue;
      const wi = whatIfPause(total, s, t.organicShare, mg.m, { zh: '全部关键词', en: 'all keywords' });
      out.push({
        status: 'fired',
        entity: { kind: 'keyword', id: entity.id, ...(entity.name ? { name: entity.name } : {}) },
        period: { from: w.from, to: w.to },
        detail: {
          zh: `关键词${nameOf(entity)} ${w.from}～${w.to} 点击率 ${rate(ctr)}（平均 ${rate(ctrAvg)}），转化率却只有 ${rate(cvr)}（平均 ${rate(cvrAvg)}）${mat.note.zh}；点击 ${formatCount(s.clicks)} 次、花费 ${formatMoney(s.spend)}。${wi.text.zh}`,
          en: `Keyword ${nameOf(entity)}: CTR ${rate(ctr)} (average ${rate(ctrAvg)}) but CVR only ${rate(cvr)} (average ${rate(cvrAvg)}) from ${w.from} to ${w.to}${mat.note.en}; ${s.clicks} clicks, ${formatMoney(s.spend, 'en')} spent. ${wi.text.en}`,
        },
        suggestion: {
          zh: '该词吸引点击但不成交：可能主图或卖点夸大，或搜索意图不符（如“平替”“二手”）。核对搜索词报告、加否定词；主图承诺要和详情一致。',
          en: 'It draws clicks that do not buy: the main image may over-promise, or the search intent differs (e.g. "dupe", "second-hand"). Check the search-term report, add negatives, and keep the main image consistent with the detail page.',
        },
        evidence: [
          { label: { zh: '点击率', en: 'CTR' }, value: ctr, format: 'ratio' },
          { label: { zh: '关键词平均点击率', en: 'Keyword average CTR' }, value: ctrAvg, format: 'ratio' },
          { label: { zh: '转化率', en: 'CVR' }, value: cvr, format: 'ratio' },
          { label: { zh: '关键词平均转化率', en: 'Keyword average CVR' }, value: cvrAvg, format: 'ratio' },
          ...wi.evidence,
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period: { from: w.from, to: w.to },
        detail: { zh: `${rows.length} 个关键词中没有“高点击、低转化”的词。`, en: `No high-CTR, low-CVR keyword among ${rows.length}.` },
        evidence: [],
      },
    ];
  },
});
