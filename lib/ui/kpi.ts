import { addDays, daysBetween } from '../series/dates';
import type { Agg, KpiDef } from './areas';

export type PeriodKind = 'day' | 'week' | 'month' | 'custom';
export interface Period {
  from: string;
  to: string;
}

/** 日 = the day; 周 = 7 days ending it; 月 = 30 days ending it (as 生意参谋's 近7天 / 近30天). */
export function periodFor(kind: PeriodKind, asOf: string, custom?: Period): Period {
  if (kind === 'custom' && custom && custom.from <= custom.to) return custom;
  const len = kind === 'week' ? 7 : kind === 'month' ? 30 : 1;
  return { from: addDays(asOf, -(len - 1)), to: asOf };
}

export function periodLength(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** 环比: the period of the same length right before. */
export function previousPeriod(p: Period): Period {
  const len = periodLength(p);
  return { from: addDays(p.from, -len), to: addDays(p.to, -len) };
}

/** 同比: a year earlier, shifted by 364 days so weekdays line up (domain-rules DA-10). */
export function lastYearPeriod(p: Period): Period {
  return { from: addDays(p.from, -364), to: addDays(p.to, -364) };
}

export type DayValues = (metricId: string) => Map<string, number> | undefined;

export interface KpiValue {
  value: number | null;
  /** Days of the period with data behind the value. */
  days: number;
  /** Days in the period. */
  length: number;
}

function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One KPI over a period, aggregated the way its meaning allows (see Agg). Never a fake zero. */
export function kpiValue(get: DayValues, agg: Agg, id: string, p: Period): KpiValue {
  const dates = daysOf(p);
  const length = dates.length;
  if (agg.kind === 'ratio') {
    const n = get(agg.num);
    const d = get(agg.den);
    let sn = 0;
    let sd = 0;
    let days = 0;
    for (const day of dates) {
      const a = n?.get(day);
      const b = d?.get(day);
      if (a !== undefined && b !== undefined) {
        sn += a;
        sd += b;
        days++;
      }
    }
    if (days === 0) {
      // Fall back to the metric's own daily values (the console's rate), averaged.
      return kpiValue(get, { kind: 'avg' }, id, p);
    }
    return { value: sd > 0 ? sn / sd : null, days, length };
  }
  if (agg.kind === 'sumOf') {
    let total = 0;
    let days = 0;
    for (const day of dates) {
      let any = false;
      let s = 0;
      for (const part of agg.parts) {
        const v = get(part)?.get(day);
        if (v !== undefined) {
          s += v;
          any = true;
        }
      }
      if (any) {
        total += s;
        days++;
      }
    }
    return { value: days ? total : null, days, length };
  }
  const m = get(id);
  let s = 0;
  let days = 0;
  for (const day of dates) {
    const v = m?.get(day);
    if (v !== undefined) {
      s += v;
      days++;
    }
  }
  if (!days) return { value: null, days, length };
  return { value: agg.kind === 'sum' ? s : s / days, days, length };
}

/** Change of a KPI against a comparison period, only when both sides have all their days. */
export function kpiChange(cur: KpiValue, base: KpiValue): number | null {
  if (cur.value === null || base.value === null || base.value === 0) return null;
  if (cur.days < cur.length || base.days < base.length) return null;
  return cur.value / base.value - 1;
}

/** Daily series of a KPI (for the trend), over a period. */
export function kpiDaily(get: DayValues, def: KpiDef, p: Period): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of daysOf(p)) {
    const v = kpiValue(get, def.agg.kind === 'sum' ? { kind: 'avg' } : def.agg, def.id, { from: day, to: day });
    if (v.value !== null) out.set(day, v.value);
  }
  return out;
}
