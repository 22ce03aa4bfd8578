/**
 * 生意参谋 实时 — pages `https://sycm.taobao.com/portal/live.htm`, `/flow/live.htm`, `/ipoll/index.htm`
 * (实时直播 / 实时榜单 screens) and the real-time panel of `/portal/home.htm`.
 *
 * Today-so-far numbers are stored as grain `live` with date = today's business date (from the
 * request's `dateType=today&dateRange=D|D` when it agrees with the capture time, else the
 * capture's Asia/Shanghai date). The snapshot time of day is not part of the key: the newest
 * capture of the day replaces the older one. Yesterday blocks are full-day figures and are
 * stored as closed days (grain `day`, date = today − 1).
 *
 * Routes (console-sources §5.2, all [M]; matched by pattern):
 * - overview `/portal/live/new/index/overview/v3.json?dateType=today` (also unversioned) →
 *   portal envelope, `content.data.data = { today: { payAmt: {value,cycleCrc}, uv, pv, payByrCnt,
 *   payOrdCnt, payRate, … }, yestday: { … } }` (key spelled `yestday`)
 * - yesterday-trade `/ipoll/live/yesterday/getYesterdayTrade.json` → `data.data = { payAmt, payOrdCnt,
 *   payByrCnt }` bare scalars; payAmt is in 分 (fen) on this endpoint (2026 public normaliser,
 *   [L]): converted to yuan
 * - yesterday-flow `/ipoll/live/yesterday/getYesterdayFlow.json` → `data.data = { uv, pv, itmUv }`
 * - item-rank `/ipoll/live/rank/item.json?device=0&index=uv|payAmt&page=1&limit=10` and
 *   cart-rank `/ipoll/live/rank/item/purchase/add.json` → `data.data.list[]` item rows
 *   (`itemId`, `title`, `uv`, `payAmt`, `payByrCnt`, `cartItmCnt`)
 * - item-hour-trend `/ipoll/live/summary/getItemHourTrend.json?device&itemId` → per-hour values of
 *   one item, today (live) and yesterday (day), the hour in `dims.hour`
 * - source-top `/flow/overview/live/shopFlowSourceTop/v4.json` → source rows like 店铺来源
 * - flow-overview `/flow/new/live/guide/trend/overview.json` → shop flow block (device default 2)
 * - item-top `/cc/item/live/view/top.json` → `data = { recordCount, data: [ { item:{itemId,title},
 *   itmUv, payAmt, … } ] }` like 商品排行 (§11.4)
 *
 * Fixtures: tests/fixtures/sycm-live/ (README says where each shape comes from).
 */
import { addDays, toBusinessDate } from '../capture/business-date';
import { isRecord, sample } from './read';
import { SYCM_HOST, type SycmPeriod, unwrapSycm } from './sycm-common';
import { done, FactSet, firstText, readRowMetrics, rowsOf, sourceNodes, unwrapValue } from './sycm-flow';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Today's business date for a real-time request, and its device (default per page family). */
export function livePeriod(ctx: Pick<RouteContext, 'url' | 'capturedAt'>, defaultDevice: '0' | '2'): SycmPeriod {
  const url = ctx.url;
  const captured = toBusinessDate(ctx.capturedAt) ?? '1970-01-01';
  const type = url.searchParams.get('dateType');
  const range = (url.searchParams.get('dateRange') ?? '').split('|');
  const asked = range[1] ?? range[0] ?? '';
  let date = captured;
  if ((type === null || type === 'today') && ISO.test(asked) && (asked === captured || asked === addDays(captured, -1) || asked === addDays(captured, 1)))
    date = asked;
  const device = url.searchParams.get('device') ?? '';
  return { grain: 'live', date, dims: { device: /^[0-2]$/.test(device) ? device : defaultDevice } };
}

const withCrc = (crc: Record<string, number>) => (Object.keys(crc).length ? { crc } : {});

/** Codes whose meaning equals a catalog metric under another code. */
const LIVE_ALIAS: Readonly<Record<string, string>> = { cartItmCnt: 'cartItemCnt', payItemQty: 'payItmCnt', payOrderCnt: 'payOrdCnt' };
/** On item rows the item-prefixed codes are the item's own uv/pv/cart/favourites. */
const ITEM_ALIAS: Readonly<Record<string, string>> = {
  ...LIVE_ALIAS,
  itmUv: 'uv',
  itmPv: 'pv',
  itemCartByrCnt: 'cartByrCnt',
  itemCartCnt: 'cartItemCnt',
  itemCltByrCnt: 'cltItmCnt',
  itmStayTime: 'stayTime',
};

/** The block holding today/yesterday: `data.data` (seen) or `data`. */
function innerBlock(data: unknown): Record<string, unknown> | null {
  if (!isRecord(data)) return null;
  if (isRecord(data.data)) return data.data;
  return data;
}

function overview(data: unknown, ctx: RouteContext): RouteResult {
  const inner = innerBlock(data);
  if (!inner) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const p = livePeriod(ctx, '0');
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  const today = inner.today;
  if (isRecord(today)) {
    const { values, crc } = readRowMetrics(today, 'data.today', issues, LIVE_ALIAS);
    set.add({ entityKind: 'shop', entityId: ctx.shopId, grain: 'live', date: p.date, dims: p.dims, values, ...withCrc(crc) });
  } else if (today !== undefined) issues.push({ path: 'data.today', message: '不是对象', sample: sample(today) });
  const yest = inner.yestday ?? inner.yesterday;
  if (isRecord(yest)) {
    const { values } = readRowMetrics(yest, 'data.yestday', issues, LIVE_ALIAS);
    set.add({ entityKind: 'shop', entityId: ctx.shopId, grain: 'day', date: addDays(p.date, -1), dims: p.dims, values });
  } else if (yest !== undefined) issues.push({ path: 'data.yestday', message: '不是对象', sample: sample(yest) });
  return done(set, issues, '实时指标', data);
}

/** getYesterdayTrade / getYesterdayFlow: yesterday's full-day shop figures. */
function yesterday(data: unknown, ctx: RouteContext, scale: Readonly<Record<string, number>>): RouteResult {
  const inner = innerBlock(data);
  if (!inner) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const p = livePeriod(ctx, '0');
  const expected = addDays(p.date, -1);
  const issues: FieldIssue[] = [];
  let date = expected;
  if (inner.statDate !== undefined) {
    const d = toBusinessDate(unwrapValue(inner.statDate));
    if (d && d !== expected) {
      // Yesterday's block must describe yesterday: anything else is stored as what it says it is.
      if (d > expected) return { ok: false, issues: [{ path: 'data.statDate', message: '不是已结束的日期', sample: sample(inner.statDate) }] };
      date = d;
    }
  }
  const { values } = readRowMetrics(inner, 'data', issues, LIVE_ALIAS, scale);
  const set = new FactSet();
  set.add({ entityKind: 'shop', entityId: ctx.shopId, grain: 'day', date, dims: p.dims, values });
  return done(set, issues, '昨日指标', data);
}

const ITEM_ID_KEYS = ['itemId', 'itemID', 'id', 'auctionId'] as const;
const TITLE_KEYS = ['title', 'itemTitle', 'itemName', 'name'] as const;

/** Item rows (rank lists, item-top) → item facts of today so far. */
function itemRows(data: unknown, ctx: RouteContext, defaultDevice: '0' | '2'): RouteResult {
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是商品列表', sample: sample(data) }] };
  const p = livePeriod(ctx, defaultDevice);
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  rows.forEach((row, i) => {
    if (!isRecord(row)) return;
    const item = isRecord(row.item) ? row.item : {};
    const itemId = firstText(row, ITEM_ID_KEYS) ?? firstText(item, ITEM_ID_KEYS);
    if (!itemId || !/^\d{1,20}$/.test(itemId)) {
      issues.push({ path: `data[${i}].itemId`, message: '缺失或不是商品编号', sample: sample(itemId ?? row) });
      return;
    }
    const title = firstText(row, TITLE_KEYS) ?? firstText(item, TITLE_KEYS);
    const { values, crc } = readRowMetrics(row, `data[${i}]`, issues, ITEM_ALIAS);
    set.add({
      entityKind: 'item',
      entityId: itemId,
      ...(title ? { entityName: title } : {}),
      grain: 'live',
      date: p.date,
      dims: p.dims,
      values,
      ...withCrc(crc),
    });
  });
  return done(set, issues, '商品实时数据', data);
}

const HOUR_KEYS = ['hour', 'statHour', 'hourId', 'time'] as const;

/** An hour 0–23 from a number, "10", "10:00" or "2026-06-01 10:00". */
function readHour(v: unknown): number | null {
  const raw = unwrapValue(v);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 23) return raw;
  if (typeof raw === 'string') {
    const m = /^(?:\d{4}-\d{2}-\d{2}[ T])?(\d{1,2})(?::\d{2})?(?::\d{2})?$/.exec(raw.trim());
    const h = m ? Number(m[1]) : Number.NaN;
    if (Number.isInteger(h) && h >= 0 && h <= 23) return h;
  }
  return null;
}

function itemHourTrend(data: unknown, ctx: RouteContext): RouteResult {
  const itemId = ctx.url.searchParams.get('itemId') ?? '';
  if (!/^\d{1,20}$/.test(itemId)) return { ok: false, issues: [{ path: 'url.itemId', message: '请求里没有商品编号', sample: ctx.url.search.slice(0, 120) }] };
  const p = livePeriod(ctx, '0');
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  const put = (day: 'today' | 'yesterday', hour: number, values: Record<string, number>) =>
    set.add({
      entityKind: 'item',
      entityId: itemId,
      grain: day === 'today' ? 'live' : 'day',
      date: day === 'today' ? p.date : addDays(p.date, -1),
      dims: { ...p.dims, hour: String(hour).padStart(2, '0') },
      values,
    });
  const inner = innerBlock(data);
  const series = (block: unknown, day: 'today' | 'yesterday', path: string) => {
    if (Array.isArray(block)) {
      block.forEach((row, i) => {
        if (!isRecord(row)) return;
        let hour: number | null = null;
        for (const k of HOUR_KEYS) if (hour === null && row[k] !== undefined) hour = readHour(row[k]);
        if (hour === null) {
          issues.push({ path: `${path}[${i}].hour`, message: '小时无法识别', sample: sample(row) });
          return;
        }
        put(day, hour, readRowMetrics(row, `${path}[${i}]`, issues, ITEM_ALIAS).values);
      });
      return;
    }
    if (!isRecord(block)) return;
    // Aligned arrays: index = hour unless an hour array is given.
    const hoursArr = HOUR_KEYS.map((k) => block[k]).find(Array.isArray) as unknown[] | undefined;
    for (const [code, arr] of Object.entries(block)) {
      if (!Array.isArray(arr) || arr === hoursArr || arr.length > 24) continue;
      arr.forEach((v, i) => {
        const hour = hoursArr ? readHour(hoursArr[i]) : i;
        if (hour === null) return;
        const { values } = readRowMetrics({ [code]: v }, `${path}.${code}[${i}]`, issues, ITEM_ALIAS);
        put(day, hour, values);
      });
    }
  };
  if (Array.isArray(data)) series(data, 'today', 'data');
  else if (inner) {
    series(inner.today ?? inner.list, 'today', 'data.today');
    series(inner.yestday ?? inner.yesterday, 'yesterday', 'data.yesterday');
  } else return { ok: false, issues: [{ path: 'data', message: '不是对象或数组', sample: sample(data) }] };
  return done(set, issues, '分时数据', data);
}

function sourceTop(data: unknown, ctx: RouteContext): RouteResult {
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是来源列表', sample: sample(data) }] };
  const p = livePeriod(ctx, '2');
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  sourceNodes(rows, p, { belong: (ctx.url.searchParams.get('belong') ?? 'all').slice(0, 40) || 'all' }, set, issues, 'data');
  return done(set, issues, '实时来源', data);
}

function flowOverview(data: unknown, ctx: RouteContext): RouteResult {
  const inner = innerBlock(data);
  if (!inner) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const block = isRecord(inner.self) ? inner.self : isRecord(inner.today) ? inner.today : inner;
  const p = livePeriod(ctx, '2');
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  const { values, crc } = readRowMetrics(block, 'data', issues, LIVE_ALIAS);
  set.add({ entityKind: 'shop', entityId: ctx.shopId, grain: 'live', date: p.date, dims: p.dims, values, ...withCrc(crc) });
  return done(set, issues, '实时流量指标', data);
}

const base = 'https://sycm.taobao.com';
const D = '2026-06-10';
const t = `token=1aa656228&_=1781056800000`;
const today = `dateType=today&dateRange=${D}%7C${D}`;

export const sycmLive: Adapter = {
  id: 'sycm-live',
  label: { zh: '生意参谋·实时', en: 'sycm · Real-time' },
  host: SYCM_HOST,
  pages: [/^\/portal\/live(\.htm|\/)/, /^\/flow\/live\.htm/, /^\/ipoll\//],
  examplePageUrls: [`${base}/portal/live.htm`, `${base}/flow/live.htm`, `${base}/ipoll/index.htm`],
  openHint: {
    zh: '打开 生意参谋 → 实时（实时概况、实时榜单）',
    en: 'Open 生意参谋 → 实时 (overview and rankings)',
    url: 'https://sycm.taobao.com/portal/live.htm',
  },
  unwrap: unwrapSycm,
  routes: [
    {
      id: 'overview',
      label: { zh: '实时概况', en: 'Real-time overview' },
      method: 'GET',
      path: /^\/portal\/live\/new\/index\/overview(\/v\d+)?\.json$/,
      exampleUrls: [`${base}/portal/live/new/index/overview/v3.json?${today}&${t}`, `${base}/portal/live/new/index/overview.json?dateType=today&${t}`],
      parse: overview,
    },
    {
      id: 'yesterday-trade',
      label: { zh: '昨日交易', en: 'Yesterday trade' },
      method: 'GET',
      path: /^\/ipoll\/live\/yesterday\/getYesterdayTrade\.json$/,
      exampleUrls: [`${base}/ipoll/live/yesterday/getYesterdayTrade.json?${t}`],
      parse: (data, ctx) => yesterday(data, ctx, { payAmt: 0.01, payPct: 0.01 }),
    },
    {
      id: 'yesterday-flow',
      label: { zh: '昨日流量', en: 'Yesterday traffic' },
      method: 'GET',
      path: /^\/ipoll\/live\/yesterday\/getYesterdayFlow\.json$/,
      exampleUrls: [`${base}/ipoll/live/yesterday/getYesterdayFlow.json?${t}`],
      parse: (data, ctx) => yesterday(data, ctx, {}),
    },
    {
      id: 'item-rank',
      label: { zh: '实时商品榜', en: 'Real-time item rank' },
      method: 'GET',
      path: /^\/ipoll\/live\/rank\/item\.json$/,
      exampleUrls: [`${base}/ipoll/live/rank/item.json?device=0&index=uv&keyword=&page=1&limit=10&${t}`],
      parse: (data, ctx) => itemRows(data, ctx, '0'),
    },
    {
      id: 'cart-rank',
      label: { zh: '实时加购榜', en: 'Real-time add-to-cart rank' },
      method: 'GET',
      path: /^\/ipoll\/live\/rank\/item\/purchase\/add\.json$/,
      exampleUrls: [`${base}/ipoll/live/rank/item/purchase/add.json?device=0&index=cartItmCnt&keyword=&page=1&limit=10&${t}`],
      parse: (data, ctx) => itemRows(data, ctx, '0'),
    },
    {
      id: 'item-hour-trend',
      label: { zh: '商品分时趋势', en: 'Item hourly trend' },
      method: 'GET',
      path: /^\/ipoll\/live\/summary\/getItemHourTrend\.json$/,
      exampleUrls: [`${base}/ipoll/live/summary/getItemHourTrend.json?device=0&itemId=680000000001&${t}`],
      parse: itemHourTrend,
    },
    {
      id: 'source-top',
      label: { zh: '实时来源排行', en: 'Real-time top sources' },
      method: 'GET',
      path: /^\/flow\/overview\/live\/shopFlowSourceTop(\/v\d+)?\.json$/,
      exampleUrls: [`${base}/flow/overview/live/shopFlowSourceTop/v4.json?${today}&device=2&${t}`],
      parse: sourceTop,
    },
    {
      id: 'flow-overview',
      label: { zh: '实时流量概况', en: 'Real-time traffic overview' },
      method: 'GET',
      path: /^\/flow\/new\/live\/guide\/trend\/overview\.json$/,
      exampleUrls: [`${base}/flow/new/live/guide/trend/overview.json?${today}&device=2&${t}`],
      parse: flowOverview,
    },
    {
      id: 'item-top',
      label: { zh: '实时商品排行', en: 'Real-time item ranking' },
      method: 'GET',
      path: /^\/cc\/item\/live\/view\/top\.json$/,
      exampleUrls: [`${base}/cc/item/live/view/top.json?${today}&page=1&pageSize=10&order=desc&orderBy=payAmt&device=0&${t}`],
      parse: (data, ctx) => itemRows(data, ctx, '0'),
    },
  ],
};
