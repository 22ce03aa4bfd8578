import type { EntityKind, Fact } from '../schema/fact';
import type { DailySeries } from '../series/types';
import type { EntityRef, RuleContext, ShopProfile } from './types';

export const DEFAULT_PROFILE: ShopProfile = {
  grossMargin: 0.4,
  leadTimeDays: 7,
  monthlyTarget: null,
  attributionDays: 15,
  assumed: ['grossMargin', 'leadTimeDays', 'monthlyTarget', 'attributionDays'],
};

type Cell = { name?: string; itemId?: string; byMetric: Map<string, Map<string, number>>; snapshots: Map<string, { date: string; value: number }> };

/** Whether a fact belongs to the default view the rules read (all devices; one attribution window). */
function inDefaultView(f: Fact, attr: string): boolean {
  const d = f.dims;
  if (d.device !== undefined && d.device !== '0') return false;
  if (d.attr !== undefined && d.attr !== attr) return false;
  return true;
}

/** Closed-day facts of one shop → the context the rules read. Snapshots (stock) are kept apart. */
export function buildContext(shopId: string, facts: readonly Fact[], profile: ShopProfile = DEFAULT_PROFILE): RuleContext | null {
  const attr = String(profile.attributionDays);
  const cells = new Map<string, Map<string, Cell>>();
  let asOf = '';
  const cellOf = (kind: string, id: string): Cell => {
    let byId = cells.get(kind);
    if (!byId) {
      byId = new Map();
      cells.set(kind, byId);
    }
    let c = byId.get(id);
    if (!c) {
      c = { byMetric: new Map(), snapshots: new Map() };
      byId.set(id, c);
    }
    return c;
  };
  for (const f of facts) {
    if (f.shopId !== shopId || !inDefaultView(f, attr)) continue;
    if (f.grain === 'snapshot') {
      const c = cellOf(f.entityKind, f.entityId);
      if (f.entityName) c.name = f.entityName;
      if (f.entityKind === 'sku' && f.dims.itemId) c.itemId = f.dims.itemId;
      for (const [k, v] of Object.entries(f.values)) {
        const prev = c.snapshots.get(k);
        if (!prev || prev.date <= f.date) c.snapshots.set(k, { date: f.date, value: v });
      }
      continue;
    }
    if (f.grain !== 'day') continue;
    const c = cellOf(f.entityKind, f.entityKind === 'shop' ? shopId : f.entityId);
    if (f.entityName) c.name = f.entityName;
    if (f.entityKind === 'sku' && f.dims.itemId) c.itemId = f.dims.itemId;
    for (const [k, v] of Object.entries(f.values)) {
      let m = c.byMetric.get(k);
      if (!m) {
        m = new Map();
        c.byMetric.set(k, m);
      }
      m.set(f.date, v);
    }
    if (f.entityKind === 'shop' && f.date > asOf) asOf = f.date;
  }
  if (!asOf) return null;
  const cache = new Map<string, DailySeries>();
  const toSeries = (m: Map<string, number> | undefined): DailySeries =>
    m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([date, value]) => ({ date, value })) : [];
  const series = (kind: EntityKind, id: string, metricId: string): DailySeries => {
    const key = `${kind}|${id}|${metricId}`;
    let s = cache.get(key);
    if (!s) {
      s = toSeries(cells.get(kind)?.get(id)?.byMetric.get(metricId));
      cache.set(key, s);
    }
    return s;
  };
  return {
    shopId,
    asOf,
    profile,
    shopSeries: (metricId) => series('shop', shopId, metricId),
    hasMetric(ref) {
      const dot = ref.indexOf('.');
      if (dot < 0) return (cells.get('shop')?.get(shopId)?.byMetric.get(ref)?.size ?? 0) > 0;
      const kind = ref.slice(0, dot);
      const metricId = ref.slice(dot + 1);
      for (const c of cells.get(kind)?.values() ?? []) if ((c.byMetric.get(metricId)?.size ?? 0) > 0 || c.snapshots.has(metricId)) return true;
      return false;
    },
    entities(kind) {
      const out: EntityRef[] = [];
      for (const [id, c] of cells.get(kind) ?? []) out.push({ kind, id, ...(c.name ? { name: c.name } : {}), ...(c.itemId ? { itemId: c.itemId } : {}) });
      return out.sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    series,
    snapshot: (kind, id, metricId) => cells.get(kind)?.get(id)?.snapshots.get(metricId) ?? null,
  };
}
