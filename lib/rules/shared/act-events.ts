/**
 * Platform sales events (大促) as dated instances for the ACT rules: the whole window of
 * promo-calendar.ts (warm-up, sale and after-dip, kept out of baselines) plus the sale days
 * proper (开卖 → 收官), where conversion should jump. The shop's own activities from
 * 生意参谋 活动日历 are `range` facts, which the rule context does not carry yet.
 */
import type { Evidence } from '../../schema/finding';
import { addDays, dateRange, weekday } from '../../series/dates';
import type { RuleContext, Text } from '../types';
import { isPromoDay, PROMO_WINDOWS } from './promo-calendar';

/** Sale days per event (month-day), inside the promo-calendar window of the same name. */
const SALE_DAYS: Record<string, [string, string]> = {
  '38节': ['03-01', '03-08'],
  '618': ['06-01', '06-18'],
  双11: ['11-01', '11-11'],
  双12: ['12-10', '12-12'],
};

export interface PromoEvent {
  key: string;
  name: Text;
  from: string;
  to: string;
  saleFrom: string;
  saleTo: string;
}

export function promoEvents(asOf: string): PromoEvent[] {
  const y = Number(asOf.slice(0, 4));
  const out: PromoEvent[] = [];
  for (const year of [y - 1, y, y + 1]) {
    for (const w of PROMO_WINDOWS) {
      const sale = SALE_DAYS[w.name.zh] ?? [w.from, w.to];
      out.push({
        key: `${year}-${w.name.zh}`,
        name: { zh: `${year} ${w.name.zh}`, en: `${year} ${w.name.en}` },
        from: `${year}-${w.from}`,
        to: `${year}-${w.to}`,
        saleFrom: `${year}-${sale[0]}`,
        saleTo: `${year}-${sale[1]}`,
      });
    }
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/** The latest event that has started by asOf. */
export const lastStarted = (asOf: string) =>
  promoEvents(asOf)
    .filter((e) => e.from <= asOf)
    .pop() ?? null;
/** The latest event that has ended before asOf. */
export const lastEnded = (asOf: string) =>
  promoEvents(asOf)
    .filter((e) => e.to < asOf)
    .pop() ?? null;
/** The next event that has not started. */
export const nextEvent = (asOf: string) => promoEvents(asOf).find((e) => e.from > asOf) ?? null;
/** The previous event of the same kind (a year earlier). */
export const sameKindBefore = (e: PromoEvent) => promoEvents(e.from).find((x) => x.key === `${Number(e.key.slice(0, 4)) - 1}${e.key.slice(4)}`) ?? null;

/** The earlier of two ISO dates. */
export const earlier = (a: string, b: string) => [a, b].sort()[0] as string;

export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

/** Value map of a shop metric. */
export function valueMap(ctx: RuleContext, metricId: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of ctx.shopSeries(metricId)) if (p.value !== null) m.set(p.date, p.value);
  return m;
}

/** The `n` non-event days before `from` that have a value (looking back at most 120 days). */
export function preEventDays(values: Map<string, number>, from: string, n = 28): string[] {
  const out: string[] = [];
  for (let d = addDays(from, -1), i = 0; out.length < n && i < 120; d = addDays(d, -1), i++) if (!isPromoDay(d) && values.has(d)) out.unshift(d);
  return out;
}

export const sumOf = (values: Map<string, number>, dates: readonly string[]) => dates.reduce((a, d) => a + (values.get(d) ?? 0), 0);
export const present = (values: Map<string, number>, dates: readonly string[]) => dates.filter((d) => values.has(d));

/** Mean per weekday over the given days (falls back to the overall mean for a missing weekday). */
export function weekdayMeans(values: Map<string, number>, dates: readonly string[]): (d: string) => number {
  const sums = new Array(7).fill(0);
  const counts = new Array(7).fill(0);
  for (const d of dates) {
    const v = values.get(d);
    if (v === undefined) continue;
    sums[weekday(d)] += v;
    counts[weekday(d)]++;
  }
  const all = dates.length ? sumOf(values, dates) / Math.max(1, present(values, dates).length) : 0;
  return (d) => (counts[weekday(d)] ? sums[weekday(d)] / counts[weekday(d)] : all);
}

/**
 * The shop's burst coefficient (爆发系数) of one event: mean daily GMV of its sale days ÷ mean of
 * the 28 non-event days before. Null when not measurable from the captured days.
 */
export function burstOf(ctx: RuleContext, e: PromoEvent, metric = 'payAmt'): number | null {
  const v = valueMap(ctx, metric);
  const all = dateRange(e.saleFrom, e.saleTo);
  const sale = present(v, all);
  const pre = preEventDays(v, e.from);
  if (sale.length < Math.ceil(all.length * 0.8) || pre.length < 14) return null;
  const base = sumOf(v, pre) / pre.length;
  return base > 0 ? sumOf(v, sale) / sale.length / base : null;
}

/** Peak day ÷ pre-event mean of one event (for capacity checks). */
export function peakOf(ctx: RuleContext, e: PromoEvent, metric: string): number | null {
  const v = valueMap(ctx, metric);
  const sale = present(v, dateRange(e.saleFrom, e.saleTo));
  const pre = preEventDays(v, e.from);
  if (sale.length === 0 || pre.length < 14) return null;
  const base = sumOf(v, pre) / pre.length;
  return base > 0 ? Math.max(...sale.map((d) => v.get(d) ?? 0)) / base : null;
}

export const SYCM_HOME = { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } };
export const SYCM_CALENDAR = {
  url: 'https://sycm.taobao.com/datawar/activity/calendar',
  label: { zh: '生意参谋 → 营销 → 活动日历', en: '生意参谋 → 营销 → 活动日历' },
};
export const HISTORY_HINT: Text = {
  zh: '打开 生意参谋 → 首页，逐日翻看活动前至少 28 天以采集此数据',
  en: 'Open 生意参谋 → 首页 and browse at least 28 days before the event to capture it',
};

export const ev = (zh: string, en: string, value: number | null, format: Evidence['format']): Evidence => ({ label: { zh, en }, value, format });
