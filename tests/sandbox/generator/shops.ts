/** The two synthetic shops: exact identities (used by other code) and behaviour profiles. */

export type ShopKey = 'A' | 'B';

export interface ShopIdentity {
  readonly key: ShopKey;
  readonly runAsShopId: string;
  readonly runAsShopTitle: string;
  readonly mainUserId: string;
  readonly mainUserName: string;
  /** Sub-account nick `<main nick>:<sub name>` (console-sources §14). */
  readonly loginUserName: string;
  readonly loginUserId: string;
  readonly legalityToken: string;
  readonly category: string;
}

export interface ShopProfile {
  /** Visitors on an ordinary day at the start of history, before weekday/season factors. */
  readonly baseUv: number;
  readonly basePayRate: number;
  readonly basePayPct: number;
  readonly pvPerUv: number;
  /** Monday … Sunday multipliers on uv. */
  readonly weekday: readonly [number, number, number, number, number, number, number];
  /** Relative growth per year (slow trend). */
  readonly trendPerYear: number;
  /** Yearly seasonal sine: amplitude and day-of-year of the maximum. */
  readonly seasonAmp: number;
  readonly seasonPeakDoy: number;
  readonly cartPerUv: number;
  readonly cltPerUv: number;
  readonly oldBuyerShare: number;
  readonly consultRate: number;
  readonly refundRate: number;
  readonly adSpend: { readonly p4p: number; readonly cube: number; readonly feed: number; readonly fullsite: number };
  readonly tkRate: number;
  /** Peers relative to this shop's unperturbed values. */
  readonly peer: {
    readonly rivalAvg: { readonly uv: number; readonly rate: number; readonly pct: number };
    readonly rivalGood: { readonly uv: number; readonly rate: number; readonly pct: number };
  };
}

export interface Shop extends ShopIdentity {
  readonly profile: ShopProfile;
}

export const SHOP_A: Shop = {
  key: 'A',
  runAsShopId: '106033221',
  runAsShopTitle: '暖居家纺旗舰店',
  mainUserId: '2206514830',
  mainUserName: '暖居家纺旗舰店',
  loginUserName: '暖居家纺旗舰店:小王',
  loginUserId: '2215873304',
  legalityToken: '1aa656228',
  category: '床上用品/家纺',
  profile: {
    baseUv: 8600,
    basePayRate: 0.0215,
    basePayPct: 212,
    pvPerUv: 3.3,
    weekday: [0.96, 0.95, 0.96, 0.97, 1.0, 1.08, 1.1],
    trendPerYear: 0.08,
    seasonAmp: 0.05,
    seasonPeakDoy: 350,
    cartPerUv: 0.072,
    cltPerUv: 0.026,
    oldBuyerShare: 0.19,
    consultRate: 0.035,
    refundRate: 0.075,
    adSpend: { p4p: 2300, cube: 780, feed: 560, fullsite: 1450 },
    tkRate: 0.028,
    peer: {
      rivalAvg: { uv: 0.78, rate: 0.92, pct: 0.95 },
      rivalGood: { uv: 3.4, rate: 1.28, pct: 1.06 },
    },
  },
};

export const SHOP_B: Shop = {
  key: 'B',
  runAsShopId: '106078842',
  runAsShopTitle: '轻野户外旗舰店',
  mainUserId: '2210339175',
  mainUserName: '轻野户外旗舰店',
  loginUserName: '轻野户外旗舰店:阿杰',
  loginUserId: '2217460951',
  legalityToken: 'ff25b109b',
  category: '户外/登山/野营/旅行用品',
  profile: {
    baseUv: 5300,
    basePayRate: 0.0162,
    basePayPct: 296,
    pvPerUv: 2.9,
    weekday: [1.03, 1.04, 1.03, 1.02, 1.0, 0.93, 0.92],
    trendPerYear: 0.05,
    seasonAmp: 0.05,
    seasonPeakDoy: 110,
    cartPerUv: 0.061,
    cltPerUv: 0.031,
    oldBuyerShare: 0.14,
    consultRate: 0.03,
    refundRate: 0.095,
    adSpend: { p4p: 1500, cube: 520, feed: 380, fullsite: 900 },
    tkRate: 0.035,
    peer: {
      rivalAvg: { uv: 0.85, rate: 0.9, pct: 0.93 },
      rivalGood: { uv: 2.9, rate: 1.22, pct: 1.1 },
    },
  },
};

export const SHOPS: readonly Shop[] = [SHOP_A, SHOP_B];

export function shopById(id: string): Shop | undefined {
  return SHOPS.find((s) => s.runAsShopId === id);
}

export function shopByKey(key: string): Shop | undefined {
  return SHOPS.find((s) => s.key === key);
}

export function requireShop(id: string): Shop {
  const s = shopById(id);
  if (!s) throw new Error(`unknown shop ${id}`);
  return s;
}
