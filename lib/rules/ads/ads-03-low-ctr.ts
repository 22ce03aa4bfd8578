import { formatCount } from '../../format';
import { wilsonInterval } from '../../series/rates';
import { adWindow, addSums, CAPTURE_HINT, entitySums, insufficient, nameOf, rate, WANXIANG_LINK, ZERO_SUMS } from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * ADS-03: keywords with ≥ 1,000 impressions over 7 days whose CTR is below 0.8 × the weighted
 * keyword average (keyword facts carry no campaign id, so the shop's keywords are the peer
 * group); fallback 1.2 % when fewer than 3 keywords can be compared. Impressions and clicks
 * need no attribution, so the window ends on the latest closed day. To keep noise out, the
 * keyword's 95 % Wilson upper bound must also lie below the average.
 */
export default defineRule({
  meta: {
    id: 'ads-03-low-ctr',
    ref: 'ADS-03',
    area: 'ADS',
    title: { zh: '关键词点击率偏低', en: 'Keyword CTR too low' },
    description: {
      zh: '近 7 天展现 ≥ 1,000 的关键词，点击率低于全部关键词加权平均的 0.8 倍（且 95% 区间上界也低于平均）；没有足够同类时用 1.2% 兜底。',
      en: 'Keywords with ≥ 1,000 impressions in 7 days whose CTR is below 0.8× the weighted keyword average (and whose 95% upper bound is below it too); 1.2% fallback without enough peers.',
    },
    severity: 'P2',
    requires: ['keyword.adImpressions', 'keyword.adClicks'],
    thresholds: {
      windowDays: { default: 7, min: 7, max: 30, label: { zh: '统计天数', en: 'Window (days)' }, source: '[H]' },
      minImpressions: { default: 1000, min: 100, max: 1e6, label: { zh: '最少展现', en: 'Minimum impressions' }, source: '[H]' },
      ratio: { default: 0.8, min: 0.1, max: 1, label: { zh: '低于平均的倍数', en: 'Multiple of the average' }, source: '[H]' },
      floorCtr: { default: 0.012, min: 0.001, max: 0.2, label: { zh: '兜底点击率', en: 'Fallback CTR' }, source: '[H]' },
    },
    link: WANXIANG_LINK,
  },
  evaluate(ctx, t) {
    const w = adWindow(ctx, t.windowDays, 0);
    const rows = entitySums(ctx, 'keyword', w.dates).filter((r) => r.s.imps >= t.minImpressions);
    if (rows.length === 0)
      return [
        insufficient(
          {
            zh: `${w.from}～${w.to} 没有展现 ≥ ${t.minImpressions} 的关键词`,
            en: `No keyword with ≥ ${t.minImpressions} impressions from ${w.from} to ${w.to}`,
          },
          CAPTURE_HINT.keyword,
        ),
      ];
    const total = rows.reduce((a, r) => addSums(a, r.s), ZERO_SUMS);
    const peer = rows.length >= 3;
    const avg = total.clicks / total.imps;
    const line = peer ? t.ratio * avg : t.floorCtr;
    const out: Verdict[] = [];
    for (const { entity, s } of rows) {
      const ctr = s.clicks / s.imps;
      const wi = wilsonInterval(s.clicks, s.imps);
      if (!(ctr < line) || (peer && !(wi.hi !== null && wi.hi < avg))) continue;
      const impShare = s.imps / total.imps;
      out.push({
        status: 'fired',
        entity: { kind: 'keyword', id: entity.id, ...(entity.name ? { name: entity.name } : {}) },
        period: { from: w.from, to: w.to },
        detail: peer
          ? {
              zh: `关键词${nameOf(entity)} ${w.from}～${w.to} 展现 ${formatCount(s.imps)}、点击率 ${rate(ctr)}，比全部关键词平均 ${rate(avg)} 低 ${((1 - ctr / avg) * 100).toFixed(0)}%（触发线 ${rate(line)}）；它占关键词展现的 ${(impShare * 100).toFixed(1)}%。点击率低会拉低质量分，同样排名要多付点击费。`,
              en: `Keyword ${nameOf(entity)}: ${formatCount(s.imps, 'en')} impressions, CTR ${rate(ctr)} from ${w.from} to ${w.to}, ${((1 - ctr / avg) * 100).toFixed(0)}% below the keyword average of ${rate(avg)} (line ${rate(line)}); ${(impShare * 100).toFixed(1)}% of keyword impressions. A low CTR drags the quality score down, so the same rank costs more per click.`,
            }
          : {
              zh: `关键词${nameOf(entity)} ${w.from}～${w.to} 展现 ${formatCount(s.imps)}、点击率 ${rate(ctr)}，低于经验兜底线 ${rate(line)}（可比较的关键词不足 3 个）。`,
              en: `Keyword ${nameOf(entity)}: ${formatCount(s.imps, 'en')} impressions, CTR ${rate(ctr)} from ${w.from} to ${w.to}, below the rule-of-thumb line of ${rate(line)} (fewer than 3 comparable keywords).`,
            },
        suggestion: {
          zh: '①检查主图首屏卖点和这个词是否匹配（标题里有没有核心词）；②做 2–3 组主图 A/B；③泛词带来的人群不准会拉低点击率，可降低泛词出价、提高精准长尾词出价。观察 7 天。',
          en: '① Check that the main image and title match this search term; ② A/B test 2–3 main images; ③ broad terms bring mismatched shoppers: lower broad-term bids and raise precise long-tail bids. Watch 7 days.',
        },
        evidence: [
          { label: { zh: '点击率', en: 'CTR' }, value: ctr, format: 'ratio' },
          {
            label: { zh: peer ? '关键词平均点击率' : '兜底点击率', en: peer ? 'Keyword average CTR' : 'Fallback CTR' },
            value: peer ? avg : t.floorCtr,
            format: 'ratio',
          },
          { label: { zh: '展现', en: 'Impressions' }, value: s.imps, format: 'count' },
          { label: { zh: '展现占比', en: 'Share of impressions' }, value: impShare, format: 'ratio' },
        ],
        baseline: { method: { zh: '全部关键词的加权平均点击率', en: 'Weighted CTR of all keywords' }, value: peer ? avg : t.floorCtr },
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period: { from: w.from, to: w.to },
        detail: {
          zh: `${rows.length} 个关键词的点击率都不低于触发线 ${rate(line)}。`,
          en: `All ${rows.length} keywords are at or above the CTR line of ${rate(line)}.`,
        },
        evidence: [],
      },
    ];
  },
});
