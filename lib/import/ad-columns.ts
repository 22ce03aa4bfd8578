/**
 * Column → metric maps of the ad consoles' downloads (console-sources §12.6, §12.7, codes §8.2).
 * The ids are the ones the wanxiang / zhitongche adapters store for the same codes
 * (lib/metrics/ads.ts), so an import lands on the captured facts.
 */
import type { MapContext } from './types';

export const WANXIANG = { zh: '万相台无界', en: '万相台无界 (Alimama)' };
export const ZHITONGCHE = { zh: '直通车', en: '直通车 (Subway)' };

/** Headers both consoles share, and what they are. */
const COMMON: Record<string, string> = {
  展现量: 'adImpressions',
  点击量: 'adClicks',
  花费: 'adSpend',
  点击率: 'adCtr',
  平均点击花费: 'adCpc',
  千次展现花费: 'adCpm',
  总预售成交金额: 'adPresaleGmv',
  总预售成交笔数: 'adPresaleOrders',
  总成交金额: 'adGmv',
  直接成交金额: 'adDirectGmv',
  间接成交金额: 'adIndirectGmv',
  总成交笔数: 'adOrders',
  直接成交笔数: 'adDirectOrders',
  间接成交笔数: 'adIndirectOrders',
  投入产出比: 'adRoi',
  点击转化率: 'adCvr',
  总购物车数: 'adCarts',
  直接购物车数: 'adDirectCarts',
  间接购物车数: 'adIndirectCarts',
  加购率: 'adCartRate',
  加购成本: 'adCartCost',
  总收藏数: 'adFavs',
  宝贝收藏成本: 'adItemFavCost',
  总收藏加购数: 'adFavCarts',
  总收藏加购成本: 'adFavCartCost',
  宝贝收藏加购数: 'adItemFavCarts',
  购物金充值笔数: 'adShoppingGoldOrders',
  购物金充值金额: 'adShoppingGoldAmt',
  自然流量转化金额: 'adNaturalGmv',
};

/** 万相台无界 报表 exports (§12.7; codes §8.2): rates are decimals (点击率 0.03331). */
export const WANXIANG_COLUMNS: Record<string, string> = {
  ...COMMON,
  含预售投产比: 'adRoiWithPresale',
  总成交成本: 'adCpa',
  收藏宝贝数: 'adItemFavs',
  收藏店铺数: 'adShopFavs',
  宝贝收藏率: 'adItemFavRate',
  拍下订单笔数: 'adPlacedOrders',
  拍下订单金额: 'adPlacedGmv',
  优惠券领取量: 'adCouponClaims',
  旺旺咨询量: 'adChats',
  引导访问量: 'adGuidedPv',
  引导访问人数: 'adGuidedUv',
  成交新客数: 'adNewBuyers',
  成交新客占比: 'adNewBuyerShare',
  成交人数: 'adBuyers',
  自然流量曝光量: 'adNaturalImpressions',
};

/** 直通车 报表下载 CSV (§12.6): rates are percent numbers without % (点击率 7.2248 = 7.2248 %). */
export const ZHITONGCHE_COLUMNS: Record<string, string> = {
  ...COMMON,
  宝贝收藏数: 'adItemFavs',
  店铺收藏数: 'adShopFavs',
  宝贝收藏转化率: 'adItemFavRate',
  自然流量曝光: 'adNaturalImpressions',
};

/**
 * 直通车 cost columns: 总收藏加购成本 is in 分 in the sample files (1087.8182 where 119.66 元 ÷ 11 =
 * 10.88 元; §12.6), 加购成本 in 元 as far as is known. Each row is checked against 花费 ÷ its count
 * and the unit that fits wins; the default applies only when the row cannot tell.
 */
export const ZHITONGCHE_COST_CHECKS = [
  { column: '总收藏加购成本', count: '总收藏加购数', spend: '花费', defaultFen: true },
  { column: '加购成本', count: '总购物车数', spend: '花费', defaultFen: false },
];

/** The attribution window of an ad download: the operator's choice (the file does not say it). */
export function attrDims(ctx: MapContext): Record<string, string> {
  return { attr: ctx.options.attr ?? '15' };
}
