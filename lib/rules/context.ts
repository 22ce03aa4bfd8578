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

/**
 * One entity's facts. Day rows are kept as they are and turned into a metric's series only when
 * a rule asks for it: most (entity, metric) series are never read, and building them all up
 * front cost most of a rules run.
 */
type Cell = {
  name?: string;
  itemId?: string;
  rows: { date: string; values: Record<string, number> }[];
  sorted: boolean;
  snapshots: Map<string, { date: string; value: number }>;
};

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
  // Fast path (most facts): only neutral dimensions, no allocation.
  let scoped = false;
  for (const k in dims) if (!NEUTRAL_DIMS.has(k) && k !== parent) scoped = true;
  if (!scoped) return '';
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
      c = { rows: [], sorted: true, snapshots: new Map() };
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
      for (const k in f.values) {
        const prev = c.snapshots.get(k);
        if (!prev || prev.date <= f.date) c.snapshots.set(k, { date: f.date, value: f.values[k] as number });
      }
      continue;
    }
    if (f.grain !== 'day') continue;
    const c = cellOf(f.entityKind, f.entityKind === 'shop' && !scope ? shopId : key);
    if (f.entityName) c.name = f.entityName;
    if (f.entityKind === 'sku' && f.dims.itemId) c.itemId = f.dims.itemId;
    const last = c.rows[c.rows.length - 1];
    if (last && last.date > f.date) c.sorted = false;
    c.rows.push(f);
    if (f.entityKind === 'shop' && !scope && f.date > asOf) asOf = f.date;
  }
  if (!asOf) return null;
  const cache = new Map<string, DailySeries>();
  /** A metric's series from a cell's rows, by date; a later row of the same date wins (as a merge would). */
  const toSeries = (c: Cell | undefined, metricId: string): DailySeries => {
    if (!c) return [];
    if (!c.sorted) {
      c.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      c.sorted = true;
    }
    const out: { date: string; value: number | null }[] = [];
    for (const r of c.rows) {
      const v = r.values[metricId];
      if (v === undefined) continue;
      const prev = out[out.length - 1];
      if (prev && prev.date === r.date) prev.value = v;
      else out.push({ date: r.date, value: v });
    }
    return out;
  };
  const series = (kind: EntityKind, id: string, metricId: string): DailySeries => {
    const key = `${kind}|${id}|${metricId}`;
    let s = cache.get(key);
    if (!s) {
      s = toSeries(cells.get(kind)?.get(id), metricId);
      cache.set(key, s);
    }
    return s;
  };
  const has = (c: Cell, metricId: string) => c.snapshots.has(metricId) || c.rows.some((r) => r.values[metricId] !== undefined);
  const hasCache = new Map<string, boolean>();
  return {
    shopId,
    asOf,
    profile,
    shopSeries: (metricId) => series('shop', shopId, metricId),
    hasMetric(ref) {
      let v = hasCache.get(ref);
      if (v === undefined) {
        const dot = ref.indexOf('.');
        if (dot < 0) {
          const c = cells.get('shop')?.get(shopId);
          v = c ? c.rows.some((r) => r.values[ref] !== undefined) : false;
        } else {
          const metricId = ref.slice(dot + 1);
          v = false;
          for (const c of cells.get(ref.slice(0, dot))?.values() ?? []) if (has(c, metricId)) v = true;
        }
        hasCache.set(ref, v);
      }
      return v;
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
