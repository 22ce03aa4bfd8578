import type { BadgeId } from '../annotate/types';
import type { EntityKind } from '../schema/fact';
import type { Area, Evidence, Finding, Severity } from '../schema/finding';
import type { DailySeries } from '../series/types';

export type Text = { zh: string; en: string };

export interface ThresholdDef {
  default: number;
  min: number;
  max: number;
  label: Text;
  /** Where the default comes from: [P] platform, [C] console caliber, [H] practitioners, [S] statistics. */
  source: '[P]' | '[C]' | '[H]' | '[S]';
}

export interface RuleMeta<K extends string = string> {
  /** = the file name (kebab-case). */
  id: string;
  /** The catalogue id in domain-rules.md, e.g. 'DA-01'. */
  ref: string;
  area: Area;
  title: Text;
  description: Text;
  /** Default severity when it fires; a rule may raise or lower it with the evidence. */
  severity: Severity;
  /** Metric ids the rule needs; none of them present → not applicable. */
  requires: string[];
  thresholds: Record<K, ThresholdDef>;
  /** Where the operator acts on it. */
  link?: { url: string; label: Text };
  /**
   * The badge its fired findings put on the console row (lib/annotate/badges.ts): 潜力款 potential,
   * 滞销 slow, 库存告急 stockLow, 退款异常 refund (item rows); noConv, lowRoi, lowCtr (ad rows).
   * Unset: mapped by area + catalogue ref, else shown as a generic "诊断" chip.
   */
  badge?: BadgeId;
}

/** An entity the shop has day facts for. */
export interface EntityRef {
  kind: EntityKind;
  id: string;
  name?: string;
  /** The item a SKU belongs to (its facts' dims.itemId), when the console said. */
  itemId?: string;
  /** Set on scoped views (`id|k=v&…`): the dimensions that scope it, e.g. `itemId=123` on a source. */
  scope?: string;
}

/** The operator's own numbers from the options page; `assumed` lists what fell back to defaults. */
export interface ShopProfile {
  /** 毛利率 as a decimal. */
  grossMargin: number;
  /** 采购/生产提前期 in days. */
  leadTimeDays: number;
  /** Monthly payment-amount target in yuan, if set. */
  monthlyTarget: number | null;
  /** Attribution window the ad rules read (days). */
  attributionDays: number;
  assumed: string[];
}

/**
 * What the engine hands a rule: the shop's closed-day history, read-only.
 * "Default view" = all devices (device 0 or none) and, for ads, the profile's attribution window.
 */
export interface RuleContext {
  shopId: string;
  /** The latest closed business day the shop has data for. */
  asOf: string;
  profile: ShopProfile;
  /** Day-grain, default-view series of a shop-level metric, oldest first. */
  shopSeries(metricId: string): DailySeries;
  /**
   * Whether any value exists: `uv` (shop level) or `item.uv` (any entity of that kind).
   * Used by the engine for "not applicable".
   */
  hasMetric(ref: string): boolean;
  /** Entities of a kind with any day facts, in id order. */
  entities(kind: EntityKind, opts?: { scoped?: boolean }): EntityRef[];
  /** Day-grain, default-view series of an entity's metric. */
  series(kind: EntityKind, id: string, metricId: string): DailySeries;
  /**
   * The points of `series(kind, id, metricId)` dated within [from, to] ('' = from the start),
   * read without building the whole history: rules that look at a recent window use this.
   */
  range(kind: EntityKind, id: string, metricId: string, from: string, to: string): DailySeries;
  /** Sum and number of observed days of the series within [from, to], skipping `exclude`d dates. */
  sum(kind: EntityKind, id: string, metricId: string, from: string, to: string, exclude?: (date: string) => boolean): { sum: number; days: number };
  /** Date of the series' first value, or null. */
  firstDate(kind: EntityKind, id: string, metricId: string): string | null;
  /**
   * `sum(kind, id, m, from, to)` for every entity of the kind (scoped views included, by context
   * id) and each of `metricIds`, in that order: one pass per entity, shared by the rules that ask
   * the same window (kept until the kind changes).
   */
  sums(kind: EntityKind, metricIds: readonly string[], from: string, to: string): ReadonlyMap<string, readonly { sum: number; days: number }[]>;
  /** Latest value of a snapshot-grain metric (stock levels) with its date. */
  snapshot(kind: EntityKind, id: string, metricId: string): { date: string; value: number } | null;
}

export interface Verdict {
  status: 'fired' | 'ok' | 'insufficient' | 'not-applicable';
  severity?: Severity;
  entity?: Finding['entity'];
  period?: { from: string; to: string };
  title?: Text;
  detail: Text;
  suggestion?: Text;
  evidence: Evidence[];
  baseline?: { method: Text; value: number | null };
}

export interface Rule<K extends string = string> {
  meta: RuleMeta<K>;
  evaluate(ctx: RuleContext, thresholds: Record<K, number>): Verdict[];
}

export function defineRule<K extends string>(rule: Rule<K>): Rule<K> {
  return rule;
}
