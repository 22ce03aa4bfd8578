/**
 * DA test helpers: facts of a sandbox shop built from the generator world in the shapes the
 * adapters store (sycm-home → shop + peer, sycm-flow source tree at device 0 → source,
 * sycm-item 商品排行 → item), and small synthetic contexts with traffic sources.
 */
import { addDays } from '@/lib/capture/business-date';
import { metricForSource } from '@/lib/metrics';
import { buildContext, DEFAULT_PROFILE } from '@/lib/rules/context';
import type { RuleContext, ShopProfile } from '@/lib/rules/types';
import { type EntityKind, type Fact, factId } from '@/lib/schema/fact';
import { createWorld, type World } from '../sandbox/generator/index.ts';

export function mkFact(
  shopId: string,
  entityKind: EntityKind,
  entityId: string,
  date: string,
  values: Record<string, number>,
  dims: Record<string, string> = { device: '0' },
  entityName?: string,
): Fact {
  const f = {
    shopId,
    entityKind,
    entityId,
    ...(entityName ? { entityName } : {}),
    grain: 'day' as const,
    date,
    dims,
    values,
    source: { adapter: 'test', route: 'test' },
    capturedAt: 1,
    updatedAt: 1,
  };
  return { ...f, id: factId(f) };
}

/** Console codes → catalog ids, as readMetricBlock does (unknown codes dropped). */
function mapCodes(row: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, v] of Object.entries(row)) {
    const m = metricForSource('sycm', code);
    if (m) out[m.id] = v;
  }
  return out;
}

let cached: World | null = null;
export const world = (): World => {
  cached ??= createWorld();
  return cached;
};

/** The shop's closed days from..to as the adapters store them (device 0, the default view). */
export function worldFacts(shopId: string, from: string, to: string, opts: { sources?: boolean; items?: boolean; peer?: boolean } = {}): Fact[] {
  const w = world();
  const out: Fact[] = [];
  const items = new Map(w.items(shopId).map((i) => [i.itemId, i.title]));
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(mkFact(shopId, 'shop', shopId, d, mapCodes(w.shopDay(shopId, d) as unknown as Record<string, number>)));
    if (opts.peer !== false) {
      out.push(
        mkFact(shopId, 'peer', 'rivalAvg', d, mapCodes(w.peerDay(shopId, d, 'rivalAvg') as unknown as Record<string, number>), { device: '0' }, '同行平均'),
      );
    }
    if (opts.sources !== false) {
      for (const s of w.sourceDays(shopId, d)) {
        out.push(
          mkFact(
            shopId,
            'source',
            s.pageId,
            d,
            { uv: s.uv, payByrCnt: s.payByrCnt, payAmt: s.payAmt },
            { device: '0', belong: 'all', level: String(s.pageLevel), parent: s.pPageId },
            s.pageName,
          ),
        );
      }
    }
    if (opts.items !== false) {
      for (const it of w.itemDays(shopId, d)) {
        const { itemId, ...v } = it;
        out.push(mkFact(shopId, 'item', itemId, d, { ...v }, { device: '0' }, items.get(itemId)));
      }
    }
  }
  return out;
}

export function worldContext(shopId: string, from: string, to: string, profile: ShopProfile = DEFAULT_PROFILE): RuleContext {
  const ctx = buildContext(shopId, worldFacts(shopId, from, to), profile);
  if (!ctx) throw new Error('no context');
  return ctx;
}

export const SHOP_A_ID = '106033221';
export const SHOP_B_ID = '106078842';

export const DA_AS_OF = '2026-11-20'; // a Friday, after the 双11 window
const WEEKLY = [1.1, 0.95, 0.92, 0.9, 0.93, 1.0, 1.2]; // Sun..Sat

/** Leaf sources of the synthetic shop: id, parent, name, visitor share, relative conversion. */
export const SYN_SOURCES: readonly [string, string, string, number, number][] = [
  ['23.s1150', '23', '手淘搜索', 0.35, 1.1],
  ['23.s1152', '23', '手淘推荐', 0.2, 0.6],
  ['22.2', '22', '直通车', 0.15, 0.9],
  ['24.2', '24', '购物车', 0.1, 2.0],
  ['23.11', '23', '淘内免费其他', 0.2, 0.8],
];
const NORM = SYN_SOURCES.reduce((a, s) => a + s[3] * s[4], 0);
export const SYN_ITEMS: readonly [string, string, number][] = [
  ['9001', '纯棉四件套', 0.5],
  ['9002', '珊瑚绒毯', 0.3],
  ['9003', '乳胶枕', 0.2],
];

export interface DaShopOpts {
  days?: number;
  asOf?: string;
  uv?: number;
  rate?: number;
  aov?: number;
  /** Dates the effects below apply to. */
  dates?: readonly string[];
  /** Visitor factor per source id on `dates`. */
  channel?: Record<string, number>;
  /** Conversion factor per source id (or '*') on `dates`. */
  conv?: Record<string, number>;
  aovFactor?: number;
  peerFactor?: number;
  /** Daily multiplicative drift of visitors (e.g. −0.01 = −1 %/day), compounding over the history. */
  drift?: number;
  /** One buyer takes 50 units of item 9003 on `dates`. */
  bigOrder?: boolean;
  sources?: boolean;
  items?: boolean;
  peer?: boolean;
  /** Shop days to leave out entirely. */
  skip?: readonly string[];
  omit?: readonly string[];
  profile?: ShopProfile;
}

/** A shop with weekday seasonality, traffic sources, items and a peer average, all consistent. */
export function daShop(o: DaShopOpts = {}): RuleContext {
  const asOf = o.asOf ?? DA_AS_OF;
  const days = o.days ?? 70;
  const facts: Fact[] = [];
  const id = 's1';
  for (let i = days - 1; i >= 0; i--) {
    const date = addDays(asOf, -i);
    if (o.skip?.includes(date)) continue;
    const hit = o.dates?.includes(date) ?? false;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    const wobble = 1 + (((i * 7919) % 13) - 6) / 300;
    const drift = (1 + (o.drift ?? 0)) ** (days - 1 - i);
    const base = (o.uv ?? 5000) * (WEEKLY[wd] ?? 1) * wobble * drift;
    const rate = o.rate ?? 0.03;
    let uv = 0;
    let buyers = 0;
    const src: Fact[] = [];
    for (const [sid, parent, name, share, rel] of SYN_SOURCES) {
      const u = Math.round(base * share * (hit ? (o.channel?.[sid] ?? 1) : 1));
      const cf = hit ? (o.conv?.[sid] ?? o.conv?.['*'] ?? 1) : 1;
      const b = Math.round((u * rate * rel * cf) / NORM);
      uv += u;
      buyers += b;
      src.push(mkFact(id, 'source', sid, date, { uv: u, payByrCnt: b }, { device: '0', belong: 'all', level: '2', parent }, name));
    }
    const aov = (o.aov ?? 120) * (hit ? (o.aovFactor ?? 1) : 1);
    let payAmt = buyers * aov;
    let units = Math.round(buyers * 1.2);
    const itemFacts: Fact[] = SYN_ITEMS.map(([iid, name, share]) =>
      mkFact(
        id,
        'item',
        iid,
        date,
        {
          uv: Math.round(uv * share),
          payByrCnt: Math.round(buyers * share),
          payAmt: Math.round(payAmt * share * 100) / 100,
          payItmCnt: Math.round(units * share),
        },
        { device: '0' },
        name,
      ),
    );
    if (hit && o.bigOrder) {
      const extra = 50 * 200;
      itemFacts.push(mkFact(id, 'item', '9004', date, { uv: 3, payByrCnt: 1, payAmt: extra, payItmCnt: 50 }, { device: '0' }, '羽绒被 批发'));
      payAmt += extra;
      buyers += 1;
      units += 50;
    }
    for (const s of src) if (o.sources !== false) facts.push(s);
    for (const s of itemFacts) if (o.items !== false) facts.push(s);
    const v: Record<string, number> = { uv, payByrCnt: buyers, payAmt, payRate: buyers / uv, payPct: payAmt / buyers, payItmCnt: units, payAmtRfdRate: 0.05 };
    for (const k of o.omit ?? []) delete v[k];
    facts.push(mkFact(id, 'shop', id, date, v));
    if (o.peer !== false) {
      const pu = Math.round((base * 0.8 * (hit ? (o.peerFactor ?? 1) : 1)) / drift);
      facts.push(mkFact(id, 'peer', 'rivalAvg', date, { uv: pu, payAmt: pu * 0.028 * 110 }, { device: '0' }, '同行平均'));
    }
  }
  const ctx = buildContext(id, facts, o.profile ?? DEFAULT_PROFILE);
  if (!ctx) throw new Error('no context');
  return ctx;
}

/** The last n dates up to asOf. */
export const lastDays = (n: number, asOf = DA_AS_OF): string[] => Array.from({ length: n }, (_, k) => addDays(asOf, -k));
