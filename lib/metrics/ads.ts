import { indexByConsole, type MetricDef, type MetricRow, realMetrics } from './types';

/**
 * Ad-console metrics (console-sources §8, §11.13, §11.14, §12.6, §12.7): ONE canonical metric per
 * meaning across 万相台无界 (`wanxiang.*`), 直通车 (`zhitongche.*`) and 引力魔方 (`yinli.*`).
 * 万相台 `charge`, 直通车 `costInYuan` and 引力魔方 `charge` are the same spend `adSpend`.
 *
 * Units after conversion: money in yuan, rates as decimals (0.0333 = 3.33 %), ROI as a multiple
 * (成交金额 ÷ 花费, stored under unit `ratio`: 2.5 means 2.5×). Source codes whose console sends
 * another unit are listed in AD_SOURCE_SCALE (直通车 `cartTotalCost` in 分, `coverage` in percent).
 * Conversions (成交/加购/收藏) depend on the attribution window: facts carry it as dim `attr`.
 */
const rows: MetricRow[] = [
  [
    'adSpend',
    '花费',
    'Ad spend',
    'CNY',
    'neutral',
    true,
    '推广实际扣费（元）',
    'Amount charged for ads (yuan)',
    ['wanxiang.charge', 'zhitongche.costInYuan', 'yinli.charge'],
  ],
  [
    'adImpressions',
    '展现量',
    'Ad impressions',
    'count',
    'up',
    true,
    '推广被展现的次数',
    'Times the ads were shown',
    ['wanxiang.adPv', 'zhitongche.impression', 'yinli.impression', 'yinli.adPv'],
  ],
  ['adClicks', '点击量', 'Ad clicks', 'count', 'up', true, '推广被点击的次数', 'Clicks on the ads', ['wanxiang.click', 'zhitongche.click', 'yinli.click']],
  [
    'adCtr',
    '点击率',
    'Ad CTR',
    'ratio',
    'up',
    false,
    '点击量 ÷ 展现量（小数）',
    'Clicks ÷ impressions (decimal)',
    ['wanxiang.ctr', 'zhitongche.ctr', 'yinli.ctr'],
  ],
  [
    'adCpc',
    '平均点击花费',
    'Ad CPC',
    'CNY',
    'down',
    false,
    '花费 ÷ 点击量（元）',
    'Spend ÷ clicks (yuan)',
    ['wanxiang.ecpc', 'zhitongche.cpcInYuan', 'yinli.cpc', 'yinli.ecpc'],
  ],
  [
    'adCpm',
    '千次展现花费',
    'Ad CPM',
    'CNY',
    'down',
    false,
    '花费 ÷ 展现量 × 1000（元）',
    'Spend per 1,000 impressions (yuan)',
    ['wanxiang.ecpm', 'zhitongche.cpmInYuan', 'yinli.ecpm'],
  ],
  [
    'adCvr',
    '点击转化率',
    'Ad conversion rate',
    'ratio',
    'up',
    false,
    '总成交笔数 ÷ 点击量（小数，按所选归因窗口）',
    'Attributed orders ÷ clicks (decimal, per attribution window)',
    ['wanxiang.cvr', 'zhitongche.coverage', 'yinli.cvr'],
  ],
  [
    'adGmv',
    '总成交金额',
    'Attributed GMV',
    'CNY',
    'up',
    true,
    '直接成交 + 间接成交金额，按所选归因窗口',
    'Direct + indirect attributed sales, per attribution window',
    ['wanxiang.alipayInshopAmt', 'zhitongche.transactionTotalInYuan', 'yinli.alipayInshopAmt'],
  ],
  [
    'adDirectGmv',
    '直接成交金额',
    'Direct attributed GMV',
    'CNY',
    'up',
    true,
    '推广商品本身的成交金额',
    'Sales of the promoted item itself',
    ['wanxiang.alipayDirAmt', 'zhitongche.directTransactionInYuan'],
  ],
  [
    'adIndirectGmv',
    '间接成交金额',
    'Indirect attributed GMV',
    'CNY',
    'up',
    true,
    '点击后购买店内其他商品的成交金额',
    'Sales of other shop items after the click',
    ['wanxiang.alipayIndirAmt', 'zhitongche.indirectTransactionInYuan'],
  ],
  [
    'adOrders',
    '总成交笔数',
    'Attributed orders',
    'count',
    'up',
    true,
    '直接 + 间接成交笔数，按所选归因窗口',
    'Direct + indirect attributed orders',
    ['wanxiang.alipayInshopNum', 'zhitongche.transactionShippingTotal', 'yinli.alipayInshopNum', 'yinli.alipayInShopNum'],
  ],
  [
    'adDirectOrders',
    '直接成交笔数',
    'Direct attributed orders',
    'count',
    'up',
    true,
    '推广商品本身的成交笔数',
    'Orders of the promoted item itself',
    ['wanxiang.alipayDirNum', 'zhitongche.directTransactionShipping'],
  ],
  [
    'adIndirectOrders',
    '间接成交笔数',
    'Indirect attributed orders',
    'count',
    'up',
    true,
    '点击后店内其他商品的成交笔数',
    'Orders of other shop items after the click',
    ['wanxiang.alipayIndirNum', 'zhitongche.indirectTransactionShipping'],
  ],
  [
    'adRoi',
    '投入产出比',
    'ROAS',
    'multiple',
    'up',
    false,
    '总成交金额 ÷ 花费（倍数，毛口径，不含货本和退款）',
    'Attributed GMV ÷ spend (a multiple; gross, before cost of goods and refunds)',
    ['wanxiang.roi', 'zhitongche.roi', 'yinli.roi'],
  ],
  [
    'adRoiWithPresale',
    '含预售投产比',
    'ROAS incl. presale',
    'multiple',
    'up',
    false,
    '（总成交 + 总预售成交金额）÷ 花费',
    '(GMV + presale GMV) ÷ spend',
    ['wanxiang.alipayPrepayInshopRoi'],
  ],
  ['adCpa', '总成交成本', 'Cost per order', 'CNY', 'down', false, '花费 ÷ 总成交笔数（元）', 'Spend ÷ attributed orders (yuan)', ['wanxiang.alipayInshopCost']],
  [
    'adPresaleGmv',
    '总预售成交金额',
    'Attributed presale GMV',
    'CNY',
    'up',
    true,
    '预售订单的成交金额',
    'Attributed presale order amount',
    ['wanxiang.prepayInshopAmt', 'zhitongche.eprePayAmtInYuan'],
  ],
  [
    'adPresaleOrders',
    '总预售成交笔数',
    'Attributed presale orders',
    'count',
    'up',
    true,
    '预售订单的成交笔数',
    'Attributed presale orders',
    ['wanxiang.prepayInshopNum', 'zhitongche.eprePayCnt'],
  ],
  [
    'adCarts',
    '总购物车数',
    'Ad add-to-carts',
    'count',
    'up',
    true,
    '直接 + 间接加购次数，按所选归因窗口',
    'Direct + indirect add-to-carts, per attribution window',
    ['wanxiang.cartInshopNum', 'zhitongche.cartTotal', 'yinli.cartNum', 'yinli.cartInshopNum'],
  ],
  [
    'adDirectCarts',
    '直接购物车数',
    'Direct add-to-carts',
    'count',
    'up',
    true,
    '推广商品本身的加购次数',
    'Add-to-carts of the promoted item',
    ['wanxiang.cartDirNum', 'zhitongche.directCartTotal'],
  ],
  [
    'adIndirectCarts',
    '间接购物车数',
    'Indirect add-to-carts',
    'count',
    'up',
    true,
    '店内其他商品的加购次数',
    'Add-to-carts of other shop items',
    ['wanxiang.cartIndirNum', 'zhitongche.indirectCartTotal'],
  ],
  [
    'adCartRate',
    '加购率',
    'Ad add-to-cart rate',
    'ratio',
    'up',
    false,
    '总购物车数 ÷ 点击量（小数）',
    'Add-to-carts ÷ clicks (decimal)',
    ['wanxiang.cartRate', 'zhitongche.cartTotalCoverage'],
  ],
  [
    'adCartCost',
    '加购成本',
    'Cost per add-to-cart',
    'CNY',
    'down',
    false,
    '花费 ÷ 总购物车数（元）',
    'Spend ÷ add-to-carts (yuan)',
    ['wanxiang.cartCost', 'zhitongche.cartTotalCost'],
  ],
  ['adFavs', '总收藏数', 'Ad favourites', 'count', 'up', true, '宝贝收藏 + 店铺收藏', 'Item + shop favourites', ['wanxiang.colNum', 'zhitongche.favTotal']],
  [
    'adItemFavs',
    '收藏宝贝数',
    'Ad item favourites',
    'count',
    'up',
    true,
    '推广带来的宝贝收藏数',
    'Item favourites from ads',
    ['wanxiang.itemColInshopNum', 'zhitongche.favItemTotal', 'yinli.inshopItemColNum'],
  ],
  [
    'adShopFavs',
    '收藏店铺数',
    'Ad shop favourites',
    'count',
    'up',
    true,
    '推广带来的店铺收藏数',
    'Shop favourites from ads',
    ['wanxiang.shopColDirNum', 'zhitongche.favShopTotal', 'yinli.dirShopColNum'],
  ],
  [
    'adItemFavCost',
    '宝贝收藏成本',
    'Cost per item favourite',
    'CNY',
    'down',
    false,
    '花费 ÷ 收藏宝贝数（元）',
    'Spend ÷ item favourites (yuan)',
    ['wanxiang.itemColInshopCost', 'zhitongche.favItemTotalCostInYuan'],
  ],
  [
    'adItemFavRate',
    '宝贝收藏率',
    'Item favourite rate',
    'ratio',
    'up',
    false,
    '收藏宝贝数 ÷ 点击量（小数）',
    'Item favourites ÷ clicks (decimal)',
    ['wanxiang.itemColInshopRate', 'zhitongche.favItemTotalCoverage'],
  ],
  [
    'adFavCarts',
    '总收藏加购数',
    'Ad favourites + carts',
    'count',
    'up',
    true,
    '总收藏数 + 总购物车数',
    'Favourites + add-to-carts',
    ['wanxiang.colCartNum', 'zhitongche.favAndCartTotal'],
  ],
  [
    'adFavCartCost',
    '总收藏加购成本',
    'Cost per favourite/cart',
    'CNY',
    'down',
    false,
    '花费 ÷ 总收藏加购数（元）',
    'Spend ÷ favourites + carts (yuan)',
    ['wanxiang.colCartCost'],
  ],
  [
    'adItemFavCarts',
    '宝贝收藏加购数',
    'Item favourites + carts',
    'count',
    'up',
    true,
    '宝贝收藏数 + 总购物车数',
    'Item favourites + add-to-carts',
    ['wanxiang.itemColCart', 'zhitongche.favItemAndCartTotal'],
  ],
  [
    'adPlacedOrders',
    '拍下订单笔数',
    'Ad orders placed',
    'count',
    'up',
    true,
    '拍下（未必付款）的订单笔数',
    'Orders placed (not necessarily paid)',
    ['wanxiang.gmvInshopNum'],
  ],
  [
    'adPlacedGmv',
    '拍下订单金额',
    'Ad order amount placed',
    'CNY',
    'up',
    true,
    '拍下（未必付款）的订单金额',
    'Amount of orders placed',
    ['wanxiang.gmvInshopAmt'],
  ],
  ['adBuyers', '成交人数', 'Ad buyers', 'count', 'up', false, '推广归因成交的去重买家数', 'Unique attributed buyers', ['wanxiang.alipayInshopUv']],
  [
    'adNewBuyers',
    '成交新客数',
    'Ad new buyers',
    'count',
    'up',
    false,
    '推广归因成交的新客数',
    'Attributed first-time buyers',
    ['wanxiang.newAlipayInshopUv', 'zhitongche.newAlipayUv'],
  ],
  [
    'adNewBuyerShare',
    '成交新客占比',
    'Ad new-buyer share',
    'ratio',
    'up',
    false,
    '成交新客数 ÷ 成交人数（小数）',
    'New buyers ÷ buyers (decimal)',
    ['wanxiang.newAlipayInshopUvRate', 'zhitongche.newAlipayUvRate'],
  ],
  ['adGuidedPv', '引导访问量', 'Ad-guided visits', 'count', 'up', true, '推广引导进店的访问次数', 'Shop visits guided by ads', ['wanxiang.inshopPv']],
  [
    'adGuidedUv',
    '引导访问人数',
    'Ad-guided visitors',
    'count',
    'up',
    false,
    '推广引导进店的去重访客数',
    'Unique visitors guided by ads',
    ['wanxiang.inshopUv'],
  ],
  ['adChats', '旺旺咨询量', 'Ad-guided chats', 'count', 'up', true, '推广带来的旺旺咨询次数', 'Chats started after an ad', ['wanxiang.wwNum']],
  [
    'adCouponClaims',
    '优惠券领取量',
    'Ad coupon claims',
    'count',
    'up',
    true,
    '推广带来的店铺优惠券领取量',
    'Shop coupons claimed via ads',
    ['wanxiang.couponShopNum'],
  ],
  [
    'adShoppingGoldOrders',
    '购物金充值笔数',
    'Shopping-gold top-ups',
    'count',
    'up',
    true,
    '推广带来的购物金充值笔数',
    'Shopping-gold top-ups via ads',
    ['wanxiang.shoppingNum', 'zhitongche.clickShoppingNum'],
  ],
  [
    'adShoppingGoldAmt',
    '购物金充值金额',
    'Shopping-gold top-up amount',
    'CNY',
    'up',
    true,
    '推广带来的购物金充值金额（元）',
    'Shopping-gold top-ups via ads (yuan)',
    ['wanxiang.shoppingAmt', 'zhitongche.clickShoppingAmtInYuan'],
  ],
  [
    'adNaturalGmv',
    '自然流量转化金额',
    'Organic GMV lifted by ads',
    'CNY',
    'up',
    true,
    '推广带动的自然流量成交；最近 1–2 天恒为 0',
    'Organic sales credited to ads; 0 for the last 1–2 days',
    ['wanxiang.naturalPayAmt'],
  ],
  [
    'adNaturalImpressions',
    '自然流量曝光量',
    'Organic impressions lifted by ads',
    'count',
    'up',
    true,
    '推广带动的自然流量曝光；最近 1–2 天恒为 0',
    'Organic impressions credited to ads',
    ['wanxiang.orgNaturalPv'],
  ],
];

export const AD_METRICS: MetricDef[] = realMetrics(rows);

/**
 * Source codes whose console unit differs from the catalog unit: value × factor.
 * 直通车 API: `cartTotalCost` is in 分 (§8.1, §12.6); `coverage`, `ctr`, `cartTotalCoverage`,
 * `favItemTotalCoverage` are percent numbers (7.2248 = 7.2248 %).
 */
export const AD_SOURCE_SCALE: Readonly<Record<string, number>> = {
  'zhitongche.cartTotalCost': 0.01,
  'zhitongche.coverage': 0.01,
  'zhitongche.ctr': 0.01,
  'zhitongche.cartTotalCoverage': 0.01,
  'zhitongche.favItemTotalCoverage': 0.01,
};

/** console → code → { metric, scale }: looked up for every field of every report row (hot path). */
const AD_BY_CONSOLE = indexByConsole(AD_METRICS, (m, s) => ({ m, scale: AD_SOURCE_SCALE[s] ?? 1 }));

export interface AdReadIssue {
  path: string;
  message: string;
  sample?: string;
}

const num = (v: unknown): { kind: 'num'; n: number; pct: boolean } | { kind: 'empty' } | { kind: 'bad' } => {
  if (v === null || v === undefined || v === '' || v === '-' || v === '--') return { kind: 'empty' };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'num', n: v, pct: false } : { kind: 'bad' };
  if (typeof v === 'string') {
    const t = v
      .trim()
      .replace(/,/g, '')
      .replace(/^[¥￥]/, '');
    if (/^-?\d+(\.\d+)?%$/.test(t)) return { kind: 'num', n: Number(`${t.slice(0, -1)}e-2`), pct: true };
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return { kind: 'num', n: Number(t), pct: false };
  }
  return { kind: 'bad' };
};

/**
 * The catalog values of one report row of an ad console: known codes only, unit-converted
 * (AD_SOURCE_SCALE; a display string "7.2%" is already a decimal and is not scaled again).
 * Non-numeric values become issues; unknown codes and dimension fields are ignored.
 */
export function readAdValues(consoleId: string, row: Record<string, unknown>, path: string, issues: AdReadIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  const codes = AD_BY_CONSOLE.get(consoleId);
  if (!codes) return out;
  for (const [code, raw] of Object.entries(row)) {
    const hit = codes.get(code);
    if (!hit) continue;
    const m = hit.m;
    const v = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? (raw as { value: unknown }).value : raw;
    const r = num(v);
    if (r.kind === 'bad') {
      let s = '';
      try {
        s = String(JSON.stringify(v) ?? v).slice(0, 80);
      } catch {
        s = '?';
      }
      issues.push({ path: `${path}.${code}`, message: '不是数字', sample: s });
      continue;
    }
    if (r.kind === 'empty') continue;
    const scale = r.pct ? 1 : hit.scale;
    const n = scale === 1 ? r.n : Math.round(r.n * scale * 1e10) / 1e10;
    if (!Number.isFinite(n)) continue;
    // Two codes of one row may map to the same metric (yinli cpc/ecpc): the first wins.
    if (!(m.id in out)) out[m.id] = n;
  }
  return out;
}
