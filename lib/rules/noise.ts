/**
 * Alert-noise control (domain-rules §3.10):
 * - persistence: except P0, a finding must hold on 2 of the last 3 days. The rules that fired
 *   today are re-run on the history cut at D−1 and D−2; a finding that held only today is kept
 *   but lowered to P3 and marked 待观察. A finding whose own period already spans ≥ 2 days
 *   (a trend, a multi-day window) is persistent by construction.
 * - dedupe by root cause: a stock-out (or high-price throttling) of an item absorbs the other
 *   findings of the same item — its traffic or conversion drop is a consequence; the root
 *   cause is shown first.
 * - limit: at most 3 fired findings per area are shown first; the rest are folded.
 */
import type { Area, Severity } from '../schema/finding';
import { addDays } from '../series/dates';
import type { DailySeries } from '../series/types';
import { sliceSeries } from './context';
import { evaluateRules, type FindingDraft } from './engine';
import { causeKindOf } from './shared/payment-drop';
import type { Rule, RuleContext } from './types';

/** The same history seen as if `date` were the latest closed day. */
export function contextAt(ctx: RuleContext, date: string): RuleContext {
  if (date >= ctx.asOf) return ctx;
  // Series are sorted by date: the cut is a prefix.
  const cut = (s: DailySeries): DailySeries => sliceSeries(s, '', date);
  const clamp = (to: string) => (to > date ? date : to);
  return {
    ...ctx,
    asOf: date,
    shopSeries: (m) => cut(ctx.shopSeries(m)),
    series: (k, id, m) => cut(ctx.series(k, id, m)),
    range: (k, id, m, from, to) => ctx.range(k, id, m, from, clamp(to)),
    sum: (k, id, m, from, to, exclude) => ctx.sum(k, id, m, from, clamp(to), exclude),
    sums: (k, ms, from, to) => ctx.sums(k, ms, from, clamp(to)),
    firstDate: (k, id, m) => {
      const d = ctx.firstDate(k, id, m);
      return d !== null && d <= date ? d : null;
    },
    snapshot: (k, id, m) => {
      const s = ctx.snapshot(k, id, m);
      return s && s.date <= date ? s : null;
    },
  };
}

const PENDING = { zh: '（待观察：近 3 天只有今天成立）', en: '(Watching: true today only in the last 3 days) ' };

const needsPersistence = (f: FindingDraft) => f.status === 'fired' && f.severity !== 'P0' && f.period.from >= f.period.to;

/**
 * One rule with the 2-of-3-days rule: re-run on D−1 and D−2 only when it has a non-P0 one-day
 * finding today. A rule's result depends on its own evaluations only, so the shop's findings are
 * these per-rule results in rule order (what lets lib/rules/incremental.ts re-run a few rules).
 */
export function evaluateRuleWithPersistence(rule: Rule, ctx: RuleContext, overrides: Record<string, Record<string, number>> = {}): FindingDraft[] {
  const today = evaluateRules([rule], ctx, overrides);
  if (!today.some(needsPersistence)) return today;
  const before = [1, 2].map(
    (k) =>
      new Set(
        evaluateRules([rule], contextAt(ctx, addDays(ctx.asOf, -k)), overrides)
          .filter((f) => f.status === 'fired')
          .map((f) => f.id),
      ),
  );
  return today.map((f) => {
    if (!needsPersistence(f) || before.some((s) => s.has(f.id))) return f;
    return { ...f, severity: 'P3' as Severity, detail: { zh: `${PENDING.zh}${f.detail.zh}`, en: `${PENDING.en}${f.detail.en}` } };
  });
}

/**
 * Evaluate with the 2-of-3-days rule. Only the rules with a non-P0 one-day finding today are
 * re-run on D−1 and D−2, so the cost stays close to one evaluation.
 */
export function evaluateWithPersistence(rules: readonly Rule[], ctx: RuleContext, overrides: Record<string, Record<string, number>> = {}): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const rule of rules) for (const f of evaluateRuleWithPersistence(rule, ctx, overrides)) out.push(f);
  return out;
}

/** The fields the display functions read (Finding and FindingDraft fit). */
export interface NoiseFinding {
  id: string;
  ruleId: string;
  area: Area;
  status: string;
  severity: Severity;
  entity: { kind: string; id: string; name?: string | undefined };
}

const isRoot = (f: NoiseFinding) => {
  const k = causeKindOf(f.ruleId);
  return k === 'stock-out' || k === 'price-limit';
};

/** Findings of an item absorbed by that item's stock-out / high-price finding. */
export function dedupeByRootCause<F extends NoiseFinding>(findings: readonly F[]): { kept: F[]; absorbed: { finding: F; by: F }[] } {
  const roots = new Map<string, F>();
  for (const f of findings) if (f.status === 'fired' && f.entity.kind === 'item' && isRoot(f) && !roots.has(f.entity.id)) roots.set(f.entity.id, f);
  const kept: F[] = [];
  const absorbed: { finding: F; by: F }[] = [];
  for (const f of findings) {
    const by = f.status === 'fired' && f.entity.kind === 'item' && !isRoot(f) ? roots.get(f.entity.id) : undefined;
    if (by) absorbed.push({ finding: f, by });
    else kept.push(f);
  }
  return { kept, absorbed };
}

const SEV: Record<Severity, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

/**
 * Display order: per area, fired findings by severity with root causes first, at most
 * `perArea` of them shown; the rest of the fired ones and absorbed ones are folded.
 */
export function forDisplay<F extends NoiseFinding>(
  findings: readonly F[],
  perArea = 3,
): { shown: F[]; folded: { finding: F; reason: 'limit' | 'root-cause'; by?: F }[] } {
  const { kept, absorbed } = dedupeByRootCause(findings);
  const fired = kept
    .filter((f) => f.status === 'fired')
    .sort((a, b) => SEV[a.severity] - SEV[b.severity] || Number(isRoot(b)) - Number(isRoot(a)) || (a.id < b.id ? -1 : 1));
  const perAreaCount = new Map<Area, number>();
  const shown: F[] = [];
  const folded: { finding: F; reason: 'limit' | 'root-cause'; by?: F }[] = absorbed.map((a) => ({
    finding: a.finding,
    reason: 'root-cause' as const,
    by: a.by,
  }));
  for (const f of fired) {
    const n = perAreaCount.get(f.area) ?? 0;
    if (n < perArea) {
      shown.push(f);
      perAreaCount.set(f.area, n + 1);
    } else folded.push({ finding: f, reason: 'limit' });
  }
  return { shown, folded };
}
