/**
 * 生意参谋 营销/活动 and 内容 — pages `https://sycm.taobao.com/xsite/promotion/sales_coupon_detail?toolId=shopbonus&actId=…`
 * (营销工具效果), `https://sycm.taobao.com/datawar/activity/calendar` (活动日历 / 作战室),
 * `https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=…` (内容概况—作品分析).
 *
 * Routes (console-sources §5.8, §5.9, §12.5):
 * - `/xsite/sale/getSaleToolActTrend.json?dateType=day&dateRange=A|B&indexCode=&toolId=&actId=` → portal
 *   envelope, `content.data = { payAmt: [..], getCouponsCnt: [..], payByrCnt: [..], payItmCnt: [..] }`
 *   (arrays per day; a public script reads the last element as the requested day) → facts of entity
 *   `activity` (id = actId, dims.tool = toolId), one per day when the arrays line up with a `statDate`
 *   array or with the days of the range, else only the last element for a single-day request.
 * - `/datawar/v4/activity/actList/getActivityCalendar.json` (活动日历) → activities with id, name,
 *   start/end and, where the console shows them, activity-period codes (payAmt, uv, payByrCnt…) →
 *   one `activity` fact per activity with grain `range` (date = start, dims.to = end; dims.partial=1
 *   while it runs). Row shape not public: ids/names/times are read under their common key names.
 * - DOM reader on `/xsite/contentanalysis/…` (no API shape known for 作品分析): the rendered table whose
 *   header has 内容ID, columns named as in the export (§12.5) → `content` facts (id = 内容ID,
 *   name = 内容名称), period from the page URL's dateType/dateRange.
 *
 * Fixtures: tests/fixtures/sycm-marketing/ (see its README).
 */
import { addDays, toBusinessDate, todayShanghai } from '../capture/business-date';
import { metricForSource } from '../metrics';
import type { FactDraft } from '../schema/fact';
import { isRecord, readNumber, readWrapped, sample } from './read';
import { SYCM_HOST, type SycmPeriod, sycmPeriod, unwrapSycm } from './sycm-common';
import type { Adapter, DomReader, FieldIssue, RouteContext, RouteResult } from './types';

function periodOrIssue(url: URL): SycmPeriod | FieldIssue {
  return sycmPeriod(url) ?? { path: 'url.dateRange', message: '请求里没有可识别的日期范围', sample: url.search.slice(0, 120) };
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---------------------------------------------------------------------------------------------
// 营销工具 效果趋势

function saleToolTrend(data: unknown, ctx: RouteContext): RouteResult {
  const url = ctx.url;
  const actId = (url.searchParams.get('actId') ?? '').trim();
  if (!/^[\w-]{1,40}$/.test(actId)) return { ok: false, issues: [{ path: 'url.actId', message: '缺失或无效', sample: sample(actId) }] };
  const tool = (url.searchParams.get('toolId') ?? '').trim().slice(0, 40);
  const p = periodOrIssue(url);
  if (!('grain' in p)) return { ok: false, issues: [p] };
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const from = p.date;
  const to = p.dims.to ?? p.date;
  const statDates = Array.isArray(data.statDate) ? data.statDate.map((d) => toBusinessDate(isRecord(d) ? d.value : d)) : null;
  const rangeDays = daysBetween(from, to);
  const byDate = new Map<string, Record<string, number>>();
  let aligned = false;
  for (const [code, arr] of Object.entries(data)) {
    const m = metricForSource('sycm', code);
    if (!m) continue;
    if (!Array.isArray(arr)) {
      // A single-period scalar or wrapped value: the request's own period.
      const r = readWrapped(arr, `data.${code}`, issues);
      if (r.value !== undefined) byDate.set('@period', { ...(byDate.get('@period') ?? {}), [m.id]: r.value });
      continue;
    }
    let dates: (string | null)[];
    if (statDates && statDates.length === arr.length) dates = statDates;
    else if (p.grain !== 'day' && arr.length === rangeDays.length) dates = rangeDays;
    else if (p.grain === 'day' && arr.length > 0) dates = arr.map((_, i) => (i === arr.length - 1 ? from : null));
    else {
      issues.push({ path: `data.${code}`, message: `长度 ${arr.length} 无法对应日期` });
      continue;
    }
    aligned = true;
    arr.forEach((v, i) => {
      const d = dates[i];
      if (!d) return;
      const r = readWrapped(v, `data.${code}[${i}]`, issues);
      if (r.value !== undefined) byDate.set(d, { ...(byDate.get(d) ?? {}), [m.id]: r.value });
    });
  }
  const dims: Record<string, string> = tool ? { tool } : {};
  const facts: FactDraft[] = [];
  for (const [d, values] of byDate) {
    const base = { entityKind: 'activity' as const, entityId: actId, values };
    if (d === '@period') facts.push({ ...base, grain: p.grain, date: p.date, dims: { ...p.dims, ...dims } });
    else facts.push({ ...base, grain: 'day', date: d, dims: { ...dims } });
  }
  // device is not a dimension of these reports: drop the default the sycm period helper adds.
  for (const f of facts) if (f.dims.device === '0' && !url.searchParams.has('device')) delete f.dims.device;
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: aligned ? '没有可读的数值' : '没有可读的指标' }] };
  return { ok: true, facts, issues };
}

// ---------------------------------------------------------------------------------------------
// 活动日历

const ID_KEYS = ['activityId', 'actId', 'id', 'campaignId'];
const NAME_KEYS = ['activityName', 'actName', 'name', 'title'];
const START_KEYS = ['startTime', 'beginTime', 'startDate', 'activityStartTime', 'gmtStart'];
const END_KEYS = ['endTime', 'endDate', 'activityEndTime', 'gmtEnd'];

function firstOf(row: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) {
    const v = isRecord(row[k]) ? (row[k] as Record<string, unknown>).value : row[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function dateOf(v: unknown): string | null {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(v)) return v.slice(0, 10);
  if (typeof v === 'string' && /^\d{4}\/\d{2}\/\d{2}/.test(v)) return v.slice(0, 10).replace(/\//g, '-');
  return toBusinessDate(v);
}

function activityRows(data: unknown): { rows: unknown[]; path: string } | null {
  if (Array.isArray(data)) return { rows: data, path: 'data' };
  if (!isRecord(data)) return null;
  for (const k of ['list', 'activityList', 'actList', 'data', 'result']) {
    const v = data[k];
    if (Array.isArray(v)) return { rows: v, path: `data.${k}` };
    if (isRecord(v)) {
      const inner = activityRows(v);
      if (inner) return { rows: inner.rows, path: `data.${k}${inner.path.slice(4)}` };
    }
  }
  // Calendar keyed by day: { '2026-06-01': [acts], … }.
  const byDay = Object.entries(data).filter(([k, v]) => /^\d{4}-?\d{2}-?\d{2}$/.test(k) && Array.isArray(v));
  if (byDay.length) return { rows: byDay.flatMap(([, v]) => v as unknown[]), path: 'data.<date>' };
  return null;
}

function activityCalendar(data: unknown, ctx: RouteContext): RouteResult {
  const found = activityRows(data);
  if (!found) return { ok: false, issues: [{ path: 'data', message: '没有活动列表', sample: sample(data) }] };
  const issues: FieldIssue[] = [];
  const today = todayShanghai(ctx.capturedAt);
  const seen = new Map<string, FactDraft>();
  found.rows.slice(0, 5000).forEach((row, i) => {
    if (!isRecord(row)) return;
    const path = `${found.path}[${i}]`;
    const idRaw = firstOf(row, ID_KEYS);
    const id = typeof idRaw === 'number' && Number.isSafeInteger(idRaw) ? String(idRaw) : typeof idRaw === 'string' ? idRaw.trim() : '';
    if (!/^[\w.:-]{1,60}$/.test(id)) {
      issues.push({ path: `${path}.activityId`, message: '缺失或无效', sample: sample(idRaw) });
      return;
    }
    const start = dateOf(firstOf(row, START_KEYS));
    const end = dateOf(firstOf(row, END_KEYS)) ?? start;
    if (!start || !end || end < start) {
      issues.push({ path: `${path}.startTime`, message: '活动时间无法识别', sample: sample(firstOf(row, START_KEYS)) });
      return;
    }
    const values: Record<string, number> = {};
    for (const [code, v] of Object.entries(row)) {
      const m = metricForSource('sycm', code);
      if (!m) continue;
      const r = readWrapped(v, path, issues, code);
      if (r.value !== undefined) values[m.id] = r.value;
    }
    if (Object.keys(values).length === 0) return; // a planned activity: nothing measured yet
    if (start >= today) return; // numbers of an activity that has not started are not real yet
    const nameRaw = firstOf(row, NAME_KEYS);
    const name = typeof nameRaw === 'string' ? nameRaw.trim().slice(0, 200) : undefined;
    const dims: Record<string, string> = { to: end };
    if (end >= today) dims.partial = '1';
    seen.set(`${id}|${start}|${end}`, {
      entityKind: 'activity',
      entityId: id,
      ...(name ? { entityName: name } : {}),
      grain: 'range',
      date: start,
      dims,
      values,
    });
  });
  return { ok: true, facts: [...seen.values()], issues };
}

// ---------------------------------------------------------------------------------------------
// 内容 作品分析 (DOM)

interface ContentTable {
  headers: string[];
  rows: string[][];
}

const MAX_ROWS = 500;

/** Content script side: the table whose header has 内容ID; cell texts only. */
function readContentTable(doc: Document): ContentTable | null {
  for (const t of Array.from(doc.querySelectorAll('table'))) {
    const headers = Array.from(t.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').trim());
    if (!headers.includes('内容ID')) continue;
    const root = t.closest('.ant-table') ?? t.parentElement ?? t;
    const rows = Array.from(root.querySelectorAll('tbody tr'))
      .slice(0, MAX_ROWS)
      .map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim().slice(0, 300)));
    return { headers: headers.slice(0, 80).map((h) => h.slice(0, 40)), rows };
  }
  return null;
}

function contentTable(data: unknown, ctx: RouteContext): RouteResult {
  const p = periodOrIssue(ctx.url);
  if (!('grain' in p)) return { ok: false, issues: [{ ...p, path: 'page.dateRange', message: '页面地址里没有可识别的日期范围' }] };
  if (!isRecord(data) || !Array.isArray(data.headers) || !Array.isArray(data.rows))
    return { ok: false, issues: [{ path: 'table', message: '不是表格', sample: sample(data) }] };
  const headers = data.headers.map((h) => (typeof h === 'string' ? h.trim() : ''));
  const idCol = headers.indexOf('内容ID');
  if (idCol < 0) return { ok: false, issues: [{ path: 'table.headers', message: '没有 内容ID 列', sample: sample(headers) }] };
  const nameCol = headers.indexOf('内容名称');
  const cols = headers.map((h) => metricForSource('sycm-content-table', h));
  if (!cols.some(Boolean)) return { ok: false, issues: [{ path: 'table.headers', message: '没有可识别的指标列', sample: sample(headers) }] };
  const issues: FieldIssue[] = [];
  const facts = new Map<string, FactDraft>();
  const dims: Record<string, string> = { ...p.dims };
  if (!ctx.url.searchParams.has('device')) delete dims.device;
  data.rows.slice(0, MAX_ROWS).forEach((row, i) => {
    if (!Array.isArray(row)) return;
    const id = typeof row[idCol] === 'string' ? (row[idCol] as string).trim() : '';
    if (!/^\d{1,30}$/.test(id)) {
      // Empty-state rows ("暂无数据") have no id: not an error.
      if (row.length > 1) issues.push({ path: `table.rows[${i}][${idCol}]`, message: '内容ID 无效', sample: sample(row[idCol]) });
      return;
    }
    const values: Record<string, number> = {};
    cols.forEach((m, c) => {
      if (!m) return;
      const raw = row[c];
      if (raw === '*') return; // masked small value
      const n = readNumber(raw);
      if (n.kind === 'num' && (m.unit !== 'count' || n.n >= 0)) values[m.id] = n.n;
      else if (n.kind === 'bad' || n.kind === 'num') issues.push({ path: `table.rows[${i}].${headers[c]}`, message: '不是数字', sample: sample(raw) });
    });
    if (Object.keys(values).length === 0) return;
    const name = nameCol >= 0 && typeof row[nameCol] === 'string' ? (row[nameCol] as string).trim().slice(0, 200) : '';
    facts.set(id, { entityKind: 'content', entityId: id, ...(name ? { entityName: name } : {}), grain: p.grain, date: p.date, dims, values });
  });
  if (facts.size === 0) return { ok: false, issues: [...issues, { path: 'table.rows', message: '没有可读的作品行' }] };
  return { ok: true, facts: [...facts.values()], issues };
}

const contentReader: DomReader = {
  id: 'content-works',
  label: { zh: '内容·作品分析', en: 'Content · works' },
  page: /^\/xsite\/contentanalysis\//,
  waitFor: 'table thead th',
  read: readContentTable,
  parse: contentTable,
};

// ---------------------------------------------------------------------------------------------

export const sycmMarketing: Adapter = {
  id: 'sycm-marketing',
  label: { zh: '生意参谋·营销/内容', en: 'sycm · Marketing & content' },
  host: SYCM_HOST,
  pages: [/^\/xsite\//, /^\/datawar\//],
  examplePageUrls: [
    'https://sycm.taobao.com/xsite/promotion/sales_coupon_detail?toolId=shopbonus&actId=4849560032',
    'https://sycm.taobao.com/datawar/activity/calendar',
    'https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=2026-06-01%7C2026-06-01',
  ],
  openHint: {
    zh: '打开 生意参谋 → 营销 → 活动日历，或 内容 → 作品分析',
    en: 'Open 生意参谋 → 营销 → 活动日历 (activity calendar), or 内容 → 作品分析 (content works)',
    url: 'https://sycm.taobao.com/datawar/activity/calendar',
  },
  unwrap: unwrapSycm,
  routes: [
    {
      id: 'sale-tool-trend',
      label: { zh: '营销工具效果趋势', en: 'Promotion tool trend' },
      method: 'GET',
      path: /^\/xsite\/sale\/getSaleToolActTrend(\.json)?$/,
      exampleUrls: [
        'https://sycm.taobao.com/xsite/sale/getSaleToolActTrend.json?dateType=day&dateRange=2026-06-01%7C2026-06-01&indexCode=&toolId=itemcoupon&actId=4849560032&_=1780300000000&token=394e917c4',
      ],
      parse: saleToolTrend,
    },
    {
      id: 'activity-calendar',
      label: { zh: '活动日历', en: 'Activity calendar' },
      method: 'GET',
      path: /^\/datawar\/v\d+\/activity\/actList\/getActivityCalendar(\.json)?$/,
      exampleUrls: [
        'https://sycm.taobao.com/datawar/v4/activity/actList/getActivityCalendar.json?startDate=2026-06-01&endDate=2026-06-30&token=394e917c4&_=1780300000000',
        'https://sycm.taobao.com/datawar/v3/activity/actList/getActivityCalendar.json?startDate=2026-06-01&endDate=2026-06-30',
      ],
      parse: activityCalendar,
    },
  ],
  dom: [contentReader],
};
