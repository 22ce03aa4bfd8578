/**
 * CS / CNT / TEAM planted problems: built from the sandbox world over 2026-09-01…2026-11-22 in
 * the adapters' shapes (cs-cnt-team-helpers), rules run with asOf 2026-11-22.
 * - CS   A-agent-conversion-2026-11-02: 小鹿's inquiry conversion ×0.55 → cs-04 at agent 小鹿.
 * - TEAM A-agent-slow-2026-10-01: 木子 replies 2.5× slower → team-07 KPI composite bottom in
 *   October and November, and a robust-z outlier.
 * - CNT  A-content-traffic-drop-2026-11-15: live / video / image-text visitors ×0.35 → cnt-01.
 * Shop B (control) must get no fired P0/P1 from these rules.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import { RULES } from '@/lib/rules/registry';
import type { Rule } from '@/lib/rules/types';
import { addDays } from '@/lib/series/dates';
import { plantedProblems } from '../sandbox/generator/index.ts';
import { AS_OF, serviceWorldFacts } from './cs-cnt-team-helpers';
import { SHOP_A_ID, SHOP_B_ID } from './da-helpers';

const FROM = '2026-09-01';
const AREAS = ['CS', 'CNT', 'TEAM'];
const MY_RULES = RULES.filter((r) => AREAS.includes(r.meta.area)) as Rule[];
const planted = plantedProblems().filter((p) => AREAS.includes(p.area));

const run = (shop: string): FindingDraft[] => {
  const ctx = buildContext(shop, serviceWorldFacts(shop, FROM, AS_OF));
  if (!ctx) throw new Error('no context');
  return evaluateRules(MY_RULES, ctx);
};
const severe = (f: FindingDraft) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1');
const covers = (f: FindingDraft, from: string, to: string) => f.period.from <= to && f.period.to >= from;

describe('CS / CNT / TEAM planted problems', () => {
  const a = run(SHOP_A_ID);
  const b = run(SHOP_B_ID);

  it('plants at least one problem per area in shop A', () => {
    for (const area of AREAS) expect(planted.filter((p) => p.area === area && p.shopId === SHOP_A_ID).length).toBeGreaterThanOrEqual(1);
  });

  it('CS: finds 小鹿’s low inquiry conversion at the agent, in its period (cs-04)', () => {
    const p = planted.find((x) => x.kind === 'agent-low-conversion');
    const f = a.find((x) => x.ruleId === 'cs-04-agent-inquiry-conversion' && x.status === 'fired');
    expect(f?.entity.kind).toBe(p?.entity.kind);
    expect(f?.entity.id).toBe(p?.entity.id);
    expect(covers(f as FindingDraft, p?.from ?? '', p?.to ?? '')).toBe(true);
    expect(f?.detail.zh).toContain('小鹿');
    // Only the planted agent is flagged.
    expect(a.filter((x) => x.ruleId === 'cs-04-agent-inquiry-conversion' && x.status === 'fired')).toHaveLength(1);
  });

  it('TEAM: finds 木子 at the bottom of the KPI ranking two months running, and as an outlier', () => {
    const p = planted.find((x) => x.kind === 'agent-kpi-bottom');
    const kpi = a.filter((x) => x.ruleId === 'team-07-agent-kpi-score' && x.status === 'fired');
    expect(kpi.map((x) => x.entity.id)).toEqual([p?.entity.id]);
    expect(covers(kpi[0] as FindingDraft, p?.from ?? '', p?.to ?? '')).toBe(true);
    const out = a.filter((x) => x.ruleId === 'team-07-agent-outlier' && x.status === 'fired');
    expect(out.map((x) => x.entity.id)).toContain(p?.entity.id);
  });

  it('CNT: finds the content-channel visitor drop at the shop in its period (cnt-01)', () => {
    const p = planted.find((x) => x.kind === 'content-traffic-drop');
    const f = a.find((x) => x.ruleId === 'cnt-01-content-traffic');
    expect(f?.status).toBe('fired');
    expect(f?.entity).toEqual({ kind: p?.entity.kind, id: p?.entity.id });
    expect(covers(f as FindingDraft, p?.from ?? '', p?.to ?? '')).toBe(true);
    expect(b.find((x) => x.ruleId === 'cnt-01-content-traffic')?.status).toBe('ok');
  });

  it('recall and false alarms', () => {
    const found = planted.filter((p) =>
      a.some((f) => f.status === 'fired' && f.area === p.area && f.entity.id === p.entity.id && covers(f, p.from, p.to)),
    ).length;
    const falseAlarms = b.filter(severe);
    // eslint-disable-next-line no-console
    console.info(`CS/CNT/TEAM recall ${found}/${planted.length}; P0/P1 on shop B: ${falseAlarms.length}`);
    expect(found).toBe(planted.length);
    expect(falseAlarms.map((f) => `${f.ruleId} ${f.entity.id} ${f.detail.zh}`)).toEqual([]);
  });

  it('shop B stays free of P0/P1 on ordinary days (every 4th day, 2026-10-01…2026-11-22)', () => {
    const facts = serviceWorldFacts(SHOP_B_ID, FROM, AS_OF);
    const bad: string[] = [];
    for (let d = '2026-10-01'; d <= AS_OF; d = addDays(d, 4)) {
      const ctx = buildContext(
        SHOP_B_ID,
        facts.filter((f) => f.date <= d),
      );
      if (!ctx) continue;
      for (const f of evaluateRules(MY_RULES, ctx).filter(severe)) bad.push(`${d} ${f.ruleId} ${f.entity.id}`);
    }
    expect(bad).toEqual([]);
  });
});
