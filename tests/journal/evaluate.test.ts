import { describe, expect, it } from 'vitest';
import { evaluateEntry, metricDays, type SeriesGetter } from '@/lib/journal/evaluate';
import type { JournalEntry } from '@/lib/schema/journal';
import { addDays, weekday } from '@/lib/series/dates';

const A = '2026-09-10';
const WEEK = [1.0, 0.9, 0.95, 1.0, 1.1, 1.3, 1.2];

/** 70 days before A with a weekly cycle and ±3 % wiggle; from A on, the level is multiplied by `effect`. */
function planted(effect: number, opts: { level?: number; days?: number; after?: number; start?: number } = {}): Map<string, number> {
  const m = new Map<string, number>();
  const level = opts.level ?? 1000;
  const start = opts.start ?? 70;
  for (let i = -start; i < (opts.after ?? 14); i++) {
    const d = addDays(A, i);
    const wiggle = 1 + 0.03 * Math.sin(i * 1.7);
    m.set(d, level * (WEEK[weekday(d)] as number) * wiggle * (i >= 0 ? effect : 1));
  }
  return m;
}

const getter =
  (maps: Record<string, Map<string, number>>): SeriesGetter =>
  (id) =>
    maps[id];

function entry(p: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'e1',
    shopId: 's',
    date: A,
    kind: 'raiseBid',
    entity: { kind: 'keyword', id: '7001' },
    metric: 'adClicks',
    windowDays: 7,
    note: '',
    createdAt: 1,
    updatedAt: 1,
    ...p,
  };
}

const closed = addDays(A, 20);

describe('复盘 against same-weekday baselines', () => {
  it('有效: clicks up 30 % after the action', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(1.3) }), { asOf: closed });
    expect(ev.verdict).toBe('worked');
    expect(ev.label.zh).toBe('有效');
    expect(ev.basis).toBe('baseline');
    expect(ev.adjustedChangePct).toBeGreaterThan(0.25);
    expect(ev.adjustedChangePct).toBeLessThan(0.35);
    expect(ev.changePct).toBeGreaterThan(0.25);
    expect(ev.before).toMatchObject({ from: addDays(A, -7), to: addDays(A, -1), days: 7, adjustedDays: 7 });
    expect(ev.after).toMatchObject({ from: A, to: addDays(A, 6), days: 7, adjustedDays: 7 });
    expect(ev.points).toHaveLength(14);
    expect(ev.summary.zh).toMatch(/^有效（越高越好）。点击量：前 7 天均值/);
  });

  it('无效: the same level after the action', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(1) }), { asOf: closed });
    expect(ev.verdict).toBe('noEffect');
    expect(Math.abs(ev.adjustedChangePct ?? 1)).toBeLessThan(0.05);
  });

  it('无效: a 4 % rise is below the minimum effect even when steady', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(1.04) }), { asOf: closed });
    expect(ev.verdict).toBe('noEffect');
  });

  it('变差: clicks down 30 %', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(0.7) }), { asOf: closed });
    expect(ev.verdict).toBe('worse');
    expect(ev.adjustedChangePct).toBeLessThan(-0.25);
  });

  it('cost metrics: lower spend is 有效, higher 变差', () => {
    const down = evaluateEntry(entry({ kind: 'lowerBid', metric: 'adCpc' }), getter({ adCpc: planted(0.7, { level: 1.5 }) }), { asOf: closed });
    expect(down.better).toBe('down');
    expect(down.verdict).toBe('worked');
    const up = evaluateEntry(entry({ kind: 'pauseAds', metric: 'adSpend' }), getter({ adSpend: planted(1.4) }), { asOf: closed });
    expect(up.better).toBe('down');
    expect(up.verdict).toBe('worse');
  });

  it('数据不足: only 2 days captured after the action', () => {
    const m = planted(1.3, { after: 2 });
    const ev = evaluateEntry(entry(), getter({ adClicks: m }), { asOf: closed });
    expect(ev.verdict).toBe('insufficient');
    expect(ev.after.days).toBe(2);
    expect(ev.summary.zh).toContain('数据不足');
    expect(ev.summary.zh).toContain('后 2 天');
  });

  it('数据不足: metric never captured for the entity', () => {
    const ev = evaluateEntry(entry(), getter({}), { asOf: closed });
    expect(ev.verdict).toBe('insufficient');
    expect(ev.before.mean).toBeNull();
  });

  it('观察中: window not over, with the days left', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(1.3) }), { asOf: addDays(A, 3) });
    expect(ev.verdict).toBe('pending');
    expect(ev.daysLeft).toBe(3);
    expect(ev.after.days).toBe(4);
    expect(ev.summary.zh).toBe(`观察中：还需 3 天（观察期到 ${addDays(A, 6)}）。`);
    const none = evaluateEntry(entry(), getter({ adClicks: planted(1.3) }), { asOf: null });
    expect(none.verdict).toBe('pending');
  });

  it('no history before the window: judged on the raw windows', () => {
    const ev = evaluateEntry(entry(), getter({ adClicks: planted(1.3, { start: 7 }) }), { asOf: closed });
    expect(ev.basis).toBe('raw');
    expect(ev.adjustedChangePct).toBeNull();
    expect(ev.verdict).toBe('worked');
  });

  it('a sale day (大促) inside the baseline weeks does not set the level', () => {
    // 10-14 … 11-14 is 双11: an action on 11-20 after a huge 双11 must still read as no effect.
    const m = new Map<string, number>();
    const B = '2026-11-20';
    for (let i = -70; i < 14; i++) {
      const d = addDays(B, i);
      const promo = d >= '2026-10-14' && d <= '2026-11-14';
      m.set(d, 1000 * (WEEK[weekday(d)] as number) * (1 + 0.03 * Math.sin(i * 1.7)) * (promo ? 3 : 1));
    }
    const ev = evaluateEntry(entry({ date: B }), getter({ adClicks: m }), { asOf: addDays(B, 20) });
    expect(ev.verdict).toBe('noEffect');
    // 11-13 and 11-14 (the last 双11 days) fall in the 7 days before: named as a confounder.
    expect(ev.confounders.promos).toEqual([{ name: { zh: '双11', en: 'Double 11' }, days: 2 }]);
  });

  it('confounders: other actions on the same entity in the window, and a 大促 in it', () => {
    const B = '2026-10-10';
    const other = entry({ id: 'e2', date: '2026-10-12', kind: 'raiseBudget' });
    const elsewhere = entry({ id: 'e3', date: '2026-10-12', entity: { kind: 'keyword', id: '9999' } });
    const late = entry({ id: 'e4', date: '2026-10-30' });
    const ev = evaluateEntry(entry({ date: B }), getter({ adClicks: planted(1) }), { asOf: '2026-11-30', journal: [other, elsewhere, late] });
    expect(ev.confounders.actions).toEqual([{ id: 'e2', kind: 'raiseBudget', label: { zh: '提高预算', en: 'Raise budget' }, date: '2026-10-12' }]);
    expect(ev.confounders.promos).toEqual([{ name: { zh: '双11', en: 'Double 11' }, days: 3 }]);
  });

  it('rates are derived from their parts where the rate itself is missing', () => {
    const buyers = new Map([
      ['2026-09-01', 10],
      ['2026-09-02', 0],
    ]);
    const uv = new Map([
      ['2026-09-01', 200],
      ['2026-09-02', 0],
    ]);
    const rate = new Map([['2026-09-03', 0.07]]);
    const m = metricDays(getter({ payByrCnt: buyers, uv, payRate: rate }), 'payRate');
    expect([...m.entries()].sort()).toEqual([
      ['2026-09-01', 0.05],
      ['2026-09-03', 0.07],
    ]);
  });
});
