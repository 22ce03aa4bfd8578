/**
 * Safety stock, reorder point and stock cover (domain-rules §3.8, SC-01).
 */
import { addDays, isIsoDate } from './dates';
import { normalQuantile } from './normal';
import { finiteValues, mean, sampleSd } from './stats';

/**
 * The §3.8 z table (one-sided service level → z, rounded to two decimals as operators
 * see it in spreadsheets). Going from 95 % to 99 % roughly doubles safety stock, which
 * is why 99 % is reserved for A-class items.
 */
export const SERVICE_LEVEL_Z: Readonly<Record<string, number>> = { '0.9': 1.28, '0.95': 1.65, '0.98': 2.05, '0.99': 2.33 };

/**
 * z for a cycle service level given as a 0–1 decimal (§0.2). Table levels return the
 * table value; other levels use Φ⁻¹ so a configurable level still works. Null outside (0, 1).
 */
export function serviceLevelZ(level: number): number | null {
  if (!(level > 0 && level < 1)) return null;
  const key = String(Math.round(level * 10000) / 10000);
  return SERVICE_LEVEL_Z[key] ?? normalQuantile(level);
}

export interface StockParams {
  /** Average daily demand d̄ (last 28 days, campaign days excluded). */
  meanDemand: number;
  /** SD of daily demand σ_d. */
  sdDemand: number;
  /** Lead time LT in days. */
  leadTime: number;
  /** SD of lead time σ_LT in days. Default 0. */
  sdLeadTime?: number;
  /** Cycle service level. Default 0.95. */
  serviceLevel?: number;
  /** Review period R for periodic review; exposure becomes LT + R. Default 0. */
  reviewPeriod?: number;
}

function validParams(p: StockParams): boolean {
  const nums = [p.meanDemand, p.sdDemand, p.leadTime, p.sdLeadTime ?? 0, p.reviewPeriod ?? 0];
  return nums.every((v) => Number.isFinite(v) && v >= 0);
}

/** SS = z·√((LT+R)·σ_d² + d̄²·σ_LT²); null for invalid inputs. */
export function safetyStock(p: StockParams): number | null {
  const z = serviceLevelZ(p.serviceLevel ?? 0.95);
  if (z === null || !validParams(p)) return null;
  const exposure = p.leadTime + (p.reviewPeriod ?? 0);
  const sdLt = p.sdLeadTime ?? 0;
  return z * Math.sqrt(exposure * p.sdDemand ** 2 + p.meanDemand ** 2 * sdLt ** 2);
}

/** ROP = d̄·(LT+R) + SS. */
export function reorderPoint(p: StockParams): number | null {
  const ss = safetyStock(p);
  if (ss === null) return null;
  return p.meanDemand * (p.leadTime + (p.reviewPeriod ?? 0)) + ss;
}

/** Day-based shortcut SS_days ≈ z·CV·√(LT + R), CV = σ_d ÷ d̄; null when d̄ ≤ 0. */
export function safetyStockDays(p: StockParams): number | null {
  const z = serviceLevelZ(p.serviceLevel ?? 0.95);
  if (z === null || !validParams(p) || p.meanDemand <= 0) return null;
  return z * (p.sdDemand / p.meanDemand) * Math.sqrt(p.leadTime + (p.reviewPeriod ?? 0));
}

/**
 * Days the current stock lasts at d̄ per day. Null when d̄ ≤ 0: cover is unbounded, and
 * SC-03 (滞销) rather than SC-01 should speak about such items.
 */
export function daysOfCover(stock: number, meanDemand: number): number | null {
  if (!Number.isFinite(stock) || !Number.isFinite(meanDemand) || meanDemand <= 0) return null;
  return Math.max(0, stock) / meanDemand;
}

/**
 * First business date on which demand can no longer be fully served, assuming `stock`
 * is the quantity at the end of `asOf` and d̄ is sold every following day:
 * asOf + ⌊stock ÷ d̄⌋ + 1. Null when d̄ ≤ 0 or inputs are invalid.
 */
export function stockOutDate(asOf: string, stock: number, meanDemand: number): string | null {
  const cover = daysOfCover(stock, meanDemand);
  if (cover === null || !isIsoDate(asOf)) return null;
  return addDays(asOf, Math.floor(cover + 1e-9) + 1);
}

export interface DemandStats {
  n: number;
  mean: number | null;
  sd: number | null;
}

/**
 * d̄ and σ_d from daily sales (callers pass the last 28 non-campaign days). Missing days
 * are skipped, not zero-filled; days with no sales must be recorded as 0 by the caller.
 */
export function demandStats(values: readonly (number | null)[]): DemandStats {
  const xs = finiteValues(values);
  return { n: xs.length, mean: mean(xs), sd: sampleSd(xs) };
}
