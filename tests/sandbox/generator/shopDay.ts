/** Daily shop KPIs (console-sources §5.1), computed in O(1) per (seed, shop, date). */
import { round } from './alloc.ts';
import { eventFactor, seasonFactor, trendFactor } from './calendar.ts';
import { addDays, monthDay, weekdayIndex } from './dates.ts';
import type { PeerDay, PeerKind, ShopDay } from './metrics.ts';
import { effectsOn } from './planted.ts';
import { tri } from './prng.ts';
import type { Shop } from './shops.ts';

/** Expected (noise-free, unplanted) visitors: base × weekday × trend × season × event. */
export function expectedUv(shop: Shop, date: string): number {
  const p = shop.profile;
  return (
    p.baseUv *
    (p.weekday[weekdayIndex(date)] ?? 1) *
    trendFactor(date, p.trendPerYear) *
    seasonFactor(date, p.seasonAmp, p.seasonPeakDoy) *
    eventFactor(date).uv
  );
}

/** Product of planted uv factors active on that day (1 when none). */
export function plantedUvFactor(shop: Shop, date: string): number {
  return effectsOn(shop.runAsShopId, date).reduce((f, e) => f * (e.uvFactor ?? 1), 1);
}

export interface CoreSales {
  readonly uv: number;
  readonly payByrCnt: number;
  readonly payAmt: number;
}

/** The visitor → buyer → GMV chain (planted effects applied). */
export function coreSales(seed: number, shop: Shop, date: string): CoreSales {
  const id = shop.runAsShopId;
  const ev = eventFactor(date);
  const p = shop.profile;
  const uvNoisy = expectedUv(shop, date) * (1 + tri(0.025, seed, id, date, 'uv'));
  const uv = Math.max(1, Math.round(uvNoisy * plantedUvFactor(shop, date)));
  const keep = effectsOn(id, date).find((e) => e.eventRateKeep !== undefined)?.eventRateKeep ?? 1;
  const rate = p.basePayRate * (1 + (ev.rate - 1) * keep) * (1 + tri(0.015, seed, id, date, 'rate'));
  const payByrCnt = Math.max(1, Math.round(uv * rate));
  const pct = p.basePayPct * ev.pct * (1 + tri(0.015, seed, id, date, 'pct'));
  const payAmt = round(payByrCnt * pct, 2);
  return { uv, payByrCnt, payAmt };
}

function isLogisticsCrunch(date: string): boolean {
  const { month, day } = monthDay(date);
  return (month === 11 && day >= 11 && day <= 16) || (month === 6 && day >= 18 && day <= 21);
}

export function computeShopDay(seed: number, shop: Shop, date: string): ShopDay {
  const id = shop.runAsShopId;
  const p = shop.profile;
  const n = (amp: number, key: string): number => 1 + tri(amp, seed, id, date, key);
  const ev = eventFactor(date);
  const isA = shop.key === 'A';

  const { uv, payByrCnt, payAmt } = coreSales(seed, shop, date);
  const payRate = round(payByrCnt / uv, 4);
  const payPct = round(payAmt / payByrCnt, 2);
  const pv = Math.round(uv * p.pvPerUv * n(0.03, 'pv'));
  const stayTime = round((isA ? 48 : 41) * n(0.08, 'stay'), 2);
  const subPayOrdSubCnt = payByrCnt + Math.round(payByrCnt * (0.22 + tri(0.05, seed, id, date, 'sub')));
  const payItmCnt = subPayOrdSubCnt + Math.round(subPayOrdSubCnt * (0.15 + tri(0.05, seed, id, date, 'itm')));
  const cartByrCnt = Math.round(uv * p.cartPerUv * Math.sqrt(ev.rate) * n(0.03, 'cart'));
  const cartItemCnt = cartByrCnt + Math.round(cartByrCnt * (0.45 + tri(0.1, seed, id, date, 'cartItm')));
  const cltItmCnt = Math.round(uv * p.cltPerUv * n(0.04, 'clt'));
  const payOldByrCnt = Math.min(payByrCnt, Math.round(payByrCnt * p.oldBuyerShare * n(0.15, 'old')));
  const rePurchasePayAmount = round(Math.min(payAmt, payOldByrCnt * payPct * n(0.08, 'oldAmt')), 2);
  const hasPurchaseUbyCntRate = round(payOldByrCnt / payByrCnt, 4);
  const consultRate = round(p.consultRate * n(0.1, 'consult'), 4);

  const payShopRfdAmt = round(payAmt * p.refundRate * n(0.15, 'rfd'), 2);
  const payAmtRfdRate = round(payShopRfdAmt / payAmt, 4);
  const ordRfdRate = round(payAmtRfdRate * (0.85 + tri(0.1, seed, id, date, 'ordRfd')), 4);
  const realPayrealRfdRate = round(payAmtRfdRate * (0.4 + tri(0.08, seed, id, date, 'signRfd')), 4);
  const netPaymentAmount = round(payAmt - payShopRfdAmt, 2);
  // Refunds completed today mostly belong to orders paid ~4 days earlier.
  const earlier = coreSales(seed, shop, addDays(date, -4));
  const rfdSucAmt = round(earlier.payAmt * p.refundRate * n(0.2, 'rfdSuc'), 2);
  const rfdFinshDur = round((isA ? 0.85 : 0.7) * n(0.2, 'rfdDur'), 2);
  const wwReplyManualAvgTimeLen = round((isA ? 14 : 15) * n(0.2, 'ww'), 2);
  const slrRespRate = round(0.0025 * n(0.5, 'slr'), 4);
  const crunch = isLogisticsCrunch(date);
  const gotInTime24hRate = round(Math.min(1, (crunch ? 0.84 : 0.965) + tri(0.02, seed, id, date, 'got')), 4);
  const avgSignTimeHh = round((isA ? 50 : 56) * (crunch ? 1.4 : 1) * n(0.1, 'sign'), 2);

  const adScale = trendFactor(date, p.trendPerYear) * ev.uv ** 0.6;
  const p4pExpendAmt = round(p.adSpend.p4p * adScale * n(0.08, 'p4p'), 2);
  const cubeAmt = round(p.adSpend.cube * adScale * n(0.1, 'cube'), 2);
  const feedCharge = round(p.adSpend.feed * adScale * n(0.1, 'feed'), 2);
  const adStrategyAmt = round(p.adSpend.fullsite * adScale * n(0.08, 'qzt'), 2);
  const tkExpendAmt = round(payAmt * p.tkRate * n(0.1, 'tk'), 2);

  return {
    payAmt,
    netPaymentAmount,
    uv,
    pv,
    payByrCnt,
    payRate,
    stayTime,
    payPct,
    subPayOrdSubCnt,
    payItmCnt,
    cartByrCnt,
    cartItemCnt,
    cltItmCnt,
    rePurchasePayAmount,
    payOldByrCnt,
    hasPurchaseUbyCntRate,
    consultRate,
    realPayrealRfdRate,
    rfdSucAmt,
    payShopRfdAmt,
    payAmtRfdRate,
    ordRfdRate,
    rfdFinshDur,
    wwReplyManualAvgTimeLen,
    slrRespRate,
    gotInTime24hRate,
    avgSignTimeHh,
    p4pExpendAmt,
    cubeAmt,
    feedCharge,
    adStrategyAmt,
    tkExpendAmt,
  };
}

/** Peer benchmark (同行平均 / 同行优秀): follows the market calendar, never the shop's planted problems. */
export function computePeerDay(seed: number, shop: Shop, date: string, kind: PeerKind): PeerDay {
  const id = shop.runAsShopId;
  const p = shop.profile;
  const f = p.peer[kind];
  const ev = eventFactor(date);
  const n = (amp: number, key: string): number => 1 + tri(amp, seed, id, date, kind, key);
  const uv = Math.max(1, Math.round(expectedUv(shop, date) * f.uv * n(0.03, 'uv')));
  const payByrCnt = Math.max(1, Math.round(uv * p.basePayRate * ev.rate * f.rate * n(0.02, 'rate')));
  const payAmt = round(payByrCnt * p.basePayPct * ev.pct * f.pct * n(0.02, 'pct'), 2);
  return {
    payAmt,
    uv,
    payByrCnt,
    payRate: round(payByrCnt / uv, 4),
    payPct: round(payAmt / payByrCnt, 2),
    cartByrCnt: Math.round(uv * p.cartPerUv * f.rate * n(0.04, 'cart')),
    cltItmCnt: Math.round(uv * p.cltPerUv * n(0.05, 'clt')),
  };
}
