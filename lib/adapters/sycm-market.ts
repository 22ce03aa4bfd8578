/**
 * 生意参谋 市场 / 竞争 — pages `https://sycm.taobao.com/mc/mq/market_rank`, `/mc/mq/overview`,
 * `/mc/ci/shop/monitor`, `/mc/ci/shop/analysis`, `/mc/ci/item/analysis`, `/mc/free/ci_shop`,
 * `/mc/free/search_rank` (console-sources §5.10).
 *
 * Transport (§3, §11.6): module envelope `{ code, message, data }` where `data` is either plain
 * JSON or an uppercase-hex AES-128-CBC ciphertext; `unwrap` decodes both (lib/capture/mc-decrypt.ts,
 * synchronous pure TS). The §11.8 localStorage cache (`__q__`, `value._d`) is OUT OF SCOPE: this
 * adapter reads network captures only.
 *
 * Values (§5.10.1): 指数 codes (tradeIndex, uvIndex, seIpvUvHits, cltHits, cartHits, payByrCntIndex,
 * payRateIndex, lostIndex…) are stored as metrics of kind `index`; the 2026 free edition's range
 * strings ("75万 ~ 100万", "5% ~ 7.5%", "600 ~ 1200") go to `fact.ranges` under the `…Range`
 * metrics (kind `range`), never to `values`. Own-shop numbers on the free pages are real.
 *
 * Routes (matched by pattern; versions, `live/`, `free/` and `mq/` segments drift):
 * - `rank` §5.10/§11.6 `/mc/[v2/]mq/mkt/rank/{shop,item,brand}/{hotsale,hotsearch,hotpurpose}.json`,
 *   free `/mc/mq/mkt/item/offline/rank*.json`: rows `{ shop{userId,title} | item{itemId,title} |
 *   brandModel{brandId,brandName}, cateRankId{value,cycleCqc}, tradeIndex{value}, … }` →
 *   rivalShop / rivalItem facts, dims device, cateId, sellerType, list. Brand rows need a `brand`
 *   entity kind that ENTITY_KINDS lacks: they are reported as issues until it exists.
 * - `monitor` §5.10 `/mc/[live/]ci/{shop,item}/monitor/{listShop,list}.json`, 2026
 *   `/mc/ci/free/v2/shop/monitor/listShop/page.json`, `/mc/free/live/ci/…/page.json` (PETER):
 *   rows with `shop_*` / `cate_*` / `item_*` prefixed keys or nested `shop` / `item`.
 * - `rival-shop` §5.10/§11.7 `/mc/[mq/|free/]rivalShop/analysis/get{Core,LiveCore}Indexes.json`,
 *   `getCoreIndexesLive.json`, `getCoreTrend[Live].json`: blocks `{ selfShop, rivalShop1, rivalShop2 }`
 *   (ids from the query: `rivalUser1Id`/`rivalUser2Id`, 2026 `sellerId`), the free rows
 *   `keyMetrics: [{ indexCode, selfShop: 120345, rivalShop1: "75万 ~ 100万" }]` and the trend
 *   `keyMetricTrends.<code>.<block> = { statDate: [...], <code>: [...] | { drawValue, value } }`.
 * - `rival-top-items` `/mc/[mq/]rivalShop/analysis/get[Live]TopItems[/page].json`: rival's items.
 * - `rival-item` `/mc/[mq/|free/]rivalItem/analysis/get[Live]CoreIndexes.json`, `getCoreTrend.json`:
 *   blocks `{ selfItem, rivalItem1, rivalItem2 }` (ids: `itemId`, `rivalItem1Id`/`rivalItemId`, `rivalItem2Id`).
 * - `searchword` §5.10 `/mc/[free/]searchword/{overview,relatedWord,relatedHotWord,getCategory}.json`,
 *   `/mc/mq/mkt/keyword/rank/pro.json`: keyword rows (`keyword`), category rows (`cateId`, `cateName`).
 * - `churn` §5.10 `/mc/ci/shop/recognition/getTopDrainList.json`, 2026 `/mc/free/ci/item/{search,view}/drain/recognition.json`:
 *   shops/items customers are lost to (`lostIndex`, `lostHits`, …), dim list=drain.
 * - `industry` §5.10 `/mc/mq/supply/mkt/overview.json`: category block → `category` fact (cateId).
 * Real-time requests (`dateType=today` or a `live` path segment) become grain `live`.
 *
 * Fixtures: tests/fixtures/sycm-market/ (README gives the section and confidence of each shape).
 */
import { shanghaiDate, toBusinessDate } from '../capture/business-date';
import type { Unwrapped } from '../capture/envelope';
import { unwrapSycm } from '../capture/envelope';
import { decodeMcData } from '../capture/mc-decrypt';
import { metricForSource } from '../metrics';
import { ENTITY_KINDS, type EntityKind, type FactDraft } from '../schema/fact';
import { findRows, isRecord, readNumber, sample } from './read';
import { SYCM_HOST, type SycmPeriod, sycmPeriod } from './sycm-common';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

const MAX_ROWS = 2000;
const MAX_NAME = 200;

/** Module envelope, then the /mc/ data decoding (ciphertext or plain JSON). */
export function unwrapMc(text: string): Unwrapped {
  const r = unwrapSycm(text);
  if (!r.ok) return r;
  const d = decodeMcData(r.data);
  if (!d.ok) return { ok: false, kind: 'not-json', message: d.message };
  return { ok: true, data: d.data };
}

// ---------------------------------------------------------------- values

const UNIT: Record<string, string> = { 万: 'e4', 亿: 'e8', '%': 'e-2', 千: 'e3' };

/** "75万 ~ 100万", "5% ~ 7.5%", "600 ~ 1200", "1.2亿～1.5亿" → [lo, hi]; null when not a range. */
export function parseRange(v: unknown): [number, number] | null | 'bad' {
  if (typeof v !== 'string' || !/[~～]/.test(v)) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([万亿千%]?)\s*[~～]\s*(\d+(?:\.\d+)?)\s*([万亿千%]?)\s*$/.exec(v.replace(/,/g, ''));
  if (!m) return 'bad';
  const lo = Number(`${m[1]}${UNIT[m[2] ?? ''] ?? ''}`);
  const hi = Number(`${m[3]}${UNIT[m[4] ?? ''] ?? ''}`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return 'bad';
  return [lo, hi];
}

interface Sink {
  values: Record<string, number>;
  ranges: Record<string, [number, number]>;
  crc: Record<string, number>;
}

const emptySink = (): Sink => ({ values: {}, ranges: {}, crc: {} });
const hasData = (s: Sink) => Object.keys(s.values).length > 0 || Object.keys(s.ranges).length > 0;

/** One console code with its raw value (scalar, wrapped `{value,cycleCrc}`, or range string). */
function readCode(code: string, raw: unknown, path: string, sink: Sink, issues: FieldIssue[]): void {
  const inner = isRecord(raw) ? raw.value : raw;
  const m = metricForSource('sycm', code);
  const rm = metricForSource('sycmRange', code);
  if (!m && !rm) return; // unknown code: left out
  const range = parseRange(inner);
  if (range === 'bad') {
    issues.push({ path, message: '区间无法识别', sample: sample(inner) });
    return;
  }
  if (range) {
    if (rm?.kind === 'range') sink.ranges[rm.id] = range;
    else issues.push({ path, message: '该指标没有区间口径', sample: sample(inner) });
    return;
  }
  if (!m || m.kind === 'range') {
    if (inner !== null && inner !== undefined && inner !== '' && inner !== '-') issues.push({ path, message: '应为区间', sample: sample(inner) });
    return;
  }
  const n = readNumber(inner);
  if (n.kind === 'num') sink.values[m.id] = n.n;
  else if (n.kind === 'bad') {
    issues.push({ path: `${path}.value`, message: '不是数字', sample: sample(inner) });
    return;
  }
  // 环比 only for real metrics: an index's change says nothing about the real change.
  if (isRecord(raw) && m.kind === 'real') {
    const c = readNumber(raw.cycleCrc);
    if (c.kind === 'num') sink.crc[m.id] = c.n;
  }
}

/** Every known code of a block; `strip` removes key prefixes such as `shop_` / `cate_`. */
function readBlock(block: Record<string, unknown>, path: string, issues: FieldIssue[], strip = /^(shop|cate|item)_/): Sink {
  const sink = emptySink();
  for (const [key, raw] of Object.entries(block)) readCode(key.replace(strip, ''), raw, `${path}.${key}`, sink, issues);
  return sink;
}

// ---------------------------------------------------------------- identities

const scalar = (v: unknown): unknown => (isRecord(v) ? v.value : v);

function idOf(v: unknown): string | null {
  const s = scalar(v);
  if (typeof s === 'number' && Number.isSafeInteger(s) && s > 0) return String(s);
  if (typeof s === 'string' && /^\d{1,20}$/.test(s.trim())) return s.trim();
  return null;
}

function nameOf(v: unknown): string | undefined {
  const s = scalar(v);
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  return t ? t.slice(0, MAX_NAME) : undefined;
}

function textKey(v: unknown): string | null {
  const s = scalar(v);
  if (typeof s !== 'string') return null;
  const t = s.trim();
  return t && t.length <= 100 ? t : null;
}

type Who = { kind: EntityKind; id: string; name?: string };

const BRAND_KIND = (ENTITY_KINDS as readonly string[]).includes('brand') ? ('brand' as EntityKind) : null;

function shopOf(row: Record<string, unknown>): Who | null {
  const s = isRecord(row.shop) ? row.shop : null;
  const id =
    idOf(s?.userId) ?? idOf(s?.sellerId) ?? idOf(s?.shopId) ?? idOf(row.shop_userId) ?? idOf(row.shop_sellerId) ?? idOf(row.userId) ?? idOf(row.sellerId);
  if (!id) return null;
  const name = nameOf(s?.title) ?? nameOf(s?.shopName) ?? nameOf(row.shop_title) ?? nameOf(row.shopName);
  return { kind: 'rivalShop', id, ...(name ? { name } : {}) };
}

function itemOf(row: Record<string, unknown>): Who | null {
  const it = isRecord(row.item) ? row.item : null;
  const id = idOf(it?.itemId) ?? idOf(it?.id) ?? idOf(row.item_itemId) ?? idOf(row.itemId);
  if (!id) return null;
  const name = nameOf(it?.title) ?? nameOf(row.item_title) ?? nameOf(row.title);
  return { kind: 'rivalItem', id, ...(name ? { name } : {}) };
}

function keywordOf(row: Record<string, unknown>): Who | null {
  const k = textKey(row.keyword) ?? textKey(row.searchWord) ?? textKey(row.seKeyword) ?? textKey(row.word);
  return k ? { kind: 'keyword', id: k, name: k } : null;
}

function categoryOf(row: Record<string, unknown>): Who | null {
  const id = idOf(row.cateId);
  if (!id) return null;
  const name = nameOf(row.cateName);
  return { kind: 'category', id, ...(name ? { name } : {}) };
}

/** Keys that identify a row (never read as metrics, never stored beyond id/name). */
const IDENTITY_KEYS = new Set(['shop', 'item', 'brandModel', 'keyword', 'searchWord', 'seKeyword', 'word', 'cateId', 'cateName', 'statDate']);

// ---------------------------------------------------------------- periods

function isLivePath(pathname: string): boolean {
  return /(^|\/)live(\/|$)|Live/.test(pathname);
}

/** sycmPeriod plus the market's live paths (a `live/` segment or a `…Live` name). */
function marketPeriod(ctx: RouteContext): SycmPeriod | FieldIssue {
  const url = ctx.url;
  const p = sycmPeriod(url);
  if (isLivePath(url.pathname) || url.searchParams.get('dateType') === 'today') {
    const dims = { device: p?.dims.device ?? deviceOf(url) };
    const end = (url.searchParams.get('dateRange') ?? '').split('|')[1] ?? '';
    const date = /^\d{4}-\d{2}-\d{2}$/.test(end) ? end : shanghaiDate(ctx.capturedAt);
    return { grain: 'live', date, dims };
  }
  return p ?? { path: 'url.dateRange', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) };
}

function deviceOf(url: URL): string {
  const d = url.searchParams.get('device');
  return d && /^[0-2]$/.test(d) ? d : '0';
}

/** Meaning-changing market filters from the query: cateId, sellerType. */
function marketDims(url: URL, extra: Record<string, string> = {}): Record<string, string> {
  const dims: Record<string, string> = { ...extra };
  const cate = url.searchParams.get('cateId');
  if (cate && /^\d{1,20}$/.test(cate)) dims.cateId = cate;
  const st = url.searchParams.get('sellerType');
  if (st && /^-?\d$/.test(st)) dims.sellerType = st;
  return dims;
}

function fact(who: Who, period: SycmPeriod, dims: Record<string, string>, sink: Sink, grain = period.grain, date = period.date): FactDraft {
  return {
    entityKind: who.kind,
    entityId: who.id,
    ...(who.name ? { entityName: who.name } : {}),
    grain,
    date,
    dims: { ...period.dims, ...dims },
    values: sink.values,
    ...(Object.keys(sink.ranges).length ? { ranges: sink.ranges } : {}),
    ...(Object.keys(sink.crc).length ? { crc: sink.crc } : {}),
  };
}

// ---------------------------------------------------------------- row lists

/** The row array of a list payload: bare array, or `{ data | list | rows | dataSource | items: [...] }`. */
function rowsOf(data: unknown): unknown[] | null {
  return findRows(data, ['data', 'list', 'rows', 'dataSource', 'items', 'result']);
}

type Identify = (row: Record<string, unknown>) => Who | null;

function listFacts(data: unknown, ctx: RouteContext, identify: Identify, extraDims: Record<string, string>, what: string): RouteResult {
  const p = marketPeriod(ctx);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data', message: '不是列表', sample: sample(data) }] };
  if (rows.length === 0) return { ok: false, issues: [{ path: 'data', message: '列表为空' }] };
  const issues: FieldIssue[] = [];
  if (rows.length > MAX_ROWS) issues.push({ path: 'data', message: `列表有 ${rows.length} 行，只读前 ${MAX_ROWS} 行` });
  const dims = marketDims(ctx.url, extraDims);
  const byKey = new Map<string, FactDraft>();
  let brandRows = 0;
  rows.slice(0, MAX_ROWS).forEach((row, i) => {
    if (!isRecord(row)) {
      issues.push({ path: `data[${i}]`, message: '不是对象', sample: sample(row) });
      return;
    }
    let who = identify(row);
    if (!who && isRecord(row.brandModel)) {
      const id = idOf(row.brandModel.brandId);
      if (id && BRAND_KIND) who = { kind: BRAND_KIND, id, ...(nameOf(row.brandModel.brandName) ? { name: nameOf(row.brandModel.brandName) } : {}) };
      else if (id) {
        brandRows++;
        return;
      }
    }
    if (!who) {
      issues.push({ path: `data[${i}]`, message: `没有可识别的${what}`, sample: sample(row) });
      return;
    }
    const metrics: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!IDENTITY_KEYS.has(k)) metrics[k] = v;
    const sink = readBlock(metrics, `data[${i}]`, issues);
    if (!hasData(sink)) return;
    const f = fact(who, p, dims, sink);
    // Same entity twice on one page (duplicates across pages): the first row wins.
    const key = `${f.entityKind}|${f.entityId}`;
    if (!byKey.has(key)) byKey.set(key, f);
  });
  if (brandRows) issues.push({ path: 'data[].brandModel', message: `${brandRows} 行品牌数据：尚无“品牌”实体类型，未保存` });
  const facts = [...byKey.values()];
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的指标' }] };
  return { ok: true, facts, issues };
}

// ---------------------------------------------------------------- self/rival blocks

interface BlockSpec {
  self: string;
  rivals: string[];
  selfKind: EntityKind;
  rivalKind: EntityKind;
  /** Entity id of a block from the request's query; null when the page did not say. */
  idFor(block: string, url: URL, shopId: string): string | null;
}

const SHOP_BLOCKS: BlockSpec = {
  self: 'selfShop',
  rivals: ['rivalShop1', 'rivalShop2'],
  selfKind: 'shop',
  rivalKind: 'rivalShop',
  idFor(block, url, shopId) {
    const q = (k: string) => idOf(url.searchParams.get(k));
    if (block === 'selfShop') return shopId;
    if (block === 'rivalShop1') return q('rivalUser1Id') ?? q('sellerId') ?? q('rivalShop1Id') ?? q('userId');
    if (block === 'rivalShop2') return q('rivalUser2Id') ?? q('rivalShop2Id');
    return null;
  },
};

const ITEM_BLOCKS: BlockSpec = {
  self: 'selfItem',
  rivals: ['rivalItem1', 'rivalItem2'],
  selfKind: 'item',
  rivalKind: 'rivalItem',
  idFor(block, url) {
    const q = (k: string) => idOf(url.searchParams.get(k));
    if (block === 'selfItem') return q('itemId') ?? q('selfItemId');
    if (block === 'rivalItem1') return q('rivalItem1Id') ?? q('rivalItemId');
    if (block === 'rivalItem2') return q('rivalItem2Id');
    return null;
  },
};

function blockWho(spec: BlockSpec, block: string, ctx: RouteContext, issues: FieldIssue[]): Who | null {
  const id = spec.idFor(block, ctx.url, ctx.shopId);
  if (!id) {
    issues.push({ path: block, message: '请求里没有这一方的编号，未保存', sample: ctx.url.search.slice(0, 120) });
    return null;
  }
  return { kind: block === spec.self ? spec.selfKind : spec.rivalKind, id };
}

/** `{ selfShop: {code:…}, rivalShop1: {…} }`, free `keyMetrics` rows, and `keyMetricTrends`. */
function compare(data: unknown, ctx: RouteContext, spec: BlockSpec): RouteResult {
  const p = marketPeriod(ctx);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  const issues: FieldIssue[] = [];
  // The own side is the shop/item within the chosen category on this page: kept apart from 首页 facts.
  const dims = marketDims(ctx.url, { list: 'compare' });
  delete dims.sellerType;
  const blocks = [spec.self, ...spec.rivals];
  const facts: FactDraft[] = [];
  const rows = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.keyMetrics) ? data.keyMetrics : null;
  const trends = isRecord(data) && isRecord(data.keyMetricTrends) ? data.keyMetricTrends : null;

  if (rows) {
    // Free rows: one metric per row, one column per side.
    const sinks = new Map<string, Sink>(blocks.map((b) => [b, emptySink()]));
    rows.slice(0, MAX_ROWS).forEach((row, i) => {
      if (!isRecord(row)) return;
      const code = typeof row.indexCode === 'string' ? row.indexCode : null;
      if (!code) {
        issues.push({ path: `keyMetrics[${i}].indexCode`, message: '缺失' });
        return;
      }
      for (const b of blocks) {
        const sink = sinks.get(b);
        if (sink && row[b] !== undefined && row[b] !== null) readCode(code, row[b], `keyMetrics[${i}].${b}`, sink, issues);
      }
    });
    for (const b of blocks) {
      const sink = sinks.get(b);
      if (!sink || !hasData(sink)) continue;
      const who = blockWho(spec, b, ctx, issues);
      if (who) facts.push(fact(who, p, dims, sink));
    }
  } else if (isRecord(data) && !trends) {
    const series = blocks.some((b) => isRecord(data[b]) && Array.isArray((data[b] as Record<string, unknown>).statDate));
    for (const b of blocks) {
      const block = data[b];
      if (block === undefined || block === null) continue;
      if (!isRecord(block)) {
        issues.push({ path: b, message: '不是对象', sample: sample(block) });
        continue;
      }
      if (series) {
        facts.push(...seriesFacts(block, b, undefined, ctx, spec, dims, issues));
        continue;
      }
      const sink = readBlock(block, b, issues);
      if (!hasData(sink)) continue;
      const who = blockWho(spec, b, ctx, issues);
      if (who) facts.push(fact(who, p, dims, sink));
    }
  } else if (!trends) {
    return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  }

  if (trends) {
    for (const [code, byBlock] of Object.entries(trends)) {
      if (!isRecord(byBlock)) continue;
      for (const b of blocks) {
        const block = byBlock[b];
        if (isRecord(block)) facts.push(...seriesFacts(block, b, code, ctx, spec, dims, issues, `keyMetricTrends.${code}.${b}`));
      }
    }
  }
  const merged = mergeFacts(facts);
  if (merged.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的指标' }] };
  return { ok: true, facts: merged, issues };
}

/**
 * Aligned series `{ statDate: [ms…], code: [v…] | { drawValue: [...], value: [...] } }` of one side
 * → one day fact per date. `only` limits the codes read (trend maps keyed by metric).
 */
function seriesFacts(
  block: Record<string, unknown>,
  side: string,
  only: string | undefined,
  ctx: RouteContext,
  spec: BlockSpec,
  dims: Record<string, string>,
  issues: FieldIssue[],
  path = side,
): FactDraft[] {
  if (isLivePath(ctx.url.pathname)) {
    issues.push({ path, message: '实时趋势是当天的分时数据，不按日保存' });
    return [];
  }
  if (!Array.isArray(block.statDate)) {
    issues.push({ path: `${path}.statDate`, message: '缺失或不是数组', sample: sample(block.statDate) });
    return [];
  }
  const statDates: unknown[] = block.statDate;
  const dates = statDates.slice(0, MAX_ROWS).map((d) => toBusinessDate(scalar(d)));
  const sinks = dates.map(() => emptySink());
  for (const [code, raw] of Object.entries(block)) {
    if (code === 'statDate' || (only && code !== only)) continue;
    const arr = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.value) ? raw.value : null;
    if (!arr) continue;
    if (arr.length !== statDates.length) {
      issues.push({ path: `${path}.${code}`, message: `长度 ${arr.length} 与日期数 ${statDates.length} 不一致` });
      continue;
    }
    dates.forEach((_d, i) => {
      const sink = sinks[i];
      if (sink) readCode(code, arr[i], `${path}.${code}[${i}]`, sink, issues);
    });
  }
  const p = { grain: 'day' as const, date: '', dims: { device: deviceOf(ctx.url) } };
  const out: FactDraft[] = [];
  let who: Who | null | undefined;
  dates.forEach((date, i) => {
    const sink = sinks[i];
    if (!date || !sink || !hasData(sink)) {
      if (!date) issues.push({ path: `${path}.statDate[${i}]`, message: '日期无法识别', sample: sample(statDates[i]) });
      return;
    }
    if (who === undefined) who = blockWho(spec, side, ctx, issues);
    if (who) out.push(fact(who, p, dims, sink, 'day', date));
  });
  return out;
}

/** Facts of the same key (trend maps give one metric at a time) → one fact. */
function mergeFacts(facts: FactDraft[]): FactDraft[] {
  const byKey = new Map<string, FactDraft>();
  for (const f of facts) {
    const key = [f.entityKind, f.entityId, f.grain, f.date, JSON.stringify(Object.entries(f.dims).sort())].join('|');
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...f, values: { ...f.values }, ...(f.ranges ? { ranges: { ...f.ranges } } : {}) });
      continue;
    }
    Object.assign(prev.values, f.values);
    if (f.ranges) prev.ranges = { ...prev.ranges, ...f.ranges };
    if (f.crc) prev.crc = { ...prev.crc, ...f.crc };
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------- single-entity blocks

/** Search-word overview (`keyword` from the query) or industry overview (`cateId`). */
function single(data: unknown, ctx: RouteContext, who: Who | null, missing: string): RouteResult {
  const p = marketPeriod(ctx);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  if (!who) return { ok: false, issues: [{ path: 'url', message: missing, sample: ctx.url.search.slice(0, 120) }] };
  const block = Array.isArray(data) && data.length === 1 ? data[0] : data;
  if (!isRecord(block)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const src = isRecord(block.self) ? block.self : block;
  const metrics: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) if (!IDENTITY_KEYS.has(k)) metrics[k] = v;
  const sink = readBlock(metrics, 'data', issues);
  if (!hasData(sink)) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的指标', sample: sample(block) }] };
  const dims = marketDims(ctx.url);
  if (who.kind === 'category') delete dims.cateId;
  return { ok: true, facts: [fact(who, p, dims, sink)], issues };
}

// ---------------------------------------------------------------- routes

const byRowShopFirst: Identify = (row) => shopOf(row) ?? itemOf(row);
const byRowItemFirst: Identify = (row) => itemOf(row) ?? shopOf(row);

function rank(data: unknown, ctx: RouteContext): RouteResult {
  const m = /\/rank\/(shop|item|brand)\/([A-Za-z]+)\.json$/.exec(ctx.url.pathname);
  const type = m?.[1] ?? 'item';
  const list = m?.[2] ?? (/offline/.test(ctx.url.pathname) ? 'offline' : 'rank');
  const identify: Identify = type === 'shop' ? shopOf : type === 'brand' ? () => null : byRowItemFirst;
  return listFacts(data, ctx, identify, { list }, type === 'shop' ? '店铺' : type === 'brand' ? '品牌' : '商品');
}

function monitor(data: unknown, ctx: RouteContext): RouteResult {
  const isItem = /\/item\//.test(ctx.url.pathname);
  return listFacts(data, ctx, isItem ? byRowItemFirst : byRowShopFirst, { list: 'monitor' }, isItem ? '商品' : '店铺');
}

function searchword(data: unknown, ctx: RouteContext): RouteResult {
  const name = /\/([A-Za-z]+)\.json$/.exec(ctx.url.pathname)?.[1] ?? 'searchword';
  const seed = textKey(ctx.url.searchParams.get('keyword'));
  if (name === 'overview') return single(data, ctx, seed ? { kind: 'keyword', id: seed, name: seed } : null, '请求里没有搜索词');
  const extra: Record<string, string> = { list: name };
  if (seed && name !== 'pro') extra.seed = seed;
  const identify: Identify = name === 'getCategory' ? categoryOf : (row) => keywordOf(row) ?? categoryOf(row);
  return listFacts(data, ctx, identify, extra, name === 'getCategory' ? '类目' : '搜索词');
}

function churn(data: unknown, ctx: RouteContext): RouteResult {
  const isItem = /\/item\//.test(ctx.url.pathname);
  const kind = /\/search\//.test(ctx.url.pathname) ? 'drainSearch' : /\/view\//.test(ctx.url.pathname) ? 'drainView' : 'drain';
  return listFacts(data, ctx, isItem ? byRowItemFirst : byRowShopFirst, { list: kind }, isItem ? '商品' : '店铺');
}

function industry(data: unknown, ctx: RouteContext): RouteResult {
  const cate = idOf(ctx.url.searchParams.get('cateId'));
  return single(data, ctx, cate ? { kind: 'category', id: cate } : null, '请求里没有类目编号');
}

const D = 'dateType=day&dateRange=2026-06-01%7C2026-06-01';
const T = '&token=1aa656228&_=1780300000000';
const MC = 'https://sycm.taobao.com/mc';

export const sycmMarket: Adapter = {
  id: 'sycm-market',
  label: { zh: '生意参谋·市场/竞争', en: 'sycm · Market & competition' },
  host: SYCM_HOST,
  pages: [/^\/mc\/(mq|ci|free)\//],
  examplePageUrls: [
    'https://sycm.taobao.com/mc/mq/market_rank?cateId=50008163&dateRange=2026-06-01%7C2026-06-01&dateType=day&device=0&sellerType=-1',
    'https://sycm.taobao.com/mc/ci/shop/monitor?dateType=day&dateRange=2026-06-01%7C2026-06-01',
    'https://sycm.taobao.com/mc/free/ci_shop?sellerId=2201234567&dateType=day&dateRange=2026-06-01%7C2026-06-01',
    'https://sycm.taobao.com/mc/free/search_rank',
  ],
  openHint: {
    zh: '打开 生意参谋 → 市场 → 市场排行，或 竞争 → 监控店铺 / 竞店分析',
    en: 'Open 生意参谋 → 市场 → 市场排行, or 竞争 → 监控店铺 / 竞店分析',
    url: 'https://sycm.taobao.com/mc/mq/market_rank',
  },
  unwrap: unwrapMc,
  routes: [
    {
      id: 'rank',
      label: { zh: '市场排行', en: 'Market rank' },
      method: 'GET',
      path: /^\/mc\/(?:v\d+\/)?(?:live\/)?mq\/mkt\/(?:live\/)?(?:rank\/(?:shop|item|brand)\/[A-Za-z]+|item\/offline\/rank[A-Za-z]*)\.json$/,
      exampleUrls: [
        `${MC}/mq/mkt/rank/shop/hotsale.json?cateId=50008163&${D}&device=0&sellerType=-1&page=1&pageSize=10&order=desc&orderBy=tradeIndex&indexCode=tradeIndex,tradeGrowthRange,payRateIndex${T}`,
        `${MC}/mq/mkt/rank/item/hotsearch.json?cateId=50008163&${D}&device=0&sellerType=-1&page=1&pageSize=10${T}`,
        `${MC}/mq/mkt/rank/brand/hotsearch.json?cateId=50008163&${D}&device=0&sellerType=-1&page=1&pageSize=10${T}`,
        `${MC}/v2/mq/mkt/rank/item/hotsale.json?cateId=50008163&${D}&device=2&sellerType=1&page=1&pageSize=10${T}`,
        `${MC}/mq/mkt/item/offline/rank.json?cateId=50008163&${D}&marketVersion=free${T}`,
      ],
      parse: rank,
    },
    {
      id: 'monitor',
      label: { zh: '监控店铺/商品', en: 'Monitored shops/items' },
      method: 'GET',
      path: /^\/mc\/(?:free\/)?(?:live\/)?ci\/(?:free\/)?(?:v\d+\/)?(?:shop|item)\/monitor\/(?:listShop|list)(?:\/page)?\.json$/,
      exampleUrls: [
        `${MC}/ci/shop/monitor/listShop.json?${D}&cateId=50008163&device=0&sellerType=-1&indexCode=cateRankId,tradeIndex,uvIndex&orderBy=tradeIndex&order=desc&page=1&pageSize=10${T}`,
        `${MC}/live/ci/shop/monitor/listShop.json?dateType=today&dateRange=2026-06-10%7C2026-06-10&cateId=50008163&device=0&sellerType=-1${T}`,
        `${MC}/ci/item/monitor/list.json?${D}&cateId=50008163&device=0&sellerType=-1&indexCode=cateRankId,tradeIndex,uvIndex${T}`,
        `${MC}/ci/free/v2/shop/monitor/listShop/page.json?${D}&page=1&pageSize=10${T}`,
        `${MC}/free/live/ci/shop/monitor/listShop/page.json?dateType=today&dateRange=2026-06-10%7C2026-06-10${T}`,
      ],
      parse: monitor,
    },
    {
      id: 'rival-shop',
      label: { zh: '竞店分析', en: 'Rival shop analysis' },
      method: 'GET',
      path: /^\/mc\/(?:mq\/|free\/)?rivalShop\/analysis\/(?:getCoreIndexes|getLiveCoreIndexes|getCoreIndexesLive|getCoreTrend|getCoreTrendLive)\.json$/,
      exampleUrls: [
        `${MC}/rivalShop/analysis/getCoreIndexes.json?${D}&cateId=50008163&device=0&rivalUser1Id=2200123456&rivalUser2Id=2200654321${T}`,
        `${MC}/rivalShop/analysis/getLiveCoreIndexes.json?dateType=today&dateRange=2026-06-10%7C2026-06-10&cateId=50008163&device=0&rivalUser1Id=2200123456${T}`,
        `${MC}/mq/rivalShop/analysis/getCoreIndexes.json?${D}&sellerId=2200123456&marketVersion=free${T}`,
        `${MC}/mq/rivalShop/analysis/getCoreTrend.json?${D}&sellerId=2200123456&marketVersion=free${T}`,
        `${MC}/free/rivalShop/analysis/getCoreIndexesLive.json?sellerId=2200123456${T}`,
      ],
      parse: (data, ctx) => compare(data, ctx, SHOP_BLOCKS),
    },
    {
      id: 'rival-top-items',
      label: { zh: '竞店热销商品', en: "Rival shop's top items" },
      method: 'GET',
      path: /^\/mc\/(?:mq\/|free\/)?rivalShop\/analysis\/get(?:Live)?TopItems(?:\/page)?\.json$/,
      exampleUrls: [
        `${MC}/rivalShop/analysis/getTopItems.json?${D}&cateId=50008163&device=0&userId=2200123456&indexCode=tradeIndex&topType=trade${T}`,
        `${MC}/mq/rivalShop/analysis/getTopItems/page.json?${D}&sellerId=2200123456${T}`,
      ],
      parse: (data, ctx) => listFacts(data, ctx, byRowItemFirst, { list: 'rivalTop' }, '商品'),
    },
    {
      id: 'rival-item',
      label: { zh: '竞品分析', en: 'Rival item analysis' },
      method: 'GET',
      path: /^\/mc\/(?:mq\/|free\/)?rivalItem\/analysis\/(?:getCoreIndexes|getLiveCoreIndexes|getCoreIndexesLive|getCoreTrend)\.json$/,
      exampleUrls: [
        `${MC}/rivalItem/analysis/getCoreIndexes.json?${D}&cateId=50008163&device=0&itemId=612345678901&rivalItem1Id=623456789012${T}`,
        `${MC}/mq/rivalItem/analysis/getCoreIndexes.json?${D}&itemId=612345678901&rivalItemId=623456789012${T}`,
        `${MC}/rivalItem/analysis/getLiveCoreIndexes.json?dateType=today&dateRange=2026-06-10%7C2026-06-10&itemId=612345678901&rivalItem1Id=623456789012${T}`,
      ],
      parse: (data, ctx) => compare(data, ctx, ITEM_BLOCKS),
    },
    {
      id: 'searchword',
      label: { zh: '搜索词分析', en: 'Search words' },
      method: 'GET',
      path: /^\/mc\/(?:free\/)?(?:searchword\/(?:overview|relatedWord|relatedHotWord|getCategory)|mq\/mkt\/keyword\/rank\/pro)\.json$/,
      exampleUrls: [
        `${MC}/searchword/relatedWord.json?${D}&device=0&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97&indexCode=seIpvUvHits,sePvIndex,clickRate,clickHits,clickHot${T}`,
        `${MC}/searchword/overview.json?${D}&device=0&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97${T}`,
        `${MC}/searchword/getCategory.json?${D}&device=0&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97${T}`,
        `${MC}/free/searchword/overview.json?${D}&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97&marketVersion=free${T}`,
        `${MC}/mq/mkt/keyword/rank/pro.json?cateId=50008163&${D}&device=0&marketVersion=free${T}`,
      ],
      parse: searchword,
    },
    {
      id: 'churn',
      label: { zh: '流失竞店识别', en: 'Churn to rivals' },
      method: 'GET',
      path: /^\/mc\/(?:ci\/shop\/recognition\/getTopDrainList|free\/ci\/item\/(?:search|view)\/drain\/recognition)\.json$/,
      exampleUrls: [
        `${MC}/ci/shop/recognition/getTopDrainList.json?${D}&cateId=50008163&device=0&indexCode=lostIndex,lostHits,uvIndex,seIpvUvHits,tradeIndex&page=1&pageSize=10${T}`,
        `${MC}/free/ci/item/view/drain/recognition.json?${D}${T}`,
      ],
      parse: churn,
    },
    {
      id: 'industry',
      label: { zh: '市场大盘', en: 'Industry overview' },
      method: 'GET',
      path: /^\/mc\/mq\/supply\/mkt\/overview\.json$/,
      exampleUrls: [`${MC}/mq/supply/mkt/overview.json?cateId=50008163&${D}&device=0&sellerType=-1${T}`],
      parse: industry,
    },
  ],
};
