/**
 * 30-day payment-amount forecasts for the shop and its top items (domain-rules §3.7, DA-06):
 * Holt-Winters with a weekly season and damped trend from lib/series, 大促 days masked (they
 * would lift the baseline), empirical 80 % / 95 % intervals, seasonal-naive fallback when HW is
 * no better (MASE ≥ 1). Pure: the side panel charts what these return.
 */
import { addDays } from '../../series/dates';
import { type ForecastMethod, type ForecastPoint, forecastSeries } from '../../series/holt-winters';
import type { DailySeries } from '../../series/types';
import type { EntityRef, RuleContext } from '../types';
import { isPromoDay } from './promo-calendar';

/** Training window: 16 weeks, enough for ≥ 8 non-event weeks around 双11 / 618. */
export const FORECAST_TRAIN_DAYS = 112;

export interface EntityForecast {
  entity: EntityRef;
  metric: 'payAmt';
  method: ForecastMethod;
  status: 'ok' | 'tentative' | 'insufficient';
  reason?: string;
  /** In-sample MASE vs seasonal naive (< 1 = better than "same day last week"). */
  mase: number | null;
  /** Non-event training observations. */
  n: number;
  /** The last 8 weeks of actuals, for the chart. */
  history: DailySeries;
  points: ForecastPoint[];
  /** Whether each forecast day is a 大促 day (masked in training: the forecast is the everyday level). */
  promoDays: string[];
}

function forecastOf(entity: EntityRef, series: DailySeries, asOf: string, h: number, transform: 'none' | 'log1p'): EntityForecast {
  const from = addDays(asOf, -(FORECAST_TRAIN_DAYS - 1));
  const train = series.filter((p) => p.date >= from && p.date <= asOf);
  const { model, points } = forecastSeries(train, h, { exclude: isPromoDay, transform });
  return {
    entity,
    metric: 'payAmt',
    method: model.method,
    status: model.status,
    ...(model.reason ? { reason: model.reason } : {}),
    mase: model.mase,
    n: model.n,
    history: train.filter((p) => p.date > addDays(asOf, -56)),
    points,
    promoDays: points.filter((p) => isPromoDay(p.date)).map((p) => p.date),
  };
}

/** The shop's daily payment amount for the next `h` days after ctx.asOf (additive, yuan). */
export function forecastShop(ctx: RuleContext, h = 30): EntityForecast {
  return forecastOf({ kind: 'shop', id: ctx.shopId }, ctx.shopSeries('payAmt'), ctx.asOf, h, 'none');
}

/**
 * The `n` items with the highest payment amount over the last 28 days, each forecast on the
 * log scale (item sales are skewed; the point forecast is then a median).
 */
export function forecastItems(ctx: RuleContext, n = 5, h = 30): EntityForecast[] {
  const from = addDays(ctx.asOf, -27);
  const ranked = ctx
    .entities('item')
    .map((e) => {
      const s = ctx.series('item', e.id, 'payAmt');
      const total = s.reduce((a, p) => a + (p.date >= from && p.date <= ctx.asOf && typeof p.value === 'number' ? p.value : 0), 0);
      return { e, s, total };
    })
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || (a.e.id < b.e.id ? -1 : 1))
    .slice(0, Math.max(0, n));
  return ranked.map((x) => forecastOf(x.e, x.s, ctx.asOf, h, 'log1p'));
}

export interface PeriodProjection {
  /** Sum of the forecast over the days, with comonotone (conservative) interval edges. */
  mean: number;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
  days: number;
}

/**
 * Sum of daily forecasts from `from` to `to`. Interval edges are summed as if errors moved
 * together (they do: a level shift hits every remaining day), which is wider than the
 * independent-error interval and errs on the cautious side.
 */
export function projectPeriod(points: readonly ForecastPoint[], from: string, to: string): PeriodProjection {
  const sel = points.filter((p) => p.date >= from && p.date <= to);
  const add = (k: 'lo80' | 'hi80' | 'lo95' | 'hi95'): number | null => (sel.every((p) => p[k] !== null) ? sel.reduce((a, p) => a + (p[k] as number), 0) : null);
  return { mean: sel.reduce((a, p) => a + p.mean, 0), lo80: add('lo80'), hi80: add('hi80'), lo95: add('lo95'), hi95: add('hi95'), days: sel.length };
}
