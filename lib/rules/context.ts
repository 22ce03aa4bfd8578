import type { Fact } from '../schema/fact';
import type { DailySeries } from '../series/types';
import type { RuleContext } from './types';

/** Shop-level, closed-day, all-device facts → the context the rules read. */
export function buildContext(shopId: string, facts: readonly Fact[]): RuleContext | null {
  const byMetric = new Map<string, Map<string, number>>();
  let asOf = '';
  for (const f of facts) {
    if (f.shopId !== shopId || f.entityKind !== 'shop' || f.grain !== 'day' || (f.dims.device ?? '0') !== '0') continue;
    for (const [k, v] of Object.entries(f.values)) {
      let m = byMetric.get(k);
      if (!m) {
        m = new Map();
        byMetric.set(k, m);
      }
      m.set(f.date, v);
    }
    if (f.date > asOf) asOf = f.date;
  }
  if (!asOf) return null;
  const cache = new Map<string, DailySeries>();
  return {
    shopId,
    asOf,
    shopSeries(metricId) {
      let s = cache.get(metricId);
      if (!s) {
        const m = byMetric.get(metricId);
        s = m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, value]) => ({ date, value })) : [];
        cache.set(metricId, s);
      }
      return s;
    },
    hasMetric: (id) => (byMetric.get(id)?.size ?? 0) > 0,
  };
}
