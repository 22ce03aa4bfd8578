/**
 * 千牛 商品管理 — pages `https://myseller.taobao.com/home.htm/SellManage/on_sale` (also `/all`,
 * `/in_stock`, `/sold_out`).
 *
 * Route (console-sources §7.1, §7.2, §11.11; [H]):
 * - mtop `mtop.tmall.sell.pc.manage.async` 1.0 on the gateway
 *   `https://h5api.m.taobao.com/h5/mtop.tmall.sell.pc.manage.async/1.0/?jsv=…&appKey=12574478&t=…&sign=…&api=…&v=1.0&type=originaljson&data=…`
 *   (GET with `data=` in the query, or POST with `data=` in the form body). Request `data` =
 *   `{ url: "/tmall/manager/table.htm", jsonBody: "<JSON: tab, pagination, filter, table.sort>" }`.
 *   Reply `{ api, v, ret: ["SUCCESS::调用成功"], data: { result: "<JSON string>" } }`; parsed,
 *   `result.data.table.dataSource[]` rows with `itemId`, `itemDesc.desc[].text` (title),
 *   `managerPrice.currentPrice` ("¥ 19.80"), `managerQuantityNew.text` (stock),
 *   `monthlySoldQuantity.value` (30日销量, string), `soldQuantity_m` (累计销量).
 *   → one item fact per row, grain `snapshot` dated the capture's business day (stock and price
 *   are "now" values; 30日销量 is the rolling window up to that day).
 *
 * Envelope: mtop `ret[0]` "SUCCESS::…" or "FAIL_SYS_…::…"; session/token failures are login walls,
 * `FAIL_SYS_USER_VALIDATE` (risk-control captcha) and the rest are platform errors. JSONP replies
 * (`mtopjsonp1({...})`) are accepted too. `unwrapMtop` is shared with qianniu-workbench.
 *
 * Fixtures: tests/fixtures/qianniu-item/ (from §11.11 and the sandbox console).
 */
import { shanghaiDate } from '../capture/business-date';
import type { FactDraft } from '../schema/fact';
import { MTOP_HOST, mtopRequestData, mtopResult, unwrapMtop } from './mtop-common';
import { isRecord, readNumber, sample } from './read';
import type { Adapter, FieldIssue, RouteResult } from './types';

export const QIANNIU_HOST = 'myseller.taobao.com';

const ITEM_ID = /^\d{5,20}$/;

function readItemId(row: Record<string, unknown>): string | null {
  const v = row.itemId ?? row.id;
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  return ITEM_ID.test(s) ? s : null;
}

function readTitle(desc: unknown): string | undefined {
  if (!isRecord(desc) || !Array.isArray(desc.desc)) return undefined;
  const parts = desc.desc.filter(isRecord);
  const link = parts.find((p) => p.uiType === 'link' && typeof p.text === 'string');
  const any = link ?? parts.find((p) => typeof p.text === 'string' && !/^ID[:：]/.test(p.text));
  const t = typeof any?.text === 'string' ? any.text.trim() : '';
  return t ? t.slice(0, 200) : undefined;
}

/** "¥ 19.80", "￥1,299.00", 19.8 → 19.8; ranges ("¥ 19.80 - 29.80") are not a single price. */
export function readPrice(v: unknown): { kind: 'num'; n: number } | { kind: 'empty' } | { kind: 'bad' } {
  const raw = isRecord(v) ? (v.currentPrice ?? v.price ?? v.value ?? v.text) : v;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? { kind: 'num', n: raw } : { kind: 'bad' };
  if (raw === null || raw === undefined || raw === '' || raw === '-') return { kind: 'empty' };
  if (typeof raw !== 'string') return { kind: 'bad' };
  const t = raw.replace(/[¥￥\s]|元|CNY|RMB/g, '');
  const r = readNumber(t);
  return r.kind === 'num' && r.n >= 0 ? r : { kind: 'bad' };
}

const readCount = (v: unknown): ReturnType<typeof readNumber> => {
  const raw = isRecord(v) ? (v.empty === true ? null : (v.value ?? v.text ?? v.count)) : v;
  const r = readNumber(raw);
  if (r.kind === 'num' && (r.n < 0 || !Number.isInteger(r.n))) return { kind: 'bad' };
  return r;
};

function table(data: unknown, capturedAt: number, url: URL, body?: string): RouteResult {
  const issues: FieldIssue[] = [];
  const req = mtopRequestData(url, body);
  const reqUrl = typeof req?.url === 'string' ? req.url : null;
  const result = mtopResult(data, issues);
  if (!isRecord(result)) return { ok: false, issues: [...issues, { path: 'data.result', message: '不是对象', sample: sample(result) }] };
  if (result.success === false)
    return { ok: false, issues: [{ path: 'data.result.success', message: '接口返回失败', sample: sample(result.message ?? result.errorMsg ?? '') }] };
  const inner = isRecord(result.data) ? result.data : result;
  const tableObj = isRecord(inner.table) ? inner.table : null;
  const rows = tableObj && Array.isArray(tableObj.dataSource) ? tableObj.dataSource : null;
  if (!rows) {
    const why = reqUrl && !/table\.htm/.test(reqUrl) ? `不是商品列表请求（${reqUrl.slice(0, 60)}）` : '缺失或不是数组';
    return { ok: false, issues: [...issues, { path: 'data.result.data.table.dataSource', message: why }] };
  }
  const date = shanghaiDate(capturedAt);
  const facts: FactDraft[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const p = `dataSource[${i}]`;
    if (!isRecord(row)) {
      issues.push({ path: p, message: '不是对象', sample: sample(row) });
      return;
    }
    const itemId = readItemId(row);
    if (!itemId) {
      issues.push({ path: `${p}.itemId`, message: '缺失或不是商品 ID', sample: sample(row.itemId) });
      return;
    }
    if (seen.has(itemId)) return;
    const values: Record<string, number> = {};
    const price = readPrice(row.managerPrice);
    if (price.kind === 'num') values.itemPrice = price.n;
    else if (price.kind === 'bad') issues.push({ path: `${p}.managerPrice.currentPrice`, message: '不是单个价格', sample: sample(row.managerPrice) });
    const reads: [string, unknown, string][] = [
      ['stockOnHand', row.managerQuantityNew, 'managerQuantityNew.text'],
      ['soldQty30d', row.monthlySoldQuantity, 'monthlySoldQuantity.value'],
      ['soldQtyTotal', row.soldQuantity_m, 'soldQuantity_m'],
    ];
    for (const [id, v, path] of reads) {
      const r = readCount(v);
      if (r.kind === 'num') values[id] = r.n;
      else if (r.kind === 'bad') issues.push({ path: `${p}.${path}`, message: '不是非负整数', sample: sample(v) });
    }
    if (Object.keys(values).length === 0) {
      issues.push({ path: p, message: '没有可读的价格、库存或销量' });
      return;
    }
    seen.add(itemId);
    const title = readTitle(row.itemDesc);
    facts.push({ entityKind: 'item', entityId: itemId, ...(title ? { entityName: title } : {}), grain: 'snapshot', date, dims: {}, values });
  });
  if (facts.length === 0 && rows.length > 0) return { ok: false, issues: [...issues, { path: 'dataSource', message: '没有可读的商品行' }] };
  return { ok: true, facts, issues };
}

const mtopUrl = (api: string, data: object) =>
  `https://${MTOP_HOST}/h5/${api}/1.0/?jsv=2.7.2&appKey=12574478&t=1780300000000&sign=0f5ad3e1d2c3b4a5968778695a4b3c2d&api=${api}&v=1.0&type=originaljson&dataType=json&data=${encodeURIComponent(JSON.stringify(data))}`;

export const qianniuItem: Adapter = {
  id: 'qianniu-item',
  label: { zh: '千牛·商品管理', en: 'Qianniu · Items' },
  host: QIANNIU_HOST,
  apiHosts: [MTOP_HOST],
  pages: [/^\/home\.htm\/SellManage(\/|$)/],
  examplePageUrls: ['https://myseller.taobao.com/home.htm/SellManage/on_sale', 'https://myseller.taobao.com/home.htm/SellManage/all'],
  openHint: {
    zh: '打开 千牛 → 商品 → 商品管理（出售中的宝贝）',
    en: 'Open 千牛 → 商品 → 商品管理 (items on sale)',
    url: 'https://myseller.taobao.com/home.htm/SellManage/on_sale',
  },
  unwrap: unwrapMtop,
  routes: [
    {
      id: 'manage-table',
      label: { zh: '商品列表', en: 'Item list' },
      method: 'ANY',
      path: /^\/h5\/mtop\.tmall\.sell\.pc\.manage\.async\/\d+\.\d+\/?$/i,
      exampleUrls: [
        mtopUrl('mtop.tmall.sell.pc.manage.async', {
          url: '/tmall/manager/table.htm',
          jsonBody: JSON.stringify({ tab: 'on_sale', pagination: { current: 1, pageSize: 20 }, filter: {}, table: { sort: { monthlySoldQuantity: 'desc' } } }),
        }),
        `https://${MTOP_HOST}/h5/mtop.tmall.sell.pc.manage.async/1.0/?jsv=2.7.2&appKey=12574478&t=1780300000000&sign=0f5ad3e1d2c3b4a5968778695a4b3c2d&api=mtop.tmall.sell.pc.manage.async&v=1.0&type=originaljson&dataType=json`,
      ],
      parse: (data, ctx) => table(data, ctx.capturedAt, ctx.url, ctx.requestBody),
    },
  ],
};
