import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { twoProportionZ } from '../../series/rates';
import { windowSum } from '../shared/entity-window';
import { rate, shopSnapshot } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-10: share of 差评 among new reviews over the last 7 days vs the 28 days before: up ≥ 30 %,
 * at least `minBad` bad reviews, and significant (two-proportion test, α = 0.01 to keep noise
 * out of a P1). The 真实体验分 商品负反馈率 is shown alongside when captured.
 */
export default defineRule({
  meta: {
    id: 'cs-10-negative-reviews',
    ref: 'CS-10',
    area: 'CS',
    title: { zh: '差评上升', en: 'Negative reviews rising' },
    description: {
      zh: '近 7 天差评占新增评价的比例比前 4 周上升 30% 以上且统计显著时告警。',
      en: 'Alerts when the share of negative reviews over 7 days is ≥ 30 % above the 4 weeks before and significant.',
    },
    severity: 'P1',
    requires: ['badRateCnt', 'rateCnt'],
    thresholds: {
      riseRel: { default: 0.3, min: 0.05, max: 5, label: { zh: '相对上升', en: 'Relative rise' }, source: '[H]' },
      minBad: { default: 3, min: 1, max: 1000, label: { zh: '最少差评数（7 天）', en: 'Min bad reviews (7 days)' }, source: '[H]' },
      alpha: { default: 0.01, min: 0.001, max: 0.1, label: { zh: '显著性水平', en: 'Significance level' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/bda/rate/overview/overview.htm', label: { zh: '生意参谋 → 评价概况', en: '生意参谋 → 评价概况' } },
  },
  evaluate(ctx, t) {
    const bad = ctx.shopSeries('badRateCnt');
    const all = ctx.shopSeries('rateCnt');
    const b7 = windowSum(bad, ctx.asOf, 7);
    const a7 = windowSum(all, ctx.asOf, 7);
    const b28 = windowSum(bad, addDays(ctx.asOf, -7), 28);
    const a28 = windowSum(all, addDays(ctx.asOf, -7), 28);
    if (a7.days < 5 || a28.days < 14 || a7.sum <= 0 || a28.sum <= 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '评价数据不足（近 7 天至少 5 天、之前 4 周至少 14 天）。打开 生意参谋 → 评价概况 逐日采集。',
            en: 'Too little review data (5 of the last 7 days and 14 of the 4 weeks before). Open 生意参谋 → 评价概况 day by day.',
          },
          evidence: [],
        },
      ];
    }
    const cur = b7.sum / a7.sum;
    const base = b28.sum / a28.sum;
    const test = twoProportionZ(b7.sum, a7.sum, b28.sum, a28.sum);
    const neg = shopSnapshot(ctx, 'expNegItemFeedbackRate');
    const evidence: Evidence[] = [
      { label: { zh: '差评占比（7 天）', en: 'Bad-review share (7 days)' }, value: cur, format: 'ratio' },
      { label: { zh: '差评占比（前 4 周）', en: 'Bad-review share (4 weeks before)' }, value: base, format: 'ratio' },
      { label: { zh: '差评数（7 天）', en: 'Bad reviews (7 days)' }, value: b7.sum, format: 'count' },
      { label: { zh: '商品负反馈率（体验分）', en: 'Negative item feedback (score)' }, value: neg?.value ?? null, format: 'ratio' },
    ];
    const period = { from: addDays(ctx.asOf, -6), to: ctx.asOf };
    const fired = b7.sum >= t.minBad && cur >= base * (1 + t.riseRel) && test.pValue !== null && test.pValue < t.alpha && (test.diff ?? 0) > 0;
    if (!fired)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `近 7 天差评占比 ${rate(cur)}（${b7.sum} 条），前 4 周 ${rate(base)}，没有显著上升。`,
            en: `Bad-review share ${rate(cur)} over 7 days (${b7.sum}) vs ${rate(base)} before: no significant rise.`,
          },
          evidence,
        },
      ];
    return [
      {
        status: 'fired',
        period,
        detail: {
          zh: `近 7 天新增差评 ${b7.sum} 条，占评价 ${rate(cur)}，前 4 周为 ${rate(base)}（上升 ${((cur / Math.max(base, 1e-9) - 1) * 100).toFixed(0)}%，p = ${test.pValue?.toFixed(3)}）。首页带图差评会直接压低转化率。`,
          en: `${b7.sum} negative reviews in 7 days, ${rate(cur)} of reviews vs ${rate(base)} in the 4 weeks before (p = ${test.pValue?.toFixed(3)}). Negative reviews on the first screen cut conversion.`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 评价概况 / 千牛 → 评价管理，按商品和主题（尺码、质量、色差、物流）归类新差评：集中在某款时立即在详情页和客服话术中提示，并核查这批货。',
          en: 'Open 生意参谋 → 评价概况 / 千牛 → 评价管理 and group the new bad reviews by item and topic (size, quality, colour, shipping): if one item dominates, warn on its page and in agent scripts, and check the batch.',
        },
        evidence,
        baseline: { method: { zh: '前 4 周差评占比（双比例检验）', en: 'Bad-review share of the 4 weeks before (two-proportion test)' }, value: base },
      },
    ];
  },
});
