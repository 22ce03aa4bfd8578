/** Home (首页) KPI codes of console-sources §5.1 with labels and units (§2.5). */

export type MetricUnit = 'money' | 'count' | 'rate' | 'seconds' | 'hours' | 'days';

export interface MetricDef {
  readonly code: string;
  readonly label: string;
  readonly unit: MetricUnit;
}

export const HOME_KPIS = [
  { code: 'payAmt', label: '支付金额', unit: 'money' },
  { code: 'netPaymentAmount', label: '净支付金额', unit: 'money' },
  { code: 'uv', label: '访客数', unit: 'count' },
  { code: 'pv', label: '浏览量', unit: 'count' },
  { code: 'payByrCnt', label: '支付买家数', unit: 'count' },
  { code: 'payRate', label: '支付转化率', unit: 'rate' },
  { code: 'stayTime', label: '平均停留时长', unit: 'seconds' },
  { code: 'payPct', label: '客单价', unit: 'money' },
  { code: 'subPayOrdSubCnt', label: '支付子订单数', unit: 'count' },
  { code: 'payItmCnt', label: '支付件数', unit: 'count' },
  { code: 'cartByrCnt', label: '加购人数', unit: 'count' },
  { code: 'cartItemCnt', label: '加购件数', unit: 'count' },
  { code: 'cltItmCnt', label: '商品收藏人数', unit: 'count' },
  { code: 'rePurchasePayAmount', label: '老客复购金额', unit: 'money' },
  { code: 'payOldByrCnt', label: '老客复购人数', unit: 'count' },
  { code: 'hasPurchaseUbyCntRate', label: '老客复购率', unit: 'rate' },
  { code: 'consultRate', label: '咨询率', unit: 'rate' },
  { code: 'realPayrealRfdRate', label: '签收退款率', unit: 'rate' },
  { code: 'rfdSucAmt', label: '退款金额(完结时间)', unit: 'money' },
  { code: 'payShopRfdAmt', label: '退款金额(支付时间)', unit: 'money' },
  { code: 'payAmtRfdRate', label: '金额退款率', unit: 'rate' },
  { code: 'ordRfdRate', label: '订单退款率', unit: 'rate' },
  { code: 'rfdFinshDur', label: '退款处理时长(天)', unit: 'days' },
  { code: 'wwReplyManualAvgTimeLen', label: '旺旺人工响应时长(秒)', unit: 'seconds' },
  { code: 'slrRespRate', label: '平台判责率', unit: 'rate' },
  { code: 'gotInTime24hRate', label: '24小时揽收及时率', unit: 'rate' },
  { code: 'avgSignTimeHh', label: '物流到货时长(小时)', unit: 'hours' },
  { code: 'p4pExpendAmt', label: '关键词推广费', unit: 'money' },
  { code: 'cubeAmt', label: '精准人群推广费', unit: 'money' },
  { code: 'feedCharge', label: '智能场景花费', unit: 'money' },
  { code: 'adStrategyAmt', label: '全站推广花费', unit: 'money' },
  { code: 'tkExpendAmt', label: '淘宝客佣金', unit: 'money' },
] as const satisfies readonly MetricDef[];

export type HomeKpiCode = (typeof HOME_KPIS)[number]['code'];
export const HOME_KPI_CODES: readonly HomeKpiCode[] = HOME_KPIS.map((k) => k.code);

/** The 7 KPI cards of the home page / overview endpoint. */
export const CARD_CODES = ['payAmt', 'uv', 'payRate', 'payPct', 'payByrCnt', 'cartByrCnt', 'cltItmCnt'] as const;
export type CardCode = (typeof CARD_CODES)[number];

/** Codes available for peers (rivalAvg / rivalGood). */
export const PEER_CODES = ['payAmt', 'uv', 'payByrCnt', 'payRate', 'payPct', 'cartByrCnt', 'cltItmCnt'] as const;
export type PeerCode = (typeof PEER_CODES)[number];

export type ShopDay = Record<HomeKpiCode, number>;
export type PeerDay = Record<PeerCode, number>;
export type PeerKind = 'rivalAvg' | 'rivalGood';

export function metricDef(code: string): MetricDef | undefined {
  return HOME_KPIS.find((k) => k.code === code);
}
