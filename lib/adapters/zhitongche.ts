/**
 * 直通车 (legacy; now 关键词推广 inside 万相台无界) — pages `https://subway.simba.taobao.com/#!/report/bpreport/index`,
 * `https://subway.simba.taobao.com/#!/campaign/index`, `https://subway.simba.taobao.com/#!/keyword/index`
 * (hash routes: the path is `/`).
 *
 * Routes (console-sources §8.1, §11.14, §12.6):
 * - reports `POST /openapi/param2/1/gateway.subway/rpt/<name>$` (literal `$`, also `%24`), form body
 *   `queryParam=<JSON {startDate, endDate, effectEqual|effect, pvType, campaignId, adgroupId, …}>`,
 *   `sla=json`, `isAjaxRequest=true`, `token`. `<name>` = rpt + Customer|Campaign|Adgroup|Bidword|
 *   Keyword|Creative|Item + List|ByDay|Total (Customer/Campaign names seen [M]; the others follow
 *   the same scheme [L]). Reply `{ result: { data: [row…] } }` (lists) or `{ result: row }` (totals);
 *   `code: "601"` = not logged in. Row fields: `thedate`, `impression`, `click`, `costInYuan`,
 *   `cpcInYuan`, `cpmInYuan`, `coverage` (percent → decimal), `cartTotalCost` (分 → yuan),
 *   `transactionTotalInYuan`, `transactionShippingTotal`, … (catalog: lib/metrics/ads.ts).
 *   Entity: Customer → shop, Campaign → campaign (`campaignId`/`campaignTitle`), Adgroup → adgroup,
 *   Bidword/Keyword → keyword (`bidwordId`/`keywordId`, `bidwordstr`/`word`). ByDay → one day per
 *   row (`thedate`); List/Total → the request's window (one day, or a range with dim `to`).
 *   Dims: `attr` (effectEqual/effect), `device` from `pvType` (all → 0, PC only → 1, mobile only → 2).
 * - `POST /bpenv/getLoginUserInfo.htm` (`result.nickName`) is identity only: not routed here.
 *
 * Fixtures: tests/fixtures/zhitongche/ (§11.14 shape; see its README).
 */
import type { Unwrapped } from '../capture/envelope';
import { readAdValues } from '../metrics/ads';
import type { FactDraft } from '../schema/fact';
import { type AdEntityKind, type AdPeriod, adPeriod, attrOf, ID_FIELDS, pickId, pickName, readBody, rowDate, rowDay } from './alimama-common';
import { isRecord, jsonObjectReply, sample } from './read';
import type { Adapter, FieldIssue, RouteContext, RouteResult } from './types';

/** `{ code?, result }`; `code "601"` = not logged in; HTML = login wall. */
export function unwrapSubway(text: string): Unwrapped {
  const reply = jsonObjectReply(text);
  if (!reply.ok) return reply;
  const body = reply.body;
  const code = body.code === undefined || body.code === null ? '' : String(body.code);
  const msg = String(body.msg ?? body.message ?? '');
  if (code === '601' || /未登录|请登录/.test(msg)) return { ok: false, kind: 'login', message: msg || '未登录（code 601）' };
  if (body.result !== undefined && body.result !== null && body.isSuccess !== false && body.success !== false) return { ok: true, data: body.result };
  if (code || body.isSuccess === false || body.success === false) return { ok: false, kind: 'platform-error', message: `code ${code}: ${msg}`.slice(0, 200) };
  return { ok: false, kind: 'not-json', message: '未知的返回结构' };
}

const KIND_BY_NAME: Record<string, AdEntityKind | 'shop'> = {
  Customer: 'shop',
  Campaign: 'campaign',
  Adgroup: 'adgroup',
  Bidword: 'keyword',
  Keyword: 'keyword',
  Creative: 'creative',
  Item: 'item',
};

const NAME_RE = /\/rpt\/rpt(Customer|Campaign|Adgroup|Bidword|Keyword|Creative|Item)(List|ByDay|Total|Sum)?(\$|%24)?$/;

/** pvType [1 PC站内, 4 PC站外, 2 无线站内, 5 无线站外, 6 …] → device 0/1/2 or the raw set. */
function deviceDims(pvType: unknown): Record<string, string> {
  const list = (Array.isArray(pvType) ? pvType : typeof pvType === 'string' ? pvType.split(',') : [])
    .map((x) => Number(x))
    .filter((n) => Number.isInteger(n) && n >= 0 && n < 100);
  if (list.length === 0) return { device: '0' };
  const set = new Set(list);
  const pcOnly = [...set].every((n) => n === 1 || n === 4);
  const mobileOnly = [...set].every((n) => n === 2 || n === 5);
  if ([1, 2, 4, 5].every((n) => set.has(n))) return { device: '0' };
  if (pcOnly) return { device: '1', ...(set.size < 2 ? { pvType: [...set].sort().join(',') } : {}) };
  if (mobileOnly) return { device: '2', ...(set.size < 2 ? { pvType: [...set].sort().join(',') } : {}) };
  return { device: '0', pvType: [...set].sort((a, b) => a - b).join(',') };
}

function rowsOf(data: unknown): { rows: unknown[]; total: boolean } | null {
  if (Array.isArray(data)) return { rows: data, total: false };
  if (!isRecord(data)) return null;
  for (const k of ['data', 'list', 'items', 'rows']) if (Array.isArray(data[k])) return { rows: data[k] as unknown[], total: false };
  return { rows: [data], total: true };
}

function report(data: unknown, ctx: RouteContext): RouteResult {
  const m = NAME_RE.exec(ctx.url.pathname);
  const kind = m?.[1] ? KIND_BY_NAME[m[1]] : undefined;
  if (!m || !kind) return { ok: false, issues: [{ path: 'url', message: '不认识的报表名', sample: ctx.url.pathname.slice(-60) }] };
  const byDay = m[2] === 'ByDay';
  const body = readBody(ctx.requestBody);
  const qp = body && isRecord(body.queryParam) ? body.queryParam : body;
  if (!qp)
    return {
      ok: false,
      issues: [{ path: 'requestBody.queryParam', message: '缺少或无法解析请求体（日期和归因窗口在 queryParam 里）', sample: sample(ctx.requestBody ?? '') }],
    };
  const attr = attrOf(qp.effectEqual ?? qp.effect ?? qp.transactionCycle);
  if (!attr) return { ok: false, issues: [{ path: 'requestBody.queryParam.effectEqual', message: '请求里没有归因窗口', sample: sample(qp) }] };
  const got = rowsOf(data);
  if (!got) return { ok: false, issues: [{ path: 'result', message: '不是对象或数组', sample: sample(data) }] };

  let range: AdPeriod | null = null;
  if (!byDay) {
    const p = adPeriod(qp.startDate ?? qp.startTime, qp.endDate ?? qp.endTime, ctx.capturedAt);
    if (!('grain' in p)) return { ok: false, issues: [{ ...p, path: 'requestBody.queryParam.startDate' }] };
    range = p;
  }
  const baseDims = { attr, ...deviceDims(qp.pvType) };
  const issues: FieldIssue[] = [];
  const facts: FactDraft[] = [];
  got.rows.forEach((row, i) => {
    const path = got.total ? 'result' : `result.data[${i}]`;
    if (!isRecord(row)) {
      issues.push({ path, message: '不是对象', sample: sample(row) });
      return;
    }
    let period = range;
    if (byDay) {
      period = rowDay(rowDate(row), ctx.capturedAt);
      if (!period) {
        issues.push({ path: `${path}.thedate`, message: '日期无法识别', sample: sample(rowDate(row)) });
        return;
      }
    }
    if (!period) return;
    let entityId: string | null = ctx.shopId;
    let entityName: string | undefined;
    if (kind !== 'shop') {
      const f = ID_FIELDS[kind];
      // Totals and per-day series of one entity name it in the request, not in the row.
      entityId = pickId(row, f.id) ?? pickId(qp, f.id);
      entityName = pickName(row, f.name);
      if (!entityId) {
        issues.push({ path: `${path}.${f.id[0]}`, message: '缺失', sample: sample(row) });
        return;
      }
    }
    const values = readAdValues('zhitongche', row, path, issues);
    if (Object.keys(values).length === 0) return;
    facts.push({
      entityKind: kind,
      entityId,
      ...(entityName ? { entityName } : {}),
      grain: period.grain,
      date: period.date,
      dims: { ...baseDims, ...period.dims },
      values,
    });
  });
  if (facts.length === 0 && got.rows.length > 0) return { ok: false, issues: [...issues, { path: 'result', message: '没有可读的行' }] };
  return { ok: true, facts, issues };
}

const RPT = 'https://subway.simba.taobao.com/openapi/param2/1/gateway.subway/rpt';

export const zhitongche: Adapter = {
  id: 'zhitongche',
  label: { zh: '直通车·报表', en: '直通车 · Reports' },
  host: 'subway.simba.taobao.com',
  pages: [/^\/$/, /^\/index(\.jsp|\.htm)?$/],
  examplePageUrls: ['https://subway.simba.taobao.com/#!/report/bpreport/index', 'https://subway.simba.taobao.com/#!/campaign/index'],
  openHint: {
    zh: '打开 直通车 → 报表（账户 / 推广计划 / 关键词），选好日期和转化周期',
    en: 'Open 直通车 → 报表 (account / campaign / keyword) and pick the dates and conversion window',
    url: 'https://subway.simba.taobao.com/#!/report/bpreport/index',
  },
  unwrap: unwrapSubway,
  routes: [
    {
      id: 'report',
      label: { zh: '报表', en: 'Report' },
      method: 'POST',
      path: /^\/openapi\/param2\/1\/gateway\.subway\/rpt\/rpt[A-Za-z]+(\$|%24)?$/,
      exampleUrls: [
        `${RPT}/rptCampaignList$`,
        `${RPT}/rptCampaignByDay$`,
        `${RPT}/rptCampaignTotal$`,
        `${RPT}/rptCustomerByDay$`,
        `${RPT}/rptCustomerList$`,
        `${RPT}/rptBidwordList$`,
        `${RPT}/rptAdgroupList$`,
      ],
      parse: report,
    },
  ],
};
