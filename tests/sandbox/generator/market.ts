/**
 * 市场/竞争 data for the sandbox (console-sources §5.10): rival shops and items of each shop's
 * category, their daily real values (sized against the shop's own day), the 指数 shown for them,
 * and the free edition's range strings. The own shop's indexes come from its real ShopDay, so
 * "本店" on a market page is consistent with the 首页.
 */
import { round } from './alloc.ts';
import type { ShopDay } from './metrics.ts';
import { numericId, rand, tri } from './prng.ts';
import type { Shop } from './shops.ts';

export interface RivalShop {
  readonly userId: string;
  readonly title: string;
  /** Size relative to the own shop (payAmt, uv). */
  readonly scale: number;
  readonly rate: number;
}

export interface RivalItem {
  readonly itemId: string;
  readonly title: string;
  readonly shopUserId: string;
  readonly shopTitle: string;
  readonly scale: number;
}

/** Real daily values of a market entity (never shown for rivals: only indexes / ranges are). */
export interface MarketDay {
  readonly payAmt: number;
  readonly uv: number;
  readonly payByrCnt: number;
  readonly payRate: number;
  readonly cartByrCnt: number;
  readonly cltByrCnt: number;
  readonly seUv: number;
}

/** The 指数 of a market entity on a day (what the paid market pages show). */
export interface MarketIndexes {
  readonly tradeIndex: number;
  readonly uvIndex: number;
  readonly seIpvUvHits: number;
  readonly cltHits: number;
  readonly cartHits: number;
  readonly payByrCntIndex: number;
  readonly payRateIndex: number;
}

export const MARKET_CATE: Record<Shop['key'], { cateId: string; cateName: string }> = {
  A: { cateId: '50008163', cateName: '床上用品' },
  B: { cateId: '50013886', cateName: '户外/登山/野营/旅行用品' },
};

const RIVAL_NAMES: Record<Shop['key'], readonly string[]> = {
  A: ['云眠家纺旗舰店', '棉语生活馆', '北极绒家居旗舰店', '罗兰卧室专营店', '<i>梦</i>洁家纺官方店', '水星家居旗舰店', '南方生活馆', '富安娜官方店'],
  B: ['山野户外旗舰店', '探路营地专营店', '骆驼户外官方店', '凯乐石山系店', '北面登山旗舰店', '牧高笛露营店', '原始人户外', '挪客营地旗舰店'],
};

const ITEM_KINDS: Record<Shop['key'], readonly string[]> = {
  A: ['全棉四件套', '夏凉被', '乳胶枕', '羽绒被'],
  B: ['冲锋衣', '登山鞋', '露营帐篷', '睡袋'],
};

export function rivalShops(seed: number, shop: Shop): RivalShop[] {
  return RIVAL_NAMES[shop.key].map((title, i) => ({
    userId: numericId(10, seed, 'rivalShop', shop.key, i),
    title,
    scale: round(0.6 + 3.4 * rand(seed, 'rivalScale', shop.key, i), 3),
    rate: round(0.8 + 0.5 * rand(seed, 'rivalRate', shop.key, i), 3),
  }));
}

export function rivalItems(seed: number, shop: Shop): RivalItem[] {
  return rivalShops(seed, shop).flatMap((r, i) =>
    ITEM_KINDS[shop.key].slice(0, 2).map((kind, j) => ({
      itemId: numericId(12, seed, 'rivalItem', shop.key, i, j),
      title: `${kind} ${r.title.replace(/<[^>]+>/g, '').slice(0, 4)}款`,
      shopUserId: r.userId,
      shopTitle: r.title,
      scale: round(r.scale * (0.15 + 0.25 * rand(seed, 'rivalItemScale', shop.key, i, j)), 4),
    })),
  );
}

/** Own shop's real day → market real values. */
export function selfMarketDay(day: ShopDay): MarketDay {
  return {
    payAmt: day.payAmt,
    uv: day.uv,
    payByrCnt: day.payByrCnt,
    payRate: day.payRate,
    cartByrCnt: day.cartByrCnt,
    cltByrCnt: day.cltItmCnt,
    seUv: Math.round(day.uv * 0.38),
  };
}

/** A rival's real day: the own shop's day scaled, with its own daily noise. */
export function rivalMarketDay(seed: number, own: ShopDay, id: string, scale: number, rate: number, date: string): MarketDay {
  const s = scale * (1 + tri(0.12, seed, 'mk', id, date));
  const uv = Math.max(1, Math.round(own.uv * s));
  const payRate = round(Math.min(0.5, own.payRate * rate * (1 + tri(0.08, seed, 'mkr', id, date))), 4);
  const payByrCnt = Math.max(0, Math.round(uv * payRate));
  const pct = (own.payPct || 200) * (1 + tri(0.1, seed, 'mkp', id, date));
  return {
    payAmt: round(payByrCnt * pct, 2),
    uv,
    payByrCnt,
    payRate,
    cartByrCnt: Math.round(uv * 0.07 * (1 + tri(0.1, seed, 'mkc', id, date))),
    cltByrCnt: Math.round(uv * 0.03 * (1 + tri(0.1, seed, 'mkl', id, date))),
    seUv: Math.round(uv * 0.4 * (1 + tri(0.1, seed, 'mks', id, date))),
  };
}

/** Monotonic, compressive 指数 transform (a stand-in for sycm's; not invertible by the product). */
export function toIndex(v: number, k = 1): number {
  return round(k * 12.3 * Math.max(0, v) ** 0.74, 1);
}

export function marketIndexes(d: MarketDay): MarketIndexes {
  return {
    tradeIndex: toIndex(d.payAmt),
    uvIndex: toIndex(d.uv, 3.1),
    seIpvUvHits: toIndex(d.seUv, 3.4),
    cltHits: toIndex(d.cltByrCnt, 5.2),
    cartHits: toIndex(d.cartByrCnt, 4.6),
    payByrCntIndex: toIndex(d.payByrCnt, 6.1),
    payRateIndex: toIndex(d.payRate * 10000, 1.9),
  };
}

const BOUNDS = [
  0, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000, 25000, 50000, 75000, 100000, 250000, 500000, 750000, 1000000, 2500000, 5000000, 7500000, 10000000,
];
const RATE_BOUNDS = [0, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1];

function fmtCount(n: number): string {
  if (n >= 10000) return `${String(n / 10000)}万`;
  return String(n);
}

/** Free-edition range string of a count/amount: "75万 ~ 100万". Also returns the bounds. */
export function countRange(v: number): { text: string; lo: number; hi: number } {
  let i = BOUNDS.length - 2;
  while (i > 0 && v < (BOUNDS[i] as number)) i--;
  const lo = BOUNDS[i] as number;
  const hi = BOUNDS[i + 1] as number;
  return { text: `${fmtCount(lo)} ~ ${fmtCount(hi)}`, lo, hi };
}

export function rateRange(v: number): { text: string; lo: number; hi: number } {
  let i = RATE_BOUNDS.length - 2;
  while (i > 0 && v < (RATE_BOUNDS[i] as number)) i--;
  const lo = RATE_BOUNDS[i] as number;
  const hi = RATE_BOUNDS[i + 1] as number;
  const pct = (x: number) => `${String(round(x * 100, 1))}%`;
  return { text: `${pct(lo)} ~ ${pct(hi)}`, lo, hi };
}
