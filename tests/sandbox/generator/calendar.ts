/** Sales-event calendar (618, 双11, 双12) and slow trend / season factors. */
import { monthDay, toDayNum } from './dates.ts';

export const HISTORY_START = '2025-06-01';

export interface EventFactor {
  readonly uv: number;
  readonly rate: number;
  readonly pct: number;
  /** Name of the event window the date belongs to, if any. */
  readonly event: '618' | '双11' | '双12' | null;
}

const NONE: EventFactor = { uv: 1, rate: 1, pct: 1, event: null };

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * 618: presale ramp 6/1–6/17, peak 6/18, dip 6/19–6/21.
 * 双11: gentle warm-up 10/20–10/31 (≤ +2.5 %, keeps baselines honest), ramp 11/1–11/10, peak 11/11,
 *       post-peak dip 11/12–11/14.
 * 双12: mild 12/10–12/12.
 */
export function eventFactor(date: string): EventFactor {
  const { month, day } = monthDay(date);
  if (month === 6) {
    if (day <= 17) return { uv: lerp(1.18, 1.5, (day - 1) / 16), rate: lerp(1.0, 1.08, (day - 1) / 16), pct: 1.03, event: '618' };
    if (day === 18) return { uv: 2.3, rate: 1.4, pct: 1.08, event: '618' };
    if (day <= 21) return { uv: [0.86, 0.9, 0.95][day - 19] ?? 1, rate: 0.92, pct: 0.98, event: '618' };
  }
  if (month === 10 && day >= 20) return { uv: lerp(1.0, 1.025, (day - 20) / 11), rate: 1, pct: 1, event: '双11' };
  if (month === 11) {
    if (day <= 10) return { uv: lerp(1.25, 1.8, (day - 1) / 9), rate: lerp(1.02, 1.12, (day - 1) / 9), pct: 1.04, event: '双11' };
    if (day === 11) return { uv: 2.8, rate: 1.5, pct: 1.1, event: '双11' };
    if (day <= 14) return { uv: [0.8, 0.86, 0.93][day - 12] ?? 1, rate: 0.9, pct: 0.97, event: '双11' };
  }
  if (month === 12 && day >= 10 && day <= 12) {
    return day === 12 ? { uv: 1.35, rate: 1.15, pct: 1.02, event: '双12' } : { uv: 1.1, rate: 1.03, pct: 1, event: '双12' };
  }
  return NONE;
}

const START_DAY = toDayNum(HISTORY_START);

/** Slow linear growth since the start of history. */
export function trendFactor(date: string, perYear: number): number {
  return 1 + (perYear * (toDayNum(date) - START_DAY)) / 365;
}

/** Yearly sine with its maximum on day-of-year `peakDoy`. */
export function seasonFactor(date: string, amp: number, peakDoy: number): number {
  const { year } = monthDay(date);
  const doy = toDayNum(date) - toDayNum(`${year}-01-01`);
  return 1 + amp * Math.cos((2 * Math.PI * (doy - peakDoy)) / 365);
}
