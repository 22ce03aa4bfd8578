import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays, weekday } from '../../series/dates';
import { median } from '../../series/stats';
import { isPromoDay } from '../shared/promo-calendar';
import { OPEN_HOME, pp, rate, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

const money = (n: number) => ({ zh: formatMoney(n), en: formatMoney(n, 'en') });

/**
 * TEAM-01: month-to-date 支付金额 ÷ the operator's monthly target vs time progress weighted by the
 * shop's weekday pattern (last 8 non-event weeks). Gap ≤ −10 pp → P2; ≤ −20 pp or forecast
 * attainment < 80 % → P1. The forecast = MTD + remaining days × weekday-adjusted recent median.
 */
export default defineRule({
  meta: {
    id: 'team-01-target-pace',
    ref: 'TEAM-01',
    area: 'TEAM',
    title: { zh: '月度目标进度落后', en: 'Monthly target behind pace' },
    description: {
      zh: '本月累计支付金额的达成率与（按星期几加权的）时间进度比较，落后 10pp 提示、20pp 或预测达成 < 80% 告警。',
      en: 'Month-to-date sales vs the monthly target against weekday-weighted time progress; behind 10 pp flagged, 20 pp or a forecast under 80 % alerted.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      gapWarn: { default: -0.1, min: -0.5, max: 0, label: { zh: '进度差提示（pp）', en: 'Pace gap warning (pp)' }, source: '[H]' },
      gapAlert: { default: -0.2, min: -0.8, max: 0, label: { zh: '进度差告警（pp）', en: 'Pace gap alert (pp)' }, source: '[H]' },
      forecastAlert: { default: 0.8, min: 0.3, max: 1, label: { zh: '预测达成率告警线', en: 'Forecast attainment alert' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 首页', en: '生意参谋 home' } },
  },
  evaluate(ctx, t) {
    const target = ctx.profile.monthlyTarget;
    if (target === null || !(target > 0)) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '还没有设置月度销售目标：在扩展的设置页填写本店的月目标后才能判断进度。',
            en: 'No monthly sales target yet: set it on the options page to track pace.',
          },
          evidence: [],
        },
      ];
    }
    const pay = ctx.shopSeries('payAmt');
    const monthStart = `${ctx.asOf.slice(0, 8)}01`;
    const daysInMonth = new Date(Date.UTC(Number(ctx.asOf.slice(0, 4)), Number(ctx.asOf.slice(5, 7)), 0)).getUTCDate();
    const monthDays = Array.from({ length: daysInMonth }, (_, i) => addDays(monthStart, i));
    const elapsed = monthDays.filter((d) => d <= ctx.asOf);
    const missing = elapsed.filter((d) => valueOn(pay, d) === null);
    if (missing.length) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `本月有 ${missing.length} 天没有支付金额（如 ${missing[0]}），累计数不完整。${OPEN_HOME.zh}`,
            en: `${missing.length} day(s) of this month lack sales (e.g. ${missing[0]}): the month-to-date is incomplete. ${OPEN_HOME.en}`,
          },
          evidence: [],
        },
      ];
    }
    // Weekday weights from the last 8 non-event weeks before the month.
    const hist: number[][] = [[], [], [], [], [], [], []];
    for (let i = 1; i <= 56; i++) {
      const d = addDays(ctx.asOf, -i);
      const v = valueOn(pay, d);
      if (v !== null && !isPromoDay(d)) hist[weekday(d)]?.push(v);
    }
    const all = median(hist.flat()) ?? 0;
    const idx = hist.map((xs) => (xs.length >= 2 && all > 0 ? (median(xs) ?? all) / all : 1));
    const w = (d: string) => idx[weekday(d)] ?? 1;
    const progress = elapsed.reduce((s, d) => s + w(d), 0) / monthDays.reduce((s, d) => s + w(d), 0);
    const mtd = elapsed.reduce((s, d) => s + (valueOn(pay, d) ?? 0), 0);
    const attain = mtd / target;
    const gap = attain - progress;
    const recent: number[] = [];
    for (let i = 0; i < 28; i++) {
      const d = addDays(ctx.asOf, -i);
      const v = valueOn(pay, d);
      if (v !== null && !isPromoDay(d)) recent.push(v / w(d));
    }
    const level = recent.length >= 7 ? (median(recent) ?? 0) : null;
    const rest = monthDays.filter((d) => d > ctx.asOf);
    const forecast = level !== null ? (mtd + rest.reduce((s, d) => s + level * w(d), 0)) / target : null;
    const perDay = rest.length ? Math.max(0, target - mtd) / rest.length : 0;
    const evidence: Evidence[] = [
      { label: { zh: '目标达成率', en: 'Attainment' }, value: attain, format: 'ratio' },
      { label: { zh: '时间进度（加权）', en: 'Time progress (weighted)' }, value: progress, format: 'ratio' },
      { label: { zh: '进度差', en: 'Pace gap' }, value: gap, format: 'pct-change' },
      { label: { zh: '预测达成率', en: 'Forecast attainment' }, value: forecast, format: 'ratio' },
      { label: { zh: '剩余每天需要', en: 'Needed per remaining day' }, value: perDay, format: 'CNY' },
    ];
    const period = { from: monthStart, to: ctx.asOf };
    const p1 = gap <= t.gapAlert || (forecast !== null && forecast < t.forecastAlert);
    const p2 = gap <= t.gapWarn;
    if (!p1 && !p2)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `本月已完成目标 ${rate(attain)}，时间进度 ${rate(progress)}，进度正常。`,
            en: `${rate(attain)} of the monthly target done at ${rate(progress)} of the month: on pace.`,
          },
          evidence,
        },
      ];
    return [
      {
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        period,
        detail: {
          zh: `本月已过 ${rate(progress)}（按星期几加权），目标 ${money(target).zh} 只完成 ${rate(attain)}（${money(mtd).zh}），落后 ${pp(-gap)}${forecast !== null ? `；按近期水平预测月末完成约 ${rate(forecast)}` : ''}。剩余每天需要 ${money(perDay).zh}。`,
          en: `${rate(progress)} of the month has passed (weekday-weighted) and ${rate(attain)} of the ${money(target).en} target is done (${money(mtd).en}), ${pp(-gap)} behind${forecast !== null ? `; at the recent level the month ends near ${rate(forecast)}` : ''}. ${money(perDay).en} needed per remaining day.`,
        },
        suggestion: {
          zh: '请运营负责人在今天的例会上确定补缺口的方案（活动、推广、上新），指派到人并写明完成日期；按渠道和商品拆分缺口，先补掉得最多的。',
          en: 'Have the operations lead agree a catch-up plan today (promotions, ads, new items), with owners and dates; split the gap by channel and item and fix the largest first.',
        },
        evidence,
        baseline: {
          method: { zh: '按近 8 周星期几分布加权的时间进度（大促日不计入权重）', en: 'Time progress weighted by the 8-week weekday pattern (event days out)' },
          value: progress,
        },
      },
    ];
  },
});
