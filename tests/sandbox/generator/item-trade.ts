/**
 * 商品 (rank rows, 商品360: SKUs, stock, detail funnel, refund reasons) and 交易 / 物流 / 评价 numbers for
 * the sandbox console, derived from the world's item days and shop days so that items sum to the shop
 * (payAmt, uv, pv, payByrCnt, payItmCnt, cartByrCnt, cltItmCnt) and SKUs sum to their item.
 */
import { allocate, allocateMoney, round } from './alloc.ts';
import { addDays, dateRange } from './dates.ts';
import type { Item, ItemDay, Sku } from './items.ts';
import { tri } from './prng.ts';
import type { World } from './world.ts';

/** A rank row's metrics (codes of console-sources §5.4 / §11.4), summed over the window. */
export type ItemRankRow = Record<string, number>;

export const RANK_CODES = [
  'payAmt',
  'payByrCnt',
  'payItmCnt',
  'payRate',
  'itmUv',
  'itmPv',
  'itemCartByrCnt',
  'itemCartCnt',
  'itemCltByrCnt',
  'visitCartRate',
  'visitCltRate',
  'itmStayTime',
  'itmBounceRate',
  'sucRefundAmt',
  'uvAvgValue',
  'itemUnitPrice1',
  'seGuideUv',
  'seGuidePayByrCnt',
] as const;

const ratio = (a: number, b: number, dp = 4) => (b > 0 ? round(a / b, dp) : 0);

/** Windows the /cc/ APIs accept (console-sources §2.2): 1, 7, 15 or 30 days ending on `to`. */
export function ccWindow(from: string, to: string): string[] | null {
  const days = dateRange(from, to);
  return [1, 7, 15, 30].includes(days.length) ? days : null;
}

function sumDays(world: World, shopId: string, days: readonly string[]): Map<string, ItemDay> {
  const out = new Map<string, ItemDay>();
  for (const d of days) {
    for (const x of world.itemDays(shopId, d)) {
      const prev = out.get(x.itemId);
      out.set(
        x.itemId,
        prev
          ? {
              itemId: x.itemId,
              uv: prev.uv + x.uv,
              pv: prev.pv + x.pv,
              payByrCnt: prev.payByrCnt + x.payByrCnt,
              payItmCnt: prev.payItmCnt + x.payItmCnt,
              payAmt: round(prev.payAmt + x.payAmt, 2),
              cartByrCnt: prev.cartByrCnt + x.cartByrCnt,
              cltItmCnt: prev.cltItmCnt + x.cltItmCnt,
            }
          : { ...x },
      );
    }
  }
  return out;
}

/** Rank rows of a shop over a window (days must be a ccWindow). */
export function itemRankRows(world: World, shopId: string, days: readonly string[]): { item: Item; row: ItemRankRow }[] {
  const sums = sumDays(world, shopId, days);
  const seed = world.seed;
  const key = days.join(',');
  return world.items(shopId).map((item) => {
    const d = sums.get(item.itemId) ?? { itemId: item.itemId, uv: 0, pv: 0, payByrCnt: 0, payItmCnt: 0, payAmt: 0, cartByrCnt: 0, cltItmCnt: 0 };
    const n = (amp: number, k: string) => 1 + tri(amp, seed, item.itemId, key, k);
    const row: ItemRankRow = {
      payAmt: d.payAmt,
      payByrCnt: d.payByrCnt,
      payItmCnt: d.payItmCnt,
      payRate: ratio(d.payByrCnt, d.uv),
      itmUv: d.uv,
      itmPv: d.pv,
      itemCartByrCnt: d.cartByrCnt,
      itemCartCnt: d.cartByrCnt + Math.round(d.cartByrCnt * 0.4 * n(0.2, 'cartItm')),
      itemCltByrCnt: d.cltItmCnt,
      visitCartRate: ratio(d.cartByrCnt, d.uv),
      visitCltRate: ratio(d.cltItmCnt, d.uv),
      itmStayTime: round(38 * n(0.3, 'stay'), 2),
      itmBounceRate: round(Math.min(0.95, 0.62 * n(0.15, 'bounce')), 4),
      sucRefundAmt: round(d.payAmt * 0.05 * n(0.4, 'rfd'), 2),
      uvAvgValue: ratio(d.payAmt, d.uv, 2),
      itemUnitPrice1: ratio(d.payAmt, d.payItmCnt, 2),
      seGuideUv: Math.round(d.uv * 0.38 * n(0.2, 'se')),
      seGuidePayByrCnt: Math.round(d.payByrCnt * 0.35 * n(0.2, 'sePay')),
    };
    return { item, row };
  });
}

export interface SkuSale {
  sku: Sku;
  payAmt: number;
  payByrCnt: number;
  payItmCnt: number;
  itemCartCnt: number;
}

/** The item's day split across its SKUs (sums exactly to the item). */
export function skuSales(world: World, shopId: string, itemId: string, date: string): SkuSale[] {
  const skus = world.skus(shopId).filter((s) => s.itemId === itemId);
  const day = world.itemDays(shopId, date).find((x) => x.itemId === itemId);
  if (!day || skus.length === 0) return [];
  const w = skus.map((s, k) => (1 + tri(0.3, world.seed, s.skuId, date, 'w')) / (k + 1));
  const amt = allocateMoney(day.payAmt, w);
  const byr = allocate(day.payByrCnt, w);
  const itm = allocate(day.payItmCnt, w);
  const cart = allocate(day.cartByrCnt + Math.round(day.cartByrCnt * 0.4), w);
  return skus.map((sku, k) => ({ sku, payAmt: amt[k] ?? 0, payByrCnt: byr[k] ?? 0, payItmCnt: itm[k] ?? 0, itemCartCnt: cart[k] ?? 0 }));
}

/** Real-time stock of an item's SKUs on `today`: level, sell-through and days of cover. */
export function skuStock(
  world: World,
  shopId: string,
  itemId: string,
  today: string,
): { sku: Sku; currentStockCnt: number; sellRate: number; stockDays: number }[] {
  const yesterday = addDays(today, -1);
  const sales = new Map<string, number>();
  for (let i = 0; i < 7; i++)
    for (const s of skuSales(world, shopId, itemId, addDays(yesterday, -i))) sales.set(s.sku.skuId, (sales.get(s.sku.skuId) ?? 0) + s.payItmCnt);
  return world
    .skus(shopId)
    .filter((s) => s.itemId === itemId)
    .map((sku) => {
      const stock = world.skuStock(sku, today);
      const sold7 = sales.get(sku.skuId) ?? 0;
      return { sku, currentStockCnt: stock, sellRate: ratio(sold7, sold7 + stock), stockDays: sold7 > 0 ? round(stock / (sold7 / 7), 1) : 999 };
    });
}

export const FUNNEL_CODES = [
  'itemExposeUv',
  'itemInteractUv',
  'itemCartUv',
  'itemCollectUv',
  'itemOrderUv',
  'itemPayUv',
  'itemLossUv',
  'itemLossRate',
  'itemAvgStayTime',
  'itemCartConvertRate',
  'itemPayConvertRate',
] as const;

/** 详情页分析 of an item's day, with the peer benchmarks. */
export function detailFunnel(
  world: World,
  shopId: string,
  itemId: string,
  date: string,
): Record<string, { value: number; rivalAvg: { value: number }; rivalGood: { value: number } }> {
  const d = world.itemDays(shopId, date).find((x) => x.itemId === itemId);
  const uv = d?.uv ?? 0;
  const n = (amp: number, k: string) => 1 + tri(amp, world.seed, itemId, date, k);
  const expose = uv;
  const cart = d?.cartByrCnt ?? 0;
  const collect = d?.cltItmCnt ?? 0;
  const pay = d?.payByrCnt ?? 0;
  const order = pay + Math.round(pay * 0.1);
  const interact = Math.min(expose, Math.round(expose * 0.45 * n(0.1, 'int')));
  const loss = Math.max(0, expose - interact - cart);
  const self: Record<string, number> = {
    itemExposeUv: expose,
    itemInteractUv: interact,
    itemCartUv: cart,
    itemCollectUv: collect,
    itemOrderUv: order,
    itemPayUv: pay,
    itemLossUv: loss,
    itemLossRate: ratio(loss, expose),
    itemAvgStayTime: round(38 * n(0.3, 'stay'), 2),
    itemCartConvertRate: ratio(cart, expose),
    itemPayConvertRate: ratio(pay, expose),
  };
  const out: Record<string, { value: number; rivalAvg: { value: number }; rivalGood: { value: number } }> = {};
  for (const c of FUNNEL_CODES) {
    const v = self[c] ?? 0;
    const isRate = c.endsWith('Rate');
    const peer = (f: number) => (isRate ? round(Math.min(1, v * f), 4) : Math.round(v * f));
    out[c] = { value: v, rivalAvg: { value: peer(0.85) }, rivalGood: { value: peer(1.9) } };
  }
  return out;
}

const REFUND_REASONS = ['尺码拍错/不喜欢/效果不好', '质量问题', '7天无理由退换货', '与商品描述不符', '发货太慢'] as const;

/** Refund reasons of an item's day: counts and amounts only. */
export function refundReasons(
  world: World,
  shopId: string,
  itemId: string,
  date: string,
): { reasonName: string; rfdSucCnt: number; rfdSucAmt: number; rfdReasonRatio: number }[] {
  const day = world.itemDays(shopId, date).find((x) => x.itemId === itemId);
  const item = world.items(shopId).find((x) => x.itemId === itemId);
  if (!day || !item) return [];
  const cnt = Math.round(day.payByrCnt * 0.08 * (1 + tri(0.5, world.seed, itemId, date, 'rc')));
  if (cnt <= 0) return [];
  const w = REFUND_REASONS.map((_, k) => (1 + tri(0.5, world.seed, itemId, date, 'rw', k)) / (k + 1));
  const counts = allocate(cnt, w);
  return REFUND_REASONS.map((reasonName, k) => ({
    reasonName,
    rfdSucCnt: counts[k] ?? 0,
    rfdSucAmt: round((counts[k] ?? 0) * item.price, 2),
    rfdReasonRatio: ratio(counts[k] ?? 0, cnt),
  })).filter((r) => r.rfdSucCnt > 0);
}

/** 交易概况 of a shop day (home figures where the home table has them). */
export function tradeOverview(world: World, shopId: string, date: string): Record<string, number> {
  const s = world.shopDay(shopId, date);
  const n = (amp: number, k: string) => 1 + tri(amp, world.seed, shopId, date, k);
  const crtByrCnt = s.payByrCnt + Math.round(s.payByrCnt * 0.11 * n(0.3, 'crt'));
  const crtVldAmt = round(s.payAmt * (crtByrCnt / s.payByrCnt) * n(0.02, 'crtAmt'), 2);
  return {
    uv: s.uv,
    crtByrCnt,
    crtVldAmt,
    payByrCnt: s.payByrCnt,
    payAmt: s.payAmt,
    payPct: s.payPct,
    crtRate: ratio(crtByrCnt, s.uv),
    crtToPayRate: ratio(s.payByrCnt, crtByrCnt),
    payRate: s.payRate,
    subPayOrdSubCnt: s.subPayOrdSubCnt,
    newPayByrCnt: s.payByrCnt - s.payOldByrCnt,
    payOldByrCnt: s.payOldByrCnt,
  };
}

/** 物流概况 of a shop day. */
export function logisticsOverview(world: World, shopId: string, date: string): Record<string, number> {
  const s = world.shopDay(shopId, date);
  const n = (amp: number, k: string) => 1 + tri(amp, world.seed, shopId, date, k);
  const complaints = Math.max(0, Math.round(s.subPayOrdSubCnt * 0.004 * n(0.8, 'cmp')));
  return {
    gotInTime24hRate: s.gotInTime24hRate,
    gotInTime48hRate: round(Math.min(1, s.gotInTime24hRate + (1 - s.gotInTime24hRate) * 0.8), 4),
    avgShipTimeHh: round(16 * n(0.2, 'ship'), 2),
    avgSignTimeHh: s.avgSignTimeHh,
    logisticsComplaintCnt: complaints,
    logisticsComplaintRate: ratio(complaints, s.subPayOrdSubCnt),
  };
}

/** 评价概况 of a shop day: rolling DSR and the day's review counts. */
export function rateOverview(world: World, shopId: string, date: string): Record<string, number> {
  const s = world.shopDay(shopId, date);
  const n = (amp: number, k: string) => 1 + tri(amp, world.seed, shopId, date, k);
  const rateCnt = Math.max(1, Math.round(s.payByrCnt * 0.35 * n(0.2, 'rate')));
  const bad = Math.round(rateCnt * 0.006 * n(1, 'bad'));
  const mid = Math.round(rateCnt * 0.01 * n(1, 'mid'));
  return {
    dsrDesc: round(4.78 + tri(0.04, world.seed, shopId, date.slice(0, 7), 'dsrD'), 1),
    dsrService: round(4.82 + tri(0.04, world.seed, shopId, date.slice(0, 7), 'dsrS'), 1),
    dsrLogistics: round(4.75 + tri(0.04, world.seed, shopId, date.slice(0, 7), 'dsrL'), 1),
    rateCnt,
    goodRateRatio: ratio(rateCnt - bad - mid, rateCnt),
    midRateCnt: mid,
    badRateCnt: bad,
  };
}
