/**
 * Shapes shared by the content script (anchors, renderer) and the background (annotation data).
 * Plain data only: it crosses the extension message channel.
 */
import type { EntityKind } from '../schema/fact';

export type Text = { zh: string; en: string };
export type Lang = 'zh' | 'en';

/** Page families that carry annotations (= adapter ids; both ad consoles share one finder). */
export const ANNOTATED_FAMILIES = ['sycm-home', 'sycm-item', 'wanxiang', 'zhitongche', 'sycm-service'] as const;
export type AnnotatedFamily = (typeof ANNOTATED_FAMILIES)[number];

/** One entity the page shows, as the anchors found it. */
export interface AnchorRef {
  kind: EntityKind;
  /** Entity id as the facts key it (item id, keyword id, metric id for KPI cards, agent nick). */
  id: string;
  /** Another id the page gave (sandbox data-agent-id next to the nick), tried when `id` has no data. */
  alt?: string;
}

export interface AnnotationRequest {
  family: AnnotatedFamily;
  /** Business date the page shows (YYYY-MM-DD) when the page says; else the latest captured day. */
  date: string | null;
  /** Attribution window the ad page shows ('15'), when it says. */
  attr: string | null;
  entities: AnchorRef[];
  /**
   * When the page was loaded (epoch ms, performance.timeOrigin): the shop is read from this
   * document's own captures only, so a tab that switched shops never shows the previous shop's
   * annotations. Absent: the tab's newest capture, then the current shop.
   */
  since?: number;
}

/** Badge / flag ids. Items: 潜力款 滞销 库存告急 退款异常; ads: 高花费无转化 ROI低于保本 点击率偏低. */
export const BADGE_IDS = ['potential', 'slow', 'stockLow', 'refund', 'noConv', 'lowRoi', 'lowCtr', 'other'] as const;
export type BadgeId = (typeof BADGE_IDS)[number];

export interface Badge {
  id: BadgeId;
  tone: 'good' | 'warn' | 'bad';
  label: Text;
  /** What the badge rests on (finding title + detail, or the computed evidence). */
  tip: Text;
}

export interface KpiAnnotation {
  type: 'kpi';
  metric: string;
  unit: string;
  date: string;
  value: number | null;
  base: number | null;
  /** (value − base) ÷ base; null when either is missing or base is 0. */
  delta: number | null;
  /** Weeks the baseline rests on and how it fell back (domain-rules §3.2). */
  baseN: number;
  fallback: string;
  /** 30 days ending at `date`, oldest first; null = not captured. */
  spark: (number | null)[];
}

export interface ItemAnnotation {
  type: 'item';
  badges: Badge[];
  /** Captured closed days (oldest first) with 支付金额 / 访客数 / 支付转化率. */
  history: { dates: string[]; payAmt: (number | null)[]; uv: (number | null)[]; payRate: (number | null)[] };
}

export interface AdAnnotation {
  type: 'ad';
  flags: Badge[];
  window: { from: string; to: string; days: number };
  /** 加购成本 = spend ÷ carts over the window. */
  cartCost: number | null;
  roi: number | null;
  /** 保本 ROI = 1 ÷ gross margin. */
  breakEvenRoi: number;
  grossMargin: number;
  marginAssumed: boolean;
  /** Spend ÷ daily budget on the page date, when a budget was captured. */
  budgetProgress: number | null;
}

export interface AgentAnnotation {
  type: 'agent';
  /** 1-based rank by shrunk 询单转化率 among the shop's agents in the window. */
  rank: number;
  of: number;
  /** Raw rate and the shrunk one (empirical Bayes towards the team rate). */
  rate: number | null;
  shrunk: number;
  inquiries: number;
  teamRate: number;
  window: { from: string; to: string };
}

export type Annotation = KpiAnnotation | ItemAnnotation | AdAnnotation | AgentAnnotation;

export interface AnnotationResponse {
  /** false when switched off for the family (settings.annotations) or no shop is known. */
  enabled: boolean;
  lang: Lang;
  shopId: string | null;
  /** `kind|id` (the id the request used) → annotation. */
  data: Record<string, Annotation>;
}

export const refKey = (r: { kind: string; id: string }): string => `${r.kind}|${r.id}`;
