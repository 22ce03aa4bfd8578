import { formatSignedPct } from '../../format';
import { addDays, dateRange } from '../../series/dates';
import { ev, HISTORY_HINT, lastEnded, preEventDays, present, SYCM_HOME, valueMap, weekdayMeans } from '../shared/act-events';
import { defineRule, type RuleContext, type Text } from '../types';

const FACTORS: { id: string; name: Text }[] = [
  { id: 'uv', name: { zh: '访客数', en: 'visitors' } },
  { id: 'payRate', name: { zh: '转化率', en: 'conversion' } },
  { id: 'payPct', name: { zh: '客单价', en: 'order value' } },
];

/** Σ actual ÷ Σ same-weekday pre-event mean over the given days (null without data). */
function ratio(ctx: RuleContext, metric: string, eventFrom: string, days: string[]): number | null {
  const m = valueMap(ctx, metric);
  const pre = preEventDays(m, eventFrom);
  if (pre.length < 14) return null;
  const expected = weekdayMeans(m, pre);
  const have = present(m, days);
  if (have.length < Math.ceil(days.length * 0.7)) return null;
  const exp = have.reduce((a, d) => a + expected(d), 0);
  return exp > 0 ? have.reduce((a, d) => a + (m.get(d) ?? 0), 0) / exp : null;
}

/**
 * ACT-06: days 8–21 after the last 大促 window: each of the two weeks' GMV below 0.8 × the
 * pre-event same-weekday baseline (28 non-event days before) → P2, naming which of visitors,
 * conversion and order value has not recovered (DA-02 factors).
 */
export default defineRule({
  meta: {
    id: 'act-06-post-event-slump',
    ref: 'ACT-06',
    area: 'ACT',
    title: { zh: '活动后持续回落', en: 'Sales stay low after the event' },
    description: {
      zh: '大促后第 8–21 天，两周的支付金额都低于活动前 28 天同星期基线的 0.8 倍；指出访客、转化率、客单价中哪个没有恢复。',
      en: 'Days 8–21 after a sales event: both weeks of payment amount below 0.8× the pre-event same-weekday baseline; names which of visitors, conversion and order value has not recovered.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      ratio: { default: 0.8, min: 0.3, max: 1, label: { zh: '低于基线的倍数', en: 'Multiple of baseline' }, source: '[H]' },
    },
    link: SYCM_HOME,
  },
  evaluate(ctx, t) {
    const e = lastEnded(ctx.asOf);
    if (!e) return [{ status: 'insufficient', detail: { zh: '还没有结束的大促', en: 'No sales event has ended yet' }, evidence: [] }];
    const w1 = dateRange(addDays(e.to, 8), addDays(e.to, 14));
    const w2 = dateRange(addDays(e.to, 15), addDays(e.to, 21));
    const period = { from: w1[0] as string, to: w2[6] as string };
    if (ctx.asOf < period.to)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `${e.name.zh}结束后第 8–21 天（${period.from}～${period.to}）还没过完，到时再判断是否持续回落。`,
            en: `Days 8–21 after ${e.name.en} (${period.from}–${period.to}) are not over yet.`,
          },
          evidence: [],
        },
      ];
    if (ctx.asOf > addDays(period.to, 14))
      return [
        {
          status: 'ok',
          period,
          detail: { zh: `最近结束的大促（${e.name.zh}）已超出回落观察期。`, en: `The last event (${e.name.en}) is past its post-event check.` },
          evidence: [],
        },
      ];
    const r1 = ratio(ctx, 'payAmt', e.from, w1);
    const r2 = ratio(ctx, 'payAmt', e.from, w2);
    if (r1 === null || r2 === null)
      return [
        {
          status: 'insufficient',
          period,
          detail: { zh: `${e.name.zh}前后的支付金额不全。${HISTORY_HINT.zh}。`, en: `Payment amount around ${e.name.en} incomplete. ${HISTORY_HINT.en}.` },
          evidence: [],
        },
      ];
    const evidence = [ev('第 8–14 天 ÷ 基线', 'Days 8–14 ÷ baseline', r1, 'ratio'), ev('第 15–21 天 ÷ 基线', 'Days 15–21 ÷ baseline', r2, 'ratio')];
    const factors = FACTORS.map((f) => ({ ...f, r: ratio(ctx, f.id, e.from, [...w1, ...w2]) }));
    for (const f of factors) evidence.push(ev(`${f.name.zh} ÷ 基线`, `${f.name.en} ÷ baseline`, f.r, 'ratio'));
    const baseline = { method: { zh: '活动前 28 个非活动日的同星期均值', en: 'Same-weekday mean of the 28 non-event days before' }, value: null };
    if (r1 >= t.ratio || r2 >= t.ratio)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `${e.name.zh}后两周支付金额为基线的 ${(r1 * 100).toFixed(0)}% / ${(r2 * 100).toFixed(0)}%，已恢复。`,
            en: `Two weeks after ${e.name.en} payment amount is ${(r1 * 100).toFixed(0)}% / ${(r2 * 100).toFixed(0)}% of baseline: recovered.`,
          },
          evidence,
          baseline,
        },
      ];
    const worst = factors.filter((f) => f.r !== null).sort((a, b) => (a.r as number) - (b.r as number))[0];
    const lost = (1 - (r1 + r2) / 2) * 14;
    return [
      {
        status: 'fired',
        period,
        detail: {
          zh: `${e.name.zh}结束后第 8–21 天，支付金额只有活动前同星期基线的 ${(r1 * 100).toFixed(0)}% 和 ${(r2 * 100).toFixed(0)}%（触发线 ${Math.round(t.ratio * 100)}%），约相当于少了 ${lost.toFixed(1)} 个日常日的销售。${worst ? `恢复最差的是${worst.name.zh}（${formatSignedPct((worst.r as number) - 1)}）。` : ''}`,
          en: `Days 8–21 after ${e.name.en}: payment amount only ${(r1 * 100).toFixed(0)}% and ${(r2 * 100).toFixed(0)}% of the pre-event same-weekday baseline (line ${Math.round(t.ratio * 100)}%), about ${lost.toFixed(1)} normal days of sales lost. ${worst ? `Weakest recovery: ${worst.name.en} (${formatSignedPct((worst.r as number) - 1)}).` : ''}`,
        },
        suggestion: {
          zh: `恢复日常价时配合店铺券过渡，避免价格断崖；检查活动期间评价和退款是否恶化（生意参谋 → 服务）。`,
          en: 'Ease back to everyday prices with shop coupons to avoid a price cliff; check whether reviews and refunds worsened during the event (生意参谋 → 服务).',
        },
        evidence,
        baseline,
      },
    ];
  },
});
