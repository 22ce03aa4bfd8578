/**
 * Daily demand of a SKU / item for the stock rules (domain-rules SC-01, SC-03, SC-10, §3.7–§3.8):
 * units sold per day over the recent non-event days, outliers trimmed; intermittent items
 * (ADI ≥ 1.32) use Croston–SBA instead of mean × days.
 */
import { classifyDemand, croston, type DemandCategory } from '../../series/intermittent';
import { median } from '../../series/stats';
import type { DailySeries } from '../../series/types';
import { windowValues } from './entity-window';
import { isPromoDay } from './promo-calendar';

export interface Demand {
  /** Expected units per day. */
  rate: number;
  /** SD of daily units (cleaned window). */
  sd: number;
  method: 'mean' | 'sba';
  category: DemandCategory | null;
  adi: number | null;
  /** Non-event days observed in the 28-day window. */
  days: number;
  /** Units sold over the cleaned 14 most recent observed days. */
  recentUnits: number;
}

/**
 * Demand from a day series of units. Window: 28 days to `asOf` for the classification and σ,
 * the 14 most recent for the mean (SC-01); event days (大促) are skipped. Values above
 * median + 5 × (MAD or 1) count as outliers (a one-off bulk order) and are capped.
 * Null when fewer than `minDays` non-event days are observed. Only the 28 days to `asOf` are read:
 * pass `ctx.range(…, asOf − 27, asOf)` rather than the whole history.
 */
export function estimateDemand(units: DailySeries, asOf: string, minDays = 7): Demand | null {
  const vals = windowValues(units, asOf, 28, isPromoDay);
  const obs = vals.filter((v): v is number => v !== null);
  if (obs.length < minDays) return null;
  const med = median(obs) ?? 0;
  const mad = median(obs.map((v) => Math.abs(v - med))) ?? 0;
  const cap = med + 5 * Math.max(mad, 1);
  const clean = vals.map((v) => (v === null ? null : Math.min(v, cap)));
  const cleanObs = clean.filter((v): v is number => v !== null);
  const recent = cleanObs.slice(-14);
  const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
  const m28 = cleanObs.reduce((a, b) => a + b, 0) / cleanObs.length;
  const sd = Math.sqrt(cleanObs.reduce((a, b) => a + (b - m28) ** 2, 0) / Math.max(1, cleanObs.length - 1));
  const cls = classifyDemand(clean);
  const intermittent = cls.adi !== null && cls.adi >= 1.32;
  if (intermittent) {
    const c = croston(clean, { alpha: 0.1, variant: 'sba' });
    if (c.forecast !== null) {
      return {
        rate: c.forecast,
        sd,
        method: 'sba',
        category: cls.category,
        adi: cls.adi,
        days: cleanObs.length,
        recentUnits: recent.reduce((a, b) => a + b, 0),
      };
    }
  }
  return { rate: mean, sd, method: 'mean', category: cls.category, adi: cls.adi, days: cleanObs.length, recentUnits: recent.reduce((a, b) => a + b, 0) };
}
