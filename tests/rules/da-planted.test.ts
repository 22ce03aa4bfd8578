/**
 * DA planted problems: shop A (106033221) loses ~38 % of its visitors on 2026-11-16…22, from
 * 手淘搜索 (23.s1150) and 手淘推荐 (23.s1152). Facts are built from the sandbox world over
 * 2026-09-01…2026-11-22 in the adapters' shapes; the DA rules run with asOf 2026-11-22.
 * Shop B (control) must get no P0/P1 from DA rules on any ordinary day (大促 windows excluded).
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import { RULES } from '@/lib/rules/registry';
import { isPromoDay } from '@/lib/rules/shared/promo-calendar';
import type { Rule } from '@/lib/rules/types';
import { addDays } from '@/lib/series/dates';
import { plantedProblems } from '../sandbox/generator/index.ts';
import { SHOP_A_ID, SHOP_B_ID, worldFacts } from './da-helpers';

const FROM = '2026-09-01';
const AS_OF = '2026-11-22';
const DA_RULES = RULES.filter((r) => r.meta.area === 'DA') as Rule[];
const planted = plantedProblems().filter((p) => p.area === 'DA');

const factsA = worldFacts(SHOP_A_ID, FROM, AS_OF);
const factsB = worldFacts(SHOP_B_ID, FROM, AS_OF);
const runAt = (shop: string, facts: ReturnType<typeof worldFacts>, date: string): FindingDraft[] => {
  const ctx = buildContext(
    shop,
    facts.filter((f) => f.date <= date),
  );
  if (!ctx) throw new Error('no context');
  return evaluateRules(DA_RULES, ctx);
};
const severe = (f: FindingDraft) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1');

describe('DA planted problems', () => {
  const a = runAt(SHOP_A_ID, factsA, AS_OF);

  it('has a DA planted problem in shop A', () => {
    expect(planted.length).toBeGreaterThanOrEqual(1);
    expect(planted.every((p) => p.shopId === SHOP_A_ID)).toBe(true);
  });

  it('finds the traffic drop at the shop, over its period, and names 手淘搜索 and 手淘推荐 with their shares', () => {
    const p = planted.find((x) => x.kind === 'traffic-drop');
    expect(p).toBeDefined();
    const f = a.find((x) => x.ruleId === 'da-03-traffic-by-channel');
    expect(f?.status).toBe('fired');
    expect(f?.severity).toBe('P1');
    expect(f?.entity).toEqual({ kind: p?.entity.kind, id: p?.entity.id });
    expect(f?.period).toEqual({ from: p?.from, to: p?.to });
    expect(f?.detail.zh).toMatch(/手淘搜索 -\d+（-\d+\.\d%，解释 \d+%）/);
    expect(f?.detail.zh).toMatch(/手淘推荐 -\d+（-\d+\.\d%，解释 \d+%）/);
    const shares = Object.fromEntries((f?.evidence ?? []).filter((e) => e.label.zh.endsWith('解释占比')).map((e) => [e.label.zh.split(' ')[0], e.value]));
    expect(Object.keys(shares).sort()).toEqual(['手淘推荐', '手淘搜索']);
    expect((shares.手淘搜索 ?? 0) + (shares.手淘推荐 ?? 0)).toBeGreaterThan(0.9);
    expect(shares.手淘搜索 ?? 0).toBeGreaterThan(shares.手淘推荐 ?? 0);
  });

  it('explains the payment drop by visitors and links it to the search and recommendation losses (DA-02), and calls it the shop’s own problem (DA-08)', () => {
    const d2 = a.find((x) => x.ruleId === 'da-02-gmv-decomposition');
    expect(d2?.status).toBe('fired');
    expect(d2?.detail.zh).toContain('主要伴随因子是访客数');
    expect(d2?.detail.zh).toContain('搜索流量下降（手淘搜索）');
    expect(d2?.detail.zh).toContain('推荐流量下降（手淘推荐）');
    const d8 = a.find((x) => x.ruleId === 'da-08-own-vs-market');
    expect(d8?.status).toBe('fired');
    expect(d8?.detail.zh).toContain('自身的问题');
  });

  it('raises no P0/P1 on shop B on any ordinary day, and none on shop A before the planted week', () => {
    const alarms: string[] = [];
    const daysB: string[] = [];
    for (let d = '2026-09-08'; d <= AS_OF; d = addDays(d, 1)) if (!isPromoDay(d)) daysB.push(d);
    for (const d of daysB) for (const f of runAt(SHOP_B_ID, factsB, d).filter(severe)) alarms.push(`B ${d} ${f.ruleId} ${f.severity}`);
    const falseA: string[] = [];
    for (const d of daysB.filter((x) => x < '2026-11-16'))
      for (const f of runAt(SHOP_A_ID, factsA, d).filter(severe)) falseA.push(`A ${d} ${f.ruleId} ${f.severity}`);
    const recall = planted.filter((p) =>
      a.some((f) => f.status === 'fired' && f.entity.id === p.entity.id && f.period.from <= p.from && f.period.to >= p.to),
    ).length;
    console.info(
      `DA recall ${recall}/${planted.length}; false alarms (P0/P1) on B: ${alarms.length} over ${daysB.length} ordinary days; on A before the planted week: ${falseA.length}`,
    );
    expect(recall).toBe(planted.length);
    expect(alarms).toEqual([]);
    expect(falseA).toEqual([]);
  });
});
