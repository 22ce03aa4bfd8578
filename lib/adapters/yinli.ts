/**
 * 引力魔方 (replaced 超级推荐 + 钻展 in 2021; since folded into 万相台无界 人群推广) — pages
 * `https://tuijian.taobao.com/indexbp.html#!/report/index`, `https://tuijian.taobao.com/#!/manage/campaign`.
 *
 * Routes (console-sources §8.3 [M]; the report-list API is a public gap, so this route is an
 * assumption built from the documented export parameters):
 * - report `GET|POST /api2/report/<name>.json` (any name except export/download tasks) with
 *   `startTime`/`endTime` (or `startDate`/`endDate`), `effect` (attribution days → dim `attr`),
 *   `effectType` (click | impression → dim `effectType`) in the query string or the body (JSON or
 *   form); reply in the alimama envelope `{ data: { list | rptList | result }, info: { ok } }`.
 *   Row codes as in the export's `customs`: `charge`, `impression`/`adPv`, `click`, `ctr`, `cpc`/`ecpc`,
 *   `ecpm`, `inshopItemColNum`, `cartNum`, `alipayInshopNum`, `alipayInshopAmt`, `roi`, `cvr`.
 *   Entity from the row's ids (creative > crowd/target > adgroup > campaign; none → shop); per-day
 *   rows when they carry `thedate`/`logDate`, else the request's window.
 *
 * Fixtures: tests/fixtures/yinli/ (shape [L], see its README).
 */

import { readAdValues } from '../metrics/ads';
import type { EntityKind, FactDraft } from '../schema/fact';
import { type AdEntityKind, type AdPeriod, adPeriod, attrOf, ID_FIELDS, pickId, pickName, readBody, rowDay, unwrapAlimama } from './alimama-common';
import { findRows, isRecord, sample } from './read';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

const KINDS: readonly AdEntityKind[] = ['creative', 'crowd', 'item', 'adgroup', 'campaign'];

function rowsOf(data: unknown): unknown[] | null {
  return findRows(data, ['list', 'rptList', 'result', 'data', 'rows']);
}

function report(data: unknown, ctx: RouteContext): RouteResult {
  const body = readBody(ctx.requestBody) ?? {};
  const q = ctx.url.searchParams;
  const get = (...keys: string[]): unknown => {
    for (const k of keys) {
      if (body[k] !== undefined && body[k] !== null && body[k] !== '') return body[k];
      const v = q.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const attr = attrOf(get('effect', 'effectEqual'));
  if (!attr) return { ok: false, issues: [{ path: 'request.effect', message: '请求里没有归因窗口', sample: sample(ctx.url.search.slice(0, 120)) }] };
  const effectType = String(get('effectType') ?? 'click');
  const rows = rowsOf(data);
  if (!rows) return { ok: false, issues: [{ path: 'data.list', message: '缺失或不是数组', sample: sample(data) }] };

  let range: AdPeriod | FieldIssue | null = null;
  const from = get('startTime', 'startDate');
  const to = get('endTime', 'endDate');
  if (from !== undefined) range = adPeriod(from, to, ctx.capturedAt);
  const baseDims = { attr, effectType: /^\w{1,20}$/.test(effectType) ? effectType : 'click' };
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];
  rows.forEach((row, i) => {
    if (!isRecord(row)) {
      issues.push({ path: `data.list[${i}]`, message: '不是对象', sample: sample(row) });
      return;
    }
    const own = row.thedate ?? row.theDate ?? row.logDate ?? row.date;
    let period: AdPeriod | null;
    if (own !== undefined && own !== null && own !== '') {
      period = rowDay(own, ctx.capturedAt);
      if (!period) {
        issues.push({ path: `data.list[${i}].thedate`, message: '日期无法识别', sample: sample(own) });
        return;
      }
    } else if (range && 'grain' in range) {
      period = range;
    } else {
      issues.push(range ?? { path: 'request.startTime', message: '请求里没有可识别的日期范围' });
      return;
    }
    let kind: EntityKind = 'shop';
    let entityId: string = ctx.shopId;
    let entityName: string | undefined;
    for (const k of KINDS) {
      const id = pickId(row, ID_FIELDS[k].id);
      if (id) {
        kind = k;
        entityId = id;
        entityName = pickName(row, ID_FIELDS[k].name);
        break;
      }
    }
    const dims: Record<string, string> = { ...baseDims, ...period.dims };
    if (kind === 'crowd' || kind === 'item') {
      const c = pickId(row, ['campaignId']);
      if (c) dims.campaign = c;
    }
    const values = readAdValues('yinli', row, `data.list[${i}]`, issues);
    if (Object.keys(values).length === 0) return;
    facts.push({ entityKind: kind, entityId, ...(entityName ? { entityName } : {}), grain: period.grain, date: period.date, dims, values });
  });
  if (facts.length === 0 && rows.length > 0) return { ok: false, issues: [...issues, { path: 'data.list', message: '没有可读的行' }] };
  return { ok: true, facts, issues };
}

export const yinli: Adapter = {
  id: 'yinli',
  label: { zh: '引力魔方·报表', en: '引力魔方 · Reports' },
  host: 'tuijian.taobao.com',
  pages: [/^\/(indexbp(-\w+)?\.html)?$/, /^\/index\.html$/],
  examplePageUrls: ['https://tuijian.taobao.com/indexbp.html#!/report/index', 'https://tuijian.taobao.com/#!/manage/campaign'],
  openHint: {
    zh: '打开 引力魔方 → 报表，选好日期和归因周期（已并入 万相台无界·人群推广 的账户请看万相台报表）',
    en: 'Open 引力魔方 → 报表 and pick the dates and attribution window (accounts moved to 万相台无界 use its reports)',
    url: 'https://tuijian.taobao.com/indexbp.html#!/report/index',
  },
  unwrap: unwrapAlimama,
  routes: [
    {
      id: 'report',
      label: { zh: '报表', en: 'Report' },
      method: 'ANY',
      path: /^\/api2\/report\/(?![\w/]*(export|download|[Tt]ask))[\w/]+\.json$/,
      exampleUrls: [
        'https://tuijian.taobao.com/api2/report/multiDimension/findPage.json?startTime=2026-06-01&endTime=2026-06-01&effect=15&effectType=click&csrfID=1780300000000-123',
        'https://tuijian.taobao.com/api2/report/campaign/list.json?startTime=2026-05-26&endTime=2026-06-01&effect=15&effectType=click',
      ],
      parse: report,
    },
  ],
};
