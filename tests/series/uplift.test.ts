import { describe, expect, it } from 'vitest';
import { addDays, type CounterfactualPoint, campaignUplift, counterfactualBaseline, dateRange, diffInDiff } from '../../lib/series';
import { daily, lcg } from './helpers';

describe('campaignUplift (§3.9)', () => {
  // Flat counterfactual of 100 (80 %: 90–110, 95 %: 80–120) over a 7-day campaign + 14 days.
  const campaign = { from: '2024-03-01', to: '2024-03-07' };
  const dates = dateRange('2024-03-01', '2024-03-21');
  const baseline: CounterfactualPoint[] = dates.map((date) => ({ date, mean: 100, lo80: 90, hi80: 110, lo95: 80, hi95: 120 }));
  // Campaign sells 150/day; the first 5 post days sell 90, then back to 100.
  const actual = dates.map((date, i) => ({ date, value: i < 7 ? 150 : i < 12 ? 90 : 100 }));

  it('computes gross, dip, net and ROI by hand', () => {
    const r = campaignUplift(actual, baseline, { campaign, margin: 0.3, cost: 50 });
    expect(r.status).toBe('ok');
    expect(r.gross).toBe(350); // 7 × 50
    expect(r.dip).toBe(50); // 5 × 10
    expect(r.net).toBe(300);
    expect(r.grossLiftPct).toBeCloseTo(0.5, 12);
    expect(r.roi).toBeCloseTo((300 * 0.3 - 50) / 50, 12); // 0.8
  });

  it('propagates the baseline interval (comonotone errors)', () => {
    // Baseline at 110: gross 280, post Σ(110 − a) = 5·20 + 9·10 = 190 → net 90.
    // Baseline at 90: gross 420, post Σ(90 − a) = −90 → dip 0 → net 420.
    const r = campaignUplift(actual, baseline, { campaign, margin: 0.3, cost: 50 });
    expect(r.interval80).toEqual({ lo: 90, hi: 420 });
    // 120: gross 210, post 5·30 + 9·20 = 330 → −120; 80: gross 490, dip 0 → 490.
    expect(r.interval95).toEqual({ lo: -120, hi: 490 });
    expect(r.roi80?.lo).toBeCloseTo((90 * 0.3 - 50) / 50, 12);
    expect(r.roi80?.hi).toBeCloseTo((420 * 0.3 - 50) / 50, 12);
  });

  it('only counts the positive part of the post-campaign sum', () => {
    const rebound = dates.map((date, i) => ({ date, value: i < 7 ? 150 : 110 }));
    expect(campaignUplift(rebound, baseline, { campaign }).dip).toBe(0);
  });

  it('is tentative with gaps and insufficient with no overlap; ROI null without cost', () => {
    const gappy = actual.map((p, i) => (i === 10 ? { ...p, value: null } : p));
    const r = campaignUplift(gappy, baseline, { campaign });
    expect(r.status).toBe('tentative');
    expect(r.coverage.postPaired).toBe(13);
    expect(r.roi).toBeNull();
    expect(campaignUplift([], baseline, { campaign })).toMatchObject({ status: 'insufficient', net: null });
    expect(campaignUplift(actual, [], { campaign }).status).toBe('insufficient');
    expect(campaignUplift(actual, baseline, { campaign: { from: 'x', to: 'y' } }).status).toBe('insufficient');
  });

  it('recovers a known +40 % lift end-to-end with a Holt-Winters counterfactual', () => {
    const rnd = lcg(9);
    const pattern = [1.1, 0.9, 0.95, 1, 1, 1.15, 0.9];
    const start = '2024-01-01';
    const n = 56 + 7 + 14;
    const base = Array.from({ length: n }, (_, t) => 1000 * (pattern[t % 7] as number) * (1 + 0.04 * (rnd() - 0.5)));
    const camp = { from: addDays(start, 56), to: addDays(start, 62) };
    const observed = base.map((v, t) => (t >= 56 && t <= 62 ? v * 1.4 : v));
    const trueLift = base.slice(56, 63).reduce((s, v) => s + 0.4 * v, 0);
    const series = daily(observed, start);
    const cf = counterfactualBaseline(series, camp);
    expect(cf.status).toBe('ok');
    expect(cf.points).toHaveLength(21);
    const r = campaignUplift(series, cf.points, { campaign: camp });
    expect(r.status).toBe('ok');
    expect(Math.abs((r.net as number) - trueLift) / trueLift).toBeLessThan(0.1);
    expect(r.interval95?.lo as number).toBeLessThanOrEqual(trueLift);
    expect(r.interval95?.hi as number).toBeGreaterThanOrEqual(trueLift);
  });

  it('counterfactualBaseline demands 28 days of pre-campaign history', () => {
    const short = daily(Array(20).fill(100));
    const cf = counterfactualBaseline(short, { from: '2024-01-21', to: '2024-01-23' });
    expect(cf.status).toBe('insufficient');
    expect(cf.points).toHaveLength(3 + 14);
  });
});

describe('diffInDiff', () => {
  it('(T_post − T_pre) − (C_post − C_pre)', () => {
    expect(diffInDiff(100, 160, 200, 220)).toBe(40);
    expect(diffInDiff(Number.NaN, 1, 1, 1)).toBeNull();
  });
});
