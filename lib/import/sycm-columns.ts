/**
 * Column → metric maps shared by the 生意参谋 商品 exports (§12.1, §12.2, §12.4). Ids are the ones
 * the sycm-item adapter stores for the same numbers (its ITEM_CODE_ALIASES: 商品访客数 = `uv`,
 * 商品浏览量 = `pv`, 商品加购件数 = `cartItemCnt`…), so an import lands on the captured facts.
 */
import type { MapContext } from './types';

export const SYCM = { zh: '生意参谋', en: '生意参谋 (sycm)' };

/** 商品 columns as 商品排行 / 商品360 / 宏观监控 write them. */
export const ITEM_COLUMNS: Record<string, string> = {
  商品访客数: 'uv',
  商品浏览量: 'pv',
  平均停留时长: 'stayTime',
  商品平均停留时长: 'stayTime',
  商品详情页跳出率: 'itmBounceRate',
  商品收藏人数: 'cltItmCnt',
  商品加购件数: 'cartItemCnt',
  商品加购人数: 'cartByrCnt',
  下单买家数: 'crtByrCnt',
  下单金额: 'crtVldAmt',
  下单转化率: 'crtRate',
  下单转换率: 'crtRate',
  支付买家数: 'payByrCnt',
  支付件数: 'payItmCnt',
  支付金额: 'payAmt',
  商品支付转化率: 'payRate',
  支付转化率: 'payRate',
  支付转换率: 'payRate',
  支付新买家数: 'newPayByrCnt',
  支付老买家数: 'payOldByrCnt',
  老买家支付金额: 'olderPayAmt',
  聚划算支付金额: 'juPayAmt',
  访客平均价值: 'uvValue',
  成功退款金额: 'sucRefundAmt',
  年累计支付金额: 'ytdPayAmt',
  月累计支付金额: 'mtdPayAmt',
  月累计支付件数: 'mtdPayItmCnt',
  搜索引导支付转化率: 'seGuidePayRate',
  搜索引导访客数: 'seGuideUv',
  搜索引导支付买家数: 'seGuidePayByrCnt',
  总支付商品件数: 'subPayOrdItmQty',
  总支付金额: 'subPayOrdAmt',
  访问收藏转化率: 'visitCltRate',
  访问加购转化率: 'visitCartRate',
  客单价: 'payPct',
};

/** The terminal of a 生意参谋 download: the operator's choice, else the page's default. */
export function sycmDevice(ctx: MapContext, pageDefault: '0' | '2'): string {
  return ctx.options.device ?? pageDefault;
}
