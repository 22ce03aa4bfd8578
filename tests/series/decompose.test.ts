import { describe, expect, it } from 'vitest';
import { decomposeGmv, shiftShare } from '../../lib/series';

describe('GMV log decomposition (DA-02)', () => {
  it('splits ln(G1/G0) into visitors, conversion and order value, summing exactly', () => {
    // 1000·0.02·150 = 3000 → 850·0.019·160 = 2584.
    const r = decomposeGmv({ visitors: 1000, conversion: 0.02, orderValue: 150 }, { visitors: 850, conversion: 0.019, orderValue: 160 });
    expect(r.logRatios?.visitors).toBeCloseTo(Math.log(0.85), 12);
    expect(r.logRatios?.conversion).toBeCloseTo(Math.log(0.95), 12);
    expect(r.logRatios?.orderValue).toBeCloseTo(Math.log(16 / 15), 12);
    expect(r.totalLogRatio).toBeCloseTo(Math.log(2584 / 3000), 12);
    const c = r.contributions;
    expect(c?.visitors).toBeCloseTo(1.0887311462515448, 10);
    expect(c?.conversion).toBeCloseTo(0.3436190932720883, 10);
    expect(c?.orderValue).toBeCloseTo(-0.4323502395236329, 10);
    expect((c?.visitors ?? 0) + (c?.conversion ?? 0) + (c?.orderValue ?? 0)).toBeCloseTo(1, 14);
    const a = r.amounts;
    expect((a?.visitors ?? 0) + (a?.conversion ?? 0) + (a?.orderValue ?? 0)).toBeCloseTo(2584 - 3000, 9);
    expect(r.gmvChangePct).toBeCloseTo(2584 / 3000 - 1, 12);
    expect(r.dominant).toBe('visitors');
  });

  it('leaves contributions undefined when GMV is unchanged but still names the biggest mover', () => {
    // ×2 visitors, ×0.8 conversion, ×0.625 order value → GMV unchanged.
    const r = decomposeGmv({ visitors: 1000, conversion: 0.02, orderValue: 100 }, { visitors: 2000, conversion: 0.016, orderValue: 62.5 });
    expect(r.contributions).toBeNull();
    expect(r.status).toBe('ok');
    expect(r.gmvChangePct).toBeCloseTo(0, 12);
    expect(r.dominant).toBe('visitors');
  });

  it('is insufficient on zeros or non-finite input', () => {
    expect(decomposeGmv({ visitors: 0, conversion: 0.02, orderValue: 100 }, { visitors: 10, conversion: 0.02, orderValue: 100 }).status).toBe('insufficient');
    expect(
      decomposeGmv({ visitors: 10, conversion: Number.NaN, orderValue: 100 }, { visitors: 10, conversion: 0.02, orderValue: 100 }).contributions,
    ).toBeNull();
  });
});

describe('shift-share of conversion (DA-04)', () => {
  it('attributes a pure mix shift to structure', () => {
    const r = shiftShare(
      [
        { channel: '搜索', visitors: 600, buyers: 18 },
        { channel: '推荐', visitors: 400, buyers: 4 },
      ],
      [
        { channel: '搜索', visitors: 400, buyers: 12 },
        { channel: '推荐', visitors: 600, buyers: 6 },
      ],
    );
    expect(r.convBefore).toBeCloseTo(0.022, 12);
    expect(r.convAfter).toBeCloseTo(0.018, 12);
    expect(r.structure).toBeCloseTo(-0.004, 12); // (0.4−0.6)·0.03 + (0.6−0.4)·0.01
    expect(r.within).toBeCloseTo(0, 12);
    expect(r.dominant).toBe('structure');
  });

  it('sums exactly to ΔC with within-channel changes and new / vanished channels', () => {
    const before = [
      { channel: '搜索', visitors: 500, buyers: 20 },
      { channel: '推荐', visitors: 300, buyers: 3 },
      { channel: '直播', visitors: 200, buyers: 6 },
    ];
    const after = [
      { channel: '搜索', visitors: 500, buyers: 10 },
      { channel: '推荐', visitors: 400, buyers: 4 },
      { channel: '付费', visitors: 100, buyers: 5 },
    ];
    const r = shiftShare(before, after);
    expect(r.convBefore).toBeCloseTo(29 / 1000, 12);
    expect(r.convAfter).toBeCloseTo(19 / 1000, 12);
    expect((r.structure ?? 0) + (r.within ?? 0)).toBeCloseTo(r.delta ?? 1, 15);
    expect(r.delta).toBeCloseTo(-0.01, 12);
    // Within: only 搜索 changed its rate: w′·(c′ − c) = 0.5·(0.02 − 0.04) = −0.01.
    expect(r.within).toBeCloseTo(-0.01, 12);
    expect(r.dominant).toBe('within');
    const paid = r.channels.find((c) => c.channel === '付费');
    expect(paid?.structure).toBeCloseTo(0.1 * 0.05, 12);
    expect(paid?.convBefore).toBeNull();
  });

  it('is insufficient without visitors', () => {
    expect(shiftShare([], []).status).toBe('insufficient');
    expect(shiftShare([{ channel: 'a', visitors: 0, buyers: 0 }], [{ channel: 'a', visitors: 10, buyers: 1 }]).status).toBe('insufficient');
  });
});
