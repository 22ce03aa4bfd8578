/** sycm 首页 portal APIs (console-sources §5.1, §11.1): overview, trend and table, v2 + v3. */
import {
  addDays,
  beijingMidnightMs,
  CARD_CODES,
  HOME_KPI_CODES,
  isIsoDate,
  PEER_CODES,
  type PeerKind,
  type Shop,
  type ShopDay,
  type World,
} from '../../generator/index.ts';
import { html, json, redirect, type SandboxRequest, type SandboxResponse, type SandboxState } from '../../http.ts';
import { currentShop } from '../../identity.ts';
import { loginPageHtml } from './login.ts';

export interface Wrapped {
  value: number | string | null;
  cycleCrc?: number | null;
  syncCrc?: number | null;
}

export function portalOk(data: unknown): SandboxResponse {
  return json({ hasError: false, content: { code: 0, message: '操作成功', data } });
}

export function portalError(code: number, message: string): SandboxResponse {
  return json({ hasError: false, content: { code, message, data: null } });
}

/** Change ratio (4 dp), null when the base is missing or zero. */
export function crc(cur: number, prev: number | undefined): number | null {
  if (prev === undefined || prev === 0) return null;
  return Math.round(((cur - prev) / prev) * 10000) / 10000;
}

interface Ctx {
  readonly world: World;
  readonly shop: Shop;
  readonly date: string;
  readonly today: string;
}

const PEER_KINDS: readonly PeerKind[] = ['rivalAvg', 'rivalGood'];

function dayOrUndefined(ctx: Ctx, date: string): ShopDay | undefined {
  return date >= ctx.world.historyStart ? ctx.world.shopDay(ctx.shop.runAsShopId, date) : undefined;
}

function peers(ctx: Ctx, withCrc: boolean): Record<PeerKind, Record<string, Wrapped>> {
  const out = { rivalAvg: {}, rivalGood: {} } as Record<PeerKind, Record<string, Wrapped>>;
  const prevDate = addDays(ctx.date, -1);
  for (const kind of PEER_KINDS) {
    const cur = ctx.world.peerDay(ctx.shop.runAsShopId, ctx.date, kind);
    const prev = prevDate >= ctx.world.historyStart ? ctx.world.peerDay(ctx.shop.runAsShopId, prevDate, kind) : undefined;
    for (const code of PEER_CODES) {
      out[kind][code] = withCrc ? { value: cur[code], cycleCrc: crc(cur[code], prev?.[code]) } : { value: cur[code] };
    }
  }
  return out;
}

export function overviewData(ctx: Ctx): Record<string, unknown> {
  const cur = ctx.world.shopDay(ctx.shop.runAsShopId, ctx.date);
  const prev = dayOrUndefined(ctx, addDays(ctx.date, -1));
  const self: Record<string, Wrapped | { value: number }> = {};
  for (const code of CARD_CODES) self[code] = { value: cur[code], cycleCrc: crc(cur[code], prev?.[code]) };
  self.statDate = { value: beijingMidnightMs(ctx.date) };
  return { self, ...peers(ctx, false) };
}

export function tableData(ctx: Ctx): Record<string, unknown> {
  const cur = ctx.world.shopDay(ctx.shop.runAsShopId, ctx.date);
  const prev = dayOrUndefined(ctx, addDays(ctx.date, -1));
  const lastWeek = dayOrUndefined(ctx, addDays(ctx.date, -7));
  const self: Record<string, Wrapped> = {};
  for (const code of HOME_KPI_CODES) {
    self[code] = { value: cur[code], cycleCrc: crc(cur[code], prev?.[code]), syncCrc: crc(cur[code], lastWeek?.[code]) };
  }
  return { self, ...peers(ctx, true) };
}

function trendDates(ctx: Ctx): string[] {
  return Array.from({ length: 30 }, (_, i) => addDays(ctx.date, i - 29));
}

export function trendV3Data(ctx: Ctx): Record<string, unknown> {
  const dates = trendDates(ctx);
  const days = dates.map((d) => dayOrUndefined(ctx, d));
  const self: Record<string, (number | null)[]> = {};
  for (const code of HOME_KPI_CODES) self[code] = days.map((d) => (d ? d[code] : null));
  const rivalAvg = {
    payAmt: dates.map((d) => (d >= ctx.world.historyStart ? ctx.world.peerDay(ctx.shop.runAsShopId, d, 'rivalAvg').payAmt : null)),
    uv: dates.map((d) => (d >= ctx.world.historyStart ? ctx.world.peerDay(ctx.shop.runAsShopId, d, 'rivalAvg').uv : null)),
  };
  return { statDate: dates.map(beijingMidnightMs), self, rivalAvg };
}

export function trendV2Data(ctx: Ctx): Record<string, unknown>[] {
  return trendDates(ctx).map((d) => {
    const day = dayOrUndefined(ctx, d);
    const row: Record<string, { value: number | null }> = { statDate: { value: beijingMidnightMs(d) } };
    for (const code of HOME_KPI_CODES) row[code] = { value: day ? day[code] : null };
    return row;
  });
}

/** Pads a table payload with unknown codes until its JSON is ≥ 10× the original. */
export function padHuge(data: Record<string, unknown>): Record<string, unknown> {
  const target = JSON.stringify(data).length * 10;
  const self = { ...(data.self as Record<string, unknown>) };
  const extraRows: Record<string, unknown>[] = [];
  const out: Record<string, unknown> = { ...data, self, extraRows };
  let i = 0;
  while (JSON.stringify(out).length < target) {
    for (let k = 0; k < 50; k++, i++) {
      const code = `zzUnknownIndex${String(i).padStart(5, '0')}`;
      self[code] = { value: i * 1.5, cycleCrc: 0.0123, syncCrc: -0.02, ratio: 0.001, desc: '沙盒填充字段(未知指标)' };
      extraRows.push({ indexCode: code, indexName: `未知指标${i}`, groupName: '扩展指标', tips: 'x'.repeat(40) });
    }
  }
  return out;
}

type Builder = (ctx: Ctx) => unknown;

const ROUTES: Record<string, { build: Builder; kind: 'overview' | 'trend' | 'table' }> = {
  '/portal/coreIndex/new/overview/v3.json': { build: overviewData, kind: 'overview' },
  '/portal/coreIndex/new/overview/v2.json': { build: overviewData, kind: 'overview' },
  '/portal/coreIndex/new/trend/v3.json': { build: trendV3Data, kind: 'trend' },
  '/portal/coreIndex/new/trend/v2.json': { build: trendV2Data, kind: 'trend' },
  '/portal/coreIndex/new/getTableData/v3.json': { build: tableData, kind: 'table' },
  '/portal/coreIndex/new/getTableData/v2.json': { build: tableData, kind: 'table' },
};

export function isPortalApi(path: string): boolean {
  return path in ROUTES;
}

function malform(kind: 'overview' | 'trend' | 'table', data: unknown): unknown {
  if (kind === 'overview') {
    const d = data as { self: Record<string, unknown> };
    d.self.payAmt = { value: 'abc', cycleCrc: 0.01 };
    delete d.self.uv;
    return d;
  }
  if (kind === 'table') {
    const d = data as { self: Record<string, Wrapped> };
    for (const w of Object.values(d.self)) w.value = null;
    return d;
  }
  return data;
}

/** Shared fault handling for every sycm JSON endpoint; null when no fault applies. */
export function apiFault(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  switch (state.fault) {
    case 'login':
      return redirect(`https://sycm.taobao.com/custom/login.htm?_target=${encodeURIComponent(req.url.href)}`);
    case 'html':
      return html(loginPageHtml(req.url.href));
    case 'error5810':
      return json({ hasError: false, content: { code: 5810, message: 'You must login system first' } });
    default:
      return null;
  }
}

export function portalApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const route = ROUTES[req.path];
  if (!route) return null;
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  if (req.query.get('token') !== shop.legalityToken) {
    return json({ hasError: false, content: { code: 5810, message: 'You must login system first' } });
  }
  const dateType = req.query.get('dateType');
  if (!dateType) return portalError(22102, '参数dateType不能为空');
  if (dateType !== 'day') return portalError(1003, '沙盒暂只支持dateType=day');
  const [from, to] = (req.query.get('dateRange') ?? '').split('|');
  if (!from || !to || from !== to || !isIsoDate(from) || !state.world.hasData(from, state.today)) {
    return portalError(1003, '日期超出可查询范围');
  }
  const ctx: Ctx = { world: state.world, shop, date: from, today: state.today };
  let data = route.build(ctx);
  if (state.fault === 'malformed') data = malform(route.kind, data);
  if (state.fault === 'huge' && route.kind === 'table') data = padHuge(data as Record<string, unknown>);
  return portalOk(data);
}
