/**
 * Window sums (`ctx.sums`) after an in-place update: a window holding the changed date is
 * summed again, one that does not keep its map; either way the numbers are those of a context
 * built from scratch, and those of `ctx.sum` per metric (dates held by several rows included).
 */
import { describe, expect, it } from 'vitest';
import { createContextStore } from '@/lib/rules/context';
import type { RuleContext } from '@/lib/rules/types';
import type { Fact } from '@/lib/schema/fact';
import { addDays, dateRange } from '@/lib/series/dates';
import { mkWorldFact } from './world-facts';

const SHOP = 's-sums';
const AS_OF = '2026-11-20';
const FIRST = addDays(AS_OF, -19);
const M = ['adSpend', 'adClicks', 'adOrders'];

function world(): Fact[] {
  const out: Fact[] = [];
  dateRange(FIRST, AS_OF).forEach((d, i) => {
    out.push(mkWorldFact(SHOP, 'shop', SHOP, d, { payAmt: 1000 + i }, { device: '0' }));
    // kw1 has no row two days back (a date a later capture adds).
    if (i !== 17) out.push(mkWorldFact(SHOP, 'keyword', 'kw1', d, { adSpend: 10.1 + i * 0.37, adClicks: 20 + i }, { attr: '15' }));
    // kw2: two rows on odd days (all devices and 无线, both in the default view), orders on some.
    out.push(mkWorldFact(SHOP, 'keyword', 'kw2', d, { adSpend: 5.3 * (i + 1), ...(i % 3 ? {} : { adOrders: 1 }) }, { attr: '15' }));
    if (i % 2) out.push(mkWorldFact(SHOP, 'keyword', 'kw2', d, { adSpend: 7.7 + i, adClicks: 3 }, { attr: '15', device: '0' }));
  });
  return out;
}

const plain = (m: ReadonlyMap<string, readonly { sum: number; days: number }[]>) =>
  Object.fromEntries([...m].map(([id, r]) => [id, r.map((x) => [x.sum, x.days])]));

function expectSameAsSum(ctx: RuleContext, from: string, to: string) {
  for (const [id, r] of ctx.sums('keyword', M, from, to)) {
    M.forEach((m, k) => {
      const one = ctx.sum('keyword', id, m, from, to);
      expect([r[k]?.sum, r[k]?.days]).toEqual([one.sum, one.days]);
    });
  }
}

describe('window sums after a capture', () => {
  it('refresh only the windows holding the changed date, and equal a fresh context', () => {
    const facts = world();
    const store = createContextStore(SHOP, facts);
    if (!store) throw new Error('no context');
    const early = [FIRST, addDays(FIRST, 4)] as const;
    const late = [addDays(AS_OF, -9), AS_OF] as const;
    const earlyMap = store.ctx.sums('keyword', M, ...early);
    const lateMap = store.ctx.sums('keyword', M, ...late);
    expectSameAsSum(store.ctx, ...early);
    expectSameAsSum(store.ctx, ...late);

    const date = addDays(AS_OF, -3);
    const old = facts.find((f) => f.entityKind === 'keyword' && f.entityId === 'kw1' && f.date === date);
    if (!old) throw new Error('no fact');
    const updated = { ...old, values: { ...old.values, adSpend: 999.99, adOrders: 2 }, updatedAt: 5 };
    const ch = store.apply([updated]);
    expect(ch?.days.get('keyword')?.get('adSpend')).toEqual(new Set([date]));

    expect(store.ctx.sums('keyword', M, ...early)).toBe(earlyMap);
    const lateAfter = store.ctx.sums('keyword', M, ...late);
    expect(lateAfter).not.toBe(lateMap);
    expect(lateAfter.get('kw1')?.[0]?.sum).not.toBe(lateMap.get('kw1')?.[0]?.sum);
    expect(lateAfter.get('kw1')?.[2]).toEqual({ sum: 2, days: 1 });

    const fresh = createContextStore(SHOP, facts.map((f) => (f.id === updated.id ? updated : f)));
    if (!fresh) throw new Error('no context');
    expect(plain(store.ctx.sums('keyword', M, ...early))).toEqual(plain(fresh.ctx.sums('keyword', M, ...early)));
    expect(plain(lateAfter)).toEqual(plain(fresh.ctx.sums('keyword', M, ...late)));
    expectSameAsSum(store.ctx, ...late);
    expectSameAsSum(fresh.ctx, FIRST, AS_OF);

    // Then a date kw1 had no row on, and a second row on a date of kw2 that had one.
    const added = [
      mkWorldFact(SHOP, 'keyword', 'kw1', addDays(AS_OF, -2), { adSpend: 3.3, adClicks: 4 }, { attr: '15' }),
      mkWorldFact(SHOP, 'keyword', 'kw2', addDays(AS_OF, -4), { adSpend: 1.25, adClicks: 9 }, { attr: '15', device: '0' }),
    ];
    expect(store.apply(added)).not.toBeNull();
    const fresh2 = createContextStore(SHOP, [...facts.map((f) => (f.id === updated.id ? updated : f)), ...added]);
    if (!fresh2) throw new Error('no context');
    const late2 = plain(store.ctx.sums('keyword', M, ...late));
    expect(late2).not.toEqual(plain(lateAfter));
    expect(late2).toEqual(plain(fresh2.ctx.sums('keyword', M, ...late)));
    expectSameAsSum(store.ctx, ...late);
  });
});
