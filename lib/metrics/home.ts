import type { MetricDef } from './types';

type Row = [id: string, zh: string, en: string, unit: MetricDef['unit'], better: MetricDef['better'], additive: boolean, caliberZh: string, caliberEn: string];

/**
 * 生意参谋 首页 KPI codes (console-sources §5.1, RAKEI HOME_TABLE_ROWS verified 2026).
 * Rates are decimals (0.0123 = 1.23 %), money in yuan, durations in the unit named.
 */
const rows: Row[] = [
  ['payAmt', '支付金额', 'Payment amount', 'CNY', 'up', true, '买家拍下并完成付款的金额（含退款）', 'Amount paid by buyers, refunds included'],
  ['netPaymentAmount', '净支付金额', 'Net payment amount', 'CNY', 'up', true, '支付金额扣除退款后的金额', 'Payment amount less refunds'],
  ['uv', '访客数', 'Visitors', 'count', 'up', false, '店铺各页面的去重访客人数', 'Unique visitors to the shop pages'],
  ['pv', '浏览量', 'Page views', 'count', 'up', true, '店铺各页面被浏览的次数', 'Views of the shop pages'],
  ['payByrCnt', '支付买家数', 'Paying buyers', 'count', 'up', false, '完成付款的去重买家人数', 'Unique buyers who paid'],
  ['payRate', '支付转化率', 'Conversion rate', 'ratio', 'up', false, '支付买家数 ÷ 访客数', 'Paying buyers ÷ visitors'],
  ['stayTime', '平均停留时长', 'Avg. time on page', 'seconds', 'up', false, '访客在店铺页面的平均停留时间（秒）', 'Average seconds a visitor stays'],
  ['payPct', '客单价', 'Average order value', 'CNY', 'up', false, '支付金额 ÷ 支付买家数', 'Payment amount ÷ paying buyers'],
  ['subPayOrdSubCnt', '支付子订单数', 'Paid sub-orders', 'count', 'up', true, '完成付款的子订单数', 'Paid sub-orders'],
  ['payItmCnt', '支付件数', 'Units paid', 'count', 'up', true, '完成付款的商品件数', 'Units paid for'],
  ['cartByrCnt', '加购人数', 'Add-to-cart buyers', 'count', 'up', false, '把商品加入购物车的去重人数', 'Unique visitors who added to cart'],
  ['cartItemCnt', '加购件数', 'Units added to cart', 'count', 'up', true, '加入购物车的商品件数', 'Units added to cart'],
  ['cltItmCnt', '商品收藏人数', 'Item favouriters', 'count', 'up', false, '收藏商品的去重人数', 'Unique visitors who favourited an item'],
  ['rePurchasePayAmount', '老客复购金额', 'Repeat-buyer amount', 'CNY', 'up', true, '老买家本期的支付金额', 'Amount paid by returning buyers'],
  ['payOldByrCnt', '老客复购人数', 'Repeat buyers', 'count', 'up', false, '本期再次购买的老买家人数', 'Returning buyers who paid'],
  ['hasPurchaseUbyCntRate', '老客复购率', 'Repeat-purchase rate', 'ratio', 'up', false, '老客复购人数 ÷ 支付买家数', 'Repeat buyers ÷ paying buyers'],
  ['consultRate', '咨询率', 'Inquiry rate', 'ratio', 'neutral', false, '咨询客服的访客占访客数的比例', 'Share of visitors who contacted service'],
  [
    'realPayrealRfdRate',
    '签收退款率',
    'Refund rate after receipt',
    'ratio',
    'down',
    false,
    '签收后退款的比例；T-3 出值、两周后稳定',
    'Refunds after delivery; settles after two weeks',
  ],
  [
    'rfdSucAmt',
    '退款金额(完结时间)',
    'Refund amount (by close date)',
    'CNY',
    'down',
    true,
    '按退款完结时间统计的成功退款金额',
    'Refunds by the date they closed',
  ],
  [
    'payShopRfdAmt',
    '退款金额(支付时间)',
    'Refund amount (by pay date)',
    'CNY',
    'down',
    true,
    '按支付时间统计的退款金额；近 7 天仍在变化',
    'Refunds by payment date; still moving for 7 days',
  ],
  [
    'payAmtRfdRate',
    '金额退款率',
    'Refund rate by amount',
    'ratio',
    'down',
    false,
    '退款金额(支付时间) ÷ 支付金额；近 7 天仍在变化',
    'Refunds ÷ payment amount; still moving for 7 days',
  ],
  ['ordRfdRate', '订单退款率', 'Refund rate by order', 'ratio', 'down', false, '退款订单数 ÷ 支付订单数', 'Refunded orders ÷ paid orders'],
  ['rfdFinshDur', '退款处理时长', 'Refund handling time', 'days', 'down', false, '退款从申请到完结的平均天数', 'Average days from request to close'],
  [
    'wwReplyManualAvgTimeLen',
    '旺旺人工响应时长',
    'Manual reply time',
    'seconds',
    'down',
    false,
    '旺旺人工客服平均响应时长（秒）',
    'Average seconds to a manual reply',
  ],
  ['slrRespRate', '平台判责率', 'Seller-at-fault rate', 'ratio', 'down', false, '纠纷中平台判定卖家责任的比例', 'Share of disputes ruled against the seller'],
  [
    'gotInTime24hRate',
    '24小时揽收及时率',
    '24h pickup rate',
    'ratio',
    'up',
    false,
    '支付后 24 小时内被揽收的包裹比例',
    'Parcels picked up within 24 h of payment',
  ],
  ['avgSignTimeHh', '物流到货时长', 'Delivery time', 'hours', 'down', false, '从发货到签收的平均小时数', 'Average hours from shipment to receipt'],
  ['p4pExpendAmt', '关键词推广费', 'Keyword ads spend', 'CNY', 'neutral', true, '关键词推广（原直通车）花费', 'Keyword promotion (ex-直通车) spend'],
  ['cubeAmt', '精准人群推广费', 'Audience ads spend', 'CNY', 'neutral', true, '精准人群推广（原引力魔方）花费', 'Audience promotion (ex-引力魔方) spend'],
  ['feedCharge', '智能场景花费', 'Smart-scene ads spend', 'CNY', 'neutral', true, '万相台智能场景推广花费', '万相台 smart-scene spend'],
  ['adStrategyAmt', '全站推广花费', 'Site-wide ads spend', 'CNY', 'neutral', true, '全站推广花费', 'Site-wide promotion spend'],
  ['tkExpendAmt', '淘宝客佣金', 'Affiliate commission', 'CNY', 'neutral', true, '淘宝客推广支出的佣金', 'Commission paid to affiliates'],
  ['shopCustomer', '店铺客户数', 'Shop customers', 'count', 'up', false, '店铺的客户总数', 'Customers of the shop'],
  ['sucRefundRate', '成功退款率', 'Successful refund rate', 'ratio', 'down', false, '成功退款的订单比例', 'Share of orders refunded'],
  ['subPayOrdAmt', '总支付金额', 'Total paid amount', 'CNY', 'up', true, '子订单口径的支付金额', 'Payment amount by sub-order'],
  ['payOrdCnt', '支付订单数', 'Paid orders', 'count', 'up', true, '完成付款的订单数', 'Paid orders'],
  ['olderPayAmt', '老买家支付金额', 'Returning-buyer amount', 'CNY', 'up', true, '老买家的支付金额', 'Amount paid by returning buyers'],
];

/** Alternative source codes for the same metric (console-sources §5.1: 全站推广花费 has two codes). */
const extraSources: Record<string, string[]> = {
  adStrategyAmt: ['sycm.admCostFamtQzt'],
};

export const HOME_METRICS: MetricDef[] = rows.map(([id, zh, en, unit, better, additive, cz, ce]) => ({
  id,
  zh,
  en,
  unit,
  kind: 'real',
  caliber: { zh: cz, en: ce },
  sources: [`sycm.${id}`, ...(extraSources[id] ?? [])],
  better,
  additive,
}));
