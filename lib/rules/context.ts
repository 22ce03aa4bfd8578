import type { EntityKind, Fact } from '../schema/fact';
import type { DailyPoint, DailySeries } from '../series/types';
import type { EntityRef, RuleContext, ShopProfile } from './types';

export const DEFAULT_PROFILE: ShopProfile = {
  grossMargin: 0.4,
  leadTimeDays: 7,
  monthlyTarget: null,
  attributionDays: 15,
  assumed: ['grossMargin', 'leadTimeDays', 'monthlyTarget', 'attributionDays'],
};

/**
 * One entity's facts. Day rows are kept as they are (sorted by date, then by fact id as the
 * database returns them) and read in place: a window sum walks only the rows of its window, and a
 * metric's full series is built only when a rule asks for it, then cached on the cell.
 */
type Cell = {
  name?: string;
  itemId?: string;
  rows: Fact[];
  sorted: boolean;
  /** Snapshot facts, in arrival order; `snapshots` is the latest value per metric. */
  snapFacts: Fact[];
  snapshots: Map<string, { date: string; value: number }>;
  series: Map<string, DailySeries> | null;
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

/** Kinds whose console pages default to 无线 (device 2): their mobile facts stand in when no all-device ones exist. */
const MOBILE_FIRST = new Set(['source', 'keyword']);

/** Whether a fact belongs to the default view the rules read (all devices; one attribution window). */
function inDefaultView(f: Fact, attr: string): boolean {
  const d = f.dims;
  if (d.device !== undefined && d.device !== '0' && !(d.device === '2' && MOBILE_FIRST.has(f.entityKind))) return false;
  if (d.attr !== undefined && d.attr !== attr) return false;
  return true;
}

/** Database order of facts: by date, then by id (an index range returns equal keys by primary key). */
const before = (a: Fact, b: Fact) => a.date < b.date || (a.date === b.date && a.id < b.id);

/** First index whose row is dated ≥ `date` (rows sorted by date). */
function lowerBound(rows: readonly { date: string }[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as { date: string }).date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose row is dated > `date`. */
function upperBound(rows: readonly { date: string }[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as { date: string }).date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The points of a date-sorted series within [from, to], without copying when it is all of it. */
export function sliceSeries(s: DailySeries, from: string, to: string): DailySeries {
  const a = from ? lowerBound(s, from) : 0;
  const b = upperBound(s, to);
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const EMPTY: DailySeries = Object.freeze([]) as DailySeries;

/**
 * What changed in a context after `apply`: per kind and metric the dates whose day value
 * changed, the snapshot metrics touched, the kinds whose entity list (ids, names, SKU items)
 * changed, and `hasMetric` answers that turned true. Rules are re-run when what they read
 * intersects it (lib/rules/incremental.ts).
 */
export interface ContextChanges {
  days: Map<string, Map<string, Set<string>>>;
  snapshots: Map<string, Set<string>>;
  lists: Set<string>;
  has: Set<string>;
  /** Entities touched, `kind|id` (for reporting). */
  entities: Set<string>;
}

export function emptyChanges(): ContextChanges {
  return { days: new Map(), snapshots: new Map(), lists: new Set(), has: new Set(), entities: new Set() };
}

export interface ContextStore {
  ctx: RuleContext;
  /**
   * Apply stored facts (new or updated versions of loaded ones, identified by fact id) in place.
   * Returns what changed, or null when the facts move the latest closed day (the caller rebuilds).
   */
  apply(facts: readonly Fact[]): ContextChanges | null;
  /** Day and snapshot facts held (for reporting). */
  size(): number;
}

/** Closed-day facts of one shop → the context the rules read. Snapshots (stock) are kept apart. */
export function buildContext(shopId: string, facts: readonly Fact[], profile: ShopProfile = DEFAULT_PROFILE): RuleContext | null {
  return createContextStore(shopId, facts, profile)?.ctx ?? null;
}

/** The context with the means to update it in place after a capture (lib/rules/incremental.ts). */
export function createContextStore(shopId: string, facts: readonly Fact[], profile: ShopProfile = DEFAULT_PROFILE): ContextStore | null {
  const attr = String(profile.attributionDays);
  const cells = new Map<string, Map<string, Cell>>();
  let asOf = '';
  let held = 0;
  let lastKind = '';
  let lastById: Map<string, Cell> | undefined;
  const cellOf = (kind: string, id: string, created?: () => void): Cell => {
    let byId = kind === lastKind ? lastById : cells.get(kind);
    if (!byId) {
      byId = new Map();
      cells.set(kind, byId);
    }
    lastKind = kind;
    lastById = byId;
    let c = byId.get(id);
    if (!c) {
      c = { rows: [], sorted: true, snapFacts: [], snapshots: new Map(), series: null };
      byId.set(id, c);
      created?.();
    }
    return c;
  };
  /** The cell key of a fact in the default view ('' = not in it). */
  const keyOf = (f: Fact): string => {
    let scope = scopeOf(f.dims, f.entityKind);
    // A 无线-only view of a source: its own cell, listed when the all-device one is missing.
    if (f.dims.device === '2' && MOBILE_FIRST.has(f.entityKind)) scope = scope ? `device=2&${scope}` : 'device=2';
    if (f.grain !== 'snapshot' && f.entityKind === 'shop' && !scope) return shopId;
    return scope ? `${f.entityId}|${scope}` : f.entityId;
  };
  const isShopDay = (f: Fact, key: string) => f.grain === 'day' && f.entityKind === 'shop' && key === shopId;

  for (const f of facts) {
    if (f.shopId !== shopId || (f.grain !== 'day' && f.grain !== 'snapshot') || !inDefaultView(f, attr)) continue;
    const key = keyOf(f);
    const c = cellOf(f.entityKind, key);
    if (f.entityName) c.name = f.entityName;
    if (f.entityKind === 'sku' && f.dims.itemId) c.itemId = f.dims.itemId;
    held++;
    if (f.grain === 'snapshot') {
      c.snapFacts.push(f);
      for (const k in f.values) {
        const prev = c.snapshots.get(k);
        if (!prev || prev.date <= f.date) c.snapshots.set(k, { date: f.date, value: f.values[k] as number });
      }
      continue;
    }
    const rows = c.rows;
    if (rows.length && (rows[rows.length - 1] as Fact).date > f.date) c.sorted = false;
    rows.push(f);
    if (f.date > asOf && isShopDay(f, key)) asOf = f.date;
  }
  if (!asOf) return null;

  const sortRows = (c: Cell) => {
    if (!c.sorted) {
      // Stable: rows of one date keep their input order (a later row of the same date wins).
      c.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      c.sorted = true;
    }
    return c.rows;
  };
  /** A metric's series from a cell's rows, by date; a later row of the same date wins (as a merge would). */
  const toSeries = (c: Cell, metricId: string, from = 0, to?: string): DailyPoint[] => {
    const rows = c.rows;
    const out: DailyPoint[] = [];
    for (let i = from; i < rows.length; i++) {
      const r = rows[i] as Fact;
      if (to !== undefined && r.date > to) break;
      const v = r.values[metricId];
      if (v === undefined) continue;
      const prev = out[out.length - 1];
      if (prev && prev.date === r.date) prev.value = v;
      else out.push({ date: r.date, value: v });
    }
    return out;
  };
  const cell = (kind: string, id: string) => cells.get(kind)?.get(id);
  const series = (kind: EntityKind, id: string, metricId: string): DailySeries => {
    const c = cell(kind, id);
    if (!c) return EMPTY;
    let m = c.series;
    if (!m) {
      m = new Map();
      c.series = m;
    }
    let s = m.get(metricId);
    if (!s) {
      sortRows(c);
      s = toSeries(c, metricId);
      m.set(metricId, s);
    }
    return s;
  };
  const range = (kind: EntityKind, id: string, metricId: string, from: string, to: string): DailySeries => {
    const c = cell(kind, id);
    if (!c) return EMPTY;
    const cached = c.series?.get(metricId);
    if (cached) return sliceSeries(cached, from, to);
    const rows = sortRows(c);
    return toSeries(c, metricId, from ? lowerBound(rows, from) : 0, to);
  };
  const sum = (kind: EntityKind, id: string, metricId: string, from: string, to: string, exclude?: (date: string) => boolean) => {
    let total = 0;
    let days = 0;
    const c = cell(kind, id);
    if (!c) return { sum: 0, days: 0 };
    const cached = c.series?.get(metricId);
    if (cached) {
      for (let i = from ? lowerBound(cached, from) : 0; i < cached.length; i++) {
        const p = cached[i] as DailyPoint;
        if (p.date > to) break;
        if (p.value === null || exclude?.(p.date)) continue;
        total += p.value;
        days++;
      }
      return { sum: total, days };
    }
    const rows = sortRows(c);
    let i = from ? lowerBound(rows, from) : 0;
    while (i < rows.length) {
      const date = (rows[i] as Fact).date;
      if (date > to) break;
      // Rows of one date: the last one carrying the metric wins, as in the series.
      let v: number | undefined;
      do {
        const x = (rows[i] as Fact).values[metricId];
        if (x !== undefined) v = x;
        i++;
      } while (i < rows.length && (rows[i] as Fact).date === date);
      if (v === undefined || exclude?.(date)) continue;
      total += v;
      days++;
    }
    return { sum: total, days };
  };
  /**
   * The day values of one cell in a window: per date held (in order), each metric's value (the last
   * row of the date carrying it) and whether there is one. A capture refreshes only its dates, and
   * the window sums are folded again from these, each metric by date as `sum` adds them (so the same sums).
   */
  type DayGrid = { dates: string[]; vals: Float64Array; has: Uint8Array };
  const gridOf = (c: Cell, metricIds: readonly string[], from: string, to: string): DayGrid => {
    const rows = sortRows(c);
    const n = metricIds.length;
    const lo = from ? lowerBound(rows, from) : 0;
    const hi = upperBound(rows, to);
    const dates: string[] = [];
    for (let i = lo; i < hi; i++) {
      const d = (rows[i] as Fact).date;
      if (dates[dates.length - 1] !== d) dates.push(d);
    }
    const g: DayGrid = { dates, vals: new Float64Array(dates.length * n), has: new Uint8Array(dates.length * n) };
    for (let j = 0, i = lo; j < dates.length; j++) i = fillDay(g, j, rows, i, metricIds);
    return g;
  };
  /** Day `j` of a grid from the rows of its date starting at `i`; returns the index after them. */
  const fillDay = (g: DayGrid, j: number, rows: readonly Fact[], i: number, metricIds: readonly string[]): number => {
    const n = metricIds.length;
    const date = g.dates[j] as string;
    g.has.fill(0, j * n, (j + 1) * n);
    for (; i < rows.length && (rows[i] as Fact).date === date; i++) {
      const values = (rows[i] as Fact).values;
      for (let k = 0; k < n; k++) {
        const x = values[metricIds[k] as string];
        if (x === undefined) continue;
        g.vals[j * n + k] = x;
        g.has[j * n + k] = 1;
      }
    }
    return i;
  };
  const foldGrid = (g: DayGrid, n: number) => {
    const out = new Array<{ sum: number; days: number }>(n);
    for (let k = 0; k < n; k++) {
      let total = 0;
      let days = 0;
      for (let j = 0; j < g.dates.length; j++) {
        if (!g.has[j * n + k]) continue;
        total += g.vals[j * n + k] as number;
        days++;
      }
      out[k] = { sum: total, days };
    }
    return out;
  };
  type WindowSums = {
    metricIds: readonly string[];
    from: string;
    to: string;
    grids: Map<string, DayGrid>;
    map: Map<string, readonly { sum: number; days: number }[]>;
    /** Cell → dates changed since the map was made. */
    dirty: Map<string, Set<string>>;
  };
  const sumsMemo = new Map<string, Map<string, WindowSums>>();
  const sums = (kind: EntityKind, metricIds: readonly string[], from: string, to: string) => {
    let byKey = sumsMemo.get(kind);
    if (!byKey) {
      byKey = new Map();
      sumsMemo.set(kind, byKey);
    }
    const key = `${metricIds.join(',')}|${from}|${to}`;
    let w = byKey.get(key);
    if (!w) {
      const grids = new Map<string, DayGrid>();
      const map = new Map<string, readonly { sum: number; days: number }[]>();
      for (const [id, c] of cells.get(kind) ?? []) {
        const g = gridOf(c, metricIds, from, to);
        grids.set(id, g);
        map.set(id, foldGrid(g, metricIds.length));
      }
      w = { metricIds: metricIds.slice(), from, to, grids, map, dirty: new Map() };
      byKey.set(key, w);
    } else if (w.dirty.size) {
      // A new map (callers may key caches on it), with the changed cells folded again.
      const map = new Map(w.map);
      const byId = cells.get(kind);
      for (const [id, dates] of w.dirty) {
        const c = byId?.get(id);
        if (!c) continue;
        let g = w.grids.get(id);
        const rows = sortRows(c);
        for (const d of dates) {
          const j = g ? g.dates.indexOf(d) : -1;
          if (!g || j < 0) {
            g = gridOf(c, w.metricIds, from, to);
            w.grids.set(id, g);
            break;
          }
          fillDay(g, j, rows, lowerBound(rows, d), w.metricIds);
        }
        if (g) map.set(id, foldGrid(g, w.metricIds.length));
      }
      w.dirty.clear();
      w.map = map;
    }
    return w.map;
  };
  const firstDate = (kind: EntityKind, id: string, metricId: string): string | null => {
    const c = cell(kind, id);
    if (!c) return null;
    for (const r of sortRows(c)) if (r.values[metricId] !== undefined) return r.date;
    return null;
  };
  const has = (c: Cell, metricId: string) => c.snapshots.has(metricId) || c.rows.some((r) => r.values[metricId] !== undefined);
  const hasCache = new Map<string, boolean>();
  /** Per kind ('' = bare shop metrics), the metrics whose cached answer is false. */
  const missingOf = new Map<string, Set<string>>();
  const splitRef = (ref: string): [string, string] => {
    const dot = ref.indexOf('.');
    return dot < 0 ? ['', ref] : [ref.slice(0, dot), ref.slice(dot + 1)];
  };
  const forgetHas = (ref: string): boolean => {
    if (hasCache.get(ref) === false) {
      const [k, m] = splitRef(ref);
      missingOf.get(k)?.delete(m);
    }
    return hasCache.delete(ref);
  };
  const hasMetric = (ref: string): boolean => {
    let v = hasCache.get(ref);
    if (v === undefined) {
      const dot = ref.indexOf('.');
      if (dot < 0) {
        const c = cell('shop', shopId);
        v = c ? c.rows.some((r) => r.values[ref] !== undefined) : false;
      } else {
        const metricId = ref.slice(dot + 1);
        v = false;
        for (const c of cells.get(ref.slice(0, dot))?.values() ?? []) {
          if (has(c, metricId)) {
            v = true;
            break;
          }
        }
      }
      hasCache.set(ref, v);
      if (!v) {
        const [k, m] = splitRef(ref);
        let set = missingOf.get(k);
        if (!set) {
          set = new Set();
          missingOf.set(k, set);
        }
        set.add(m);
      }
    }
    return v;
  };
  const listCache = new Map<string, EntityRef[]>();
  const entities = (kind: EntityKind, opts?: { scoped?: boolean }): EntityRef[] => {
    const ck = opts?.scoped ? `${kind}|s` : kind;
    let list = listCache.get(ck);
    if (!list) {
      list = [];
      const byId = cells.get(kind) ?? new Map<string, Cell>();
      for (const [id, c] of byId) {
        const bar = id.indexOf('|');
        // A scoped view (a source of one item) hides behind the entity itself unless asked for.
        if (bar >= 0 && !opts?.scoped && byId.has(id.slice(0, bar))) continue;
        list.push({
          kind,
          id,
          ...(c.name ? { name: c.name } : {}),
          ...(c.itemId ? { itemId: c.itemId } : {}),
          ...(bar >= 0 ? { scope: id.slice(bar + 1) } : {}),
        });
      }
      list.sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const e of list) Object.freeze(e);
      listCache.set(ck, list);
    }
    return list.slice();
  };

  const ctx: RuleContext = {
    shopId,
    asOf,
    profile,
    shopSeries: (metricId) => series('shop', shopId, metricId),
    hasMetric,
    entities,
    series,
    range,
    sum,
    firstDate,
    sums,
    snapshot: (kind, id, metricId) => cell(kind, id)?.snapshots.get(metricId) ?? null,
  };

  /** Insert or replace (same fact id) at the database position (date, then id). */
  const upsert = (list: Fact[], f: Fact): Fact | undefined => {
    for (let i = lowerBound(list, f.date); i < list.length && (list[i] as Fact).date === f.date; i++) {
      if ((list[i] as Fact).id === f.id) {
        const old = list[i];
        list[i] = f;
        return old;
      }
    }
    let i = lowerBound(list, f.date);
    while (i < list.length && before(list[i] as Fact, f)) i++;
    list.splice(i, 0, f);
    return undefined;
  };

  const apply = (incoming: readonly Fact[]): ContextChanges | null => {
    const ch = emptyChanges();
    /** Day rows written, per kind and cell: their dates. */
    const touched = new Map<string, Map<string, Set<string>>>();
    let dayKind = '';
    let dayMap: Map<string, Set<string>> | undefined;
    const dayChange = (kind: string, metric: string, date: string) => {
      let byMetric = kind === dayKind ? dayMap : ch.days.get(kind);
      if (!byMetric) {
        byMetric = new Map();
        ch.days.set(kind, byMetric);
      }
      dayKind = kind;
      dayMap = byMetric;
      let dates = byMetric.get(metric);
      if (!dates) {
        dates = new Set();
        byMetric.set(metric, dates);
      }
      dates.add(date);
    };
    const snapChange = (kind: string, metric: string) => {
      let s = ch.snapshots.get(kind);
      if (!s) {
        s = new Set();
        ch.snapshots.set(kind, s);
      }
      s.add(metric);
    };
    // A new latest closed day changes every rule's "today": the caller rebuilds.
    for (const f of incoming) {
      if (f.shopId === shopId && f.grain === 'day' && f.date > asOf && inDefaultView(f, attr) && isShopDay(f, keyOf(f))) return null;
    }
    for (const f of incoming) {
      if (f.shopId !== shopId || (f.grain !== 'day' && f.grain !== 'snapshot') || !inDefaultView(f, attr)) continue;
      const kind = f.entityKind;
      const key = keyOf(f);
      const c = cellOf(kind, key, () => ch.lists.add(kind));
      ch.entities.add(`${kind}|${key}`);
      if (f.entityName && c.name !== f.entityName) {
        c.name = f.entityName;
        ch.lists.add(kind);
      }
      if (kind === 'sku' && f.dims.itemId && c.itemId !== f.dims.itemId) {
        c.itemId = f.dims.itemId;
        ch.lists.add(kind);
      }
      // A metric that was missing makes hasMetric() true from now on: `kind.metric` for any
      // fact of the kind, the bare metric for the shop's own day rows.
      // Only answers cached as false can turn (no string is built for the others).
      const missing = missingOf.get(kind);
      const shopDay = kind === 'shop' && key === shopId && f.grain === 'day';
      if (missing?.size || (shopDay && missingOf.get('')?.size)) {
        for (const m in f.values) {
          const refs = shopDay ? [`${kind}.${m}`, m] : [`${kind}.${m}`];
          for (const ref of refs) {
            if (hasCache.get(ref) !== false) continue;
            forgetHas(ref);
            ch.has.add(ref);
          }
        }
      }
      if (f.grain === 'snapshot') {
        c.snapFacts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        const old = upsert(c.snapFacts, f);
        if (!old) held++;
        for (const m in f.values) snapChange(kind, m);
        for (const m in old?.values ?? {}) {
          snapChange(kind, m);
          if (f.values[m] === undefined && forgetHas(`${kind}.${m}`)) ch.has.add(`${kind}.${m}`);
        }
        // Latest per metric, recomputed in arrival order as the build does.
        c.snapshots = new Map();
        for (const s of c.snapFacts) {
          for (const k in s.values) {
            const prev = c.snapshots.get(k);
            if (!prev || prev.date <= s.date) c.snapshots.set(k, { date: s.date, value: s.values[k] as number });
          }
        }
        continue;
      }
      sortRows(c);
      const old = upsert(c.rows, f);
      let byCell = touched.get(kind);
      if (!byCell) {
        byCell = new Map();
        touched.set(kind, byCell);
      }
      let tDates = byCell.get(key);
      if (!tDates) {
        tDates = new Set();
        byCell.set(key, tDates);
      }
      tDates.add(f.date);
      if (!old) held++;
      const ov = old?.values;
      for (const m in f.values) if (ov?.[m] !== f.values[m]) dayChange(kind, m, f.date);
      if (ov) {
        for (const m in ov) {
          if (f.values[m] !== undefined || ov[m] === undefined) continue;
          dayChange(kind, m, f.date);
          // A stored fact never loses a metric (mergeFact keeps both sides); if one did, forget the answers.
          for (const ref of [`${kind}.${m}`, m]) if (forgetHas(ref)) ch.has.add(ref);
        }
      }
      c.series = null;
    }
    for (const k of ch.lists) {
      listCache.delete(k);
      listCache.delete(`${k}|s`);
      sumsMemo.delete(k);
    }
    // Window sums of a kind survive: the cells and dates a capture changed inside a window are
    // marked, and refreshed when the window is next read.
    for (const [k, byCell] of touched) {
      const byKey = sumsMemo.get(k);
      if (!byKey) continue;
      for (const w of byKey.values()) {
        for (const [id, dates] of byCell) {
          for (const d of dates) {
            if (d < w.from || d > w.to) continue;
            let set = w.dirty.get(id);
            if (!set) {
              set = new Set();
              w.dirty.set(id, set);
            }
            set.add(d);
          }
        }
      }
    }
    return ch;
  };

  return { ctx, apply, size: () => held };
}
