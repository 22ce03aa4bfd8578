import { z } from 'zod';
import type { Finding } from '../schema/finding';
import type { Rule, RuleContext, Verdict } from './types';

/** zod schema of a rule's thresholds, from its metadata (bounds included). */
export function thresholdSchema(rule: Rule) {
  const shape: Record<string, z.ZodNumber> = {};
  for (const [k, d] of Object.entries(rule.meta.thresholds)) shape[k] = z.number().min(d.min).max(d.max);
  return z.object(shape);
}

/** Defaults merged with valid overrides; an invalid override is ignored (and reported as default). */
export function resolveThresholds(rule: Rule, overrides: Record<string, number> | undefined): { values: Record<string, number>; defaults: boolean } {
  const values: Record<string, number> = {};
  for (const [k, d] of Object.entries(rule.meta.thresholds)) values[k] = d.default;
  if (!overrides) return { values, defaults: true };
  const merged = { ...values, ...overrides };
  const ok = thresholdSchema(rule).safeParse(merged);
  if (!ok.success) return { values, defaults: true };
  const defaults = Object.keys(values).every((k) => merged[k] === values[k]);
  return { values: ok.data as Record<string, number>, defaults };
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export type FindingDraft = Omit<Finding, 'firstSeenAt' | 'updatedAt'>;

function toFinding(rule: Rule, ctx: RuleContext, v: Verdict, th: { values: Record<string, number>; defaults: boolean }): FindingDraft {
  const entity = v.entity ?? { kind: 'shop' as const, id: ctx.shopId };
  const period = v.period ?? { from: ctx.asOf, to: ctx.asOf };
  const severity = v.severity ?? rule.meta.severity;
  const fingerprint = hash(JSON.stringify([v.status, severity, period, v.evidence.map((e) => (e.value === null ? null : Math.round(e.value * 1e4) / 1e4))]));
  return {
    id: `${rule.meta.id}|${ctx.shopId}|${entity.kind}|${entity.id}`,
    ruleId: rule.meta.id,
    shopId: ctx.shopId,
    area: rule.meta.area,
    status: v.status,
    severity,
    entity,
    period,
    title: v.title ?? rule.meta.title,
    detail: v.detail,
    suggestion: v.suggestion ?? { zh: '', en: '' },
    evidence: v.evidence,
    thresholds: th.values,
    thresholdsAreDefaults: th.defaults,
    ...(v.baseline ? { baseline: v.baseline } : {}),
    ...(rule.meta.link ? { link: rule.meta.link } : {}),
    fingerprint,
  };
}

/**
 * Run rules over one shop. Each rule is isolated: one that throws yields an error result for
 * itself only; one whose metrics are all missing is "not applicable".
 */
export function evaluateRules(rules: readonly Rule[], ctx: RuleContext, overrides: Record<string, Record<string, number>> = {}): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const rule of rules) {
    const th = resolveThresholds(rule, overrides[rule.meta.id]);
    if (rule.meta.requires.length && !rule.meta.requires.every((m) => ctx.hasMetric(m))) {
      const missing = rule.meta.requires.filter((m) => !ctx.hasMetric(m));
      out.push(
        toFinding(
          rule,
          ctx,
          { status: 'not-applicable', detail: { zh: `缺少指标：${missing.join('、')}`, en: `Missing metrics: ${missing.join(', ')}` }, evidence: [] },
          th,
        ),
      );
      continue;
    }
    try {
      for (const v of rule.evaluate(ctx, th.values)) out.push(toFinding(rule, ctx, v, th));
    } catch (e) {
      out.push({
        ...toFinding(
          rule,
          ctx,
          { status: 'ok', detail: { zh: `规则执行出错：${String(e).slice(0, 160)}`, en: `Rule failed: ${String(e).slice(0, 160)}` }, evidence: [] },
          th,
        ),
        status: 'error',
      });
    }
  }
  return out;
}
