import type { MetricDef } from './types';

type Row = [id: string, zh: string, en: string, unit: MetricDef['unit'], better: MetricDef['better'], caliberZh: string, caliberEn: string];

/**
 * 生意参谋 市场/竞争 (console-sources §5.10, §5.10.1, §11.6, §11.7).
 *
 * - 指数 (kind `index`): monotonic, non-linear transforms of a hidden real value. Stored as the
 *   index itself, never converted, never summed or charted together with real values.
 * - 区间 (kind `range`): the 2026 free edition shows competitors' values as "75万 ~ 100万";
 *   both bounds go to `fact.ranges`, never to `values`. Their source codes use the console id
 *   `sycmRange` (the same API code, presented as a range), so `sycm.uv` stays the real 访客数.
 * - A few real codes that only the market pages send (rank, growth, click rate).
 */
const INDEX_ROWS: Row[] = [
  [
    'tradeIndex',
    '交易指数',
    'Trade index',
    'count',
    'up',
    '支付金额经非线性变换后的指数，只比方向和排名',
    'Payment amount, non-linearly transformed; compare direction and rank only',
  ],
  ['uvIndex', '流量指数', 'Traffic index', 'count', 'up', '访客数经非线性变换后的指数', 'Visitors, non-linearly transformed'],
  ['seIpvUvHits', '搜索人气', 'Search popularity', 'count', 'up', '搜索访客数经非线性变换后的指数', 'Search visitors, non-linearly transformed'],
  ['sePvIndex', '搜索热度', 'Search heat', 'count', 'up', '搜索次数经非线性变换后的指数', 'Searches, non-linearly transformed'],
  ['uvHits', '访问人气', 'Visit popularity', 'count', 'up', '访客数经非线性变换后的指数', 'Visitors, non-linearly transformed'],
  ['pvHot', '浏览热度', 'Browse heat', 'count', 'up', '浏览量经非线性变换后的指数', 'Page views, non-linearly transformed'],
  ['cltHits', '收藏人气', 'Favourite popularity', 'count', 'up', '收藏人数经非线性变换后的指数', 'Favouriters, non-linearly transformed'],
  ['cltHot', '收藏热度', 'Favourite heat', 'count', 'up', '收藏次数经非线性变换后的指数', 'Favourites, non-linearly transformed'],
  ['cartHits', '加购人气', 'Add-to-cart popularity', 'count', 'up', '加购人数经非线性变换后的指数', 'Add-to-cart buyers, non-linearly transformed'],
  ['cartHot', '加购热度', 'Add-to-cart heat', 'count', 'up', '加购次数经非线性变换后的指数', 'Add-to-cart actions, non-linearly transformed'],
  ['payByrCntIndex', '客群指数', 'Buyer index', 'count', 'up', '支付买家数经非线性变换后的指数', 'Paying buyers, non-linearly transformed'],
  ['payRateIndex', '支付转化指数', 'Conversion index', 'count', 'up', '支付转化率经非线性变换后的指数', 'Conversion rate, non-linearly transformed'],
  ['clickHits', '点击人气', 'Click popularity', 'count', 'up', '搜索点击人数经非线性变换后的指数', 'Search clickers, non-linearly transformed'],
  ['clickHot', '点击热度', 'Click heat', 'count', 'up', '搜索点击次数经非线性变换后的指数', 'Search clicks, non-linearly transformed'],
  ['lostIndex', '流失指数', 'Churn index', 'count', 'down', '本店流失到该店的金额经非线性变换后的指数', 'Amount lost to that shop, non-linearly transformed'],
  [
    'lostHits',
    '流失人气',
    'Churn popularity',
    'count',
    'down',
    '本店流失到该店的人数经非线性变换后的指数',
    'Visitors lost to that shop, non-linearly transformed',
  ],
  ['prePayAmtIndex', '预售指数', 'Pre-sale index', 'count', 'up', '预售支付金额经非线性变换后的指数', 'Pre-sale payments, non-linearly transformed'],
  ['cartByrCntIndex', '加购人数指数', 'Add-to-cart index', 'count', 'up', '加购人数经非线性变换后的指数', 'Add-to-cart buyers, non-linearly transformed'],
];

const RANGE_ROWS: Row[] = [
  ['uvRange', '访客数(区间)', 'Visitors (range)', 'count', 'up', '免费版竞品访客数，只给区间如“75万 ~ 100万”', 'Free edition: rival visitors as a range'],
  ['payAmtRange', '交易金额(区间)', 'Payment amount (range)', 'CNY', 'up', '免费版竞品交易金额区间', 'Free edition: rival payment amount as a range'],
  ['payByrCntRange', '支付买家数(区间)', 'Paying buyers (range)', 'count', 'up', '免费版竞品支付买家数区间', 'Free edition: rival paying buyers as a range'],
  [
    'payRateRange',
    '支付转化率(区间)',
    'Conversion rate (range)',
    'ratio',
    'up',
    '免费版竞品支付转化率区间，如“5% ~ 7.5%”',
    'Free edition: rival conversion rate as a range',
  ],
  [
    'cartByrCntRange',
    '加购人数(区间)',
    'Add-to-cart buyers (range)',
    'count',
    'up',
    '免费版竞品加购人数区间',
    'Free edition: rival add-to-cart buyers as a range',
  ],
  ['cltByrCntRange', '收藏人数(区间)', 'Favouriters (range)', 'count', 'up', '免费版竞品收藏人数区间', 'Free edition: rival favouriters as a range'],
  [
    'seIpvUvHitsRange',
    '搜索人气(区间)',
    'Search popularity (range)',
    'count',
    'up',
    '免费版搜索排行的搜索人气区间，如“600 ~ 1200”',
    'Free edition: search popularity as a range',
  ],
];

const REAL_ROWS: Row[] = [
  ['cateRank', '行业排名', 'Category rank', 'count', 'down', '在所选类目榜单中的名次（1 为第一）', 'Position on the category list (1 = first)'],
  [
    'tradeGrowthRange',
    '交易增长幅度',
    'Trade growth',
    'ratio',
    'up',
    '交易指数较上一周期的增长幅度（小数）',
    'Growth of the trade index vs the previous period (decimal)',
  ],
  ['cltByrCnt', '收藏人数', 'Favouriters', 'count', 'up', '收藏店铺或商品的去重人数（本店真实值）', 'Unique visitors who favourited (own shop, real value)'],
  ['clickRate', '点击率', 'Click-through rate', 'ratio', 'up', '搜索词的点击人数 ÷ 搜索人数（小数）', 'Search clickers ÷ searchers (decimal)'],
];

/** API code → metric id where they differ. */
const CODE_OF: Record<string, string> = { cateRank: 'cateRankId' };
const RANGE_CODE_OF: Record<string, string> = {
  uvRange: 'uv',
  payAmtRange: 'payAmt',
  payByrCntRange: 'payByrCnt',
  payRateRange: 'payRate',
  cartByrCntRange: 'cartByrCnt',
  cltByrCntRange: 'cltByrCnt',
  seIpvUvHitsRange: 'seIpvUvHits',
};

const def =
  (kind: MetricDef['kind'], sources: (id: string) => string[]) =>
  ([id, zh, en, unit, better, cz, ce]: Row): MetricDef => ({
    id,
    zh,
    en,
    unit,
    kind,
    caliber: { zh: cz, en: ce },
    sources: sources(id),
    better,
    additive: false,
  });

export const MARKET_METRICS: MetricDef[] = [
  ...INDEX_ROWS.map(def('index', (id) => [`sycm.${id}`])),
  ...RANGE_ROWS.map(def('range', (id) => [`sycmRange.${RANGE_CODE_OF[id] ?? id}`])),
  ...REAL_ROWS.map(def('real', (id) => [`sycm.${CODE_OF[id] ?? id}`])),
];
