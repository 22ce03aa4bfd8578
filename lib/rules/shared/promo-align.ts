/**
 * 同比 alignment (domain-rules DA-10): near a 大促 a day is compared with the day at the same
 * distance from last year's peak day (this year's 双11 D-3 ↔ last year's D-3); otherwise with
 * the same weekday 52 weeks earlier (364 days), never with the calendar date (its weekday
 * differs and Tmall traffic has a strong weekly cycle).
 */
import { addDays, daysBetween } from '../../series/dates';
import type { Text } from '../types';
import { PROMO_WINDOWS } from './promo-calendar';

/** The peak day (month-day) of each 大促 window, in PROMO_WINDOWS order. */
export const PROMO_ANCHORS: readonly string[] = ['03-08', '06-18', '11-11', '12-12'];

/** Days before a window start / after its end that still count as "near" the event. */
export const NEAR_DAYS = 7;

export interface AlignedDate {
  date: string;
  method: 'promo' | 'weekday';
  /** The event aligned on, with the day's offset from its peak (negative = before). */
  promo?: { name: Text; offset: number };
}

/** Index of the 大促 whose window (± NEAR_DAYS) holds `date`, or -1. */
export function nearPromo(date: string): number {
  const year = Number(date.slice(0, 4));
  return PROMO_WINDOWS.findIndex((w) => date >= addDays(`${year}-${w.from}`, -NEAR_DAYS) && date <= addDays(`${year}-${w.to}`, NEAR_DAYS));
}

/** Last year's day at the same offset from the peak of 大促 `index`. */
export function alignedOnPromo(date: string, index: number): AlignedDate {
  const year = Number(date.slice(0, 4));
  const w = PROMO_WINDOWS[index];
  const anchor = PROMO_ANCHORS[index];
  if (!w || !anchor) return { date: addDays(date, -364), method: 'weekday' };
  const offset = daysBetween(`${year}-${anchor}`, date);
  return { date: addDays(`${year - 1}-${anchor}`, offset), method: 'promo', promo: { name: w.name, offset } };
}

/**
 * Aligned days of a window: when any day of it is near a 大促, every day is aligned on that
 * event so the window stays contiguous last year too.
 */
export function alignWindow(dates: readonly string[]): AlignedDate[] {
  const hit = dates.map(nearPromo).find((i) => i >= 0);
  return dates.map((d) => (hit !== undefined ? alignedOnPromo(d, hit) : { date: addDays(d, -364), method: 'weekday' as const }));
}

export function alignedLastYear(date: string): AlignedDate {
  const year = Number(date.slice(0, 4));
  for (let i = 0; i < PROMO_WINDOWS.length; i++) {
    const w = PROMO_WINDOWS[i];
    const anchor = PROMO_ANCHORS[i];
    if (!w || !anchor) continue;
    const from = addDays(`${year}-${w.from}`, -NEAR_DAYS);
    const to = addDays(`${year}-${w.to}`, NEAR_DAYS);
    if (date < from || date > to) continue;
    const offset = daysBetween(`${year}-${anchor}`, date);
    return { date: addDays(`${year - 1}-${anchor}`, offset), method: 'promo', promo: { name: w.name, offset } };
  }
  return { date: addDays(date, -364), method: 'weekday' };
}
