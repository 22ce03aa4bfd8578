/**
 * 生意参谋 流量 — pages `https://sycm.taobao.com/flow/monitor/shopsource/construction?belong=all&dateType=day&dateRange=D|D&device=2`
 * (店铺来源), `/flow/monitor/overview` (流量总览), `/flow/monitor/keyword_assistant` (引流搜索关键词),
 * `/cc/item_archives?activeKey=flow` (商品来源 is loaded there).
 *
 * Flow pages default to device=2 (无线): a request without `device` is stored as device 2.
 *
 * Routes (console-sources §5.3, §11.2, §11.3, §12.3; versions drift, matched by pattern):
 * - source-menu `/flow/v3/shop/source/constitute/menu/v3.json` (§11.2 [H]) → top-level rows
 *   `{ pageId{value}, pPageId, pageLevel, pageName, uv{value,ratio}, statDate{value:"YYYY-MM-DD"} }`
 * - source-tree `/flow/v5/shop/source/tree.json` (older v3/v4; §11.3 [M]) → nodes with `children[]`
 *   and wrapped metrics (uv, pv, crtVldAmt, crtByrCnt, crtRate, payAmt, payByrCnt, payRate, payPct,
 *   uvValue, shopCltByrCnt, cltItmCnt, cartByrCnt, newUv, directPayByrCnt, …)
 * - source-detail `/flow/v3/shop/source/detail.json?pageId=23.s1150&pPageId=23&childPageType=se_keyword`
 *   (§5.3 [M]) → search keywords under 手淘搜索 (entity `keyword`), or child sources
 * - source-top `/flow/v3/overview/shopFlowSourceTop/v4.json` (流量总览 top sources; path seen in a
 *   2026 public normaliser, shape = source rows)
 * - item-source `/flow/v4/item/source.json?itemId=…`, `/flow/v3/new/item/source/detail.json`,
 *   `/flow/v6/item/crowdtype/source/v3.json` (§5.3 [M]) → per-item sources
 * - overview `/flow/new/guide/trend/overview.json` and the long-period
 *   `/flow/long/period/nodistinct/new/guide/trend/overview.json?dateType=compareRange` (§5.3 [M])
 *   → shop block `uv, itmUv, payByrCnt, pv, avgPv, oldUv, newUv, shopCltByrCnt, liveRoomUv, …`
 * - DOM reader `keyword-table` on `/flow/monitor/keyword_assistant`: no API shape is known for
 *   引流搜索关键词 (§5.3 names only the page, §12.3 the columns), so the rendered table is read.
 *
 * Entities: traffic sources are `source` facts keyed by the console's `pageId` (22 广告流量, 22.2
 * 直通车, 23.s1150 手淘搜索 …) with the tree position in `dims.level` / `dims.parent` (derived from
 * the code when it has the dotted form, so every response of the same source shares one key);
 * per-item sources carry `dims.itemId`; search keywords are `keyword` facts with `dims.source`.
 *
 * Fixtures: tests/fixtures/sycm-flow/ (README says where each shape comes from).
 */
import { toBusinessDate } from '../capture/business-date';
import { metricForSource } from '../metrics';
import type { FactDraft } from '../schema/fact';
import { isRecord, readNumber, readWrapped, sample } from './read';
import { SYCM_HOST, type SycmPeriod, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, DomReader, FieldIssue, RouteResult } from './types';

// ---------------------------------------------------------------------------------------------
// Shared row readers (also used by sycm-live).

/** `{ value }` → value; bare scalars as they are. */
export function unwrapValue(v: unknown): unknown {
  return isRecord(v) ? v.value : v;
}

/** A console id or name as text (numbers become their decimal text), trimmed and bounded. */
export function readText(v: unknown, max = 200): string | undefined {
  const raw = unwrapValue(v);
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim();
  return t ? t.slice(0, max) : undefined;
}

/** First of several keys that holds readable text. */
export function firstText(row: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const t = readText(row[k]);
    if (t) return t;
  }
  return undefined;
}

/**
 * A row's metric codes → catalog values (+ console 环比). `alias` maps console codes whose
 * meaning equals a catalog metric under another code (e.g. `cartItmCnt` → `cartItemCnt`), or
 * re-maps a code for this entity kind; `skip` lists keys that are ids, not metrics.
 */
export function readRowMetrics(
  row: Record<string, unknown>,
  path: string,
  issues: FieldIssue[],
  alias: Readonly<Record<string, string>> = {},
  scale: Readonly<Record<string, number>> = {},
): { values: Record<string, number>; crc: Record<string, number> } {
  const values: Record<string, number> = {};
  const crc: Record<string, number> = {};
  for (const [code, v] of Object.entries(row)) {
    const id = alias[code] ?? metricForSource('sycm', code)?.id;
    if (!id) continue;
    if (isRecord(v) && 'children' in v) continue;
    const r = readWrapped(v, path, issues, code);
    if (r.value !== undefined) {
      const s = scale[code] ?? 1;
      const n = s === 1 ? r.value : Math.round(r.value * s * 100) / 100;
      if (Number.isFinite(n)) values[id] = n;
    }
    if (r.crc !== undefined) crc[id] = r.crc;
  }
  return { values, crc };
}

/** The row list of a response: the array itself, or `list` / `data` / `data.list` / `data.data` inside. */
export function rowsOf(data: unknown, depth = 0): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!isRecord(data) || depth > 3) return null;
  for (const k of ['list', 'data', 'dataSource', 'rows', 'result']) {
    const r = rowsOf(data[k], depth + 1);
    if (r) return r;
  }
  return null;
}

/** Collects fact drafts by key; a repeated key merges (last value wins). */
export class FactSet {
  private readonly byKey = new Map<string, FactDraft>();
  add(f: FactDraft): void {
    if (Object.keys(f.values).length === 0) return;
    const key = [f.entityKind, f.entityId, f.grain, f.date, ...Object.entries(f.dims).sort().flat()].join('|');
    const prev = this.byKey.get(key);
    if (!prev) {
      this.byKey.set(key, f);
      return;
    }
    prev.values = { ...prev.values, ...f.values };
    if (f.crc) prev.crc = { ...(prev.crc ?? {}), ...f.crc };
    if (f.entityName && !prev.entityName) prev.entityName = f.entityName;
  }
  get facts(): FactDraft[] {
    return [...this.byKey.values()];
  }
}

export function done(set: FactSet, issues: FieldIssue[], what: string, data: unknown): RouteResult {
  const facts = set.facts;
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: `没有可读的${what}`, sample: sample(data) }] };
  return { ok: true, facts, issues };
}

const withCrc = (crc: Record<string, number>) => (Object.keys(crc).length ? { crc } : {});

// ---------------------------------------------------------------------------------------------
// Periods and source positions.

/** The period of a flow request; flow pages default to device=2 (console-sources §2.2). */
export function flowPeriod(url: URL): SycmPeriod | null {
  const p = sycmPeriod(url);
  if (!p) return null;
  const dims = { ...p.dims };
  if (!url.searchParams.has('device') || !/^[0-2]$/.test(url.searchParams.get('device') ?? '')) dims.device = '2';
  return { ...p, dims };
}

const periodIssue = (url: URL): FieldIssue => ({ path: 'url.dateRange', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) });

const DOTTED = /^\d+(\.[A-Za-z0-9_-]+)*$/;

/** Level and parent of a source: from the dotted code when possible (stable), else as sent. */
export function sourcePosition(pageId: string, row: Record<string, unknown>, parentHint: string | undefined): { level: string; parent: string } {
  if (DOTTED.test(pageId)) {
    const parts = pageId.split('.');
    return { level: String(parts.length), parent: parts.length === 1 ? '0' : parts.slice(0, -1).join('.') };
  }
  const lv = readNumber(unwrapValue(row.pageLevel));
  const sentParent = readText(row.pPageId);
  return {
    level: lv.kind === 'num' && Number.isInteger(lv.n) && lv.n >= 1 && lv.n <= 9 ? String(lv.n) : 'x',
    parent: sentParent ?? parentHint ?? '0',
  };
}

const NAME_KEYS = ['pageName', 'sourceName', 'sourceName1', 'name', 'channelName'] as const;

/**
 * Source nodes (and their `children`) → `source` facts. The id is the console's `pageId`; a
 * node without one is keyed by its name under its parent.
 */
export function sourceNodes(
  nodes: unknown[],
  period: SycmPeriod,
  extraDims: Record<string, string>,
  set: FactSet,
  issues: FieldIssue[],
  path: string,
  parentHint?: string,
  depth = 0,
): void {
  if (depth > 6) return;
  nodes.forEach((node, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(node)) {
      issues.push({ path: p, message: '不是对象', sample: sample(node) });
      return;
    }
    const pageId = readText(node.pageId, 80);
    const name = firstText(node, NAME_KEYS);
    if (!pageId && !name) {
      issues.push({ path: `${p}.pageId`, message: '缺失来源编号和名称', sample: sample(node) });
      return;
    }
    const id = pageId ?? `${parentHint ?? '0'}/${name}`;
    const pos = sourcePosition(id, node, parentHint);
    const { values, crc } = readRowMetrics(node, p, issues);
    set.add({
      entityKind: 'source',
      entityId: id,
      ...(name ? { entityName: name } : {}),
      grain: period.grain,
      date: period.date,
      dims: { ...period.dims, ...extraDims, level: pos.level, parent: pos.parent },
      values,
      ...withCrc(crc),
    });
    if (Array.isArray(node.children)) sourceNodes(node.children, period, extraDims, set, issues, `${p}.children`, id, depth + 1);
  });
}

// ---------------------------------------------------------------------------------------------
// Routes.

const belongDims = (url: URL) => ({ belong: (url.searchParams.get('belong') ?? 'all').slice(0, 40) || 'all' });

function shopSources(data: unknown, url: URL, what: string): RouteResult {
  const period = flowPeriod(url);
  if (!period) return { ok: false, issues: [periodIssue(url)] };
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是来源列表', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  sourceNodes(rows, period, belongDims(url), set, issues, 'data');
  return done(set, issues, what, data);
}

const KEYWORD_KEYS = ['keyword', 'searchWord', 'word', 'pageName', 'name'] as const;

function sourceDetail(data: unknown, url: URL): RouteResult {
  const period = flowPeriod(url);
  if (!period) return { ok: false, issues: [periodIssue(url)] };
  const parent = (url.searchParams.get('pageId') ?? '').slice(0, 80);
  if (!parent) return { ok: false, issues: [{ path: 'url.pageId', message: '请求里没有来源编号', sample: url.search.slice(0, 120) }] };
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是明细列表', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  const childType = url.searchParams.get('childPageType') ?? '';
  if (/keyword/i.test(childType)) {
    rows.forEach((row, i) => {
      if (!isRecord(row)) return;
      const word = firstText(row, KEYWORD_KEYS);
      if (!word) {
        issues.push({ path: `data[${i}].keyword`, message: '缺失搜索词', sample: sample(row) });
        return;
      }
      const { values, crc } = readRowMetrics(row, `data[${i}]`, issues);
      set.add({
        entityKind: 'keyword',
        entityId: word,
        entityName: word,
        grain: period.grain,
        date: period.date,
        dims: { ...period.dims, ...belongDims(url), source: parent },
        values,
        ...withCrc(crc),
      });
    });
    return done(set, issues, '搜索词', data);
  }
  sourceNodes(rows, period, belongDims(url), set, issues, 'data', parent);
  return done(set, issues, '来源明细', data);
}

function itemSources(data: unknown, url: URL): RouteResult {
  const period = flowPeriod(url);
  if (!period) return { ok: false, issues: [periodIssue(url)] };
  const itemId = url.searchParams.get('itemId') ?? '';
  if (!/^\d{1,20}$/.test(itemId)) return { ok: false, issues: [{ path: 'url.itemId', message: '请求里没有商品编号', sample: url.search.slice(0, 120) }] };
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是来源列表', sample: sample(data) }] };
  const extra: Record<string, string> = { itemId };
  if (/crowdtype/.test(url.pathname)) extra.crowdType = (url.searchParams.get('crowdType') ?? 'all').slice(0, 40) || 'all';
  const parent = url.searchParams.get('pageId') ?? undefined;
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  sourceNodes(rows, period, extra, set, issues, 'data', parent ? parent.slice(0, 80) : undefined);
  return done(set, issues, '商品来源', data);
}

/** 流量总览: one shop block, or per-day rows with `statDate`. */
function overview(data: unknown, url: URL): RouteResult {
  const period = flowPeriod(url);
  if (!period) return { ok: false, issues: [periodIssue(url)] };
  const dims = /nodistinct/.test(url.pathname) ? { ...period.dims, distinct: 'no' } : period.dims;
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  const shop = (values: Record<string, number>, crc: Record<string, number>, grain: SycmPeriod['grain'], date: string, d: Record<string, string>) =>
    set.add({ entityKind: 'shop', entityId: '(shop)', grain, date, dims: d, values, ...withCrc(crc) });
  const rows = Array.isArray(data) ? data : null;
  if (rows) {
    rows.forEach((row, i) => {
      if (!isRecord(row)) return;
      const date = toBusinessDate(unwrapValue(row.statDate));
      if (!date) {
        issues.push({ path: `data[${i}].statDate`, message: '日期无法识别', sample: sample(row.statDate) });
        return;
      }
      const { values, crc } = readRowMetrics(row, `data[${i}]`, issues);
      const grain = period.grain === 'live' ? 'live' : 'day';
      shop(values, crc, grain, date, { device: dims.device ?? '2', ...(dims.distinct ? { distinct: dims.distinct } : {}) });
    });
    return done(set, issues, '流量指标', data);
  }
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const block = isRecord(data.self) ? data.self : isRecord(data.data) ? data.data : data;
  const { values, crc } = readRowMetrics(block, isRecord(data.self) ? 'self' : 'data', issues);
  shop(values, crc, period.grain, period.date, dims);
  return done(set, issues, '流量指标', data);
}

/** The shop fact's id is the shop itself: filled in from the capture context. */
const forShop = (r: RouteResult, shopId: string): RouteResult => {
  if (!r.ok) return r;
  for (const f of r.facts) if (f.entityKind === 'shop') f.entityId = shopId;
  return r;
};

// ---------------------------------------------------------------------------------------------
// 引流搜索关键词 (DOM): the rendered table, columns as in the export (§12.3).

const KEYWORD_COLUMNS: Readonly<Record<string, string>> = {
  访客数: 'uv',
  加购人数: 'cartByrCnt',
  商品收藏人数: 'cltItmCnt',
  支付买家数: 'payByrCnt',
  支付转化率: 'payRate',
  支付件数: 'payItmCnt',
  支付金额: 'payAmt',
  客单价: 'payPct',
  UV价值: 'uvValue',
};

export interface KeywordTableRead {
  headers: string[];
  rows: string[][];
}

function readKeywordTable(doc: Document): KeywordTableRead | null {
  const table = doc.querySelector('table[data-table="keyword"], .keyword-table table, table');
  if (!table) return null;
  const headers = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
  const rows = [...table.querySelectorAll('tbody tr')]
    .slice(0, 500)
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim().slice(0, 200)));
  return headers.length ? { headers, rows } : null;
}

function keywordTable(data: unknown, url: URL): RouteResult {
  const period = flowPeriod(url);
  if (!period) return { ok: false, issues: [periodIssue(url)] };
  if (!isRecord(data) || !Array.isArray(data.headers) || !Array.isArray(data.rows))
    return { ok: false, issues: [{ path: 'data', message: '不是表格读取结果', sample: sample(data) }] };
  const headers = data.headers.map((h) => (typeof h === 'string' ? h.replace(/\s+/g, '') : ''));
  const wordCol = headers.findIndex((h) => h === '搜索词' || h === '关键词');
  if (wordCol < 0) return { ok: false, issues: [{ path: 'headers', message: '没有搜索词列', sample: sample(headers) }] };
  const dateCol = headers.indexOf('统计日期');
  const issues: FieldIssue[] = [];
  const set = new FactSet();
  data.rows.forEach((row, i) => {
    if (!Array.isArray(row)) return;
    const word = readText(row[wordCol]);
    if (!word) return;
    let date = period.date;
    if (dateCol >= 0 && period.grain === 'day') {
      const d = toBusinessDate(typeof row[dateCol] === 'string' ? (row[dateCol] as string).replace(/\//g, '-') : undefined);
      if (d && d !== period.date) {
        issues.push({ path: `rows[${i}].统计日期`, message: '与页面日期不一致，未保存', sample: sample(row[dateCol]) });
        return;
      }
      date = d ?? date;
    }
    const values: Record<string, number> = {};
    headers.forEach((h, c) => {
      const id = KEYWORD_COLUMNS[h];
      if (!id) return;
      const r = readNumber(row[c]);
      if (r.kind === 'num') values[id] = r.n;
      else if (r.kind === 'bad') issues.push({ path: `rows[${i}].${h}`, message: '不是数字', sample: sample(row[c]) });
    });
    set.add({
      entityKind: 'keyword',
      entityId: word,
      entityName: word,
      grain: period.grain,
      date,
      dims: { ...period.dims, source: 'shop-search' },
      values,
    });
  });
  return done(set, issues, '搜索词', data);
}

const keywordReader: DomReader = {
  id: 'keyword-table',
  label: { zh: '引流搜索关键词', en: 'Search keywords bringing visitors' },
  page: /^\/flow\/monitor\/keyword_assistant/,
  waitFor: 'table tbody tr',
  read: readKeywordTable,
  parse: (data, ctx) => keywordTable(data, ctx.url),
};

// ---------------------------------------------------------------------------------------------

const D = '2026-06-01';
const base = 'https://sycm.taobao.com';
const q = `dateType=day&dateRange=${D}%7C${D}&device=2&belong=all&token=1aa656228&_=1780300000000`;
const treeQ = `${q}&pageSize=100&page=1&order=desc&orderBy=uv&indexCode=uv%2CcrtByrCnt%2CcrtRate%2CpayAmt`;

export const sycmFlow: Adapter = {
  id: 'sycm-flow',
  label: { zh: '生意参谋·流量', en: 'sycm · Traffic' },
  host: SYCM_HOST,
  pages: [/^\/flow\/monitor\//, /^\/flow\/?$/],
  examplePageUrls: [
    `${base}/flow/monitor/shopsource/construction?belong=all&dateType=day&dateRange=${D}%7C${D}&device=2`,
    `${base}/flow/monitor/shopsource`,
    `${base}/flow/monitor/overview`,
    `${base}/flow/monitor/keyword_assistant?dateType=day&dateRange=${D}%7C${D}&device=2`,
  ],
  openHint: {
    zh: '打开 生意参谋 → 流量 → 店铺来源（再看 流量总览）',
    en: 'Open 生意参谋 → 流量 → 店铺来源 (then 流量总览)',
    url: 'https://sycm.taobao.com/flow/monitor/shopsource/construction?belong=all',
  },
  unwrap: unwrapSycm,
  routes: [
    {
      id: 'source-menu',
      label: { zh: '店铺来源构成', en: 'Shop source split' },
      method: 'GET',
      path: /^\/flow\/(v\d+\/)?shop\/source\/constitute\/menu(\/v\d+)?\.json$/,
      exampleUrls: [`${base}/flow/v3/shop/source/constitute/menu/v3.json?${q}&activeKey=item`, `${base}/flow/v4/shop/source/constitute/menu/v4.json?${q}`],
      parse: (data, ctx) => shopSources(data, ctx.url, '来源'),
    },
    {
      id: 'source-tree',
      label: { zh: '店铺来源', en: 'Shop traffic sources' },
      method: 'GET',
      path: /^\/flow\/v\d+\/shop\/source\/tree\.json$/,
      exampleUrls: [
        `${base}/flow/v5/shop/source/tree.json?${treeQ}`,
        `${base}/flow/v4/shop/source/tree.json?${treeQ}`,
        `${base}/flow/v3/shop/source/tree.json?${treeQ}`,
      ],
      parse: (data, ctx) => shopSources(data, ctx.url, '来源'),
    },
    {
      id: 'source-detail',
      label: { zh: '来源明细', en: 'Source drill-down' },
      method: 'GET',
      path: /^\/flow\/v\d+\/shop\/source\/detail\.json$/,
      exampleUrls: [`${base}/flow/v3/shop/source/detail.json?${q}&pageId=23.s1150&pPageId=23&childPageType=se_keyword&page=1&pageSize=20`],
      parse: (data, ctx) => sourceDetail(data, ctx.url),
    },
    {
      id: 'source-top',
      label: { zh: '流量总览·来源排行', en: 'Top sources (overview)' },
      method: 'GET',
      path: /^\/flow\/(v\d+\/)?overview\/shopFlowSourceTop(\/v\d+)?\.json$/,
      exampleUrls: [`${base}/flow/v3/overview/shopFlowSourceTop/v4.json?${q}`],
      parse: (data, ctx) => shopSources(data, ctx.url, '来源'),
    },
    {
      id: 'item-source',
      label: { zh: '商品来源', en: 'Item traffic sources' },
      method: 'GET',
      path: /^\/flow\/(v\d+\/item\/source|v\d+\/new\/item\/source\/detail|v\d+\/item\/crowdtype\/source\/v\d+)\.json$/,
      exampleUrls: [
        `${base}/flow/v4/item/source.json?${q}&itemId=680000000001`,
        `${base}/flow/v3/new/item/source/detail.json?${q}&itemId=680000000001&pageId=23.s1150`,
        `${base}/flow/v6/item/crowdtype/source/v3.json?${q}&itemId=680000000001&crowdType=new`,
      ],
      parse: (data, ctx) => itemSources(data, ctx.url),
    },
    {
      id: 'overview',
      label: { zh: '流量总览', en: 'Traffic overview' },
      method: 'GET',
      path: /^\/flow\/(long\/period\/nodistinct\/)?new\/guide\/trend\/overview\.json$/,
      exampleUrls: [
        `${base}/flow/new/guide/trend/overview.json?${q}`,
        `${base}/flow/long/period/nodistinct/new/guide/trend/overview.json?dateType=compareRange&dateRange=2026-05-01%7C2026-05-31&device=2&token=1aa656228&_=1`,
      ],
      parse: (data, ctx) => forShop(overview(data, ctx.url), ctx.shopId),
    },
  ],
  dom: [keywordReader],
};
