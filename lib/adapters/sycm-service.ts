/**
 * 生意参谋 服务 (客服 / 售后 / 退款 / 评价 / 体验分) — pages
 * `https://sycm.taobao.com/qos/service/frame/customer/performance/new` (客服绩效),
 * `https://sycm.taobao.com/qos/service/frame/shop/performance/new#/shop` (店铺绩效),
 * `https://sycm.taobao.com/qos/service/frame/tiyanzhenduan/new` (体验诊断).
 *
 * Routes (console-sources §5.6, §6.1, §6.2, §11.9, §11.10, §12.8):
 * - mtop gateway `h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/` (GET `data=` query
 *   or POST form `data=`): request `data` JSON carries `domainCode`, `dateType`, `dateRange`, `device`.
 *   `tao.shop.qos.sellerkpi` → `data.model.result.content = { code: { value } }` → one shop fact;
 *   `tao.shop.qos.subaccount` → rows (`data.data.data[]` or `data.model.result.content[]`) with the
 *   agent's sub-account nick `accountNickWang` (`店铺:客服名`, staff not buyer) → agent facts.
 *   Envelope `{ api, v, ret: ['SUCCESS::调用成功'], data }` (also as JSONP text); `FAIL_SYS_SESSION_EXPIRED`,
 *   `FAIL_SYS_TOKEN_*`, `FAIL_SYS_USER_VALIDATE` → login.
 * - `/csp/api/**` lists (`ww/consultation/detail/list`, `evaluation/detail/list`, `inquiry/loss/list`,
 *   `slow/rsps/detail/list`, `long/rcpt/detail/list`, `refund/all/detail/list`), envelope
 *   `{ code, success, data: { dataSource, count } }`, params `startDate`/`endDate` = YYYYMMDD. Only
 *   counts (`data.count`) and, for refunds, the `refundRealAmt` sum are kept: buyer nicks, order and
 *   case ids never leave the parser. The sum is only stored when the page holds every row.
 * - 体验分 `/sdx/diagnose/new/common/expScore?type=service&dateId=YYYYMMDD` →
 *   `data.goods|logistics|after|dispute|consult[0].currentScore`.
 *
 * Fixtures: tests/fixtures/sycm-service/ (§11.9, §11.10, §5.6; see its README).
 */
import { toBusinessDate } from '../capture/business-date';
import type { Unwrapped } from '../capture/envelope';
import { metric, metricForSource } from '../metrics';
import type { FactDraft } from '../schema/fact';
import { unwrapMtop } from './mtop-common';
import { isRecord, readWrapped, sample } from './read';
import { SYCM_HOST, type SycmPeriod, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, AdapterRoute, FieldIssue, RouteContext, RouteResult } from './types';

const MTOP_HOST = 'h5api.m.taobao.com';

/** Codes of these pages that mean an existing catalog metric (the catalog's own sources do not list them). */
const ALIASES: Record<string, string> = { netPayAmt: 'netPaymentAmount', pltfRespRate: 'slrRespRate' };

function metricIdFor(code: string): string | undefined {
  const alias = ALIASES[code];
  if (alias && metric(alias)) return alias;
  return metricForSource('sycm', code)?.id;
}

// ---------------------------------------------------------------------------------------------
// Envelopes

/** This family answers in two envelopes: mtop on the gateway, sycm (csp/sdx) on the console host. */
export function unwrapService(text: string): Unwrapped {
  const s = unwrapSycm(text);
  if (!s.ok && s.kind === 'not-json') {
    const m = unwrapMtop(text);
    if (m.ok || m.kind !== 'not-json') return m;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// mtop onequery

/** The mtop `data` parameter (JSON), from the query string or a form / JSON POST body. */
function mtopParams(ctx: RouteContext): Record<string, unknown> | null {
  const tryJson = (s: string | null | undefined): Record<string, unknown> | null => {
    if (!s) return null;
    try {
      const v = JSON.parse(s) as unknown;
      if (isRecord(v)) {
        // Some callers nest the report params as a JSON string under `params`.
        if (typeof v.params === 'string') {
          const inner = tryJson(v.params);
          if (inner) return { ...inner, ...v };
        }
        return v;
      }
    } catch {
      /* not JSON */
    }
    return null;
  };
  const fromQuery = tryJson(ctx.url.searchParams.get('data'));
  if (fromQuery) return fromQuery;
  const body = ctx.requestBody;
  if (!body) return null;
  const asJson = tryJson(body);
  if (asJson) return isRecord(asJson.data) ? asJson.data : (tryJson(typeof asJson.data === 'string' ? asJson.data : null) ?? asJson);
  try {
    return tryJson(new URLSearchParams(body).get('data'));
  } catch {
    return null;
  }
}

function periodFromParams(p: Record<string, unknown>): SycmPeriod | null {
  const u = new URL('https://sycm.taobao.com/');
  for (const k of ['dateType', 'dateRange', 'device']) {
    const v = p[k];
    if (typeof v === 'string' || typeof v === 'number') u.searchParams.set(k, String(v));
  }
  return sycmPeriod(u);
}

function readCodes(row: Record<string, unknown>, path: string, issues: FieldIssue[]): { values: Record<string, number>; crc: Record<string, number> } {
  const values: Record<string, number> = {};
  const crc: Record<string, number> = {};
  for (const [code, v] of Object.entries(row)) {
    const id = metricIdFor(code);
    if (!id) continue;
    const r = readWrapped(v, path, issues, code);
    if (r.value !== undefined) values[id] = r.value;
    if (r.crc !== undefined) crc[id] = r.crc;
  }
  return { values, crc };
}

/** First path that exists, for the few container shapes seen (§6.1, §11.10). */
function dig(data: unknown, paths: string[][]): { value: unknown; path: string } | null {
  for (const p of paths) {
    let cur: unknown = data;
    for (const k of p) cur = isRecord(cur) ? cur[k] : undefined;
    if (cur !== undefined && cur !== null) return { value: cur, path: ['data', ...p].join('.') };
  }
  return null;
}

const CONTAINERS = [['model', 'result', 'content'], ['data', 'data'], ['model', 'result', 'data'], ['result', 'content'], ['content'], ['data']];

const NICK_KEYS = ['accountNickWang', 'accountNick', 'subAccountNick', 'nick', 'wangwangNick'];

function rowDate(row: Record<string, unknown>): string | null {
  const sd = row.statDate ?? row.ds;
  return toBusinessDate(isRecord(sd) ? sd.value : sd);
}

function onequery(data: unknown, ctx: RouteContext): RouteResult {
  const params = mtopParams(ctx);
  if (!params) return { ok: false, issues: [{ path: 'request.data', message: '请求里没有可读的 data 参数', sample: ctx.url.search.slice(0, 120) }] };
  const domain = typeof params.domainCode === 'string' ? params.domainCode : '';
  const p = periodFromParams(params);
  if (!p) return { ok: false, issues: [{ path: 'request.data.dateRange', message: '请求里没有可识别的日期范围', sample: sample(params.dateRange) }] };
  const found = dig(data, CONTAINERS);
  if (!found) return { ok: false, issues: [{ path: 'data.model.result.content', message: '缺失', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];

  if (domain === 'tao.shop.qos.sellerkpi') {
    const rows = Array.isArray(found.value) ? found.value : [found.value];
    rows.forEach((row, i) => {
      if (!isRecord(row)) return;
      const path = Array.isArray(found.value) ? `${found.path}[${i}]` : found.path;
      // A row-dated trend (one row per day) only when the rows say so; otherwise the request's period.
      const d = Array.isArray(found.value) ? rowDate(row) : null;
      const { values, crc } = readCodes(row, path, issues);
      if (Object.keys(values).length === 0) return;
      facts.push({
        entityKind: 'shop',
        entityId: ctx.shopId,
        grain: d ? 'day' : p.grain,
        date: d ?? p.date,
        dims: d ? { device: p.dims.device ?? '0' } : p.dims,
        values,
        ...(Object.keys(crc).length ? { crc } : {}),
      });
    });
  } else if (domain === 'tao.shop.qos.subaccount') {
    const list = Array.isArray(found.value) ? found.value : isRecord(found.value) && Array.isArray(found.value.data) ? found.value.data : null;
    if (!list) return { ok: false, issues: [{ path: found.path, message: '不是客服列表', sample: sample(found.value) }] };
    list.forEach((row, i) => {
      if (!isRecord(row)) return;
      let nick: string | undefined;
      for (const k of NICK_KEYS) {
        const v = isRecord(row[k]) ? (row[k] as Record<string, unknown>).value : row[k];
        if (typeof v === 'string' && v.trim()) {
          nick = v.trim().slice(0, 120);
          break;
        }
      }
      if (!nick) {
        issues.push({ path: `${found.path}[${i}].accountNickWang`, message: '缺失客服账号' });
        return;
      }
      const { values, crc } = readCodes(row, `${found.path}[${i}]`, issues);
      if (Object.keys(values).length === 0) return;
      const d = rowDate(row);
      const useRowDate = d !== null && p.grain === 'day';
      facts.push({
        entityKind: 'agent',
        entityId: nick,
        entityName: nick.includes(':') ? nick.slice(nick.indexOf(':') + 1) : nick,
        grain: p.grain,
        date: useRowDate ? d : p.date,
        dims: p.dims,
        values,
        ...(Object.keys(crc).length ? { crc } : {}),
      });
    });
  } else {
    return { ok: false, issues: [{ path: 'request.data.domainCode', message: '不是服务页的 domainCode', sample: sample(domain) }] };
  }
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: found.path, message: '没有可读的指标' }] };
  return { ok: true, facts, issues };
}

// ---------------------------------------------------------------------------------------------
// /csp/api lists

const YMD = /^\d{8}$/;

/** The list's period: `startDate`/`endDate` (YYYYMMDD), or the sycm `dateType`/`dateRange` pair. */
function cspPeriod(url: URL): SycmPeriod | null {
  const s = url.searchParams.get('startDate') ?? '';
  const e = url.searchParams.get('endDate') ?? s;
  if (YMD.test(s) && YMD.test(e)) {
    const from = toBusinessDate(s);
    const to = toBusinessDate(e);
    if (!from || !to || to < from) return null;
    // Lists are not split by terminal: all terminals, like the shop-day facts they merge into.
    return from === to ? { grain: 'day', date: from, dims: { device: '0' } } : { grain: 'range', date: from, dims: { device: '0', to } };
  }
  const dr = url.searchParams.get('dateRange') ?? '';
  if (!dr.includes('|')) return null;
  const p = sycmPeriod(url);
  return p ? { ...p, dims: { ...p.dims, device: '0' } } : null;
}

/** Filters that narrow a list to one agent / buyer / item: its count is then not the shop's. */
const NARROWING = ['accountId', 'subAccountId', 'accountNick', 'account', 'buyerNick', 'keyword', 'itemId', 'orderId', 'caseId', 'dataId'];

interface CspList {
  id: string;
  zh: string;
  en: string;
  path: RegExp;
  countMetric: string;
  example: string;
  /** Query parameters whose value changes the meaning of the count. */
  dims?: string[];
}

const CSP_LISTS: CspList[] = [
  {
    id: 'csp-consultation',
    zh: '咨询明细',
    en: 'Consultations',
    path: /^\/csp\/api\/ww\/consultation\/detail\/list(\.json)?$/,
    countMetric: 'cspConsultCnt',
    example: '/csp/api/ww/consultation/detail/list.json?startDate=20260601&endDate=20260601&dateType=day&orderBy=consultTime&pageNo=1&pageSize=20',
  },
  {
    id: 'csp-evaluation',
    zh: '服务评价明细',
    en: 'Service ratings',
    path: /^\/csp\/api\/evaluation\/detail\/list(\.json)?$/,
    countMetric: 'cspEvaluationCnt',
    example: '/csp/api/evaluation/detail/list.json?startDate=20260601&endDate=20260601&dateType=day&orderBy=evaluationTime&pageNo=1&pageSize=20',
  },
  {
    id: 'csp-inquiry-loss',
    zh: '询单流失',
    en: 'Lost inquiries',
    path: /^\/csp\/api\/inquiry\/loss\/list(\.json)?$/,
    countMetric: 'cspInquiryLossCnt',
    example: '/csp/api/inquiry/loss/list.json?startDate=20260601&endDate=20260601&dateType=day&orderBy=inquiryTime&pageNo=1&pageSize=20',
  },
  {
    id: 'csp-slow-reply',
    zh: '慢响应明细',
    en: 'Slow replies',
    path: /^\/csp\/api\/slow\/rsps\/detail\/list(\.json)?$/,
    countMetric: 'cspSlowReplyCnt',
    example: '/csp/api/slow/rsps/detail/list.json?startDate=20260601&endDate=20260601&dateType=day&orderBy=rspsTime&pageNo=1&pageSize=20',
  },
  {
    id: 'csp-long-reception',
    zh: '长接待明细',
    en: 'Long receptions',
    path: /^\/csp\/api\/long\/rcpt\/detail\/list(\.json)?$/,
    countMetric: 'cspLongReceptionCnt',
    example: '/csp/api/long/rcpt/detail/list.json?startDate=20260601&endDate=20260601&dateType=day&orderBy=rcptTime&pageNo=1&pageSize=20',
  },
  {
    id: 'csp-refund',
    zh: '退款明细',
    en: 'Refunds',
    path: /^\/csp\/api\/refund\/all\/detail\/list(\.json)?$/,
    countMetric: 'cspRefundCaseCnt',
    example: '/csp/api/refund/all/detail/list.json?startDate=20260601&endDate=20260601&queryType=caseEnd&orderBy=caseEndTime&pageNo=1&pageSize=20',
    dims: ['queryType'],
  },
];

function cspList(def: CspList, data: unknown, url: URL, shopId: string): RouteResult {
  const p = cspPeriod(url);
  if (!p) return { ok: false, issues: [{ path: 'url.startDate', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) }] };
  for (const k of NARROWING) {
    if (url.searchParams.get(k)) return { ok: false, issues: [{ path: `url.${k}`, message: '列表按客服/买家/商品筛选过，总数不代表全店，未保存' }] };
  }
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const rows = data.dataSource ?? data.list ?? data.data;
  if (rows !== undefined && rows !== null && !Array.isArray(rows))
    return { ok: false, issues: [{ path: 'data.dataSource', message: '不是数组', sample: sample(rows) }] };
  const list = (rows ?? []) as unknown[];
  const issues: FieldIssue[] = [];
  const dims: Record<string, string> = { ...p.dims };
  for (const k of def.dims ?? []) {
    const v = url.searchParams.get(k);
    if (k === 'queryType') dims.queryType = v && /^(caseEnd|caseCreate|orderPay)$/.test(v) ? v : 'caseEnd';
    else if (v) dims[k] = v.slice(0, 40);
  }
  const c = readWrapped(data.count ?? data.total ?? data.recordCount, 'data.count', issues);
  const count = c.value !== undefined && Number.isInteger(c.value) && c.value >= 0 ? c.value : undefined;
  if (c.value !== undefined && count === undefined)
    return { ok: false, issues: [...issues, { path: 'data.count', message: '不是非负整数', sample: sample(data.count) }] };
  if (c.value === undefined && issues.length > 0) return { ok: false, issues };
  const values: Record<string, number> = {};
  const pageNo = Number(url.searchParams.get('pageNo') ?? url.searchParams.get('page') ?? '1');
  // Without a total, a complete first page still tells the count.
  const total = count ?? (pageNo === 1 && rows !== undefined && list.length < Number(url.searchParams.get('pageSize') ?? '20') ? list.length : undefined);
  if (total === undefined) return { ok: false, issues: [...issues, { path: 'data.count', message: '缺失总数' }] };
  values[def.countMetric] = total;

  if (def.id === 'csp-refund') {
    const complete = pageNo === 1 && list.length >= total;
    if (!complete) {
      if (total > 0) issues.push({ path: 'data.dataSource', message: `分页未覆盖全部 ${total} 条，未汇总退款金额` });
    } else {
      let sum = 0;
      let ok = true;
      list.forEach((row, i) => {
        if (!ok) return;
        const r = readWrapped(isRecord(row) ? row.refundRealAmt : undefined, `data.dataSource[${i}].refundRealAmt`, issues);
        if (r.value === undefined || r.value < 0) {
          ok = false;
          issues.push({ path: `data.dataSource[${i}].refundRealAmt`, message: '缺失或无效，未汇总退款金额' });
        } else sum += r.value;
      });
      const amt = Math.round(sum * 100) / 100;
      if (ok && Number.isFinite(amt)) values.cspRefundAmt = amt;
      else if (ok) issues.push({ path: 'data.dataSource', message: '退款金额合计溢出，未汇总' });
    }
  }
  return { ok: true, facts: [{ entityKind: 'shop', entityId: shopId, grain: p.grain, date: p.date, dims, values }], issues };
}

// ---------------------------------------------------------------------------------------------
// 体验分

const EXP_PARTS = ['goods', 'logistics', 'after', 'dispute', 'consult'] as const;

function expScore(data: unknown, url: URL, shopId: string): RouteResult {
  const date = toBusinessDate(url.searchParams.get('dateId') ?? '');
  if (!date) return { ok: false, issues: [{ path: 'url.dateId', message: '请求里没有可识别的日期', sample: url.search.slice(0, 120) }] };
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const values: Record<string, number> = {};
  for (const part of EXP_PARTS) {
    const m = metricForSource('sdx', part);
    const block = data[part];
    if (!m || block === undefined || block === null) continue;
    const first = Array.isArray(block) ? block[0] : block;
    if (!isRecord(first)) {
      issues.push({ path: `data.${part}[0]`, message: '不是对象', sample: sample(block) });
      continue;
    }
    const r = readWrapped(first.currentScore, `data.${part}[0].currentScore`, issues);
    if (r.value !== undefined) values[m.id] = r.value;
  }
  if (Object.keys(values).length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的体验分' }] };
  const type = url.searchParams.get('type');
  return {
    ok: true,
    facts: [
      {
        entityKind: 'shop',
        entityId: shopId,
        grain: 'day',
        date,
        dims: type && type !== 'service' ? { device: '0', type: type.slice(0, 20) } : { device: '0' },
        values,
      },
    ],
    issues,
  };
}

// ---------------------------------------------------------------------------------------------

const ONEQUERY_DATA = encodeURIComponent(
  JSON.stringify({
    domainCode: 'tao.shop.qos.sellerkpi',
    dateType: 'day',
    dateRange: '2026-06-01|2026-06-01',
    showType: 'overview',
    device: '0',
    indexCodes: 'consultUserCnt,wwConsultPayRate,avgReplyInterval,customerAllSateRate',
  }),
);
const MTOP_Q = `?jsv=2.6.1&appKey=12574478&t=1780300000000&sign=0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f&api=mtop.alibaba.sycm.domain.onequery&v=1.0&type=originaljson&dataType=json&data=${ONEQUERY_DATA}`;

const cspRoutes: AdapterRoute[] = CSP_LISTS.map((def) => ({
  id: def.id,
  label: { zh: def.zh, en: def.en },
  method: 'GET',
  path: def.path,
  exampleUrls: [`https://sycm.taobao.com${def.example}`, `https://sycm.taobao.com${def.example.replace('/list.json', '/list')}`],
  parse: (data, ctx) => cspList(def, data, ctx.url, ctx.shopId),
}));

export const sycmService: Adapter = {
  id: 'sycm-service',
  label: { zh: '生意参谋·服务', en: 'sycm · Service' },
  host: SYCM_HOST,
  apiHosts: [SYCM_HOST, MTOP_HOST],
  pages: [/^\/qos\/service(\/|$)/],
  examplePageUrls: [
    'https://sycm.taobao.com/qos/service/frame/customer/performance/new',
    'https://sycm.taobao.com/qos/service/frame/shop/performance/new#/shop',
    'https://sycm.taobao.com/qos/service/frame/tiyanzhenduan/new',
  ],
  openHint: {
    zh: '打开 生意参谋 → 服务 → 客服绩效',
    en: 'Open 生意参谋 → 服务 → 客服绩效 (agent performance)',
    url: 'https://sycm.taobao.com/qos/service/frame/customer/performance/new',
  },
  unwrap: unwrapService,
  routes: [
    {
      id: 'onequery',
      label: { zh: '客服指标 (mtop onequery)', en: 'Service KPIs (mtop onequery)' },
      method: 'ANY',
      path: /^\/h5\/mtop\.alibaba\.sycm\.domain\.onequery\/\d+\.\d+\/?$/i,
      exampleUrls: [
        `https://${MTOP_HOST}/h5/mtop.alibaba.sycm.domain.onequery/1.0/${MTOP_Q}`,
        `https://${MTOP_HOST}/h5/mtop.alibaba.sycm.domain.onequery/1.0/`,
      ],
      parse: onequery,
    },
    ...cspRoutes,
    {
      id: 'exp-score',
      label: { zh: '体验分', en: 'Experience score' },
      method: 'GET',
      path: /^\/sdx\/diagnose\/(new\/)?common\/expScore(\.json)?$/,
      exampleUrls: [
        'https://sycm.taobao.com/sdx/diagnose/new/common/expScore?type=service&dateId=20260601',
        'https://sycm.taobao.com/sdx/diagnose/new/common/expScore.json?type=service&dateId=20260601',
      ],
      parse: (data, ctx) => expScore(data, ctx.url, ctx.shopId),
    },
  ],
};
