import { addDays } from '../capture/business-date';
import { buildContext } from '../rules/context';
import { forecastShop } from '../rules/shared/da-forecast';
import type { RuleContext, ShopProfile } from '../rules/types';
import type { EntityKind, Fact } from '../schema/fact';
import type { OpsRadarDB } from './database';

const IDX = '[shopId+entityKind+entityId+date]';

export type DayMaps = (metricId: string) => Map<string, number> | undefined;

function mapsOf(ctx: RuleContext | null, kind: EntityKind, id: string): DayMaps {
  const cache = new Map<string, Map<string, number>>();
  return (metricId) => {
    if (!ctx) return undefined;
    let m = cache.get(metricId);
    if (!m) {
      m = new Map();
      for (const p of ctx.series(kind, id, metricId)) if (p.value !== null) m.set(p.date, p.value);
      cache.set(metricId, m);
    }
    return m.size ? m : undefined;
  };
}

/** The latest closed day with shop-level data. */
export async function shopAsOf(db: OpsRadarDB, shopId: string): Promise<string | null> {
  const rows = await db.facts.where(IDX).between([shopId, 'shop', shopId, ''], [shopId, 'shop', shopId, '\uffff']).reverse().limit(50).toArray();
  return rows.find((f) => f.grain === 'day')?.date ?? null;
}

export interface ShopDays {
  asOf: string;
  get: DayMaps;
  /** 30-day payment-amount forecast after asOf (Holt-Winters, 大促 masked), when there is enough history. */
  forecast: { x: string; mean: number; lo: number; hi: number }[];
  /** Metric ids with any shop-level value in the window. */
  metrics: Set<string>;
}

/**
 * Shop-level daily values (default view: all devices, the profile's attribution window) for the
 * `days` before asOf, plus the same window a year earlier for 同比.
 */
export async function shopDays(db: OpsRadarDB, shopId: string, days: number, profile?: ShopProfile): Promise<ShopDays | null> {
  const asOf = await shopAsOf(db, shopId);
  if (!asOf) return null;
  const from = addDays(asOf, -(days + 370));
  const facts = await db.facts.where(IDX).between([shopId, 'shop', shopId, from], [shopId, 'shop', shopId, asOf], true, true).toArray();
  const ctx = buildContext(shopId, facts, profile);
  const metrics = new Set<string>();
  for (const f of facts) for (const k of Object.keys(f.values)) metrics.add(k);
  const fc = ctx ? forecastShop(ctx, 30) : null;
  const forecast =
    fc && fc.status !== 'insufficient'
      ? fc.points.flatMap((p) => (p.mean === null || p.lo80 === null || p.hi80 === null ? [] : [{ x: p.date, mean: p.mean, lo: p.lo80, hi: p.hi80 }]))
      : [];
  return { asOf, get: mapsOf(ctx, 'shop', shopId), metrics, forecast };
}

export interface EntityRow {
  id: string;
  name?: string;
  values: Record<string, number | null>;
}

/** Entities of a kind with their values over a window, ranked by one metric (sum, or mean for rates). */
export async function entityTable(
  db: OpsRadarDB,
  shopId: string,
  kind: EntityKind,
  period: { from: string; to: string },
  metrics: string[],
  rankBy: string,
  rates: Set<string>,
  profile?: ShopProfile,
  limit = 50,
): Promise<EntityRow[]> {
  const facts = (await db.facts.where('[shopId+date]').between([shopId, period.from], [shopId, period.to], true, true).toArray()).filter(
    (f) => f.entityKind === kind,
  );
  const ctx = buildContext(shopId, withShopAnchor(shopId, facts, period.to), profile);
  if (!ctx) return [];
  const rows: EntityRow[] = ctx.entities(kind).map((e) => {
    const values: Record<string, number | null> = {};
    for (const m of new Set([...metrics, rankBy])) {
      const s = ctx.series(kind, e.id, m).filter((p) => p.value !== null && p.date >= period.from && p.date <= period.to);
      if (!s.length) values[m] = null;
      else {
        const total = s.reduce((a, p) => a + (p.value ?? 0), 0);
        values[m] = rates.has(m) ? total / s.length : total;
      }
    }
    return { id: e.id, ...(e.name ? { name: e.name } : {}), values };
  });
  return rows.sort((a, b) => (b.values[rankBy] ?? Number.NEGATIVE_INFINITY) - (a.values[rankBy] ?? Number.NEGATIVE_INFINITY)).slice(0, limit);
}

/** One entity's whole captured history (for the drill-down chart). */
export async function entityDays(db: OpsRadarDB, shopId: string, kind: EntityKind, id: string, profile?: ShopProfile): Promise<DayMaps> {
  const facts = await db.facts.where(IDX).between([shopId, kind, id, ''], [shopId, kind, id, '\uffff']).toArray();
  const last = facts.reduce((a, f) => (f.date > a ? f.date : a), '');
  return mapsOf(buildContext(shopId, withShopAnchor(shopId, facts, last), profile), kind, id);
}

/** buildContext needs a shop-level day to know "asOf"; entity-only slices get a neutral anchor. */
function withShopAnchor(shopId: string, facts: Fact[], date: string): Fact[] {
  if (!date) return facts;
  const anchor: Fact = {
    id: '_anchor',
    shopId,
    entityKind: 'shop',
    entityId: shopId,
    grain: 'day',
    date,
    dims: {},
    values: {},
    source: { adapter: '_', route: '_' },
    capturedAt: 0,
    updatedAt: 0,
  };
  return [...facts, anchor];
}
