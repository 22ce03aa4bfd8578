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

/**
 * Dimensions that only say where a number sits, not what it is about. Any other dimension
 * (itemId on a per-item source, list=compare on market rows, scope=cc, reason, hour…) marks a
 * scoped view of the entity: it is kept apart under `id|k=v` so it never overwrites the entity's
 * own series.
 */
const NEUTRAL_DIMS = new Set(['device', 'attr', 'level', 'parent', 'belong', 'to']);
/** Per kind, dimensions that name the entity's parent rather than a view (a SKU's item). */
const PARENT_DIMS: Partial<Record<string, string>> = { sku: 'itemId' };

export function scopeOf(dims: Record<string, string>, kind?: string): string {
  const parent = kind ? PARENT_DIMS[kind] : undefined;
  return Object.keys(dims)
    .filter((k) => !NEUTRAL_DIMS.has(k) && k !== parent)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join('&');
}

/** Whether a fact belongs to the default view the rules read (all devices; one attribution window). */
/** Kinds whose console pages default to 无线 (device 2): their mobile facts stand in when no all-device ones exist. */
const MOBILE_FIRST = new Set(['source', 'keyword']);

function inDefaultView(f: Fact, attr: string): boolean {
  const d = f.dims;
  if (d.device !== undefined && d.device !== '0' && !(d.device === '2' && MOBILE_FIRST.has(f.entityKind))) return false;
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
    let scope = scopeOf(f.dims, f.entityKind);
    // A 无线-only view of a source: its own cell, listed when the all-device one is missing.
    if (f.dims.device === '2' && MOBILE_FIRST.has(f.entityKind)) scope = scope ? `device=2&${scope}` : 'device=2';
    const key = scope ? `${f.entityId}|${scope}` : f.entityId;
    if (f.grain === 'snapshot') {
      const c = cellOf(f.entityKind, key);
      if (f.entityName) c.name = f.entityName;
      if (f.entityKind === 'sku' && f.dims.itemId) c.itemId = f.dims.itemId;
      for (const [k, v] of Object.entries(f.values)) {
        const prev = c.snapshots.get(k);
        if (!prev || prev.date <= f.date) c.snapshots.set(k, { date: f.date, value: v });
      }
      continue;
    }
    if (f.grain !== 'day') continue;
    const c = cellOf(f.entityKind, f.entityKind === 'shop' && !scope ? shopId : key);
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
    if (f.entityKind === 'shop' && !scope && f.date > asOf) asOf = f.date;
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
    entities(kind, opts) {
      const out: EntityRef[] = [];
      const byId = cells.get(kind) ?? new Map<string, Cell>();
      for (const [id, c] of byId) {
        const bar = id.indexOf('|');
        // A scoped view (a source of one item) hides behind the entity itself unless asked for.
        if (bar >= 0 && !opts?.scoped && byId.has(id.slice(0, bar))) continue;
        out.push({ kind, id, ...(c.name ? { name: c.name } : {}), ...(c.itemId ? { itemId: c.itemId } : {}), ...(bar >= 0 ? { scope: id.slice(bar + 1) } : {}) });
      }
      return out.sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    series,
    snapshot: (kind, id, metricId) => cells.get(kind)?.get(id)?.snapshots.get(metricId) ?? null,
  };
}
