/**
 * Compact storage form of a fact (Dexie schema version 3), encoded and decoded in ONE place: the
 * DBCore middleware `factCodec` below, installed by OpsRadarDB. Every reader and writer keeps
 * seeing the in-memory `Fact`; only the `facts` object store holds the compact row.
 *
 * Stored row (keys and index fields unchanged, so both compound indexes and every query work):
 *   id, shopId, entityKind, entityId, date — as before
 *   n  entityName (when present)
 *   k  metric keys "a,b,c" of values, then ";x,y" for crc when the fact has a crc object
 *   v  the values then the crc values, each a scaled integer (see encodeNum) or a string
 *   r  ranges, as they were
 *   s  [adapter, route] or [adapter, route, pageUrl]; i = imported flag when present
 *   c  capturedAt; u = updatedAt − capturedAt
 *   g, d  grain and dims, only when they cannot be read back from the id (non-canonical ids)
 *
 * Lossless: a fact is encoded only when decode(encode(f)) reproduces it (checked per field at
 * encode time); anything else (unknown keys, odd metric ids) is stored as it is, and a row
 * without `v` is read back as it is (v1/v2 rows, rows written by raw IndexedDB).
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { Fact } from '../schema/fact';

type Row = Record<string, unknown>;

const FACT_KEYS = new Set([
  'id',
  'shopId',
  'entityKind',
  'entityId',
  'entityName',
  'grain',
  'date',
  'dims',
  'values',
  'ranges',
  'crc',
  'source',
  'capturedAt',
  'updatedAt',
]);
const SOURCE_KEYS = new Set(['adapter', 'route', 'pageUrl', 'imported']);
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * A number as a small integer when it is a decimal of at most 6 places: sign · (m·8 + places),
 * so 8286.2 → 662897 (a V8 small integer, 2–4 bytes serialised) instead of an 8-byte double.
 * Anything else (more places, -0, huge, NaN) as its exact string form.
 */
export function encodeNum(x: number): number | string {
  if (Number.isFinite(x) && !Object.is(x, -0)) {
    const a = Math.abs(x);
    for (let p = 0; p < POW10.length; p++) {
      const m = Math.round(a * (POW10[p] as number));
      if (m > 0x7ffffff) break;
      const e = m * 8 + p;
      if (decodeNum(x < 0 ? -e : e) === x) return x < 0 ? -e : e;
    }
  }
  return Object.is(x, -0) ? '-0' : String(x);
}

export function decodeNum(e: number | string): number {
  if (typeof e === 'string') return Number(e);
  const a = e < 0 ? -e : e;
  const p = a & 7;
  const v = p === 0 ? a / 8 : (a - p) / 8 / (POW10[p] as number);
  return e < 0 ? -v : v;
}

function isNumRecord(o: unknown): o is Record<string, number> {
  if (!o || typeof o !== 'object' || Array.isArray(o) || Object.getPrototypeOf(o) !== Object.prototype) return false;
  for (const [k, v] of Object.entries(o)) if (typeof v !== 'number' || k === '' || k.includes(',') || k.includes(';')) return false;
  return true;
}

/** Parsed dims per dims key: one shared frozen object per distinct key (adapters share them too). */
const dimsCache = new Map<string, Readonly<Record<string, string>>>();
function parseDims(key: string): Record<string, string> {
  let d = dimsCache.get(key);
  if (!d) {
    const o: Record<string, string> = {};
    if (key)
      for (const part of key.split('&')) {
        const i = part.indexOf('=');
        o[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1);
      }
    d = Object.freeze(o);
    if (dimsCache.size > 5000) dimsCache.clear();
    dimsCache.set(key, d);
  }
  return d as Record<string, string>;
}

/** grain and dims read back from a canonical id (factId), or null. */
function fromId(row: {
  id: string;
  shopId: string;
  entityKind: string;
  entityId: string;
  date: string;
}): { grain: string; dims: Record<string, string> } | null {
  const prefix = `${row.shopId}|${row.entityKind}|${row.entityId}|`;
  if (!row.id.startsWith(prefix)) return null;
  const rest = row.id.slice(prefix.length);
  const bar = rest.indexOf('|');
  if (bar < 0) return null;
  const after = rest.slice(bar + 1);
  if (!after.startsWith(`${row.date}|`)) return null;
  return { grain: rest.slice(0, bar), dims: parseDims(after.slice(row.date.length + 1)) };
}

const sameDims = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/** The stored form of a fact (or the fact itself when it cannot be encoded losslessly). */
export function encodeFact(f: Fact): Row {
  const x = f as unknown as Row;
  if (!x || typeof x !== 'object' || 'v' in x) return x;
  for (const k of Object.keys(x)) if (!FACT_KEYS.has(k)) return x;
  if (
    typeof f.id !== 'string' ||
    typeof f.shopId !== 'string' ||
    typeof f.entityKind !== 'string' ||
    typeof f.entityId !== 'string' ||
    typeof f.date !== 'string' ||
    typeof f.grain !== 'string' ||
    !f.dims ||
    typeof f.dims !== 'object' ||
    Object.values(f.dims).some((d) => typeof d !== 'string') ||
    !isNumRecord(f.values) ||
    (f.crc !== undefined && !isNumRecord(f.crc)) ||
    (f.entityName !== undefined && typeof f.entityName !== 'string') ||
    typeof f.capturedAt !== 'number' ||
    typeof f.updatedAt !== 'number'
  )
    return x;
  const src = f.source as unknown as Row;
  if (!src || typeof src !== 'object' || typeof src.adapter !== 'string' || typeof src.route !== 'string') return x;
  for (const k of Object.keys(src)) if (!SOURCE_KEYS.has(k)) return x;
  if (src.pageUrl !== undefined && typeof src.pageUrl !== 'string') return x;
  if (src.imported !== undefined && typeof src.imported !== 'boolean') return x;
  const u = f.updatedAt - f.capturedAt;
  if (f.capturedAt + u !== f.updatedAt) return x;

  const vk = Object.keys(f.values);
  const ck = f.crc ? Object.keys(f.crc) : null;
  const v: (number | string)[] = [];
  for (const k of vk) v.push(encodeNum(f.values[k] as number));
  if (ck) for (const k of ck) v.push(encodeNum((f.crc as Record<string, number>)[k] as number));
  const row: Row = { id: f.id, shopId: f.shopId, entityKind: f.entityKind, entityId: f.entityId, date: f.date };
  if (f.entityName !== undefined) row.n = f.entityName;
  row.k = ck ? `${vk.join(',')};${ck.join(',')}` : vk.join(',');
  row.v = v;
  if (f.ranges !== undefined) row.r = f.ranges;
  row.s = src.pageUrl !== undefined ? [src.adapter, src.route, src.pageUrl] : [src.adapter, src.route];
  if (src.imported !== undefined) row.i = src.imported;
  row.c = f.capturedAt;
  row.u = u;
  const derived = fromId(f);
  if (!derived || derived.grain !== f.grain || !sameDims(derived.dims, f.dims)) {
    row.g = f.grain;
    row.d = f.dims;
  }
  return row;
}

/** Metric key lists per `k` string. */
const keyCache = new Map<string, { vk: string[]; ck: string[] | null }>();
function keysOf(k: string): { vk: string[]; ck: string[] | null } {
  let e = keyCache.get(k);
  if (!e) {
    const semi = k.indexOf(';');
    const split = (s: string) => (s ? s.split(',') : []);
    e = semi < 0 ? { vk: split(k), ck: null } : { vk: split(k.slice(0, semi)), ck: split(k.slice(semi + 1)) };
    if (keyCache.size > 5000) keyCache.clear();
    keyCache.set(k, e);
  }
  return e;
}

/** The fact a stored row stands for (rows not in the compact form are returned as they are). */
export function decodeFact(row: unknown): Fact {
  const r = row as Row;
  if (!r || typeof r !== 'object' || !Array.isArray(r.v) || 'values' in r) return row as Fact;
  const { vk, ck } = keysOf(r.k as string);
  const v = r.v as (number | string)[];
  const values: Record<string, number> = {};
  for (let i = 0; i < vk.length; i++) values[vk[i] as string] = decodeNum(v[i] as number | string);
  const s = r.s as string[];
  const source: Fact['source'] = { adapter: s[0] as string, route: s[1] as string };
  if (s.length > 2) source.pageUrl = s[2] as string;
  if (r.i !== undefined) source.imported = r.i as boolean;
  let grain = r.g as Fact['grain'] | undefined;
  let dims = r.d as Record<string, string> | undefined;
  if (grain === undefined || dims === undefined) {
    const d = fromId(r as { id: string; shopId: string; entityKind: string; entityId: string; date: string });
    grain = d?.grain as Fact['grain'];
    dims = d?.dims ?? {};
  }
  const f: Fact = {
    id: r.id as string,
    shopId: r.shopId as string,
    entityKind: r.entityKind as Fact['entityKind'],
    entityId: r.entityId as string,
    grain,
    date: r.date as string,
    dims,
    values,
    source,
    capturedAt: r.c as number,
    updatedAt: (r.c as number) + (r.u as number),
  };
  if (r.n !== undefined) f.entityName = r.n as string;
  if (ck) {
    const crc: Record<string, number> = {};
    for (let i = 0; i < ck.length; i++) crc[ck[i] as string] = decodeNum(v[vk.length + i] as number | string);
    f.crc = crc;
  }
  if (r.r !== undefined) f.ranges = r.r as Fact['ranges'];
  return f;
}

function codecTable(t: DBCoreTable): DBCoreTable {
  return {
    ...t,
    mutate(req) {
      if (req.type === 'add' || req.type === 'put') return t.mutate({ ...req, values: req.values.map((x) => encodeFact(x as Fact)) });
      return t.mutate(req);
    },
    get(req) {
      return t.get(req).then((x) => (x === undefined ? x : decodeFact(x)));
    },
    getMany(req) {
      return t.getMany(req).then((xs) => xs.map((x) => (x === undefined ? x : decodeFact(x))));
    },
    query(req) {
      return t.query(req).then((res) => (req.values ? { ...res, result: res.result.map(decodeFact) } : res));
    },
    openCursor(req) {
      return t.openCursor(req).then((cursor) => {
        if (!cursor || !req.values) return cursor;
        let raw: unknown;
        let dec: unknown;
        return Object.create(cursor, {
          value: {
            get() {
              const now = cursor.value;
              if (now !== raw) {
                raw = now;
                dec = decodeFact(now);
              }
              return dec;
            },
          },
        });
      });
    },
  };
}

/** Dexie middleware: the `facts` store holds compact rows, everything above it sees facts. */
export const factCodec: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'factCodec',
  create(down) {
    return {
      ...down,
      table(name) {
        const t = down.table(name);
        return name === 'facts' ? codecTable(t) : t;
      },
    };
  },
};
