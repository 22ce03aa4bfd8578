import { formatByUnit, formatSignedPct } from '../../format';
import { metric } from '../../metrics';
import type { Evidence } from '../../schema/finding';
import { weekday } from '../../series/dates';
import { type RobustZResult, robustZ } from '../../series/robust';
import type { RuleContext, Text } from '../types';
import { baselineWeeks, isPromoDay, lookbackDays, promoOf } from './promo-calendar';

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function dayLabel(date: string): Text {
  const w = weekday(date);
  return { zh: `${date}（${WEEKDAY_ZH[w]}）`, en: `${date} (${WEEKDAY_EN[w]})` };
}

export type WeekdayCheck =
  | { kind: 'insufficient'; reason: Text; r?: RobustZResult }
  | { kind: 'checked'; r: RobustZResult; value: number; base: number; change: number; z: number | null; tentative: boolean };

/**
 * The shop's own same-weekday baseline (domain-rules §0.3 priority 1, §3.2–§3.3) for one
 * metric on the context's latest closed day. Refuses small samples instead of guessing.
 */
export function weekdayCheck(ctx: RuleContext, metricId: string, minBaseline: number): WeekdayCheck {
  const series = ctx.shopSeries(metricId);
  const m = metric(metricId);
  const name = m ? { zh: m.zh, en: m.en } : { zh: metricId, en: metricId };
  const promo = promoOf(ctx.asOf);
  if (promo) {
    return {
      kind: 'insufficient',
      reason: { zh: `${ctx.asOf} 在${promo.zh}大促期间，不和日常基线比较`, en: `${ctx.asOf} falls in ${promo.en}: not compared with the everyday baseline` },
    };
  }
  // Event days stay out of the baseline and the residuals; look further back to keep 4 weeks / 28 days.
  const r = robustZ(series, ctx.asOf, { exclude: isPromoDay, weeks: baselineWeeks(ctx.asOf), window: lookbackDays(ctx.asOf, 28, 84) });
  if (r.value === null) return { kind: 'insufficient', reason: { zh: `${ctx.asOf} 没有${name.zh}数据`, en: `No ${name.en} for ${ctx.asOf}` }, r };
  if (r.baseline.value === null || r.baseline.n < 2 || r.baseline.fallback === 'previous-day') {
    return {
      kind: 'insufficient',
      reason: {
        zh: `同星期几的历史只有 ${r.baseline.n} 周（至少需要 2 周），在 生意参谋 首页 切换到更早的日期即可补齐`,
        en: `Only ${r.baseline.n} same-weekday week(s) of history (2 needed); browse earlier dates on 生意参谋 首页 to fill it`,
      },
      r,
    };
  }
  if (r.baseline.value < minBaseline) {
    return {
      kind: 'insufficient',
      reason: {
        zh: `基线${name.zh}只有 ${formatByUnit(r.baseline.value, m?.unit ?? 'count')}，低于 ${minBaseline}，样本太小不下结论`,
        en: `Baseline ${name.en} is only ${formatByUnit(r.baseline.value, m?.unit ?? 'count', 'en')}, below ${minBaseline}: too small a sample`,
      },
      r,
    };
  }
  const change = (r.value - r.baseline.value) / r.baseline.value;
  return { kind: 'checked', r, value: r.value, base: r.baseline.value, change, z: r.z, tentative: r.status !== 'ok' };
}

/** The standard evidence rows of a weekday check. */
export function weekdayEvidence(metricId: string, c: Extract<WeekdayCheck, { kind: 'checked' }>): Evidence[] {
  const m = metric(metricId);
  const fmt = m?.unit === 'CNY' ? 'CNY' : m?.unit === 'ratio' ? 'ratio' : 'count';
  return [
    { label: { zh: `当日${m?.zh ?? metricId}`, en: `${m?.en ?? metricId} that day` }, value: c.value, format: fmt },
    {
      label: { zh: `同星期基线（${c.r.baseline.n} 周中位数）`, en: `Same-weekday baseline (median of ${c.r.baseline.n} weeks)` },
      value: c.base,
      format: fmt,
    },
    { label: { zh: '较基线', en: 'vs baseline' }, value: c.change, format: 'pct-change' },
    { label: { zh: '稳健 z', en: 'Robust z' }, value: c.z, format: 'z' },
  ];
}

export function zText(c: Extract<WeekdayCheck, { kind: 'checked' }>): Text {
  if (c.z === null) return { zh: '', en: '' };
  const z = c.z.toFixed(1);
  return c.tentative
    ? { zh: `，稳健 z = ${z}（历史不足 14 天，暂定）`, en: `, robust z = ${z} (under 14 days of history: tentative)` }
    : { zh: `，稳健 z = ${z}`, en: `, robust z = ${z}` };
}

export const pct = (x: number) => formatSignedPct(x, 1);
