import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays, dateRange } from '../../series/dates';
import { forecastShop, projectPeriod } from '../shared/da-forecast';
import { defineRule } from '../types';

/** Last calendar day of the month of `date`. */
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/**
 * DA-06: month-to-date 支付金额 plus the Holt-Winters forecast of the remaining days (weekly
 * season, 大促 masked, lib/rules/shared/da-forecast.ts) against the operator's monthly target:
 * < 90 % → P2, < 80 % → P1. Without a target it says where to set one.
 */
export default defineRule({
  meta: {
    id: 'da-06-target-gap',
    ref: 'DA-06',
    area: 'DA',
    title: { zh: '月度目标缺口预测', en: 'Month-end target gap forecast' },
    description: {
      zh: '本月已完成的支付金额加上 Holt-Winters 预测的剩余天数，与设置页填写的月目标比较，给出预计完成率、80% 区间、缺口和剩余每天需要的支付金额。',
      en: 'Month-to-date payment amount plus a Holt-Winters forecast of the remaining days against the monthly target from the options page: projected completion, 80% interval, gap and the daily amount still needed.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      watchRatio: { default: 0.9, min: 0.5, max: 1, label: { zh: '预计完成率低于（P2）', en: 'Projected completion below (P2)' }, source: '[H]' },
      alarmRatio: { default: 0.8, min: 0.3, max: 1, label: { zh: '预计完成率低于（P1）', en: 'Projected completion below (P1)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } },
  },
  evaluate(ctx, t) {
    const target = ctx.profile.monthlyTarget;
    if (target === null || !(target > 0)) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '还没有设置本月支付金额目标：在 OpsRadar 设置页 → 店铺资料 填写“月目标”后，这里会预测月末完成率和缺口。',
            en: 'No monthly payment target yet: set “monthly target” in the OpsRadar options page → shop profile to get the month-end projection and gap.',
          },
          evidence: [],
        },
      ];
    }
    const first = `${ctx.asOf.slice(0, 7)}-01`;
    const end = monthEnd(ctx.asOf);
    const pay = new Map(ctx.shopSeries('payAmt').map((p) => [p.date, p.value]));
    const mtdDays = dateRange(first, ctx.asOf);
    const missing = mtdDays.filter((d) => typeof pay.get(d) !== 'number');
    if (missing.length) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `本月缺 ${missing.length} 天的支付金额（${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' 等' : ''}），打开 生意参谋 首页 选择这些日期以补齐，否则月累计不准。`,
            en: `${missing.length} day(s) of this month lack payment data (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}): open 生意参谋 首页 on those dates, or the month-to-date total is wrong.`,
          },
          evidence: [],
        },
      ];
    }
    const actual = mtdDays.reduce((a, d) => a + (pay.get(d) as number), 0);
    const remaining = ctx.asOf < end ? dateRange(addDays(ctx.asOf, 1), end).length : 0;
    const fc = forecastShop(ctx, Math.max(remaining, 1));
    if (remaining > 0 && (fc.method === 'insufficient' || fc.points.length < remaining)) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `支付金额历史太短，无法预测剩余 ${remaining} 天（至少需要 2 周，建议 8 周）：打开 生意参谋 首页 查看更早的日期以补齐。`,
            en: `Too little payment history to forecast the remaining ${remaining} days (2 weeks minimum, 8 advised): browse earlier dates on 生意参谋 首页.`,
          },
          evidence: [],
        },
      ];
    }
    const proj = remaining > 0 ? projectPeriod(fc.points, addDays(ctx.asOf, 1), end) : { mean: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0, days: 0 };
    const total = actual + proj.mean;
    const ratio = total / target;
    const lo = proj.lo80 !== null ? (actual + proj.lo80) / target : null;
    const hi = proj.hi80 !== null ? (actual + proj.hi80) / target : null;
    const gap = Math.max(0, target - total);
    const needPerDay = remaining > 0 ? Math.max(0, target - actual) / remaining : null;
    const evidence: Evidence[] = [
      { label: { zh: '月目标', en: 'Monthly target' }, value: target, format: 'CNY' },
      { label: { zh: '本月已完成', en: 'Month to date' }, value: actual, format: 'CNY' },
      { label: { zh: `剩余 ${remaining} 天预测`, en: `Forecast, remaining ${remaining} days` }, value: proj.mean, format: 'CNY' },
      { label: { zh: '预计完成率', en: 'Projected completion' }, value: ratio, format: 'ratio' },
      { label: { zh: '完成率 80% 区间下限', en: 'Completion, 80% low' }, value: lo, format: 'ratio' },
      { label: { zh: '完成率 80% 区间上限', en: 'Completion, 80% high' }, value: hi, format: 'ratio' },
      { label: { zh: '预计缺口', en: 'Projected gap' }, value: gap, format: 'CNY' },
      { label: { zh: '剩余每天需要', en: 'Needed per remaining day' }, value: needPerDay, format: 'CNY' },
    ];
    const range =
      lo !== null && hi !== null
        ? { zh: `（80% 区间 ${Math.round(lo * 100)}%–${Math.round(hi * 100)}%）`, en: ` (80% interval ${Math.round(lo * 100)}%–${Math.round(hi * 100)}%)` }
        : { zh: '', en: '' };
    const method =
      fc.method === 'holt-winters'
        ? { zh: 'Holt-Winters（周季节）', en: 'Holt-Winters (weekly season)' }
        : { zh: '上周同一天（季节 naive）', en: 'same day last week (seasonal naive)' };
    const promoNote = fc.promoDays.some((d) => d <= end)
      ? {
          zh: '剩余天数含大促日，预测只按日常水平，未计入大促增量。',
          en: 'The remaining days include a sales event; the forecast is the everyday level without event uplift.',
        }
      : { zh: '', en: '' };
    const baseline = { method: { zh: `本月累计 + ${method.zh}预测剩余天数`, en: `Month to date + ${method.en} forecast of the remaining days` }, value: total };
    const head = {
      zh: `按当前走势，月末支付金额约 ${formatMoney(total)}，完成月目标 ${formatMoney(target)} 的 ${Math.round(ratio * 100)}%${range.zh}。`,
      en: `On the current trend the month ends at about ${formatMoney(total, 'en')}, ${Math.round(ratio * 100)}% of the ${formatMoney(target, 'en')} target${range.en}.`,
    };
    if (ratio >= t.watchRatio) {
      return [
        {
          status: 'ok',
          detail: { zh: `${head.zh}${promoNote.zh}`, en: `${head.en} ${promoNote.en}`.trim() },
          evidence,
          baseline,
          period: { from: first, to: end },
        },
      ];
    }
    return [
      {
        status: 'fired',
        severity: ratio < t.alarmRatio ? 'P1' : 'P2',
        period: { from: first, to: end },
        detail: {
          zh: `${head.zh}缺口约 ${formatMoney(gap)}，剩余 ${remaining} 天每天需要做到 ${formatMoney(needPerDay)}（预测日均 ${formatMoney(remaining ? proj.mean / remaining : null)}）。${promoNote.zh}`,
          en: `${head.en} Gap about ${formatMoney(gap, 'en')}: the remaining ${remaining} days need ${formatMoney(needPerDay, 'en')} a day (forecast ${formatMoney(remaining ? proj.mean / remaining : null, 'en')}). ${promoNote.en}`.trim(),
        },
        suggestion: {
          zh: '评估报名近期活动（营销中心 → 活动报名），或给高 ROI、预算受限的推广计划加预算；目标不合理时到 OpsRadar 设置页调整。',
          en: 'Consider joining an upcoming campaign (营销中心 → 活动报名) or adding budget to high-ROI, budget-limited ad plans; adjust the target in the options page if it is unrealistic.',
        },
        evidence,
        baseline,
      },
    ];
  },
});
