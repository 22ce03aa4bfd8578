/**
 * 千牛 已卖出的宝贝 — pages `https://trade.taobao.com/trade/itemlist/list_sold_items.htm`
 * (the 2024+ 千牛 frame `https://myseller.taobao.com/home.htm/trade-platform/tp/sold` calls the
 * same API; its page lives on another host, see the report on `pages`).
 *
 * Route (console-sources §7.3, §11.12; [M]):
 * - `POST https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8`
 *   form body `action=itemlist/SoldQueryAction&pageNum=1&pageSize=15&prePageNo=…&orderStatus=…&tabCode=…
 *   &dateBegin=0&dateEnd=0&queryMore=false&isQnNew=true` → `{ mainOrders: [ { orderInfo.createTime,
 *   payInfo.actualFee, statusInfo.text, subOrders[].quantity, … } ], page: { currentPage, totalNumber, totalPage } }`.
 *   The body may be GBK: the tap hands over the text as the browser decoded it, so a GBK body read
 *   with fetch arrives with U+FFFD in the Chinese status texts (numbers and keys are ASCII).
 *
 * Privacy: buyer nicks, addresses, order ids and item titles are never read into facts or issues.
 * Only aggregates are stored:
 * - the list's `page.totalNumber` under its tab (`scope` = tabCode / orderStatus / all) as a shop
 *   `snapshot` (e.g. how many orders wait for shipment now);
 * - with a whole-day 成交时间 window (dateBegin/dateEnd), `totalNumber` = orders created on those days
 *   in the scope → `day` (or `range`) fact, status `all`;
 * - orders on the page grouped by creation day × current status → order count, amount received, units,
 *   only for days the page covers completely (days strictly inside the page; the newest day on page 1
 *   without an end bound; the oldest day on the last page without a start bound). Known statuses
 *   absent on a complete day are stored as 0 so an order that moved on does not linger.
 *   Today's days are `live`, never `day`.
 *
 * Fixtures: tests/fixtures/qianniu-trade/ (from §11.12 and the sandbox console).
 */
import { shanghaiDate } from '../capture/business-date';
import type { Unwrapped } from '../capture/envelope';
import type { FactDraft } from '../schema/fact';
import { isRecord, jsonObjectReply, readNumber, sample } from './read';
import type { Adapter, FieldIssue, RouteResult } from './types';

export const TRADE_HOST = 'trade.taobao.com';

export const ORDER_STATUSES = ['NOT_PAID', 'PAID', 'SEND', 'SUCCESS', 'CLOSED'] as const;
type Status = (typeof ORDER_STATUSES)[number] | 'unknown';

const STATUS_TEXT: [RegExp, Status][] = [
  [/等待买家付款|待付款/, 'NOT_PAID'],
  [/买家已付款|等待卖家发货|待发货/, 'PAID'],
  [/卖家已发货|等待买家确认|已发货/, 'SEND'],
  [/交易成功/, 'SUCCESS'],
  [/交易关闭|已关闭/, 'CLOSED'],
];
const STATUS_CODE: Record<string, Status> = {
  WAIT_BUYER_PAY: 'NOT_PAID',
  NOT_PAID: 'NOT_PAID',
  WAIT_SELLER_SEND_GOODS: 'PAID',
  PAID: 'PAID',
  WAIT_BUYER_CONFIRM_GOODS: 'SEND',
  SEND: 'SEND',
  TRADE_FINISHED: 'SUCCESS',
  SUCCESS: 'SUCCESS',
  TRADE_CLOSED: 'CLOSED',
  TRADE_CLOSED_BY_TAOBAO: 'CLOSED',
  CLOSED: 'CLOSED',
};
/** Tabs / orderStatus filters that pin every row to one status (used when texts are unreadable). */
const SCOPE_STATUS: Record<string, Status> = {
  waitBuyerPay: 'NOT_PAID',
  NOT_PAID: 'NOT_PAID',
  waitSend: 'PAID',
  PAID: 'PAID',
  haveSendGoods: 'SEND',
  SEND: 'SEND',
  SUCCESS: 'SUCCESS',
  success: 'SUCCESS',
  CLOSED: 'CLOSED',
  closed: 'CLOSED',
};

export function unwrapTrade(text: string): Unwrapped {
  const reply = jsonObjectReply(text);
  if (!reply.ok) return reply;
  const body = reply.body;
  if ('mainOrders' in body || 'page' in body) return { ok: true, data: body };
  if (body.success === false || 'error' in body || 'errorMsg' in body) {
    const m = body.errorMsg ?? body.message ?? body.error;
    const msg = typeof m === 'string' ? m.slice(0, 160) : '';
    if (/登录|login/i.test(msg)) return { ok: false, kind: 'login', message: msg };
    return { ok: false, kind: 'platform-error', message: msg || '接口返回失败' };
  }
  return { ok: false, kind: 'not-json', message: '未知的返回结构' };
}

/** Request parameters from the form body (and the query string as a fallback). */
function requestParams(url: URL, body?: string): URLSearchParams {
  const out = new URLSearchParams(url.search);
  if (body) {
    try {
      const t = body.trim();
      if (t.startsWith('{')) {
        const j: unknown = JSON.parse(t);
        if (isRecord(j)) for (const [k, v] of Object.entries(j)) if (typeof v === 'string' || typeof v === 'number') out.set(k, String(v));
      } else for (const [k, v] of new URLSearchParams(t)) out.set(k, v);
    } catch {
      /* unreadable body: query only */
    }
  }
  return out;
}

/** dateBegin/dateEnd: epoch ms, "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"; 0/empty = no bound. */
function readBound(v: string | null): { date: string; midnight: boolean; endOfDay: boolean } | null | 'bad' {
  if (v === null) return null;
  const t = v.trim();
  if (t === '' || t === '0') return null;
  if (/^\d{11,14}$/.test(t)) {
    const ms = Number(t);
    const secOfDay = ((ms + 8 * 3600_000) % 86_400_000) / 1000;
    return { date: shanghaiDate(ms), midnight: secOfDay === 0, endOfDay: secOfDay >= 86_399 };
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m?.[1]) return 'bad';
  const hms = m[2] === undefined ? null : `${m[2]}:${m[3]}:${m[4] ?? '00'}`;
  return { date: m[1], midnight: hms === null || hms === '00:00:00', endOfDay: hms === null || hms === '23:59:59' };
}

/** Filters that make the list a search result, not a tab (buyer, item, order id …). */
const SEARCH_KEYS = ['buyerNick', 'itemTitle', 'bizOrderId', 'orderId', 'logisticsNo', 'auctionId', 'skuId', 'buyerEncodeId', 'sellerFlag', 'rateStatus'];

const safeCode = (v: string | null): string | null => (v && /^[A-Za-z0-9_]{1,40}$/.test(v) && v.toLowerCase() !== 'all' && v !== 'ALL' ? v : null);

function statusOf(o: Record<string, unknown>, pinned: Status | undefined): { s: Status; garbled: boolean } {
  const si = isRecord(o.statusInfo) ? o.statusInfo : {};
  const extra = isRecord(o.extra) ? o.extra : {};
  for (const c of [si.code, si.status, extra.tradeStatus, o.status]) if (typeof c === 'string' && STATUS_CODE[c]) return { s: STATUS_CODE[c], garbled: false };
  const text = typeof si.text === 'string' ? si.text : '';
  for (const [re, s] of STATUS_TEXT) if (re.test(text)) return { s, garbled: false };
  const garbled = text.includes('\uFFFD') || /[\u00C0-\u00FF]{2,}/.test(text);
  return { s: pinned ?? 'unknown', garbled };
}

interface DayAgg {
  cnt: number;
  amt: number;
  amtOk: boolean;
  qty: number;
  qtyOk: boolean;
}

function sold(data: unknown, shopId: string, capturedAt: number, url: URL, body?: string): RouteResult {
  const issues: FieldIssue[] = [];
  if (!isRecord(data)) return { ok: false, issues: [{ path: 'data', message: '不是对象', sample: sample(data) }] };
  const params = requestParams(url, body);
  const search = SEARCH_KEYS.filter((k) => (params.get(k) ?? '').trim() !== '');
  if (search.length > 0) return { ok: true, facts: [], issues: [{ path: 'request', message: `带搜索条件（${search.join(',')}）的列表只是部分订单，不入库` }] };
  const scope = safeCode(params.get('tabCode')) ?? safeCode(params.get('orderStatus')) ?? 'all';
  const pinned = SCOPE_STATUS[scope];
  const begin = readBound(params.get('dateBegin'));
  const end = readBound(params.get('dateEnd'));
  if (begin === 'bad' || end === 'bad')
    return {
      ok: false,
      issues: [{ path: 'request.dateBegin/dateEnd', message: '成交时间筛选无法识别', sample: sample(`${params.get('dateBegin')}|${params.get('dateEnd')}`) }],
    };

  const today = shanghaiDate(capturedAt);
  const facts: FactDraft[] = [];
  const page = isRecord(data.page) ? data.page : null;
  const total = page ? readNumber(page.totalNumber) : ({ kind: 'empty' } as const);
  const curPage = page ? readNumber(page.currentPage) : ({ kind: 'empty' } as const);
  const totalPage = page ? readNumber(page.totalPage) : ({ kind: 'empty' } as const);
  const totalN = total.kind === 'num' && Number.isInteger(total.n) && total.n >= 0 ? total.n : null;
  if (total.kind === 'bad' || (total.kind === 'num' && totalN === null))
    issues.push({ path: 'page.totalNumber', message: '不是非负整数', sample: sample(page?.totalNumber) });

  const periodFact = (from: string, to: string, values: Record<string, number>, status: string): FactDraft | null => {
    if (from > today) return null;
    if (from === to) return { entityKind: 'shop', entityId: shopId, grain: from === today ? 'live' : 'day', date: from, dims: { scope, status }, values };
    if (to >= today) return null; // a window that reaches today is not a closed range
    return { entityKind: 'shop', entityId: shopId, grain: 'range', date: from, dims: { scope, status, to }, values };
  };

  if (totalN !== null) {
    if (!begin && !end)
      facts.push({ entityKind: 'shop', entityId: shopId, grain: 'snapshot', date: today, dims: { scope }, values: { soldListTotal: totalN } });
    else if (begin?.midnight && end?.endOfDay && begin.date <= end.date) {
      const f = periodFact(begin.date, end.date, { soldOrderCnt: totalN }, 'all');
      if (f) facts.push(f);
    } else issues.push({ path: 'request.dateBegin/dateEnd', message: '成交时间筛选不是整天，订单总数不入库' });
  }

  // Per-day aggregates of the orders on this page.
  const orders = Array.isArray(data.mainOrders) ? data.mainOrders : null;
  if (!orders) {
    if (data.mainOrders !== undefined && data.mainOrders !== null)
      issues.push({ path: 'mainOrders', message: '不是数组', sample: sample(data.mainOrders, 40) });
  } else if (orders.length > 0) {
    const rows: { date: string; s: Status; o: Record<string, unknown> }[] = [];
    let garbled = 0;
    let monotone = true;
    orders.forEach((o, i) => {
      if (!isRecord(o)) {
        issues.push({ path: `mainOrders[${i}]`, message: '不是对象' });
        return;
      }
      const ct = isRecord(o.orderInfo) ? o.orderInfo.createTime : undefined;
      const m = typeof ct === 'string' ? /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}/.exec(ct.trim()) : null;
      const date = m?.[1] ?? (typeof ct === 'number' && ct > 1e11 ? shanghaiDate(ct) : null);
      if (!date) {
        issues.push({ path: `mainOrders[${i}].orderInfo.createTime`, message: '下单时间无法识别' });
        monotone = false;
        return;
      }
      const st = statusOf(o, pinned);
      if (st.garbled) garbled++;
      const prev = rows[rows.length - 1];
      if (prev && date > prev.date) monotone = false;
      rows.push({ date, s: st.s, o });
    });
    if (garbled > 0)
      issues.push({
        path: 'mainOrders[].statusInfo.text',
        message: `${garbled} 个订单状态文字乱码（GBK 按 UTF-8 解码）${pinned ? '，按所选标签归类' : '，归为 unknown'}`,
      });
    const unknown = rows.filter((r) => r.s === 'unknown').length;
    if (unknown > garbled) issues.push({ path: 'mainOrders[].statusInfo.text', message: `${unknown - garbled} 个订单状态无法识别，归为 unknown` });
    if (!monotone) issues.push({ path: 'mainOrders[].orderInfo.createTime', message: '订单不是按下单时间倒序，无法判断哪几天完整，不按日汇总' });
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (monotone && first && last) {
      const cp = curPage.kind === 'num' ? curPage.n : null;
      const tp = totalPage.kind === 'num' ? totalPage.n : null;
      const onlyPage = (tp !== null && tp <= 1) || (totalN !== null && totalN <= rows.length && cp === 1);
      // A bound at a day edge (00:00:00 / 23:59:59) cuts no day; any other bound cuts its day.
      const newestComplete = cp === 1 && (!end || end.endOfDay);
      const oldestComplete = (onlyPage || (cp !== null && tp !== null && cp >= tp)) && (!begin || begin.midnight);
      const complete = (d: string) =>
        (d < first.date && d > last.date) ||
        (d === first.date && d === last.date ? newestComplete && oldestComplete : d === first.date ? newestComplete : d === last.date ? oldestComplete : false);
      const agg = new Map<string, Map<Status | 'all', DayAgg>>();
      for (const r of rows) {
        if (!complete(r.date)) continue;
        let day = agg.get(r.date);
        if (!day) {
          day = new Map();
          agg.set(r.date, day);
        }
        const pay = readNumber(isRecord(r.o.payInfo) ? r.o.payInfo.actualFee : undefined);
        const subs = Array.isArray(r.o.subOrders) ? r.o.subOrders : [];
        let qty = 0;
        let qtyOk = subs.length > 0;
        for (const s of subs) {
          const q = readNumber(isRecord(s) ? s.quantity : undefined);
          if (q.kind === 'num' && Number.isInteger(q.n) && q.n >= 0 && q.n < 1e6) qty += q.n;
          else qtyOk = false;
        }
        for (const key of [r.s, 'all'] as const) {
          let a = day.get(key);
          if (!a) {
            a = { cnt: 0, amt: 0, amtOk: true, qty: 0, qtyOk: true };
            day.set(key, a);
          }
          a.cnt++;
          if (pay.kind === 'num' && pay.n >= 0 && pay.n < 1e9) a.amt += pay.n;
          else a.amtOk = false;
          a.qty += qty;
          if (!qtyOk) a.qtyOk = false;
        }
      }
      let badAmt = false;
      for (const [date, day] of agg) {
        for (const s of [...ORDER_STATUSES, 'unknown', 'all'] as const) {
          const a = day.get(s);
          if (!a && (s === 'unknown' || s === 'all')) continue;
          const values: Record<string, number> = a ? { soldOrderCnt: a.cnt } : { soldOrderCnt: 0, soldOrderAmt: 0, soldItemQty: 0 };
          if (a?.amtOk) values.soldOrderAmt = Math.round(a.amt * 100) / 100;
          else if (a) badAmt = true;
          if (a?.qtyOk) values.soldItemQty = a.qty;
          // A whole-day window already gave that day's total: add the amounts to that fact.
          const windowed = s === 'all' ? facts.find((x) => x.date === date && x.dims.status === 'all' && x.grain !== 'range') : undefined;
          if (windowed) {
            Object.assign(windowed.values, { ...values, soldOrderCnt: windowed.values.soldOrderCnt ?? values.soldOrderCnt });
            continue;
          }
          const f = periodFact(date, date, values, s);
          if (f) facts.push(f);
        }
      }
      if (badAmt) issues.push({ path: 'mainOrders[].payInfo.actualFee', message: '部分订单实收款无法读取，当天金额不入库' });
    }
  }
  if (facts.length === 0 && !orders && totalN === null) return { ok: false, issues: [...issues, { path: 'page', message: '没有可读的订单数据' }] };
  return { ok: true, facts, issues };
}

const BODY =
  'action=itemlist%2FSoldQueryAction&pageNum=1&pageSize=15&prePageNo=1&orderStatus=&tabCode=latest3Months&dateBegin=0&dateEnd=0&queryMore=false&isQnNew=true';

export const qianniuTrade: Adapter = {
  id: 'qianniu-trade',
  label: { zh: '千牛·已卖出的宝贝', en: 'Qianniu · Sold orders' },
  host: TRADE_HOST,
  // 2024+: 已卖出的宝贝 also opens inside 千牛 (myseller.taobao.com/home.htm/trade-platform/tp/sold).
  pageHosts: ['myseller.taobao.com'],
  pages: [/^\/trade\/itemlist\/list_sold_items\.htm/, /^\/home\.htm\/trade-platform\/tp\/sold/],
  // Order lists carry buyer nicks and order ids: never keep a raw sample.
  sensitive: true,
  examplePageUrls: [
    'https://myseller.taobao.com/home.htm/trade-platform/tp/sold',
    'https://trade.taobao.com/trade/itemlist/list_sold_items.htm',
    'https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction',
  ],
  openHint: {
    zh: '打开 千牛 → 交易 → 已卖出的宝贝（按成交时间筛选某一天更准）',
    en: 'Open 千牛 → 交易 → 已卖出的宝贝 (filter 成交时间 to one day for exact day totals)',
    url: 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm',
  },
  unwrap: unwrapTrade,
  routes: [
    {
      id: 'sold-list',
      label: { zh: '已卖出订单列表', en: 'Sold order list' },
      method: 'POST',
      path: /^\/trade\/itemlist\/asyncSold\.htm$/,
      exampleUrls: [
        'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8',
        'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=gbk',
      ],
      parse: (data, ctx) => sold(data, ctx.shopId, ctx.capturedAt, ctx.url, ctx.requestBody),
    },
  ],
};

export const TRADE_EXAMPLE_BODY = BODY;
