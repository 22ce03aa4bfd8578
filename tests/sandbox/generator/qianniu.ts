/**
 * 千牛 data of the synthetic shops: 商品管理 rows (price, stock, 30-day sales from the item days),
 * 已卖出的宝贝 orders (one per paying buyer of the shop day, amounts and units summing exactly to the
 * shop's payAmt / payItmCnt), 工作台 to-dos and 真实体验分. Pure functions of (world, shop, dates).
 */
import { allocate, allocateMoney, round } from './alloc.ts';
import { addDays, beijingMidnightMs } from './dates.ts';
import { between, intBetween, numericId, rand } from './prng.ts';
import type { World } from './world.ts';

export interface QnItemRow {
  itemId: string;
  title: string;
  price: number;
  stock: number;
  sold30: number;
  soldTotal: number;
}

/** 商品管理 rows as of `today` (stock at the end of yesterday, 30日销量 = the 30 days before today). */
export function qnItemRows(world: World, shopId: string, today: string): QnItemRow[] {
  const items = world.items(shopId);
  const skus = world.skus(shopId);
  const sold30 = new Map<string, number>();
  const soldTotal = new Map<string, number>();
  for (let k = 1; k <= 90; k++) {
    const d = addDays(today, -k);
    if (d < world.historyStart) break;
    for (const it of world.itemDays(shopId, d)) {
      if (k <= 30) sold30.set(it.itemId, (sold30.get(it.itemId) ?? 0) + it.payItmCnt);
      soldTotal.set(it.itemId, (soldTotal.get(it.itemId) ?? 0) + it.payItmCnt);
    }
  }
  const yesterday = addDays(today, -1);
  return items.map((it) => ({
    itemId: it.itemId,
    title: it.title,
    price: it.price,
    stock: skus.filter((s) => s.itemId === it.itemId).reduce((a, s) => a + world.skuStock(s, yesterday), 0),
    sold30: sold30.get(it.itemId) ?? 0,
    soldTotal: (soldTotal.get(it.itemId) ?? 0) + intBetween(0, 3000, world.seed, it.itemId, 'soldBefore'),
  }));
}

export const QN_STATUSES = ['NOT_PAID', 'PAID', 'SEND', 'SUCCESS', 'CLOSED'] as const;
export type QnStatus = (typeof QN_STATUSES)[number];
export const QN_STATUS_TEXT: Record<QnStatus, string> = {
  NOT_PAID: '等待买家付款',
  PAID: '买家已付款',
  SEND: '卖家已发货',
  SUCCESS: '交易成功',
  CLOSED: '交易关闭',
};

export interface QnOrder {
  id: string;
  buyerNick: string;
  /** Beijing time "YYYY-MM-DD HH:mm:ss". */
  createTime: string;
  createMs: number;
  fee: number;
  qty: number;
  status: QnStatus;
  itemId: string;
  itemTitle: string;
  sku: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Orders created on `date` (newest first). Closed days: one per paying buyer (shop day payByrCnt),
 * fee and units summing to payAmt / payItmCnt. Today: 40 % of that, times before noon.
 */
export function qnOrdersOn(world: World, shopId: string, date: string, today: string): QnOrder[] {
  if (date > today || date < world.historyStart) return [];
  const day = world.shopDay(shopId, date);
  const isToday = date === today;
  const n = isToday ? Math.round(day.payByrCnt * 0.4) : day.payByrCnt;
  if (n <= 0) return [];
  const seed = world.seed;
  const w = Array.from({ length: n }, (_, i) => 0.5 + rand(seed, shopId, date, 'ow', i));
  const payAmt = isToday ? round(day.payAmt * 0.4, 2) : day.payAmt;
  const fees = allocateMoney(payAmt, w);
  const units = Math.max(n, isToday ? Math.round(day.payItmCnt * 0.4) : day.payItmCnt);
  const extra = allocate(units - n, w);
  const secs = Array.from({ length: n }, (_, i) => Math.floor(rand(seed, shopId, date, 'ot', i) * (isToday ? 43_200 : 86_400))).sort((a, b) => b - a);
  const items = world.items(shopId);
  const age = Math.round((beijingMidnightMs(today) - beijingMidnightMs(date)) / 86_400_000);
  const base = beijingMidnightMs(date);
  return secs.map((s, i) => {
    const r = rand(seed, shopId, date, 'os', i);
    const status: QnStatus =
      r < 0.03 ? 'CLOSED' : age === 0 ? (r < 0.08 ? 'NOT_PAID' : 'PAID') : age === 1 ? (r < 0.55 ? 'PAID' : 'SEND') : age <= 7 ? (r < 0.7 ? 'SEND' : 'SUCCESS') : 'SUCCESS';
    const item = items[Math.floor(rand(seed, shopId, date, 'oi', i) * items.length)] ?? items[0];
    return {
      id: numericId(19, seed, shopId, date, 'order', i),
      buyerNick: `${String.fromCharCode(97 + intBetween(0, 25, seed, shopId, date, 'nk', i))}***${intBetween(0, 9, seed, shopId, date, 'nk2', i)}`,
      createTime: `${date} ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`,
      createMs: base + s * 1000,
      fee: fees[i] ?? 0,
      qty: 1 + (extra[i] ?? 0),
      status,
      itemId: item?.itemId ?? '',
      itemTitle: item?.title ?? '',
      sku: '颜色分类:默认',
    };
  });
}

/** Tabs of 已卖出的宝贝 → the statuses they list (null = all). */
export const QN_TABS: Record<string, QnStatus[] | null> = {
  latest3Months: null,
  waitBuyerPay: ['NOT_PAID'],
  waitSend: ['PAID'],
  haveSendGoods: ['SEND'],
  success: ['SUCCESS'],
  closed: ['CLOSED'],
};

/** The orders of the last 3 months matching a tab and a [fromMs, toMs] window, newest first. */
export function qnSoldList(world: World, shopId: string, today: string, tab: string, fromMs: number | null, toMs: number | null): QnOrder[] {
  const statuses = QN_TABS[tab] ?? null;
  const out: QnOrder[] = [];
  for (let k = 0; k < 92; k++) {
    const d = addDays(today, -k);
    if (d < world.historyStart) break;
    if (fromMs !== null && beijingMidnightMs(d) + 86_400_000 <= fromMs) break;
    if (toMs !== null && beijingMidnightMs(d) > toMs) continue;
    for (const o of qnOrdersOn(world, shopId, d, today)) {
      if (statuses && !statuses.includes(o.status)) continue;
      if (fromMs !== null && o.createMs < fromMs) continue;
      if (toMs !== null && o.createMs > toMs) continue;
      out.push(o);
    }
  }
  return out;
}

export interface QnTodo {
  todoId: number;
  name: string;
  details: { uiCode: string; name: string; count: number }[];
}

/** 工作台 to-dos as of `today`: 待发货 = PAID orders of the last days, the rest seeded small counts. */
export function qnTodos(world: World, shopId: string, today: string): QnTodo[] {
  const seed = world.seed;
  let notDelivery = 0;
  for (let k = 0; k < 3; k++) notDelivery += qnOrdersOn(world, shopId, addDays(today, -k), today).filter((o) => o.status === 'PAID').length;
  const small = (code: string, max: number) => intBetween(0, max, seed, shopId, today, 'todo', code);
  const items = world.items(shopId).length;
  return [
    { todoId: 1, name: '售前', details: [{ uiCode: 'notDelivery', name: '待发货', count: notDelivery }, { uiCode: 'waitForRated', name: '待评价', count: small('rate', 60) }] },
    {
      todoId: 2,
      name: '售后',
      details: [
        { uiCode: 'pendingAfterSale', name: '待处理售后', count: small('after', 12) },
        { uiCode: 'invoiceApply', name: '临赔发票申请', count: small('inv', 5) },
        { uiCode: 'updateAddress', name: '改地址申请', count: small('addr', 8) },
      ],
    },
    {
      todoId: 3,
      name: '物流监控',
      details: [
        { uiCode: 'willTimeOutDelivery', name: '发货即将超时', count: small('will', 6) },
        // A healthy shop ships on time: no parcel past the ship-by time (SC-04 would raise P1).
        { uiCode: 'timeOutDelivery', name: '发货超时包裹', count: 0 },
        { uiCode: 'payGotException', name: '揽收异常包裹', count: small('got', 4) },
        { uiCode: 'updateException', name: '运输异常包裹', count: small('upd', 4) },
        { uiCode: 'deliveryException', name: '派送异常包裹', count: small('dlv', 2) },
      ],
    },
    {
      todoId: 4,
      name: '宝贝管理',
      details: [
        { uiCode: 'onSale', name: '出售中的宝贝', count: items },
        { uiCode: 'inStock', name: '等待上架的宝贝', count: small('stock', 20) },
      ],
    },
    {
      todoId: 5,
      name: '小二提醒',
      details: [
        { uiCode: 'pendingPunishComplaint', name: '待处理投诉', count: small('cmp', 1) },
        { uiCode: 'pendingPunish', name: '待处理违规', count: small('pun', 1) },
        { uiCode: 'pendingOrder', name: '待处理工单', count: small('wo', 2) },
        { uiCode: 'mktPortalRisk', name: '营销风险', count: 0 },
      ],
    },
  ];
}

export interface QnExperience {
  blocks: { code: string; name: string; score: number; subs: { code: string; name: string; score: number; value: number }[] }[];
}

/** 真实体验分 as of `today` (seeded, stable within a day). */
export function qnExperience(world: World, shopId: string, today: string): QnExperience {
  const s = (code: string, lo: number, hi: number) => round(between(lo, hi, world.seed, shopId, today, 'exp', code), 2);
  const r = (code: string, lo: number, hi: number) => round(between(lo, hi, world.seed, shopId, today, 'expv', code), 4);
  return {
    blocks: [
      { code: 'nps', name: '真实体验分', score: s('nps', 4.2, 4.9), subs: [] },
      { code: 'newGoods', name: '宝贝质量', score: s('goods', 4.0, 4.9), subs: [{ code: 'neg_itm_feedback_rate', name: '商品负反馈率', score: s('neg', 3.8, 5), value: r('neg', 0.001, 0.01) }] },
      { code: 'newLogistics', name: '物流速度', score: s('log', 4.0, 4.9), subs: [{ code: '48h_pickup_rate', name: '48小时揽收及时率', score: s('pick', 4, 5), value: r('pick', 0.95, 0.999) }] },
      { code: 'newServices', name: '服务保障', score: s('svc', 4.0, 4.9), subs: [{ code: '3min_manual_rsp_rate', name: '3分钟人工响应率', score: s('rsp', 4, 5), value: r('rsp', 0.97, 0.998) }] },
      { code: 'additionalPoints', name: '附加分', score: s('add', 0, 0.1), subs: [] },
    ],
  };
}
