import { AD_METRICS } from './ads';
import { FLOW_METRICS } from './flow';
import { HOME_METRICS } from './home';
import { ITEM_METRICS } from './item';
import { MARKET_METRICS } from './market';
import { QIANNIU_METRICS } from './qianniu';
import { MARKETING_METRICS } from './sycm-marketing';
import { SERVICE_METRICS } from './sycm-service';
import { TRADE_METRICS } from './trade';
import { indexByConsole, type MetricDef } from './types';

export type { MetricDef, MetricUnit, ValueKind } from './types';

/** Every metric the product knows, by canonical id. Adapters only store ids found here. */
export const METRICS: readonly MetricDef[] = [
  ...HOME_METRICS,
  ...FLOW_METRICS,
  ...MARKET_METRICS,
  ...AD_METRICS,
  ...ITEM_METRICS,
  ...TRADE_METRICS,
  ...SERVICE_METRICS,
  ...MARKETING_METRICS,
  ...QIANNIU_METRICS,
];

const byId = new Map(METRICS.map((m) => [m.id, m]));
/** console → code → metric: adapters look codes up per field of every row (hot path). */
const byConsole = indexByConsole(METRICS, (m) => m);

export function metric(id: string): MetricDef | undefined {
  return byId.get(id);
}

/** Canonical metric for a console field code, e.g. metricForSource('sycm', 'admCostFamtQzt'). */
export function metricForSource(consoleId: string, code: string): MetricDef | undefined {
  return byConsole.get(consoleId)?.get(code);
}
