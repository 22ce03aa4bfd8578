import { formatCount, formatRate } from '../../format';
import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { normalBaseline, promoOf } from '../shared/promo-calendar';
import { dayLabel, pct } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-01 for 支付转化率, tested on counts not on the rate (domain-rules §3.1, §3.4): the day's
 * buyers ÷ visitors against the pooled same-weekday baseline, and a drop only counts when the
 * day's Wilson interval lies wholly below the baseline's.
 */
export default defineRule({
  meta: {
    id: 'da-01-conversion',
    ref: 'DA-01 / DA-04',
    area: 'DA',
    title: { zh: '支付转化率低于同星期基线', en: 'Conversion below the same-weekday baseline' },
    description: {
      zh: '昨日 支付买家数 ÷ 访客数 与前 4 周同星期几的合计转化率比较，相对下降超过阈值且 Wilson 区间不重叠时提示。',
      en: "Compares the day's buyers ÷ visitors with the pooled same-weekday rate of the previous 4 weeks; flags a drop beyond the threshold whose Wilson intervals do not overlap.",
    },
    severity: 'P1',
    requires: ['uv', 'payByrCnt'],
    thresholds: {
      dropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '相对下降阈值', en: 'Relative drop threshold' }, source: '[H]' },
      minVisitors: { default: 200, min: 20, max: 100000, label: { zh: '最少访客数（单日）', en: 'Minimum visitors (one day)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_rank', label: { zh: '生意参谋 → 品类 → 商品排行', en: '生意参谋 → 品类 → 商品排行' } },
  },
  evaluate(ctx, t) {
    const uv = ctx.shopSeries('uv');
    const buyers = ctx.shopSeries('payByrCnt');
    const u1 = uv.find((p) => p.date === ctx.asOf)?.value ?? null;
    const b1 = buyers.find((p) => p.date === ctx.asOf)?.value ?? null;
    if (u1 === null || b1 === null)
      return [{ status: 'insufficient', detail: { zh: `${ctx.asOf} 缺少访客数或支付买家数`, en: `Visitors or buyers missing for ${ctx.asOf}` }, evidence: [] }];
    if (u1 < t.minVisitors)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `当日访客 ${formatCount(u1)} 少于 ${t.minVisitors}，转化率波动太大，不下结论`,
            en: `Only ${u1} visitors (< ${t.minVisitors}): too few to judge conversion`,
          },
          evidence: [],
        },
      ];
    const promo = promoOf(ctx.asOf);
    if (promo)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${ctx.asOf} 在${promo.zh}大促期间，不和日常基线比较`,
            en: `${ctx.asOf} falls in ${promo.en}: not compared with the everyday baseline`,
          },
          evidence: [],
        },
      ];
    const lags = normalBaseline(uv, ctx.asOf).lags.filter((l) => l % 7 === 0);
    let u0 = 0;
    let b0 = 0;
    let n = 0;
    const ub = new Map(uv.map((p) => [p.date, p.value]));
    const bb = new Map(buyers.map((p) => [p.date, p.value]));
    for (const l of lags) {
      const d = addDays(ctx.asOf, -l);
      const u = ub.get(d);
      const b = bb.get(d);
      if (typeof u === 'number' && typeof b === 'number') {
        u0 += u;
        b0 += b;
        n++;
      }
    }
    if (n < 2 || u0 <= 0)
      return [{ status: 'insufficient', detail: { zh: '同星期几的历史不足 2 周', en: 'Under 2 weeks of same-weekday history' }, evidence: [] }];
    const c1 = b1 / u1;
    const c0 = b0 / u0;
    const w1 = wilsonInterval(b1, u1);
    const w0 = wilsonInterval(b0, u0);
    const change = c0 > 0 ? c1 / c0 - 1 : 0;
    const day = dayLabel(ctx.asOf);
    const evidence = [
      { label: { zh: '当日支付转化率', en: 'Conversion that day' }, value: c1, format: 'ratio' as const },
      { label: { zh: `同星期基线（${n} 周合计）`, en: `Same-weekday baseline (${n} weeks pooled)` }, value: c0, format: 'ratio' as const },
      { label: { zh: '较基线', en: 'vs baseline' }, value: change, format: 'pct-change' as const },
      { label: { zh: '当日区间上界（95%）', en: 'Day upper bound (95%)' }, value: w1.hi, format: 'ratio' as const },
      { label: { zh: '基线区间下界（95%）', en: 'Baseline lower bound (95%)' }, value: w0.lo, format: 'ratio' as const },
    ];
    const baseline = {
      method: { zh: '近 4 个同星期几（跳过大促）的合计转化率', en: 'Pooled conversion of the last 4 same weekdays (sales events skipped)' },
      value: c0,
    };
    const significant = w1.hi !== null && w0.lo !== null && w1.hi < w0.lo;
    if (change <= -t.dropPct && significant) {
      return [
        {
          status: 'fired',
          severity: change <= -2 * t.dropPct ? 'P1' : 'P2',
          detail: {
            zh: `${day.zh}支付转化率 ${formatRate(c1)}，比同星期基线 ${formatRate(c0)} 相对下降 ${pct(-change).slice(1)}，95% 区间不重叠，不是偶然波动。同样的流量成交变少。`,
            en: `${day.en}: conversion ${formatRate(c1)}, ${pct(-change).slice(1)} below the same-weekday baseline of ${formatRate(c0)}; the 95% intervals do not overlap, so it is not chance. The same traffic buys less.`,
          },
          suggestion: {
            zh: '先看流量结构是否变了（低意向渠道占比上升），再看同渠道的承接：价格、评价、库存、主图和详情；到 商品排行 找转化掉得最多的商品。',
            en: 'First check whether the traffic mix changed (more low-intent channels), then the same-channel funnel: price, reviews, stock, images and detail page; find the items whose conversion fell most in 商品排行.',
          },
          evidence,
          baseline,
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: {
          zh: `${day.zh}支付转化率 ${formatRate(c1)}，较同星期基线 ${pct(change)}，在正常范围内。`,
          en: `${day.en}: conversion ${formatRate(c1)}, ${pct(change)} vs baseline: normal.`,
        },
        evidence,
        baseline,
      },
    ];
  },
});
