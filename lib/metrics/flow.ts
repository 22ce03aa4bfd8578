import { type DerivedSourceRow, type MetricDef, realMetrics } from './types';

/**
 * 生意参谋 流量 / 实时 codes not on the home KPI table (console-sources §5.2, §5.3, §12.3).
 * Codes the home catalog already maps (uv, pv, payAmt, payByrCnt, payRate, payPct, cartByrCnt,
 * cltItmCnt, payItmCnt, payOrdCnt) are reused from there. Rates are decimals, money in yuan.
 */
const rows: DerivedSourceRow[] = [
  ['itmUv', '商品访客数', 'Item visitors', 'count', 'up', false, '访问过商品详情页的去重人数', 'Unique visitors of item detail pages'],
  ['avgPv', '人均浏览量', 'Page views per visitor', 'count', 'up', false, '浏览量 ÷ 访客数', 'Page views ÷ visitors'],
  ['newUv', '新访客数', 'New visitors', 'count', 'up', false, '统计期内首次访问店铺的访客数', 'Visitors new to the shop'],
  ['oldUv', '老访客数', 'Returning visitors', 'count', 'up', false, '此前访问过店铺的访客数', 'Visitors who had visited before'],
  ['shopCltByrCnt', '关注店铺人数', 'Shop followers gained', 'count', 'up', false, '关注店铺的去重人数', 'Unique visitors who followed the shop'],
  ['liveRoomUv', '直播间访客数', 'Live-room visitors', 'count', 'up', false, '从直播间进店的访客数', 'Visitors coming from live rooms'],
  ['shortVideoUv', '短视频访客数', 'Short-video visitors', 'count', 'up', false, '从短视频进店的访客数', 'Visitors coming from short videos'],
  ['imageUv', '图文访客数', 'Image-text visitors', 'count', 'up', false, '从图文内容进店的访客数', 'Visitors coming from image-text content'],
  ['shopVisitUv', '店铺页访客数', 'Shop-page visitors', 'count', 'up', false, '访问店铺首页等店铺页面的访客数', 'Visitors of shop pages (home, lists)'],
  ['bounceRate', '跳失率', 'Bounce rate', 'ratio', 'down', false, '只浏览一个页面就离开的访客占比', 'Share of visitors leaving after one page'],
  ['crtVldAmt', '下单金额', 'Order amount', 'CNY', 'up', true, '买家拍下的金额（含未付款）', 'Amount of orders placed, paid or not'],
  ['crtByrCnt', '下单买家数', 'Ordering buyers', 'count', 'up', false, '拍下商品的去重买家数', 'Unique buyers who placed an order'],
  ['crtRate', '下单转化率', 'Order conversion', 'ratio', 'up', false, '下单买家数 ÷ 访客数', 'Ordering buyers ÷ visitors'],
  ['uvValue', 'UV价值', 'Value per visitor', 'CNY', 'up', false, '支付金额 ÷ 访客数', 'Payment amount ÷ visitors'],
  [
    'directPayByrCnt',
    '直接支付买家数',
    'Direct paying buyers',
    'count',
    'up',
    false,
    '进店后直接购买（未经收藏、加购）的支付买家数',
    'Paying buyers who bought without favouriting or carting first',
  ],
  [
    'cltItmPayByrCnt',
    '收藏商品-支付买家数',
    'Paying buyers via favourites',
    'count',
    'up',
    false,
    '收藏商品后支付的买家数',
    'Paying buyers who had favourited the item',
  ],
  ['fansPayByrCnt', '粉丝支付买家数', 'Paying followers', 'count', 'up', false, '店铺粉丝中的支付买家数', 'Paying buyers who follow the shop'],
  [
    'ordItmPayByrCnt',
    '加购商品-支付买家数',
    'Paying buyers via cart',
    'count',
    'up',
    false,
    '加购商品后支付的买家数',
    'Paying buyers who had added the item to cart',
  ],
  [
    'jpSelfUv',
    '店内跳转人数',
    'In-shop onward visitors',
    'count',
    'up',
    false,
    '从该来源进入后继续访问店内其他页面的人数',
    'Visitors who went on to other shop pages',
  ],
  ['jpUv', '跳出本店人数', 'Visitors who left the shop', 'count', 'down', false, '从该来源进入后离开本店的人数', 'Visitors who left the shop afterwards'],
];

export const FLOW_METRICS: MetricDef[] = realMetrics(rows, (id) => [`sycm.${id}`]);
