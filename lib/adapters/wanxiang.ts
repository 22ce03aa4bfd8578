/**
 * 万相台无界 reports — pages `https://one.alimama.com/index.html#!/report/account?rptType=account`,
 * `https://one.alimama.com/index.html#!/report/bidword?rptType=bidword&queryDomains=…` (the hash
 * route names the report; the path is always /index.html).
 *
 * Routes (console-sources §8.2, §11.13, §12.7; paths matched by pattern):
 * - report `POST /report/query.json?csrfId=…&bizCode=universalBP`, JSON body with `rptType`,
 *   `queryDomains`, `effectEqual` (attribution window → dim `attr`), `unifyType` (→ dim `unify`),
 *   `bizCodeIn` (→ dim `bizCode` on account rows), `startTime`/`endTime`, `splitType`, `fromRealTime`;
 *   reply `{ data: { list, count, totalData }, info: { ok, message, errorCode } }`. Rows carry
 *   dimension fields (`thedate`, `sceneId`/`scene1Name`, `campaignId`/`campaignName`, `adgroupId`,
 *   `bidwordId`/`bidwordName`, `crowdId`/`crowdName`, `promotionId`/`promotionName`) and metric codes
 *   as plain numbers (rates decimal). Entity = the most specific query domain (word > crowd >
 *   promotion > adgroup > campaign > scene/account); account and scene rows are shop facts (scene
 *   rows with dim `scene` = sceneId). `totalData` is not stored (it follows the table's filters).
 * - charge sum `POST /report/chargeSum.json` → `{ searchCharge, displayCharge, shortVideoRtbCharge,
 *   liveCharge, contentSceneCharge, totalCharge }` → shop `adSpend` per dim `bizCode`; without
 *   dates in the request it is today's running spend (grain live).
 * - campaign list `POST /campaign/horizontal/findPage.json` (body `rptQuery`) → campaign rows with
 *   report codes when the list shows them (§8.2 [M]; row shape guessed like the report rows).
 *
 * Fixtures: tests/fixtures/wanxiang/ (§11.13 shape; see its README).
 */
import { todayShanghai } from '../capture/business-date';
import { readAdValues } from '../metrics/ads';
import type { EntityKind, FactDraft } from '../schema/fact';
import { type AdEntityKind, type AdPeriod, adPeriod, attrOf, ID_FIELDS, pickId, pickName, readBody, rowDate, rowDay, unwrapAlimama } from './alimama-common';
import { isRecord, sample } from './read';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

/** Entity kinds by the console's own dimension names, most specific first. */
const KIND_BY_DOMAIN: readonly (readonly [string, AdEntityKind])[] = [
  ['word', 'keyword'],
  ['bidword', 'keyword'],
  ['crowd', 'crowd'],
  ['creative', 'creative'],
  ['promotion', 'item'],
  ['adgroup', 'adgroup'],
  ['campaign', 'campaign'],
];
const KIND_BY_RPT: Record<string, AdEntityKind | 'shop'> = {
  bidword: 'keyword',
  crowd: 'crowd',
  creative: 'creative',
  item_promotion: 'item',
  adgroup: 'adgroup',
  campaign: 'campaign',
  account: 'shop',
};

const strList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',') : [])
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    .map((x) => x.trim());

function reportRows(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return null;
  for (const k of ['list', 'data', 'rows', 'result']) if (Array.isArray(data[k])) return data[k] as unknown[];
  return null;
}

/** `/report/query.json`: rows of one report, dimensions from the POST body. */
function report(data: unknown, ctx: RouteContext): RouteResult {
  const body = readBody(ctx.requestBody);
  if (!body)
    return {
      ok: false,
      issues: [{ path: 'requestBody', message: '缺少或无法解析请求体（报表的日期和归因窗口在请求体里）', sample: sample(ctx.requestBody ?? '') }],
    };
  const attr = attrOf(body.effectEqual ?? body.effect);
  if (!attr) return { ok: false, issues: [{ path: 'requestBody.effectEqual', message: '请求里没有归因窗口', sample: sample(body.effectEqual) }] };
  const rows = reportRows(data);
  if (!rows) return { ok: false, issues: [{ path: 'data.list', message: '缺失或不是数组', sample: sample(data) }] };

  const domains = strList(body.queryDomains);
  const rptType = typeof body.rptType === 'string' ? body.rptType : '';
  let kind: AdEntityKind | 'shop' | undefined = KIND_BY_DOMAIN.find(([d]) => domains.includes(d))?.[1];
  if (!kind) kind = domains.includes('scene') || domains.includes('account') || domains.includes('date') ? 'shop' : KIND_BY_RPT[rptType];
  if (!kind) return { ok: false, issues: [{ path: 'requestBody.rptType', message: '不认识的报表类型', sample: sample(rptType) }] };
  const byScene = kind === 'shop' && domains.includes('scene');
  const split = body.splitType === 'day' || domains.includes('date');
  const unify = typeof body.unifyType === 'string' && /^\w{1,40}$/.test(body.unifyType) ? body.unifyType : 'zhai';
  const baseDims: Record<string, string> = { attr, unify };
  const bizCodes = strList(body.bizCodeIn).filter((b) => /^\w{1,40}$/.test(b));
  if (kind === 'shop' && bizCodes.length) baseDims.bizCode = [...bizCodes].sort().join(',');

  const issues: FieldIssue[] = [];
  let range: AdPeriod | null = null;
  if (!split) {
    const p = adPeriod(body.startTime ?? body.startDate, body.endTime ?? body.endDate, ctx.capturedAt);
    if (!('grain' in p)) return { ok: false, issues: [p] };
    range = p;
  }
  const facts: FactDraft[] = [];
  // One dims object per period, shared by its rows (fewer objects; the fact-key cache hits).
  const dimsByPeriod = new Map<string, Record<string, string>>();
  const dimsFor = (p: AdPeriod): Record<string, string> => {
    const key = `${p.grain}|${p.date}|${p.dims.to ?? ''}`;
    let d = dimsByPeriod.get(key);
    if (!d) {
      d = { ...baseDims, ...p.dims };
      dimsByPeriod.set(key, d);
    }
    return d;
  };
  rows.forEach((row, i) => {
    if (!isRecord(row)) {
      issues.push({ path: `data.list[${i}]`, message: '不是对象', sample: sample(row) });
      return;
    }
    let period = range;
    if (split) {
      period = rowDay(rowDate(row), ctx.capturedAt);
      if (!period) {
        issues.push({ path: `data.list[${i}].thedate`, message: '日期无法识别', sample: sample(rowDate(row)) });
        return;
      }
    }
    if (!period) return;
    let dims = dimsFor(period);
    let entityId: string | null = ctx.shopId;
    let entityName: string | undefined;
    if (kind === 'shop') {
      if (byScene) {
        const scene = pickId(row, ['sceneId', 'scene1Id', 'bizCode']);
        if (!scene) {
          issues.push({ path: `data.list[${i}].sceneId`, message: '缺失', sample: sample(row.scene1Name) });
          return;
        }
        dims = { ...dims, scene };
      }
    } else {
      const f = ID_FIELDS[kind];
      entityId = pickId(row, f.id);
      entityName = pickName(row, f.name);
      if (!entityId) {
        issues.push({ path: `data.list[${i}].${f.id[0]}`, message: '缺失', sample: sample(row) });
        return;
      }
      // The same crowd or item can be promoted in several campaigns: keep them apart.
      if (kind === 'crowd' || kind === 'item') {
        const c = pickId(row, ['campaignId']);
        const g = kind === 'crowd' ? pickId(row, ['adgroupId']) : null;
        if (c || g) dims = { ...dims, ...(c ? { campaign: c } : {}), ...(g ? { adgroup: g } : {}) };
      }
    }
    const values = readAdValues('wanxiang', row, `data.list[${i}]`, issues);
    if (Object.keys(values).length === 0) return;
    facts.push({
      entityKind: kind as EntityKind,
      entityId: entityId as string,
      ...(entityName ? { entityName } : {}),
      grain: period.grain,
      date: period.date,
      dims,
      values,
    });
  });
  if (facts.length === 0 && rows.length > 0) return { ok: false, issues: [...issues, { path: 'data.list', message: '没有可读的行' }] };
  return { ok: true, facts, issues };
}

const CHARGE_KEYS: Record<string, string> = {
  totalCharge: 'all',
  searchCharge: 'onebpSearch',
  displayCharge: 'onebpDisplay',
  shortVideoRtbCharge: 'onebpShortVideo',
  liveCharge: 'onebpLive',
  contentSceneCharge: 'onebpContent',
};

/** `/report/chargeSum.json`: spend per scene group. */
function chargeSum(data: unknown, ctx: RouteContext): RouteResult {
  const d = isRecord(data) && isRecord(data.result) ? data.result : data;
  if (!isRecord(d)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const body = readBody(ctx.requestBody) ?? {};
  const q = ctx.url.searchParams;
  const from = body.startTime ?? body.startDate ?? q.get('startTime') ?? q.get('startDate');
  const to = body.endTime ?? body.endDate ?? q.get('endTime') ?? q.get('endDate') ?? from;
  let period: AdPeriod;
  if (from === undefined || from === null) {
    // The overview card without dates shows today's running spend.
    period = { grain: 'live', date: todayShanghai(ctx.capturedAt), dims: {} };
  } else {
    const p = adPeriod(from, to, ctx.capturedAt);
    if (!('grain' in p)) return { ok: false, issues: [p] };
    period = p;
  }
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];
  for (const [key, bizCode] of Object.entries(CHARGE_KEYS)) {
    if (!(key in d)) continue;
    const values = readAdValues('wanxiang', { charge: d[key] }, 'data', issues);
    const last = issues[issues.length - 1];
    if (last?.path === 'data.charge') last.path = `data.${key}`;
    if (values.adSpend === undefined) continue;
    facts.push({ entityKind: 'shop', entityId: ctx.shopId, grain: period.grain, date: period.date, dims: { ...period.dims, bizCode }, values });
  }
  if (facts.length === 0) return { ok: false, issues: [...issues, { path: 'data', message: '没有可读的花费字段', sample: sample(d) }] };
  return { ok: true, facts, issues };
}

/** `/campaign/horizontal/findPage.json`: campaign list; report codes when the list shows them. */
function campaignList(data: unknown, ctx: RouteContext): RouteResult {
  const rows = reportRows(data);
  if (!rows) return { ok: false, issues: [{ path: 'data.list', message: '缺失或不是数组', sample: sample(data) }] };
  const body = readBody(ctx.requestBody) ?? {};
  const q = isRecord(body.rptQuery) ? body.rptQuery : body;
  const issues: FieldIssue[] = [];
  const attr = attrOf(q.effectEqual ?? q.effect);
  const p = adPeriod(q.startTime ?? q.startDate, q.endTime ?? q.endDate, ctx.capturedAt);
  const facts: FactDraft[] = [];
  let withMetrics = 0;
  rows.forEach((row, i) => {
    if (!isRecord(row)) return;
    const src = isRecord(row.reportInfo) ? { ...row, ...row.reportInfo } : row;
    const values = readAdValues('wanxiang', src, `data.list[${i}]`, issues);
    if (Object.keys(values).length === 0) return;
    withMetrics++;
    const id = pickId(row, ID_FIELDS.campaign.id);
    if (!id) {
      issues.push({ path: `data.list[${i}].campaignId`, message: '缺失' });
      return;
    }
    if (!attr || !('grain' in p)) return;
    const name = pickName(row, ID_FIELDS.campaign.name);
    facts.push({
      entityKind: 'campaign',
      entityId: id,
      ...(name ? { entityName: name } : {}),
      grain: p.grain,
      date: p.date,
      dims: { attr, unify: 'zhai', ...p.dims },
      values,
    });
  });
  if (withMetrics > 0 && facts.length === 0) {
    if (!attr) issues.push({ path: 'requestBody.rptQuery.effectEqual', message: '请求里没有归因窗口' });
    if (!('grain' in p)) issues.push(p);
    return { ok: false, issues };
  }
  return { ok: true, facts, issues };
}

const Q = '?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';

export const wanxiang: Adapter = {
  id: 'wanxiang',
  label: { zh: '万相台无界·报表', en: '万相台无界 · Reports' },
  host: 'one.alimama.com',
  pages: [/^\/index\.html/, /^\/$/],
  examplePageUrls: [
    'https://one.alimama.com/index.html#!/report/account?rptType=account&queryDomains=%5B%22date%22%2C%22scene%22%5D&offset=0&pageSize=20',
    'https://one.alimama.com/index.html#!/report/bidword?rptType=bidword',
  ],
  openHint: {
    zh: '打开 万相台无界 → 报表（账户 / 计划 / 关键词 / 人群 / 商品），选好日期和归因周期',
    en: 'Open 万相台无界 → 报表 (account / campaign / keyword / crowd / item) and pick the dates and attribution window',
    url: 'https://one.alimama.com/index.html#!/report/account?rptType=account',
  },
  unwrap: unwrapAlimama,
  routes: [
    {
      id: 'report',
      label: { zh: '报表查询', en: 'Report query' },
      method: 'POST',
      path: /^\/report\/query(\/v\d+)?\.json$/,
      exampleUrls: [`https://one.alimama.com/report/query.json${Q}`],
      parse: report,
    },
    {
      id: 'charge-sum',
      label: { zh: '花费汇总', en: 'Spend summary' },
      method: 'POST',
      path: /^\/report\/chargeSum\.json$/,
      exampleUrls: [`https://one.alimama.com/report/chargeSum.json${Q}`],
      parse: chargeSum,
    },
    {
      id: 'campaign-list',
      label: { zh: '计划列表', en: 'Campaign list' },
      method: 'POST',
      path: /^\/campaign\/horizontal\/findPage\.json$/,
      exampleUrls: [`https://one.alimama.com/campaign/horizontal/findPage.json${Q}`],
      parse: campaignList,
    },
  ],
};
