/**
 * Campaign incrementality against a counterfactual baseline (domain-rules §3.9, ACT-05).
 *
 * "活动期卖了多少" is not the uplift: part would have sold anyway (the baseline) and part
 * is pulled forward from the following weeks (the post-campaign dip).
 */
import { addDays, dateRange, isIsoDate, seriesBounds, toValueMap } from './dates';
import { type ForecastModel, type ForecastPoint, forecastSeries, type HoltWintersOptions } from './holt-winters';
import { finiteValues } from './stats';
import type { DailySeries, Status } from './types';

export interface CampaignWindow {
  /** First campaign day (inclusive). */
  from: string;
  /** Last campaign day (inclusive). */
  to: string;
}

/** A counterfactual day; ForecastPoint satisfies it. */
export interface CounterfactualPoint {
  date: string;
  mean: number;
  lo80?: number | null;
  hi80?: number | null;
  lo95?: number | null;
  hi95?: number | null;
}

export interface UpliftOptions {
  campaign: CampaignWindow;
  /** Days after the campaign checked for a pull-forward dip. Default 14. */
  postDays?: number;
  /** Gross margin rate (0–1) for the incremental ROI. */
  margin?: number;
  /** Campaign cost in yuan (fees, discounts funded by the shop, extra ads). */
  cost?: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

export interface UpliftResult {
  status: Status;
  reason?: string;
  /** Σ_campaign (actual − baseline). */
  gross: number | null;
  /** max(0, Σ_post (baseline − actual)). */
  dip: number | null;
  /** gross − dip. */
  net: number | null;
  /** gross ÷ Σ_campaign baseline. */
  grossLiftPct: number | null;
  interval80: Interval | null;
  interval95: Interval | null;
  /** (net × margin − cost) ÷ cost. */
  roi: number | null;
  roi80: Interval | null;
  roi95: Interval | null;
  coverage: { campaignDays: number; campaignPaired: number; postDays: number; postPaired: number };
}

type Bound = 'mean' | 'lo80' | 'hi80' | 'lo95' | 'hi95';

/**
 * Interval propagation assumes forecast errors are fully (positively) correlated across
 * days — a level error of the baseline shifts every day the same way, which is what
 * Holt-Winters errors do. Net lift falls monotonically as the baseline rises, so the
 * lower lift bound is the lift computed against the upper baseline bound and vice versa.
 * That is conservative (wider than assuming independent days), as §3.9 asks for an
 * honest range rather than one precise number.
 *
 * The dip takes the positive part of the 14-day SUM rather than of each day: clipping
 * day by day would turn ordinary noise below the baseline into a systematic "dip".
 */
export function campaignUplift(actual: DailySeries, baseline: readonly CounterfactualPoint[], options: UpliftOptions): UpliftResult {
  const postN = Math.max(0, Math.floor(options.postDays ?? 14));
  const { from, to } = options.campaign;
  const empty: UpliftResult = {
    status: 'insufficient',
    gross: null,
    dip: null,
    net: null,
    grossLiftPct: null,
    interval80: null,
    interval95: null,
    roi: null,
    roi80: null,
    roi95: null,
    coverage: { campaignDays: 0, campaignPaired: 0, postDays: postN, postPaired: 0 },
  };
  if (!isIsoDate(from) || !isIsoDate(to)) return { ...empty, reason: 'invalid campaign window' };
  const campaignDates = dateRange(from, to);
  if (campaignDates.length === 0) return { ...empty, reason: 'empty campaign window' };
  const postDates = postN > 0 ? dateRange(addDays(to, 1), addDays(to, postN)) : [];
  const obs = toValueMap(actual);
  const base = new Map<string, CounterfactualPoint>();
  for (const p of baseline) if (Number.isFinite(p.mean)) base.set(p.date, p);

  const pairs = (dates: string[]): { a: number; f: CounterfactualPoint }[] =>
    dates.flatMap((d) => {
      const a = obs.get(d);
      const f = base.get(d);
      return a === undefined || f === undefined ? [] : [{ a, f }];
    });
  const cPairs = pairs(campaignDates);
  const pPairs = pairs(postDates);
  const coverage = { campaignDays: campaignDates.length, campaignPaired: cPairs.length, postDays: postN, postPaired: pPairs.length };
  if (cPairs.length === 0) return { ...empty, coverage, reason: 'no campaign day has both actual and baseline values' };

  const pick = (f: CounterfactualPoint, b: Bound): number | null => {
    const v = b === 'mean' ? f.mean : f[b];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const liftAt = (b: Bound): { gross: number; dip: number; net: number } | null => {
    let gross = 0;
    let post = 0;
    for (const { a, f } of cPairs) {
      const v = pick(f, b);
      if (v === null) return null;
      gross += a - v;
    }
    for (const { a, f } of pPairs) {
      const v = pick(f, b);
      if (v === null) return null;
      post += v - a;
    }
    const dip = Math.max(0, post);
    return { gross, dip, net: gross - dip };
  };
  const point = liftAt('mean') as { gross: number; dip: number; net: number };
  const interval = (lo: Bound, hi: Bound): Interval | null => {
    // Upper baseline bound → lower lift bound.
    const low = liftAt(hi);
    const high = liftAt(lo);
    return low === null || high === null ? null : { lo: Math.min(low.net, high.net), hi: Math.max(low.net, high.net) };
  };
  const interval80 = interval('lo80', 'hi80');
  const interval95 = interval('lo95', 'hi95');
  const baseSum = cPairs.reduce((s, { f }) => s + f.mean, 0);

  const margin = options.margin;
  const cost = options.cost;
  const roiOf = (net: number): number | null =>
    margin === undefined || cost === undefined || !Number.isFinite(margin) || !Number.isFinite(cost) || cost <= 0 ? null : (net * margin - cost) / cost;
  const roiInterval = (iv: Interval | null): Interval | null => {
    if (iv === null) return null;
    const lo = roiOf(iv.lo);
    const hi = roiOf(iv.hi);
    return lo === null || hi === null ? null : { lo, hi };
  };
  const complete = cPairs.length === campaignDates.length && pPairs.length === postN;
  return {
    status: complete ? 'ok' : 'tentative',
    ...(complete ? {} : { reason: 'some campaign or post-campaign days lack actual or baseline values' }),
    gross: point.gross,
    dip: point.dip,
    net: point.net,
    grossLiftPct: baseSum > 0 ? point.gross / baseSum : null,
    interval80,
    interval95,
    roi: roiOf(point.net),
    roi80: roiInterval(interval80),
    roi95: roiInterval(interval95),
    coverage,
  };
}

export interface CounterfactualOptions extends HoltWintersOptions {
  /** Post-campaign days to forecast as well. Default 14. */
  postDays?: number;
  /** Non-event history days required before the campaign (§0.5). Default 28. */
  minHistoryDays?: number;
}

/**
 * Counterfactual baseline for §3.9 step 1: fit on data strictly before the campaign (event
 * days masked via `exclude`) and forecast the campaign plus the post window. Status is
 * 'insufficient' below 28 usable history days, but the forecast is still returned so the
 * UI can show it greyed out.
 */
export function counterfactualBaseline(
  history: DailySeries,
  campaign: CampaignWindow,
  options: CounterfactualOptions = {},
): { status: Status; reason?: string; model: ForecastModel; points: ForecastPoint[] } {
  const postDays = Math.max(0, Math.floor(options.postDays ?? 14));
  const minHistory = options.minHistoryDays ?? 28;
  const before = isIsoDate(campaign.from) ? history.filter((p) => isIsoDate(p.date) && p.date < campaign.from) : [];
  const usable = finiteValues(before.filter((p) => !options.exclude?.(p.date)).map((p) => p.value)).length;
  const lastHist = seriesBounds(before)?.to;
  const horizon = isIsoDate(campaign.to) && lastHist !== undefined ? Math.max(0, dateRange(lastHist, campaign.to).length - 1 + postDays) : 0;
  const { model, points } = forecastSeries(before, horizon, options);
  if (usable < minHistory) return { status: 'insufficient', reason: `${usable} usable pre-campaign days < ${minHistory}`, model, points };
  return { status: model.status, ...(model.reason !== undefined ? { reason: model.reason } : {}), model, points };
}

/**
 * Difference-in-differences lift (§3.9 step 3): (T_post − T_pre) − (C_post − C_pre).
 * Callers must check parallel pre-trends first (e.g. Theil–Sen slopes over 28 days).
 */
export function diffInDiff(treatPre: number, treatPost: number, controlPre: number, controlPost: number): number | null {
  const xs = [treatPre, treatPost, controlPre, controlPost];
  if (!xs.every((v) => Number.isFinite(v))) return null;
  return treatPost - treatPre - (controlPost - controlPre);
}
