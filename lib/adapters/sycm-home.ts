/**
 * 生意参谋 首页 / 概况 — page `https://sycm.taobao.com/portal/home.htm`.
 *
 * Routes (console-sources §5.1, §11.1; versions v2/v3 both seen, matched by pattern):
 * - core overview `/portal/coreIndex/new/overview/v3.json?dateType=day&dateRange=D|D&needCycleCrc=true`
 *   → `content.data = { self: { payAmt: { value, cycleCrc }, … }, rivalAvg, rivalGood }`
 * - KPI trend `/portal/coreIndex/new/trend/v3.json` → either aligned arrays
 *   `{ statDate: [ms…], self: { uv: [n…] } }` or an array of wrapped rows
 *   `[{ statDate: { value: ms }, uv: { value } }]` (§2.5 names both forms)
 * - KPI table `/portal/coreIndex/new/getTableData/v3.json` → the overview's block form, or rows
 *   `[{ indexCode, value, cycleCrc }]` (shape not public: both accepted)
 * - older `/portal/coreIndex/getShopMainIndexes.json` → block form.
 *
 * Fixtures: tests/fixtures/sycm-home/ (from §11.1 and the sandbox console).
 */
import { toBusinessDate } from '../capture/business-date';
import { metricForSource } from '../metrics';
import type { FactDraft } from '../schema/fact';
import { isRecord, readWrapped, sample } from './read';
import { SYCM_HOST, type SycmPeriod, selfAndPeerFacts, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, FieldIssue, RouteResult } from './types';

const periodOrIssue = (url: URL): SycmPeriod | FieldIssue => {
  const p = sycmPeriod(url);
  return p ?? { path: 'url.dateRange', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) };
};

function overview(data: unknown, url: URL, shopId: string): RouteResult {
  const issues: FieldIssue[] = [];
  const p = periodOrIssue(url);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  if (Array.isArray(data)) return table(data, url, shopId);
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  if (isRecord(data.list) || Array.isArray(data.list)) return table(data.list, url, shopId);
  const facts = selfAndPeerFacts(data, p, shopId, issues);
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data.self', message: '没有可读的指标', sample: sample(data) }] };
  return { ok: true, facts, issues };
}

/** Row form `[{ indexCode, value, cycleCrc, rivalAvg?, rivalGood? }]`. */
function table(data: unknown, url: URL, shopId: string): RouteResult {
  const p = periodOrIssue(url);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  if (!Array.isArray(data)) {
    if (isRecord(data)) return overview(data, url, shopId);
    return { ok: false, issues: [{ path: 'data', message: '不是表格', sample: sample(data) }] };
  }
  const issues: FieldIssue[] = [];
  const blocks: Record<'self' | 'rivalAvg' | 'rivalGood', Record<string, unknown>> = { self: {}, rivalAvg: {}, rivalGood: {} };
  data.forEach((row, i) => {
    if (!isRecord(row)) return;
    const code = typeof row.indexCode === 'string' ? row.indexCode : typeof row.code === 'string' ? row.code : null;
    if (!code) {
      issues.push({ path: `data[${i}].indexCode`, message: '缺失' });
      return;
    }
    blocks.self[code] = { value: row.value, cycleCrc: row.cycleCrc };
    if (row.rivalAvg !== undefined) blocks.rivalAvg[code] = row.rivalAvg;
    if (row.rivalGood !== undefined) blocks.rivalGood[code] = row.rivalGood;
  });
  const facts = selfAndPeerFacts(blocks, p, shopId, issues);
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的指标' }] };
  return { ok: true, facts, issues };
}

function trend(data: unknown, url: URL, shopId: string): RouteResult {
  const p = periodOrIssue(url);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  // A trend asked for with dateType=day is a series of days; other types are series of their grain.
  const grain = p.grain === 'range' || p.grain === 'live' ? 'day' : p.grain;
  const dims = { device: p.dims.device ?? '0' };
  const issues: FieldIssue[] = [];
  const byKey = new Map<string, FactDraft>();
  const put = (block: string, date: string, metricId: string, value: number) => {
    const key = `${block}|${date}`;
    let f = byKey.get(key);
    if (!f) {
      const isSelf = block === 'self';
      f = {
        entityKind: isSelf ? 'shop' : 'peer',
        entityId: isSelf ? shopId : block,
        ...(isSelf ? {} : { entityName: block === 'rivalAvg' ? '同行平均' : '同行优秀' }),
        grain,
        date,
        dims,
        values: {},
      };
      byKey.set(key, f);
    }
    f.values[metricId] = value;
  };

  if (Array.isArray(data)) {
    // Array of wrapped rows.
    data.forEach((row, i) => {
      if (!isRecord(row)) return;
      const sd = isRecord(row.statDate) ? row.statDate.value : row.statDate;
      const date = toBusinessDate(sd);
      if (!date) {
        issues.push({ path: `data[${i}].statDate`, message: '日期无法识别', sample: sample(sd) });
        return;
      }
      for (const [code, v] of Object.entries(row)) {
        const m = metricForSource('sycm', code);
        if (!m) continue;
        const r = readWrapped(v, `data[${i}].${code}`, issues);
        if (r.value !== undefined) put('self', date, m.id, r.value);
      }
    });
  } else if (isRecord(data)) {
    const dates = Array.isArray(data.statDate) ? data.statDate.map((d) => toBusinessDate(isRecord(d) ? d.value : d)) : null;
    if (!dates) return { ok: false, issues: [{ path: 'data.statDate', message: '缺失或不是数组', sample: sample(data.statDate) }] };
    for (const block of ['self', 'rivalAvg', 'rivalGood']) {
      const b = data[block];
      if (!isRecord(b)) continue;
      for (const [code, arr] of Object.entries(b)) {
        const m = metricForSource('sycm', code);
        if (!m) continue;
        if (!Array.isArray(arr)) {
          issues.push({ path: `data.${block}.${code}`, message: '不是数组', sample: sample(arr) });
          continue;
        }
        if (arr.length !== dates.length) {
          issues.push({ path: `data.${block}.${code}`, message: `长度 ${arr.length} 与日期数 ${dates.length} 不一致` });
          continue;
        }
        arr.forEach((v, i) => {
          const date = dates[i];
          if (!date) return;
          const r = readWrapped(v, `data.${block}.${code}[${i}]`, issues);
          if (r.value !== undefined) put(block, date, m.id, r.value);
        });
      }
    }
  } else {
    return { ok: false, issues: [{ path: 'data', message: '不是对象或数组', sample: sample(data) }] };
  }
  const facts = [...byKey.values()];
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的趋势点' }] };
  return { ok: true, facts, issues };
}

const q = '?dateType=day&dateRange=2026-06-01%7C2026-06-01&needCycleCrc=true&token=1aa656228&_=1780300000000';

export const sycmHome: Adapter = {
  id: 'sycm-home',
  label: { zh: '生意参谋·首页', en: 'sycm · Home' },
  host: SYCM_HOST,
  pages: [/^\/portal\/home\.htm/, /^\/portal\/?$/],
  examplePageUrls: ['https://sycm.taobao.com/portal/home.htm', 'https://sycm.taobao.com/portal/home.htm?dateType=day&dateRange=2026-06-01%7C2026-06-01'],
  openHint: { zh: '打开 生意参谋 → 首页', en: 'Open 生意参谋 → 首页', url: 'https://sycm.taobao.com/portal/home.htm' },
  unwrap: unwrapSycm,
  routes: [
    {
      id: 'overview',
      label: { zh: '核心指标', en: 'Core KPIs' },
      method: 'GET',
      path: /^\/portal\/coreIndex\/(new\/overview\/v\d+|getShopMainIndexes)\.json$/,
      exampleUrls: [
        `https://sycm.taobao.com/portal/coreIndex/new/overview/v3.json${q}`,
        `https://sycm.taobao.com/portal/coreIndex/new/overview/v2.json${q}`,
        `https://sycm.taobao.com/portal/coreIndex/getShopMainIndexes.json${q}`,
      ],
      parse: (data, ctx) => overview(data, ctx.url, ctx.shopId),
    },
    {
      id: 'trend',
      label: { zh: '指标趋势', en: 'KPI trend' },
      method: 'GET',
      path: /^\/portal\/coreIndex\/new\/trend\/v\d+\.json$/,
      exampleUrls: [`https://sycm.taobao.com/portal/coreIndex/new/trend/v3.json${q}`, `https://sycm.taobao.com/portal/coreIndex/new/trend/v2.json${q}`],
      parse: (data, ctx) => trend(data, ctx.url, ctx.shopId),
    },
    {
      id: 'table',
      label: { zh: '指标表格', en: 'KPI table' },
      method: 'GET',
      path: /^\/portal\/coreIndex\/new\/getTableData\/v\d+\.json$/,
      exampleUrls: [
        `https://sycm.taobao.com/portal/coreIndex/new/getTableData/v3.json${q}`,
        `https://sycm.taobao.com/portal/coreIndex/new/getTableData/v2.json${q}`,
      ],
      parse: (data, ctx) => table(data, ctx.url, ctx.shopId),
    },
  ],
};
