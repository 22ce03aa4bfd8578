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
}

/** What the engine hands a rule: the shop's closed-day history, read-only. */
export interface RuleContext {
  shopId: string;
  /** The latest closed business day the shop has data for. */
  asOf: string;
  /** Day-grain, all-device series of a shop-level metric, oldest first. */
  shopSeries(metricId: string): DailySeries;
  /** Whether any shop-level value of the metric exists. */
  hasMetric(metricId: string): boolean;
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
