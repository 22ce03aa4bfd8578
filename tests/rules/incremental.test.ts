/**
 * The incremental rule run gives the full run's findings: a sandbox shop with every fact family
 * (tests/rules/world-facts.ts) is evaluated in full, then captures are applied one after another
 * (a 万相台 keyword report, a late correction of item days, a stock snapshot, a new keyword, a
 * report under another attribution window) and after each the incremental result is compared,
 * finding for finding, with a full run over the database state it stands for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeFact } from '@/lib/db/writes';
import { buildContext, createContextStore } from '@/lib/rules/context';
import { draftsOf, evaluateChanged, evaluateFull, type RulesState } from '@/lib/rules/incremental';
import { evaluateWithPersistence } from '@/lib/rules/noise';
import { RULES } from '@/lib/rules/registry';
import type { Fact } from '@/lib/schema/fact';
import { addDays } from '@/lib/series/dates';
import { SHOP_A_ID } from './da-helpers';
import { fullWorldFacts, keywordReport, mkWorldFact } from './world-facts';

const FROM = '2026-07-15';
const AS_OF = '2026-11-22';
const TODAY = '2026-11-23';

/** The database: facts by id, read back in index order (date, then id). */
class FakeStore {
  byId = new Map<string, Fact>();
  constructor(facts: readonly Fact[]) {
    for (const f of facts) this.byId.set(f.id, f);
  }
  /** recordCapture's merge: returns the facts actually written. */
  write(incoming: readonly Fact[], at: number): Fact[] {
    const out: Fact[] = [];
    for (const f of incoming) {
      const m = mergeFact(this.byId.get(f.id), f, at);
      if (m) {
        this.byId.set(f.id, m);
        out.push(m);
      }
    }
    return out;
  }
  facts(): Fact[] {
    return [...this.byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

const fullRun = (db: FakeStore) => {
  const ctx = buildContext(SHOP_A_ID, db.facts());
  if (!ctx) throw new Error('no context');
  return evaluateWithPersistence(RULES, ctx);
};

describe('incremental rule run', { timeout: 120_000 }, () => {
  let db: FakeStore;
  let state: RulesState;
  let at = 10;

  beforeAll(() => {
    db = new FakeStore(fullWorldFacts(SHOP_A_ID, FROM, AS_OF, TODAY));
    const store = createContextStore(SHOP_A_ID, db.facts());
    if (!store) throw new Error('no context');
    state = evaluateFull(store, RULES);
  }, 120_000);

  const capture = (facts: Fact[]) => {
    at++;
    const written = db.write(facts, at);
    const r = evaluateChanged(state, written);
    return { written, r };
  };

  it('starts equal to the full run', () => {
    expect(draftsOf(state)).toEqual(fullRun(db));
  });

  it('a keyword report re-runs only the rules that read keyword days of its date, with the full run’s findings', () => {
    const report = (date: string) =>
      keywordReport(SHOP_A_ID, date, 15, at + 1).map((f, i) =>
        i % 3 === 0 ? { ...f, values: { ...f.values, adSpend: (f.values.adSpend ?? 0) * 3 + 50, adOrders: 0, adGmv: 0 } } : f,
      );
    // The latest day: ADS-03 reads it; ADS-01's window ends at T-2 (attribution), so it keeps its findings.
    const latest = capture(report(AS_OF));
    expect(latest.written.length).toBeGreaterThan(0);
    expect(latest.r?.rerun).toContain('ads-03-low-ctr');
    expect(latest.r?.rerun).not.toContain('ads-01-zero-conversion');
    expect(draftsOf(state)).toEqual(fullRun(db));
    const older = capture(report(addDays(AS_OF, -4)));
    expect(older.r?.rerun).toContain('ads-01-zero-conversion');
    expect(older.r?.rerun).not.toContain('da-01-visitors');
    expect(older.r?.rerun).not.toContain('sel-02-cart-no-pay');
    expect(older.r?.rerun.length).toBeLessThan(RULES.length / 2);
    expect(draftsOf(state)).toEqual(fullRun(db));
  });

  it('a late correction of item days (one item loses its visitors three days back)', () => {
    const date = addDays(AS_OF, -3);
    const items = db.facts().filter((f) => f.entityKind === 'item' && f.grain === 'day' && f.date === date);
    expect(items.length).toBeGreaterThan(3);
    const { written, r } = capture(items.slice(0, 3).map((f) => ({ ...f, values: { ...f.values, uv: 1, payByrCnt: 0, payAmt: 0 }, capturedAt: at + 1 })));
    expect(written.length).toBe(3);
    expect(r?.rerun).toContain('sel-02-cart-no-pay');
    expect(r?.rerun).not.toContain('ads-01-zero-conversion');
    expect(draftsOf(state)).toEqual(fullRun(db));
  });

  it('a SKU stock snapshot (the best seller sold out) and a new keyword', () => {
    const skus = db.facts().filter((f) => f.entityKind === 'sku' && f.grain === 'snapshot');
    expect(skus.length).toBeGreaterThan(0);
    const stockOut = skus.slice(0, 5).map((f) => ({ ...f, values: { ...f.values, currentStockCnt: 0 }, capturedAt: at + 1 }));
    const { r } = capture(stockOut);
    expect(r?.rerun).toContain('sc-02-hot-item-out-of-stock');
    expect(draftsOf(state)).toEqual(fullRun(db));
    const fresh = [0, 1, 2].map((k) =>
      mkWorldFact(
        SHOP_A_ID,
        'keyword',
        `new-kw-${k}`,
        addDays(AS_OF, -k - 2),
        { adSpend: 400, adClicks: 200, adImpressions: 5000, adOrders: 0, adGmv: 0 },
        { attr: '15', unify: 'zhai' },
        'day',
        `新词${k}`,
        at + 1,
      ),
    );
    const second = capture(fresh);
    expect(second.r?.changes.lists.has('keyword')).toBe(true);
    expect(draftsOf(state)).toEqual(fullRun(db));
  });

  it('a report under another attribution window changes nothing the rules read', () => {
    const report = keywordReport(SHOP_A_ID, AS_OF, 3, at + 1).map((f) => ({ ...f, values: { ...f.values, adSpend: (f.values.adSpend ?? 0) + 1 } }));
    const { written, r } = capture(report);
    expect(written.length).toBeGreaterThan(0);
    expect(r?.rerun).toEqual([]);
    expect(draftsOf(state)).toEqual(fullRun(db));
  });

  it('a new closed day asks for a full run', () => {
    const next = mkWorldFact(SHOP_A_ID, 'shop', SHOP_A_ID, TODAY, { uv: 100, payAmt: 1000, payByrCnt: 10 }, { device: '0' }, 'day', undefined, at + 1);
    expect(capture([next]).r).toBeNull();
  });
});
