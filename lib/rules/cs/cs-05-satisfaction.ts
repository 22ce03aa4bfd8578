import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { OPEN_SERVICE, persists, rate, SERVICE_LINK, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-05: 客户满意率 (旺旺满意度) < 95 % → P2, < 90 % → P1 on 2 of the last 3 days, with ≥ 30
 * valid ratings. Empty ratings are not counted as satisfied; when the rating count was not
 * captured the finding says so and stays at P2.
 */
export default defineRule({
  meta: {
    id: 'cs-05-satisfaction',
    ref: 'CS-05',
    area: 'CS',
    title: { zh: '客服满意度偏低', en: 'Low customer satisfaction' },
    description: {
      zh: '旺旺满意度低于 95% 提示、低于 90% 告警（有效评价 ≥ 30）；空评价不算好评。',
      en: 'Flags service satisfaction under 95 % and alerts under 90 % (≥ 30 valid ratings); empty ratings never count as satisfied.',
    },
    severity: 'P2',
    requires: ['customerAllSateRate'],
    thresholds: {
      warn: { default: 0.95, min: 0.5, max: 1, label: { zh: '提示线', en: 'Warning line' }, source: '[H]' },
      alert: { default: 0.9, min: 0.5, max: 1, label: { zh: '告警线', en: 'Alert line' }, source: '[H]' },
      minRatings: { default: 30, min: 5, max: 10000, label: { zh: '最少有效评价', en: 'Min valid ratings' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const s = ctx.shopSeries('customerAllSateRate');
    const v = valueOn(s, ctx.asOf);
    if (v === null)
      return [
        {
          status: 'insufficient',
          detail: { zh: `${ctx.asOf} 没有满意度数据。${OPEN_SERVICE.zh}`, en: `No satisfaction for ${ctx.asOf}. ${OPEN_SERVICE.en}` },
          evidence: [],
        },
      ];
    const ratings = valueOn(ctx.shopSeries('cspEvaluationCnt'), ctx.asOf);
    if (ratings !== null && ratings < t.minRatings) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${ctx.asOf} 只有 ${ratings} 条服务评价，少于 ${t.minRatings}，样本太小不下结论`,
            en: `Only ${ratings} service ratings on ${ctx.asOf} (under ${t.minRatings}): too small a sample`,
          },
          evidence: [],
        },
      ];
    }
    const p1 = (persists(s, ctx.asOf, (x) => x < t.alert)?.hits ?? 0) > 0;
    const p2 = (persists(s, ctx.asOf, (x) => x < t.warn)?.hits ?? 0) > 0;
    const evidence: Evidence[] = [
      { label: { zh: '客户满意率', en: 'Satisfaction' }, value: v, format: 'ratio' },
      { label: { zh: '有效评价数', en: 'Valid ratings' }, value: ratings, format: 'count' },
      { label: { zh: '提示线', en: 'Warning line' }, value: t.warn, format: 'ratio' },
    ];
    if (!p2)
      return [
        {
          status: 'ok',
          detail: {
            zh: `${ctx.asOf} 客户满意率 ${rate(v)}，不低于 ${rate(t.warn)}。`,
            en: `${ctx.asOf}: satisfaction ${rate(v)}, at or above ${rate(t.warn)}.`,
          },
          evidence,
        },
      ];
    const unknown = ratings === null;
    return [
      {
        status: 'fired',
        severity: p1 && !unknown ? 'P1' : 'P2',
        period: { from: addDays(ctx.asOf, -2), to: ctx.asOf },
        detail: {
          zh: `${ctx.asOf} 客户满意率 ${rate(v)}，近 3 天至少 2 天低于${p1 ? `告警线 ${rate(t.alert)}` : `提示线 ${rate(t.warn)}`}。满意度是体验分·服务保障的子指标。${unknown ? '（未采集服务评价数，样本量未核实，按 P2 处理。）' : ''}`,
          en: `${ctx.asOf}: satisfaction ${rate(v)}, under the ${p1 ? `alert line ${rate(t.alert)}` : `warning line ${rate(t.warn)}`} on at least 2 of the last 3 days. It is a service sub-index of the experience score.${unknown ? ' (Rating count not captured: sample size unverified, kept at P2.)' : ''}`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 服务 → 服务评价明细，按客服和问题类型看不满意评价：售后问题定 24 小时内回复的话术，物流异常时主动告知买家。',
          en: 'Open 生意参谋 → 服务 → 服务评价明细 and group dissatisfied ratings by agent and topic: a 24-hour reply script for after-sale issues, proactive notes on shipping delays.',
        },
        evidence,
        baseline: { method: { zh: '经验阈值（样例中 97.3% 对应满分）', en: 'Practitioner threshold (97.3 % scored full marks in the sample)' }, value: t.warn },
      },
    ];
  },
});
