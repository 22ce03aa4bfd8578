import { formatCount } from '../../format';
import { dayLabel, pct, weekdayCheck, weekdayEvidence, zText } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-01 / DA-03: shop visitors against the same weekday's baseline. Fires on a drop of at
 * least `dropPct` that is also statistically unusual (robust z), or on the drop alone while
 * there is under 14 days of residual history (then marked 暂定).
 */
export default defineRule({
  meta: {
    id: 'da-01-visitors',
    ref: 'DA-01 / DA-03',
    area: 'DA',
    title: { zh: '访客数低于同星期基线', en: 'Visitors below the same-weekday baseline' },
    description: {
      zh: '昨日访客数与前 4 周同星期几的中位数比较，下降超过阈值且稳健 z 显著时提示，并给出按渠道排查的方向。',
      en: "Compares the day's visitors with the median of the same weekday over the previous 4 weeks; flags a significant drop and where to look.",
    },
    severity: 'P2',
    requires: ['uv'],
    thresholds: {
      dropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '下降幅度阈值', en: 'Drop threshold' }, source: '[H]' },
      watchZ: { default: 2.5, min: 1, max: 6, label: { zh: '显著性（稳健 z）', en: 'Significance (robust z)' }, source: '[S]' },
      anomalyZ: { default: 3.5, min: 2, max: 8, label: { zh: '严重异常（稳健 z）', en: 'Severe anomaly (robust z)' }, source: '[S]' },
      minBaseline: { default: 50, min: 1, max: 100000, label: { zh: '最小基线访客数', en: 'Minimum baseline visitors' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/flow/monitor/shopsource', label: { zh: '生意参谋 → 流量 → 店铺来源', en: '生意参谋 → 流量 → 店铺来源' } },
  },
  evaluate(ctx, t) {
    const c = weekdayCheck(ctx, 'uv', t.minBaseline);
    if (c.kind === 'insufficient') return [{ status: 'insufficient', detail: c.reason, evidence: [] }];
    const day = dayLabel(ctx.asOf);
    const evidence = weekdayEvidence('uv', c);
    const significant = c.tentative || c.z === null || c.z <= -t.watchZ;
    if (c.change <= -t.dropPct && significant) {
      const severe = (c.z !== null && c.z <= -t.anomalyZ) || c.change <= -2 * t.dropPct;
      const z = zText(c);
      return [
        {
          status: 'fired',
          severity: severe ? 'P1' : 'P2',
          detail: {
            zh: `${day.zh}访客数 ${formatCount(c.value)}，比同星期基线 ${formatCount(c.base)} 低 ${pct(-c.change).slice(1)}${z.zh}。访客少了，成交会跟着掉。`,
            en: `${day.en}: ${formatCount(c.value, 'en')} visitors, ${pct(-c.change).slice(1)} below the same-weekday baseline of ${formatCount(c.base, 'en')}${z.en}. Fewer visitors means fewer sales.`,
          },
          suggestion: {
            zh: '打开 生意参谋 → 流量 → 店铺来源，看哪个渠道掉得最多：手淘搜索掉量先查标题、类目属性、是否降权和竞品降价；推荐掉量查主图点击率和近期换图；付费掉量查预算、出价和计划状态。',
            en: 'Open 生意参谋 → 流量 → 店铺来源 and find the channel that fell most: for search check titles, category attributes, demotion and rival prices; for recommendation check main-image CTR; for paid traffic check budgets, bids and campaign status.',
          },
          evidence,
          baseline: { method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' }, value: c.base },
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: {
          zh: `${day.zh}访客数 ${formatCount(c.value)}，较同星期基线 ${pct(c.change)}，在正常范围内。`,
          en: `${day.en}: ${formatCount(c.value, 'en')} visitors, ${pct(c.change)} vs the same-weekday baseline: normal.`,
        },
        evidence,
        baseline: { method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' }, value: c.base },
      },
    ];
  },
});
