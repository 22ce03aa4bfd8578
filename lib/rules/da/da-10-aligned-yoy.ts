import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { valueOn } from '../shared/da-channels';
import { type AlignedDate, alignWindow } from '../shared/promo-align';
import { pct } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-10: 同比 of the last 7 days' 支付金额, each day aligned with last year by weekday (364
 * days back) or, near a 大促, by its distance from the event's peak day (promo-align.ts).
 * Fires when the aligned 同比 falls by the threshold or more; also shows how far the naive
 * calendar-date 同比 would have been off.
 */
export default defineRule({
  meta: {
    id: 'da-10-aligned-yoy',
    ref: 'DA-10',
    area: 'DA',
    title: { zh: '同比（按星期与大促对齐）', en: 'Year on year, aligned on weekdays and sales events' },
    description: {
      zh: '近 7 天支付金额与去年同期比较：平时按同星期几（364 天前）对齐，大促前后按距大促当天的天数对齐（今年双11 D-3 对去年 D-3），同比下降超过阈值时提示。',
      en: 'Compares the last 7 days of payment amount with last year, aligned by weekday (364 days back) or, around a sales event, by the distance from its peak day; flags a fall beyond the threshold.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      dropPct: { default: 0.2, min: 0.05, max: 0.9, label: { zh: '同比下降阈值', en: 'Year-on-year fall threshold' }, source: '[H]' },
      days: { default: 7, min: 1, max: 28, label: { zh: '比较天数', en: 'Days compared' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } },
  },
  evaluate(ctx, t) {
    const s = ctx.shopSeries('payAmt');
    const n = Math.round(t.days);
    let cur = 0;
    let last = 0;
    let naive = 0;
    let naiveOk = true;
    const missing: string[] = [];
    const dates = Array.from({ length: n }, (_, k) => addDays(ctx.asOf, -(n - 1 - k)));
    const aligned = alignWindow(dates);
    const promo = aligned.find((a) => a.promo)?.promo;
    for (let k = 0; k < n; k++) {
      const d = dates[k] as string;
      const a = aligned[k] as AlignedDate;
      const v = valueOn(s, d);
      const w = valueOn(s, a.date);
      if (v === null) missing.push(d);
      if (w === null) missing.push(a.date);
      cur += v ?? 0;
      last += w ?? 0;
      const nd = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
      const nv = /-02-29$/.test(d) ? null : valueOn(s, nd);
      if (nv === null) naiveOk = false;
      naive += nv ?? 0;
    }
    const from = addDays(ctx.asOf, -(n - 1));
    const aligned0 = aligned[0]?.date ?? from;
    const aligned1 = aligned[n - 1]?.date ?? ctx.asOf;
    if (missing.length || last <= 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `缺少去年同期（${aligned0} 至 ${aligned1}）或今年的支付金额（${missing.slice(0, 4).join('、')}${missing.length > 4 ? ' 等' : ''}）：打开 生意参谋 首页，把日期切到去年同期以采集。`,
            en: `Payment data of last year's aligned days (${aligned0} to ${aligned1}) or this year is missing (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ' …' : ''}): open 生意参谋 首页 on last year's dates to capture it.`,
          },
          evidence: [],
        },
      ];
    }
    const yoy = cur / last - 1;
    const naiveYoy = naiveOk && naive > 0 ? cur / naive - 1 : null;
    const how = promo
      ? { zh: `按${promo.name.zh}对齐（去年对应 ${aligned0} 至 ${aligned1}）`, en: `aligned on ${promo.name.en} (last year ${aligned0} to ${aligned1})` }
      : { zh: `按同星期几对齐（去年 ${aligned0} 至 ${aligned1}）`, en: `aligned by weekday (last year ${aligned0} to ${aligned1})` };
    const evidence: Evidence[] = [
      { label: { zh: `近 ${n} 天支付金额`, en: `Payment, last ${n} days` }, value: cur, format: 'CNY' },
      { label: { zh: '去年对齐同期', en: 'Last year, aligned' }, value: last, format: 'CNY' },
      { label: { zh: '对齐同比', en: 'Aligned YoY' }, value: yoy, format: 'pct-change' },
      { label: { zh: '按日历日的同比（仅对照）', en: 'Calendar-date YoY (for reference)' }, value: naiveYoy, format: 'pct-change' },
    ];
    const naiveNote =
      naiveYoy !== null && Math.abs(naiveYoy - yoy) >= 0.1
        ? {
            zh: `若按日历日比会得到 ${pct(naiveYoy)}，偏差来自星期或大促日期错位。`,
            en: ` A calendar-date comparison would say ${pct(naiveYoy)}: the weekday or event dates do not line up.`,
          }
        : { zh: '', en: '' };
    const baseline = { method: { zh: `去年同期支付金额，${how.zh}`, en: `Last year's payment amount, ${how.en}` }, value: last };
    const head = {
      zh: `近 ${n} 天支付金额 ${formatMoney(cur)}，去年同期 ${formatMoney(last)}，同比 ${pct(yoy)}（${how.zh}）。${naiveNote.zh}`,
      en: `Last ${n} days' payment amount ${formatMoney(cur, 'en')} vs ${formatMoney(last, 'en')} a year ago: ${pct(yoy)} (${how.en}).${naiveNote.en}`,
    };
    if (yoy > -t.dropPct) return [{ status: 'ok', period: { from, to: ctx.asOf }, detail: head, evidence, baseline }];
    return [
      {
        status: 'fired',
        severity: 'P2',
        period: { from, to: ctx.asOf },
        detail: { zh: `${head.zh}比去年同期少 ${formatMoney(last - cur)}。`, en: `${head.en} ${formatMoney(last - cur, 'en')} below last year.` },
        suggestion: {
          zh: '同比下滑而同行也在降（DA-08）多半是行业因素；同行稳则看渠道（DA-03）和商品结构是否老化。',
          en: 'If peers fall too (DA-08) it is likely the market; if peers are steady, check channels (DA-03) and whether the item range has aged.',
        },
        evidence,
        baseline,
      },
    ];
  },
});
