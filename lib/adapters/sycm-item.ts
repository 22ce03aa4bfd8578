/**
 * 生意参谋 商品 — pages `https://sycm.taobao.com/cc/item_rank` (商品排行),
 * `https://sycm.taobao.com/cc/item_archives?itemId=…&activeKey=sale` (商品360),
 * `https://sycm.taobao.com/cc/macro_monitor` (宏观监控) and the 新品 pages.
 *
 * Routes (console-sources §5.4, §11.4, §11.5, §12.1, §12.2, §12.4; matched by pattern, versions drift):
 * - rank `/cc/item/view/top.json?dateType=day&dateRange=D|D&page=1&pageSize=10&order=desc&orderBy=payAmt&device=0…`
 *   → `data = { recordCount, data: [{ item: { itemId, title }, payAmt: { value, cycleCrc }, … }] }`, the
 *   ~41 fields of §11.4/§12.1 → one `item` fact per row [H]
 * - sale overview `/cc/live/item/sale/overview.json`, `/cc/diagnose/coreIndex.json` → a block of wrapped
 *   codes (or `{ self: … }`) for the `itemId` of the query [M, shape guessed]
 * - SKU `/cc/live/v2/item/sale/sku/list.json` (real-time) and `/cc/item/sale/sku/list.json` (closed
 *   days) → rows `{ skuId, skuName, currentStockCnt, sellRate, stockDays, payAmt… }`: stock levels become
 *   `sku` snapshots on the capture date, sales become `sku` facts of the asked period [M]
 * - detail funnel `/cc/item/detail/analysis/overview.json?byrType=all` → `itemExposeUv`… each with
 *   `rivalAvg` / `rivalGood` (inline or as blocks) → item + peer facts keyed by `byrType` [M]
 * - refund reasons `/csp/api/refund/item/reason/list/v2.json` (csp envelope) → counts and amounts per
 *   reason (`dims.reason`); case rows, if sent, are aggregated and their ids dropped [M, row keys guessed]
 * - refunds per SKU `/cc/refund/item/sku/list.json` → `sku` facts [M, row keys guessed]
 * - 宏观监控 `/cc/cockpit/marcro/core/live/overview.json` (shop, `dims.scope = cc`) and
 *   `/cc/cockpit/marcro/item/top.json` (item rows) [M]
 * - 新品 `/cc/new/product/overview.json` (shop, `dims.scope = new-product`), `/cc/new/product/item/list.json` [M]
 * - gateway `/domain/oneQuery.json?domainCode=tao.shop.shop.item|tao.shop.shop.sku|tao.shop.item.item`
 *   (`showType=overview|trend`, params also read from a POST body) → item / sku facts [M, data shape guessed]
 *
 * The `/cc/` APIs only answer 1/7/15/30-day windows (code 1003 otherwise, an envelope error).
 * Fixtures: tests/fixtures/sycm-item/ (README says where each shape comes from).
 */
import { toBusinessDate, todayShanghai } from '../capture/business-date';
import { metric, metricForSource } from '../metrics';
import type { FactDraft } from '../schema/fact';
import { findRows, isRecord, readWrapped, sample } from './read';
import { PEER_NAMES, SYCM_HOST, type SycmPeriod, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

/** Item-scope console codes whose meaning is an existing metric under another code. */
const ITEM_CODE_ALIASES: Record<string, string> = {
  itmUv: 'uv',
  itmPv: 'pv',
  itmStayTime: 'stayTime',
  stayTimeAvg: 'stayTime',
  itemCartCnt: 'cartItemCnt',
  addCartItemCnt: 'cartItemCnt',
  itemCartByrCnt: 'cartByrCnt',
  itemCltByrCnt: 'cltItmCnt',
  uvAvgValue: 'uvValue',
  uvWorth: 'uvValue',
  rfdSucAmt: 'rfdSucAmt',
  refundAmt: 'rfdSucAmt',
  rfdAmt: 'rfdSucAmt',
  rfdCnt: 'rfdSucCnt',
  refundCnt: 'rfdSucCnt',
  rfdRatio: 'rfdReasonRatio',
};

/** Metric id for a code on an item / sku / 商品-scope row; never a range metric (those need bounds). */
export function itemMetricId(code: string): string | undefined {
  const alias = ITEM_CODE_ALIASES[code];
  const m = alias ? metric(alias) : metricForSource('sycm', code);
  return m && m.kind !== 'range' ? m.id : undefined;
}

const SNAPSHOT_CODES = new Set(['currentStockCnt', 'sellRate', 'stockDays']);
/** Keys of a row that identify it or carry text; never metrics. */
const ID_KEYS = new Set(['item', 'itemId', 'skuId', 'title', 'itemTitle', 'skuName', 'skuTitle', 'name', 'statDate', 'itemStatus', 'pictUrl', 'detailUrl']);

const MAX_NAME = 200;

function unwrapScalar(v: unknown): unknown {
  return isRecord(v) && 'value' in v ? v.value : v;
}

/** A console id (item / sku): digits only, as a string. */
export function readId(v: unknown): string | null {
  const raw = unwrapScalar(v);
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return String(raw);
  if (typeof raw === 'string' && /^\d{1,20}$/.test(raw.trim())) return raw.trim();
  return null;
}

/** Title text as given (kept as plain text: it is rendered with textContent, never as HTML). */
export function readName(v: unknown): string | undefined {
  const raw = unwrapScalar(v);
  if (typeof raw !== 'string') return undefined;
  // Control characters (tabs, newlines, NUL) become spaces; everything else is kept as given.
  const t = [...raw]
    .map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch))
    .join('')
    .trim();
  return t ? t.slice(0, MAX_NAME) : undefined;
}

/** Wrapped metric values of a row → catalog values + 环比, issues for bad values. */
function readCodes(
  row: Record<string, unknown>,
  path: string,
  issues: FieldIssue[],
  keep: (code: string) => boolean = () => true,
): { values: Record<string, number>; crc: Record<string, number> } {
  const values: Record<string, number> = {};
  const crc: Record<string, number> = {};
  for (const [code, v] of Object.entries(row)) {
    if (ID_KEYS.has(code) || !keep(code)) continue;
    const id = itemMetricId(code);
    if (!id) continue;
    const r = readWrapped(v, path, issues, code);
    if (r.value !== undefined) values[id] = r.value;
    if (r.crc !== undefined) crc[id] = r.crc;
  }
  return { values, crc };
}

const periodIssue = (url: URL): FieldIssue => ({ path: 'url.dateRange', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) });

/**
 * The period of a /cc/ request; real-time paths (`/live/`) without dateType are today so far.
 * Returns null when nothing identifies the period.
 */
function ccPeriod(ctx: RouteContext): SycmPeriod | null {
  const p = sycmPeriod(ctx.url);
  if (p) return p;
  if (!ctx.url.searchParams.get('dateType') && /\/live\//.test(ctx.url.pathname)) {
    const device = ctx.url.searchParams.get('device');
    return { grain: 'live', date: todayShanghai(ctx.capturedAt), dims: { device: device && /^[0-2]$/.test(device) ? device : '0' } };
  }
  return null;
}

/** The list of rows in the shapes /cc/ lists use: `[…]`, `{ data: […] }`, `{ list }`, `{ dataSource }`. */
function rowsOf(data: unknown): unknown[] | null {
  return findRows(data, ['data', 'list', 'dataSource', 'rows', 'items']);
}

const listIssue = (data: unknown): FieldIssue => ({ path: 'data.data', message: '不是商品列表', sample: sample(data) });

function done(facts: FactDraft[], issues: FieldIssue[], what: string): RouteResult {
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: `没有可读的${what}` }] };
  return { ok: true, facts, issues };
}

function fact(
  kind: FactDraft['entityKind'],
  id: string,
  name: string | undefined,
  p: SycmPeriod,
  dims: Record<string, string>,
  v: { values: Record<string, number>; crc: Record<string, number> },
): FactDraft {
  return {
    entityKind: kind,
    entityId: id,
    ...(name ? { entityName: name } : {}),
    grain: p.grain,
    date: p.date,
    dims,
    values: v.values,
    ...(Object.keys(v.crc).length ? { crc: v.crc } : {}),
  };
}

/** One item row of 商品排行 / 宏观监控 / 新品 lists. */
function itemRow(row: unknown, path: string, p: SycmPeriod, issues: FieldIssue[]): FactDraft | null {
  if (!isRecord(row)) {
    issues.push({ path, message: '不是对象', sample: sample(row) });
    return null;
  }
  const item = isRecord(row.item) ? row.item : row;
  const id = readId(item.itemId ?? row.itemId ?? item.id);
  if (!id) {
    issues.push({ path: `${path}.item.itemId`, message: '缺失或不是商品编号', sample: sample(item.itemId ?? row.itemId) });
    return null;
  }
  const name = readName(item.title ?? row.itemTitle ?? row.title);
  const v = readCodes(row, path, issues);
  if (Object.keys(v.values).length === 0) {
    issues.push({ path, message: '这一行没有可读的指标', sample: sample(row) });
    return null;
  }
  return fact('item', id, name, p, { ...p.dims }, v);
}

function itemList(data: unknown, ctx: RouteContext): RouteResult {
  const p = ccPeriod(ctx);
  if (!p) return { ok: false, issues: [periodIssue(ctx.url)] };
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [listIssue(data)] };
  const issues: FieldIssue[] = [];
  const byId = new Map<string, FactDraft>();
  rows.forEach((row, i) => {
    const f = itemRow(row, `data.data[${i}]`, p, issues);
    // The same item twice in one answer: the first row wins (a console paging glitch).
    if (f && !byId.has(f.entityId)) byId.set(f.entityId, f);
  });
  if (rows.length === 0) return { ok: false, issues: [{ path: 'data.data', message: '列表为空' }] };
  return done([...byId.values()], issues, '商品行');
}

function itemIdOf(ctx: RouteContext): string | null {
  return readId(ctx.url.searchParams.get('itemId'));
}

/** A block `{ code: wrapped }` possibly under `self` / `data` / `content`. */
function blockOf(data: unknown): Record<string, unknown> | null {
  if (!isRecord(data)) return null;
  for (const k of ['self', 'content', 'data']) if (isRecord(data[k])) return blockOf(data[k]) ?? (data[k] as Record<string, unknown>);
  return data;
}

function itemOverview(data: unknown, ctx: RouteContext): RouteResult {
  const p = ccPeriod(ctx);
  if (!p) return { ok: false, issues: [periodIssue(ctx.url)] };
  const id = itemIdOf(ctx);
  if (!id) return { ok: false, issues: [{ path: 'url.itemId', message: '请求里没有商品编号', sample: ctx.url.search.slice(0, 120) }] };
  const block = blockOf(data);
  if (!block) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const v = readCodes(block, 'data', issues);
  if (Object.keys(v.values).length === 0) return done([], issues, '商品指标');
  return done([fact('item', id, undefined, p, { ...p.dims }, v)], issues, '商品指标');
}

/** SKU rows: stock levels → snapshot facts on the capture date, sales → facts of the asked period. */
function skuList(data: unknown, ctx: RouteContext): RouteResult {
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是SKU列表', sample: sample(data) }] };
  if (rows.length === 0) return { ok: false, issues: [{ path: 'data', message: '列表为空' }] };
  const p = ccPeriod(ctx);
  const issues: FieldIssue[] = p ? [] : [{ ...periodIssue(ctx.url), message: '请求里没有可识别的日期范围，只保存库存快照' }];
  const itemId = itemIdOf(ctx);
  const link: Record<string, string> = itemId ? { itemId } : {};
  const snap: SycmPeriod = { grain: 'snapshot', date: todayShanghai(ctx.capturedAt), dims: {} };
  const facts: FactDraft[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const path = `data[${i}]`;
    if (!isRecord(row)) {
      issues.push({ path, message: '不是对象', sample: sample(row) });
      return;
    }
    const id = readId(row.skuId);
    if (!id) {
      issues.push({ path: `${path}.skuId`, message: '缺失或不是SKU编号', sample: sample(row.skuId) });
      return;
    }
    if (seen.has(id)) return;
    seen.add(id);
    const name = readName(row.skuName ?? row.skuTitle ?? row.name);
    const stock = readCodes(row, path, issues, (c) => SNAPSHOT_CODES.has(c));
    if (Object.keys(stock.values).length) facts.push(fact('sku', id, name, snap, { ...link }, stock));
    if (p) {
      const sales = readCodes(row, path, issues, (c) => !SNAPSHOT_CODES.has(c));
      if (Object.keys(sales.values).length) facts.push(fact('sku', id, name, p, { ...p.dims, ...link }, sales));
    }
  });
  return done(facts, issues, 'SKU指标');
}

/** 详情页分析: codes with inline `rivalAvg` / `rivalGood`, or self / rivalAvg / rivalGood blocks. */
function detailFunnel(data: unknown, ctx: RouteContext): RouteResult {
  const p = ccPeriod(ctx);
  if (!p) return { ok: false, issues: [periodIssue(ctx.url)] };
  const id = itemIdOf(ctx);
  if (!id) return { ok: false, issues: [{ path: 'url.itemId', message: '请求里没有商品编号', sample: ctx.url.search.slice(0, 120) }] };
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const byrType = ctx.url.searchParams.get('byrType');
  const dims = { ...p.dims, byrType: byrType && /^[a-zA-Z0-9_]{1,20}$/.test(byrType) ? byrType : 'all' };
  const blocks: Record<'self' | 'rivalAvg' | 'rivalGood', Record<string, unknown>> = { self: {}, rivalAvg: {}, rivalGood: {} };
  if (isRecord(data.self)) {
    blocks.self = data.self;
    if (isRecord(data.rivalAvg)) blocks.rivalAvg = data.rivalAvg;
    if (isRecord(data.rivalGood)) blocks.rivalGood = data.rivalGood;
  } else {
    for (const [code, v] of Object.entries(data)) {
      blocks.self[code] = v;
      if (isRecord(v)) {
        if (v.rivalAvg !== undefined) blocks.rivalAvg[code] = v.rivalAvg;
        if (v.rivalGood !== undefined) blocks.rivalGood[code] = v.rivalGood;
      }
    }
  }
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];
  const self = readCodes(blocks.self, 'data', issues);
  if (Object.keys(self.values).length) facts.push(fact('item', id, undefined, p, dims, self));
  for (const peer of ['rivalAvg', 'rivalGood'] as const) {
    const v = readCodes(blocks[peer], `data.${peer}`, issues);
    // Peers of this item's category: the item id is part of the key so shops' peers never mix.
    if (Object.keys(v.values).length) facts.push(fact('peer', peer, PEER_NAMES[peer], p, { ...dims, itemId: id }, { values: v.values, crc: {} }));
  }
  return done(facts, issues, '详情页指标');
}

/** csp old-style period: startDate/endDate YYYYMMDD (or the sycm dateType/dateRange pair). */
function cspPeriod(url: URL): SycmPeriod | null {
  const s = toBusinessDate(url.searchParams.get('startDate') ?? '');
  const e = toBusinessDate(url.searchParams.get('endDate') ?? '') ?? s;
  if (s && e) return s === e ? { grain: 'day', date: s, dims: {} } : s < e ? { grain: 'range', date: s, dims: { to: e } } : null;
  const p = sycmPeriod(url);
  if (!p) return null;
  const { device: _d, ...rest } = p.dims;
  return { ...p, dims: rest };
}

const REASON_KEYS = ['reasonName', 'reason', 'rfdReason', 'refundReason', 'reasonDesc'];
const CASE_KEYS = ['caseId', 'orderId', 'bizOrderId', 'buyerNick', 'buyerId'];

/** Refund reasons of one item → one fact per reason; case rows are counted, their ids dropped. */
function refundReasons(data: unknown, ctx: RouteContext): RouteResult {
  const p = cspPeriod(ctx.url);
  if (!p) return { ok: false, issues: [{ path: 'url.startDate', message: '请求里没有可识别的日期范围', sample: ctx.url.search.slice(0, 120) }] };
  const urlItem = itemIdOf(ctx);
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data.dataSource', message: '不是退款原因列表', sample: sample(data) }] };
  if (rows.length === 0) return { ok: false, issues: [{ path: 'data.dataSource', message: '列表为空' }] };
  const level = ctx.url.searchParams.get('rfdIntervalLevel');
  const base: Record<string, string> = { ...p.dims, ...(level && /^\d{1,3}$/.test(level) ? { rfdLevel: level } : {}) };
  const issues: FieldIssue[] = [];
  const acc = new Map<string, { item: string; values: Record<string, number> }>();
  rows.forEach((row, i) => {
    const path = `data.dataSource[${i}]`;
    if (!isRecord(row)) {
      issues.push({ path, message: '不是对象', sample: sample(row) });
      return;
    }
    const item = readId(row.itemId) ?? urlItem;
    const reasonKey = REASON_KEYS.find((k) => readName(row[k]) !== undefined);
    const reason = reasonKey ? readName(row[reasonKey])?.replace(/\s+/g, ' ').slice(0, 60) : undefined;
    if (!item || !reason) {
      issues.push({ path: item ? `${path}.reasonName` : `${path}.itemId`, message: item ? '缺失退款原因' : '缺失商品编号', sample: sample(row) });
      return;
    }
    const key = `${item}\n${reason}`;
    const a = acc.get(key) ?? { item, values: {} };
    acc.set(key, a);
    const isCase = CASE_KEYS.some((k) => k in row);
    if (isCase) {
      // A case list: count the case and add its amount; nothing that names the buyer or order is kept.
      a.values.rfdSucCnt = (a.values.rfdSucCnt ?? 0) + 1;
      const amt = readWrapped(row.refundRealAmt ?? row.refundAmt, `${path}.refundRealAmt`, issues).value;
      if (amt !== undefined) a.values.rfdSucAmt = (a.values.rfdSucAmt ?? 0) + amt;
      return;
    }
    const v = readCodes(row, path, issues);
    for (const [k, n] of Object.entries(v.values)) a.values[k] = (a.values[k] ?? 0) + n;
  });
  const facts: FactDraft[] = [];
  for (const [key, a] of acc) {
    if (Object.keys(a.values).length === 0) continue;
    const reason = key.slice(key.indexOf('\n') + 1);
    facts.push({ entityKind: 'item', entityId: a.item, grain: p.grain, date: p.date, dims: { ...base, reason }, values: a.values });
  }
  return done(facts, issues, '退款原因');
}

/** Refunds per SKU: sku facts of the period. */
function skuRefunds(data: unknown, ctx: RouteContext): RouteResult {
  return skuList(data, ctx);
}

/** 宏观监控 / 新品 overview: shop-wide numbers in the 商品 scope, kept apart from the home figures. */
function scopedOverview(scope: string) {
  return (data: unknown, ctx: RouteContext): RouteResult => {
    const p = ccPeriod(ctx);
    if (!p) return { ok: false, issues: [periodIssue(ctx.url)] };
    const block = blockOf(data);
    if (!block) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
    const issues: FieldIssue[] = [];
    const v = readCodes(block, 'data', issues);
    if (Object.keys(v.values).length === 0) return done([], issues, '指标');
    return done([fact('shop', ctx.shopId, undefined, p, { ...p.dims, scope }, v)], issues, '指标');
  };
}

/** Request parameters of the gateway: query string, plus a JSON or form body (`queryParam=` JSON too). */
export function requestParams(ctx: RouteContext): Map<string, string> {
  const out = new Map<string, string>();
  const put = (k: string, v: unknown) => {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' && Number.isFinite(v)) out.set(k, String(v));
    else if (isRecord(v)) {
      try {
        out.set(k, JSON.stringify(v));
      } catch {
        /* unserialisable: skipped */
      }
    }
  };
  for (const [k, v] of ctx.url.searchParams) put(k, v);
  const body = (ctx.requestBody ?? '').trim();
  if (body) {
    const fromJson = (t: string) => {
      try {
        const j: unknown = JSON.parse(t);
        if (isRecord(j)) for (const [k, v] of Object.entries(j)) put(k, v);
        return isRecord(j);
      } catch {
        return false;
      }
    };
    if (!fromJson(body)) {
      const form = new URLSearchParams(body);
      for (const [k, v] of form) {
        if (k === 'queryParam' || k === 'params') fromJson(v);
        else put(k, v);
      }
    }
  }
  const ext = out.get('extMap');
  if (ext) {
    try {
      const j: unknown = JSON.parse(ext);
      if (isRecord(j)) for (const [k, v] of Object.entries(j)) if (!out.has(k)) put(k, v);
    } catch {
      /* extMap not JSON: ignored */
    }
  }
  return out;
}

const DOMAIN_KIND: Record<string, 'item' | 'sku'> = {
  'tao.shop.shop.item': 'item',
  'tao.shop.item.item': 'item',
  'tao.shop.shop.sku': 'sku',
};

function oneQuery(data: unknown, ctx: RouteContext): RouteResult {
  const params = requestParams(ctx);
  const domain = params.get('domainCode') ?? '';
  const kind = DOMAIN_KIND[domain];
  if (!kind) return { ok: false, issues: [{ path: 'request.domainCode', message: '不是商品 / SKU 的 domainCode，未读取', sample: sample(domain) }] };
  const q = new URL(ctx.url.href);
  for (const k of ['dateType', 'dateRange', 'device']) {
    const v = params.get(k);
    if (v !== undefined) q.searchParams.set(k, v);
  }
  const p = sycmPeriod(q);
  const trend = (params.get('showType') ?? 'overview') === 'trend';
  if (!p && !trend) return { ok: false, issues: [periodIssue(ctx.url)] };
  const defaultId = readId(params.get(kind === 'item' ? 'itemId' : 'skuId'));
  const itemLink = kind === 'sku' ? readId(params.get('itemId')) : null;
  const dims = (d: Record<string, string>) => ({ ...d, ...(itemLink ? { itemId: itemLink } : {}) });
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];
  const trendDims = {
    device:
      p?.dims.device ?? (q.searchParams.get('device') && /^[0-2]$/.test(q.searchParams.get('device') ?? '') ? (q.searchParams.get('device') as string) : '0'),
  };

  let rows: unknown[];
  const inner = isRecord(data) && isRecord(data.content) ? data.content : data;
  const list = rowsOf(inner);
  if (list) rows = list;
  else if (isRecord(inner)) rows = [inner];
  else return { ok: false, issues: [{ path: 'data', message: '不是对象或数组', sample: sample(data) }] };

  rows.forEach((row, i) => {
    const path = `data[${i}]`;
    if (!isRecord(row)) {
      issues.push({ path, message: '不是对象', sample: sample(row) });
      return;
    }
    const id = readId(kind === 'item' ? row.itemId : row.skuId) ?? defaultId;
    if (!id) {
      issues.push({ path: `${path}.${kind}Id`, message: '缺失编号', sample: sample(row) });
      return;
    }
    const name = readName(kind === 'item' ? (row.itemTitle ?? row.title) : (row.skuName ?? row.name));
    // Aligned trend: `{ statDate: [..], payAmt: [..] }`.
    if (Array.isArray(row.statDate)) {
      const dates = row.statDate.map((d) => toBusinessDate(unwrapScalar(d)));
      const perDay = dates.map(() => ({}) as Record<string, number>);
      for (const [code, arr] of Object.entries(row)) {
        const mid = ID_KEYS.has(code) ? undefined : itemMetricId(code);
        if (!mid) continue;
        if (!Array.isArray(arr) || arr.length !== dates.length) {
          issues.push({ path: `${path}.${code}`, message: '不是与日期等长的数组', sample: sample(arr) });
          continue;
        }
        arr.forEach((v, k) => {
          const r = readWrapped(v, `${path}.${code}[${k}]`, issues);
          const slot = perDay[k];
          if (r.value !== undefined && slot) slot[mid] = r.value;
        });
      }
      dates.forEach((d, k) => {
        const values = perDay[k];
        if (!d) issues.push({ path: `${path}.statDate[${k}]`, message: '日期无法识别' });
        else if (values && Object.keys(values).length)
          facts.push(fact(kind, id, name, { grain: 'day', date: d, dims: trendDims }, dims(trendDims), { values, crc: {} }));
      });
      return;
    }
    let period = p;
    if (trend || row.statDate !== undefined) {
      const d = toBusinessDate(unwrapScalar(row.statDate));
      if (d) period = { grain: 'day', date: d, dims: trendDims };
      else if (trend) {
        issues.push({ path: `${path}.statDate`, message: '日期无法识别', sample: sample(row.statDate) });
        return;
      }
    }
    if (!period) return;
    const v = readCodes(row, path, issues);
    if (Object.keys(v.values).length) facts.push(fact(kind, id, name, period, dims(period.dims), v));
  });
  return done(facts, issues, kind === 'item' ? '商品指标' : 'SKU指标');
}

const S = 'https://sycm.taobao.com';
const D = '2026-06-01';
const day = `dateType=day&dateRange=${D}%7C${D}`;
const tail = 'token=1aa656228&_=1780300000000';
const IID = '680000000001';

export const sycmItem: Adapter = {
  id: 'sycm-item',
  label: { zh: '生意参谋·商品', en: 'sycm · Items' },
  host: SYCM_HOST,
  pages: [/^\/cc\/(item_rank|item_archives|macro_monitor|new_product|new_item)(\/|$|\.htm)/],
  examplePageUrls: [`${S}/cc/item_rank`, `${S}/cc/item_rank?${day}&device=0`, `${S}/cc/item_archives?itemId=${IID}&activeKey=sale`, `${S}/cc/macro_monitor`],
  openHint: {
    zh: '打开 生意参谋 → 品类 → 商品排行（翻页、切换日期即可采集）；单品数据在 商品360 → 销售分析',
    en: 'Open 生意参谋 → 品类 → 商品排行 (page through and switch dates to capture); single items in 商品360 → 销售分析',
    url: `${S}/cc/item_rank`,
  },
  unwrap: unwrapSycm,
  routes: [
    {
      id: 'item-rank',
      label: { zh: '商品排行', en: 'Item ranking' },
      method: 'GET',
      path: /^\/cc\/item\/view\/top(\/v\d+)?\.json$/,
      exampleUrls: [
        `${S}/cc/item/view/top.json?${day}&page=1&pageSize=10&order=desc&orderBy=payAmt&device=0&compareType=cycle&keyword=&follow=false&cateId=&cateLevel=&indexCode=&${tail}`,
        `${S}/cc/item/view/top/v2.json?dateType=recent7&dateRange=2026-05-26%7C${D}&page=2&pageSize=20&order=desc&orderBy=itmUv&device=2&compareType=cycle&follow=false&${tail}`,
      ],
      parse: itemList,
    },
    {
      id: 'item-overview',
      label: { zh: '商品360 核心概况', en: 'Item 360 overview' },
      method: 'GET',
      path: /^\/cc\/((live\/)?(v\d+\/)?item\/sale\/overview|diagnose\/coreIndex)\.json$/,
      exampleUrls: [
        `${S}/cc/live/item/sale/overview.json?dateType=today&dateRange=2026-06-02%7C2026-06-02&itemId=${IID}&device=0&${tail}`,
        `${S}/cc/diagnose/coreIndex.json?${day}&itemId=${IID}&device=0&${tail}`,
      ],
      parse: itemOverview,
    },
    {
      id: 'sku-list',
      label: { zh: '商品360 SKU 销售与库存', en: 'Item 360 SKU sales and stock' },
      method: 'GET',
      path: /^\/cc\/(live\/)?(v\d+\/)?item\/sale\/sku\/list\.json$/,
      exampleUrls: [
        `${S}/cc/live/v2/item/sale/sku/list.json?itemId=${IID}&device=0&${tail}`,
        `${S}/cc/item/sale/sku/list.json?${day}&itemId=${IID}&device=0&page=1&pageSize=20&order=desc&orderBy=payAmt&${tail}`,
      ],
      parse: skuList,
    },
    {
      id: 'detail-funnel',
      label: { zh: '商品360 详情页分析', en: 'Item 360 detail-page funnel' },
      method: 'GET',
      path: /^\/cc\/(v\d+\/)?item\/detail\/analysis\/overview\.json$/,
      exampleUrls: [`${S}/cc/item/detail/analysis/overview.json?${day}&itemId=${IID}&byrType=all&device=0&${tail}`],
      parse: detailFunnel,
    },
    {
      id: 'refund-reasons',
      label: { zh: '商品360 退款原因', en: 'Item 360 refund reasons' },
      method: 'GET',
      path: /^\/csp\/api\/refund\/item\/reason\/list(\/v\d+)?(\.json)?$/,
      exampleUrls: [
        `${S}/csp/api/refund/item/reason/list/v2.json?startDate=20260601&endDate=20260601&itemId=${IID}&rfdIntervalLevel=99&orderBy=rfdSucCnt&pageNo=1&pageSize=20&${tail}`,
      ],
      parse: refundReasons,
    },
    {
      id: 'refund-skus',
      label: { zh: '商品360 SKU 退款', en: 'Item 360 SKU refunds' },
      method: 'GET',
      path: /^\/cc\/refund\/item\/sku\/list\.json$/,
      exampleUrls: [`${S}/cc/refund/item/sku/list.json?${day}&itemId=${IID}&${tail}`],
      parse: skuRefunds,
    },
    {
      id: 'macro-overview',
      label: { zh: '宏观监控 核心指标', en: 'Macro monitor KPIs' },
      method: 'GET',
      path: /^\/cc\/cockpit\/marcro\/core\/(live\/)?overview\.json$/,
      exampleUrls: [`${S}/cc/cockpit/marcro/core/live/overview.json?${day}&device=0&${tail}`],
      parse: scopedOverview('cc'),
    },
    {
      id: 'macro-items',
      label: { zh: '宏观监控 商品榜', en: 'Macro monitor item list' },
      method: 'GET',
      path: /^\/cc\/cockpit\/marcro\/item\/top\.json$/,
      exampleUrls: [`${S}/cc/cockpit/marcro/item/top.json?${day}&device=0&page=1&pageSize=10&orderBy=payAmt&order=desc&${tail}`],
      parse: itemList,
    },
    {
      id: 'new-overview',
      label: { zh: '新品 概况', en: 'New products overview' },
      method: 'GET',
      path: /^\/cc\/new\/product\/overview\.json$/,
      exampleUrls: [`${S}/cc/new/product/overview.json?${day}&device=0&${tail}`],
      parse: scopedOverview('new-product'),
    },
    {
      id: 'new-items',
      label: { zh: '新品 商品列表', en: 'New products list' },
      method: 'GET',
      path: /^\/cc\/new\/product\/item\/list\.json$/,
      exampleUrls: [`${S}/cc/new/product/item/list.json?${day}&device=0&page=1&pageSize=10&${tail}`],
      parse: itemList,
    },
    {
      id: 'one-query',
      label: { zh: '统一查询（商品 / SKU）', en: 'oneQuery gateway (items / SKUs)' },
      method: 'ANY',
      path: /^\/domain\/oneQuery\.json$/,
      exampleUrls: [
        `${S}/domain/oneQuery.json?domainCode=tao.shop.shop.item&showType=overview&${day}&device=0&indexCodes=payAmt,itmUv,payRate&extMap=${encodeURIComponent(JSON.stringify({ itemId: IID, needCycleCrc: true }))}&bizCode=sycm_pc&${tail}`,
      ],
      parse: oneQuery,
    },
  ],
};
