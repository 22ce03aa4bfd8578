/**
 * Incremental rule runs. A full run records, per rule, what it read from the context: which
 * kinds' entity lists, which (kind, metric) day values over which dates, which snapshot metrics,
 * which `hasMetric` answers. After a capture the context is updated in place
 * (`ContextStore.apply`), and only the rules whose reads intersect what changed are evaluated
 * again (with the 2-of-3-days persistence of noise.ts); every other rule keeps its findings.
 * A rule's findings depend only on what it read, so the result is the full run's, finding for
 * finding (tests/rules/incremental.test.ts checks it).
 *
 * Per-entity re-evaluation is not attempted: most rules compare an entity with its peers
 * (quantiles over items, the keyword average CPA / CTR), so one keyword's new day changes every
 * keyword's verdict. The unit of re-evaluation is the rule.
 */
import type { Fact } from '../schema/fact';
import type { ContextChanges, ContextStore } from './context';
import type { FindingDraft } from './engine';
import { evaluateRuleWithPersistence } from './noise';
import type { Rule, RuleContext } from './types';

/** What one rule read, as ranges per (kind, metric). */
export interface RuleReads {
  /** kind → metric → [earliest from, latest to] read ('' and '\uffff' = the whole series). */
  days: Map<string, Map<string, [string, string]>>;
  snapshots: Map<string, Set<string>>;
  lists: Set<string>;
  has: Set<string>;
}

const newReads = (): RuleReads => ({ days: new Map(), snapshots: new Map(), lists: new Set(), has: new Set() });

/** The context seen through a recorder of the rule's reads. */
export function tracedContext(ctx: RuleContext, reads: RuleReads): RuleContext {
  let lastKind = '';
  let lastMap: Map<string, [string, string]> | undefined;
  const day = (kind: string, metric: string, from: string, to: string) => {
    let byMetric = kind === lastKind ? lastMap : reads.days.get(kind);
    if (!byMetric) {
      byMetric = new Map();
      reads.days.set(kind, byMetric);
    }
    lastKind = kind;
    lastMap = byMetric;
    const span = byMetric.get(metric);
    if (!span) byMetric.set(metric, [from, to]);
    else {
      if (from < span[0]) span[0] = from;
      if (to > span[1]) span[1] = to;
    }
  };
  return {
    shopId: ctx.shopId,
    asOf: ctx.asOf,
    profile: ctx.profile,
    shopSeries(m) {
      day('shop', m, '', '\uffff');
      return ctx.shopSeries(m);
    },
    hasMetric(ref) {
      reads.has.add(ref);
      return ctx.hasMetric(ref);
    },
    entities(kind, opts) {
      reads.lists.add(kind);
      return ctx.entities(kind, opts);
    },
    series(kind, id, m) {
      day(kind, m, '', '\uffff');
      return ctx.series(kind, id, m);
    },
    range(kind, id, m, from, to) {
      day(kind, m, from, to);
      return ctx.range(kind, id, m, from, to);
    },
    sum(kind, id, m, from, to, exclude) {
      day(kind, m, from, to);
      return ctx.sum(kind, id, m, from, to, exclude);
    },
    sums(kind, ms, from, to) {
      reads.lists.add(kind);
      for (const m of ms) day(kind, m, from, to);
      return ctx.sums(kind, ms, from, to);
    },
    firstDate(kind, id, m) {
      day(kind, m, '', '\uffff');
      return ctx.firstDate(kind, id, m);
    },
    snapshot(kind, id, m) {
      let s = reads.snapshots.get(kind);
      if (!s) {
        s = new Set();
        reads.snapshots.set(kind, s);
      }
      s.add(m);
      return ctx.snapshot(kind, id, m);
    },
  };
}

/** Whether a change touches anything the rule read. */
export function touches(reads: RuleReads, ch: ContextChanges): boolean {
  for (const ref of ch.has) if (reads.has.has(ref)) return true;
  for (const kind of ch.lists) if (reads.lists.has(kind)) return true;
  for (const [kind, metrics] of ch.snapshots) {
    const read = reads.snapshots.get(kind);
    if (read) for (const m of metrics) if (read.has(m)) return true;
  }
  for (const [kind, byMetric] of ch.days) {
    const read = reads.days.get(kind);
    if (!read) continue;
    for (const [m, dates] of byMetric) {
      const span = read.get(m);
      if (!span) continue;
      for (const d of dates) if (d >= span[0] && d <= span[1]) return true;
    }
  }
  return false;
}

interface RuleResult {
  reads: RuleReads;
  drafts: FindingDraft[];
}

/** A shop's context with each rule's last findings and reads. */
export interface RulesState {
  store: ContextStore;
  rules: readonly Rule[];
  overrides: Record<string, Record<string, number>>;
  results: Map<string, RuleResult>;
}

function evaluateOne(rule: Rule, ctx: RuleContext, overrides: Record<string, Record<string, number>>): RuleResult {
  const reads = newReads();
  const drafts = evaluateRuleWithPersistence(rule, tracedContext(ctx, reads), overrides);
  return { reads, drafts };
}

export function draftsOf(state: RulesState): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const rule of state.rules) for (const d of state.results.get(rule.meta.id)?.drafts ?? []) out.push(d);
  return out;
}

/** Full run: every rule, with its reads recorded. Same findings as evaluateWithPersistence. */
export function evaluateFull(store: ContextStore, rules: readonly Rule[], overrides: Record<string, Record<string, number>> = {}): RulesState {
  const results = new Map<string, RuleResult>();
  for (const rule of rules) results.set(rule.meta.id, evaluateOne(rule, store.ctx, overrides));
  return { store, rules, overrides, results };
}

/**
 * Apply stored facts to the state's context and re-run the rules they affect. Returns the ids of
 * the rules re-run, or null when the facts move the latest closed day (run in full instead).
 */
export function evaluateChanged(state: RulesState, facts: readonly Fact[]): { rerun: string[]; changes: ContextChanges } | null {
  const changes = state.store.apply(facts);
  if (!changes) return null;
  const rerun: string[] = [];
  for (const rule of state.rules) {
    const prev = state.results.get(rule.meta.id);
    if (prev && !touches(prev.reads, changes)) continue;
    state.results.set(rule.meta.id, evaluateOne(rule, state.store.ctx, state.overrides));
    rerun.push(rule.meta.id);
  }
  return { rerun, changes };
}
