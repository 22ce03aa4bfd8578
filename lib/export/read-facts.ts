import type { OpsRadarDB } from '../db/database';
import type { EntityKind, Fact, Grain } from '../schema/fact';
import type { Area, Finding } from '../schema/finding';
import { AREA_DEFS } from '../ui/areas';

/** What to export: shops (all stored shops when empty), business-date range, area, grain. */
export interface ExportFilter {
  shopIds: string[];
  /** Inclusive YYYY-MM-DD; open when missing. */
  from?: string;
  to?: string;
  area?: Area | null;
  grain?: Grain | null;
  /** Only this entity kind (wide CSV of one kind). */
  kind?: EntityKind | null;
}

/**
 * Kinds that belong to an area beyond its drill-down tables: ad groups, audiences and creatives
 * are 推广 data; the console's 同行 benchmark is what 数据分析 compares the shop with.
 */
const EXTRA_KINDS: Partial<Record<Area, EntityKind[]>> = {
  ADS: ['adgroup', 'crowd', 'creative'],
  DA: ['peer'],
};

export interface AreaScope {
  kinds: Set<EntityKind>;
  /** Metrics kept on shop-level (and peer) facts: the area's KPIs and what they are built from. */
  shopMetrics: Set<string>;
}

/**
 * An area of the side panel (lib/ui/areas.ts AREA_DEFS) as export scope: the shop facts restricted
 * to the area's KPI metrics (with the parts of ratios and sums), plus every metric of the entity
 * kinds the area drills into.
 */
export function areaScope(area: Area): AreaScope {
  const def = AREA_DEFS[area];
  const shopMetrics = new Set<string>();
  for (const k of def.kpis) {
    shopMetrics.add(k.id);
    if (k.agg.kind === 'ratio') {
      shopMetrics.add(k.agg.num);
      shopMetrics.add(k.agg.den);
    }
    if (k.agg.kind === 'sumOf') for (const p of k.agg.parts) shopMetrics.add(p);
  }
  const kinds = new Set<EntityKind>(['shop', ...def.drill.map((d) => d.kind), ...(EXTRA_KINDS[area] ?? [])]);
  return { kinds, shopMetrics };
}

function pick<T>(rec: Record<string, T> | undefined, keep: Set<string>): Record<string, T> {
  const out: Record<string, T> = {};
  if (rec) for (const k in rec) if (keep.has(k)) out[k] = rec[k] as T;
  return out;
}

/** The filter as a function: the fact (possibly narrowed to the area's metrics) or null. */
export function factFilter(filter: ExportFilter): (f: Fact) => Fact | null {
  const scope = filter.area ? areaScope(filter.area) : null;
  return (f) => {
    if (filter.grain && f.grain !== filter.grain) return null;
    if (filter.kind && f.entityKind !== filter.kind) return null;
    if (!scope) return f;
    if (!scope.kinds.has(f.entityKind)) return null;
    if (f.entityKind !== 'shop' && f.entityKind !== 'peer') return f;
    const values = pick(f.values, scope.shopMetrics);
    const ranges = pick(f.ranges, scope.shopMetrics);
    if (!Object.keys(values).length && !Object.keys(ranges).length) return null;
    const narrowed: Fact = { ...f, values };
    if (f.ranges) narrowed.ranges = ranges;
    return narrowed;
  };
}

const LOW = '0000-00-00';
const HIGH = '9999-99-99';

async function shopIdsOf(db: OpsRadarDB, filter: ExportFilter): Promise<string[]> {
  return filter.shopIds.length ? filter.shopIds : ((await db.shops.toCollection().primaryKeys()) as string[]);
}

/** Facts stored for the shops and dates (before grain / area narrowing): the progress total. */
export async function countFacts(db: OpsRadarDB, filter: ExportFilter): Promise<number> {
  let n = 0;
  for (const s of await shopIdsOf(db, filter))
    n += await db.facts
      .where('[shopId+date]')
      .between([s, filter.from ?? LOW], [s, filter.to ?? HIGH], true, true)
      .count();
  return n;
}

export interface Chunk {
  facts: Fact[];
  /** Facts read from the database so far (before narrowing), for the progress bar. */
  read: number;
}

/**
 * Facts of the filter in chunks of about `size`, read through the `[shopId+date]` index one
 * business date at a time (offset / limit within a date), so that only one chunk is in memory.
 */
export async function* factChunks(db: OpsRadarDB, filter: ExportFilter, size = 2000): AsyncGenerator<Chunk> {
  const keep = factFilter(filter);
  let read = 0;
  let buf: Fact[] = [];
  for (const s of await shopIdsOf(db, filter)) {
    const keys = (await db.facts
      .where('[shopId+date]')
      .between([s, filter.from ?? LOW], [s, filter.to ?? HIGH], true, true)
      .uniqueKeys()) as unknown as [string, string][];
    for (const [, date] of keys) {
      for (let offset = 0; ; offset += size) {
        const page = await db.facts.where('[shopId+date]').equals([s, date]).offset(offset).limit(size).toArray();
        read += page.length;
        for (const f of page) {
          const k = keep(f);
          if (k) buf.push(k);
        }
        if (buf.length >= size) {
          yield { facts: buf, read };
          buf = [];
        }
        if (page.length < size) break;
      }
    }
  }
  if (buf.length) yield { facts: buf, read };
}

/** Fired findings of the shops whose period overlaps the date range (the 诊断 sheet). */
export async function findingsFor(db: OpsRadarDB, filter: ExportFilter): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const s of await shopIdsOf(db, filter)) {
    const list = await db.findings.where('shopId').equals(s).toArray();
    for (const f of list) {
      if (f.status !== 'fired') continue;
      if (filter.area && f.area !== filter.area) continue;
      if (filter.from && f.period.to < filter.from) continue;
      if (filter.to && f.period.from > filter.to) continue;
      out.push(f);
    }
  }
  const rank = { P0: 0, P1: 1, P2: 2, P3: 3 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.area.localeCompare(b.area) || a.id.localeCompare(b.id));
}

/** shop id → title, for the shop_name column. */
export async function shopNames(db: OpsRadarDB): Promise<Map<string, string>> {
  return new Map((await db.shops.toArray()).map((s) => [s.id, s.title]));
}
