import { describe, expect, it } from 'vitest';
import cnt01Gmv from '@/lib/rules/cnt/cnt-01-content-gmv-share';
import cnt01Traffic from '@/lib/rules/cnt/cnt-01-content-traffic';
import cnt02 from '@/lib/rules/cnt/cnt-02-video-ctr';
import cnt03 from '@/lib/rules/cnt/cnt-03-completion-rate';
import cnt04 from '@/lib/rules/cnt/cnt-04-publishing-cadence';
import cnt05 from '@/lib/rules/cnt/cnt-05-content-conversion';
import cnt06 from '@/lib/rules/cnt/cnt-06-item-ctr';
import cnt08 from '@/lib/rules/cnt/cnt-08-live-uv-value';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import type { Rule, RuleContext } from '@/lib/rules/types';
import { contentFacts, day, fact, type PieceSpec, svcContext, wob } from './cs-cnt-team-helpers';

const run = (rule: Rule, ctx: RuleContext): FindingDraft[] => evaluateRules([rule], ctx);
const status = (fs: FindingDraft[]) => (fs.some((f) => f.status === 'fired') ? 'fired' : (fs[0]?.status ?? 'none'));
const sev = (fs: FindingDraft[]) => fs.find((f) => f.status === 'fired')?.severity;
type Case = [name: string, ctx: () => RuleContext, status: string, severity?: string];
const table = (rule: Rule, cases: Case[]) =>
  it.each(cases)('%s', (_n, mk, st, sv) => {
    const fs = run(rule, mk());
    expect(status(fs)).toBe(st);
    if (sv) expect(sev(fs)).toBe(sv);
  });

const pieces = (n: number, o: Partial<PieceSpec> = {}, odd?: Partial<PieceSpec>): PieceSpec[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(1000 + i), ...o, ...(i === 0 ? (odd ?? {}) : {}) }));
const withContent = (ps: PieceSpec[], days = 40) => svcContext({ extra: contentFacts(ps, days) });

describe('cnt-01-content-gmv-share', () => {
  // Shop pays ¥20,000 a day; 8 pieces × ¥100 = 4 %.
  table(cnt01Gmv as Rule, [
    ['4 % → ok', () => withContent(pieces(8, { amount: 100 })), 'ok'],
    ['1 % with no new pieces → P3', () => withContent(pieces(8, { amount: 25 }), 70), 'fired', 'P3'],
    [
      'halved vs the month before → P2',
      () =>
        svcContext({
          extra: pieces(8).flatMap((p) =>
            contentFacts([{ ...p, amount: 100 }], 70).map((f) => (f.date > day(30) ? { ...f, values: { ...f.values, contentSeedPayAmt: 50 } } : f)),
          ),
        }),
      'fired',
      'P2',
    ],
    ['a week of content → insufficient', () => withContent(pieces(8, { amount: 10 }), 7), 'insufficient'],
    ['no content → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cnt-01-content-traffic', () => {
  const ch = (k: (i: number) => number) => (i: number) => ({
    liveRoomUv: Math.round(240 * k(i) * wob(i, 4)),
    shortVideoUv: Math.round(120 * k(i)),
    imageUv: Math.round(48 * k(i)),
  });
  table(cnt01Traffic as Rule, [
    ['steady → ok', () => svcContext({ shop: ch(() => 1) }), 'ok'],
    ['content visitors ×0.35 this week → P2', () => svcContext({ shop: ch((i) => (i < 7 ? 0.35 : 1)) }), 'fired', 'P2'],
    ['−15 % → ok (below the threshold)', () => svcContext({ shop: ch((i) => (i < 7 ? 0.85 : 1)) }), 'ok'],
    ['ten days of data → insufficient', () => svcContext({ days: 10, shop: ch(() => 1) }), 'insufficient'],
    ['tiny channels → insufficient', () => svcContext({ shop: () => ({ liveRoomUv: 1, shortVideoUv: 0, imageUv: 0 }) }), 'insufficient'],
    ['no channel metrics → not applicable', () => svcContext(), 'not-applicable'],
  ]);
  it('is not judged on a 大促 day', () => {
    const fs = run(cnt01Traffic as Rule, svcContext({ asOf: '2026-11-11', shop: ch(() => 1) }));
    expect(fs[0]?.status).toBe('insufficient');
  });
});

describe('cnt-02-video-ctr', () => {
  table(cnt02 as Rule, [
    ['even click-through → ok', () => withContent(pieces(5, { expose: 1000, views: 100 })), 'ok'],
    ['one cover at 3 % vs 10 % → P3', () => withContent(pieces(5, { expose: 1000, views: 100 }, { views: 30 })), 'fired', 'P3'],
    ['reach under 1,000 in 14 days → insufficient', () => withContent(pieces(5, { expose: 50, views: 5 })), 'insufficient'],
    ['no reach captured → not applicable', () => withContent(pieces(5)), 'not-applicable'],
  ]);
});

describe('cnt-03-completion-rate', () => {
  table(cnt03 as Rule, [
    ['even completion → ok', () => withContent(pieces(6, { plays: 80, finish: 0.25 })), 'ok'],
    ['one video at 5 % → P3', () => withContent(pieces(6, { plays: 80, finish: 0.25 }, { finish: 0.05 })), 'fired', 'P3'],
    ['two videos only, one at 10 % → fallback 15 % → P3', () => withContent(pieces(2, { plays: 80, finish: 0.25 }, { finish: 0.1 })), 'fired', 'P3'],
    ['20 plays a day → insufficient', () => withContent(pieces(6, { plays: 20 })), 'insufficient'],
    [
      'no completion → not applicable',
      () => svcContext({ extra: contentFacts(pieces(3)).map((f) => ({ ...f, values: { contentViewUv: f.values.contentViewUv ?? 0 } })) }),
      'not-applicable',
    ],
  ]);
});

describe('cnt-04-publishing-cadence', () => {
  table(cnt04 as Rule, [
    ['3 new pieces this week → ok', () => withContent([...pieces(5), { id: '2001', since: 2 }, { id: '2002', since: 4 }, { id: '2003', since: 6 }]), 'ok'],
    ['nothing new for 14 days → P2', () => withContent(pieces(5)), 'fired', 'P2'],
    ['one new piece this week → P3', () => withContent([...pieces(5), { id: '2001', since: 3 }]), 'fired', 'P3'],
    ['ten days of capture → insufficient', () => withContent(pieces(5), 10), 'insufficient'],
    ['no content → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cnt-05-content-conversion', () => {
  // Shop converts 2 % (160 / 8,000); pieces send 30 clicks a day (420 in 14 days).
  table(cnt05 as Rule, [
    ['3 % of clicks buy → ok', () => withContent(pieces(3, { clicks: 30, buyers: 1 })), 'ok'],
    ['nobody buys from 420 clicks → P2', () => withContent(pieces(3, { clicks: 30, buyers: 1 }, { buyers: 0 })), 'fired', 'P2'],
    ['12 clicks a day → insufficient', () => withContent(pieces(3, { clicks: 12, buyers: 0 })), 'insufficient'],
    [
      'no buyers metric → not applicable',
      () => svcContext({ extra: contentFacts(pieces(3)).map((f) => ({ ...f, values: { contentItemClickUv: 30 } })) }),
      'not-applicable',
    ],
  ]);
});

describe('cnt-06-item-ctr', () => {
  table(cnt06 as Rule, [
    ['even → ok', () => withContent(pieces(5, { views: 100, clicks: 12 })), 'ok'],
    ['one piece at 3 % vs 12 % → P3', () => withContent(pieces(5, { views: 100, clicks: 12 }, { clicks: 3 })), 'fired', 'P3'],
    ['20 viewers a day → insufficient', () => withContent(pieces(5, { views: 20, clicks: 2 })), 'insufficient'],
    [
      'no clicks metric → not applicable',
      () => svcContext({ extra: contentFacts(pieces(3)).map((f) => ({ ...f, values: { contentViewUv: 100 } })) }),
      'not-applicable',
    ],
  ]);
});

describe('cnt-08-live-uv-value', () => {
  // Shop: ¥20,000 / 8,000 visitors = ¥2.50 per visitor.
  const live = (payPerUv: number, uv = 300) =>
    Array.from({ length: 10 }, (_, i) =>
      fact('source', '23.s2594', day(i), { uv, payAmt: uv * payPerUv }, '手淘淘宝直播', { device: '0', level: '2', parent: '23' }),
    );
  table(cnt08 as Rule, [
    ['¥2.4 per live visitor → ok', () => svcContext({ extra: live(2.4) }), 'ok'],
    ['¥0.8 per live visitor for 3 days → P3', () => svcContext({ extra: live(0.8) }), 'fired', 'P3'],
    ['30 live visitors a day → insufficient', () => svcContext({ extra: live(0.5, 30) }), 'insufficient'],
    [
      'no live source → not applicable',
      () => svcContext({ extra: [fact('source', '23.s1150', day(0), { uv: 100, payAmt: 10 }, '手淘搜索')] }),
      'not-applicable',
    ],
  ]);
});
