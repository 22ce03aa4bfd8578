import { describe, expect, it } from 'vitest';
import cs01 from '@/lib/rules/cs/cs-01-manual-response-3min';
import cs02 from '@/lib/rules/cs/cs-02-response-time';
import cs03 from '@/lib/rules/cs/cs-03-inquiry-conversion';
import cs04 from '@/lib/rules/cs/cs-04-agent-inquiry-conversion';
import cs05 from '@/lib/rules/cs/cs-05-satisfaction';
import cs06 from '@/lib/rules/cs/cs-06-unreplied-slow';
import cs07 from '@/lib/rules/cs/cs-07-refund-handling';
import cs08 from '@/lib/rules/cs/cs-08-dispute-rate';
import cs09 from '@/lib/rules/cs/cs-09-experience-dsr';
import cs10 from '@/lib/rules/cs/cs-10-negative-reviews';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import type { Rule, RuleContext } from '@/lib/rules/types';
import { type AgentSpec, AS_OF, day, fact, SID, snapFact, svcContext, TEAM6, wob } from './cs-cnt-team-helpers';

const run = (rule: Rule, ctx: RuleContext): FindingDraft[] => evaluateRules([rule], ctx);
const status = (fs: FindingDraft[]) => (fs.some((f) => f.status === 'fired') ? 'fired' : (fs[0]?.status ?? 'none'));
const sev = (fs: FindingDraft[]) => fs.find((f) => f.status === 'fired')?.severity;

type Case = [name: string, ctx: () => RuleContext, status: string, severity?: string];
const table = (rule: Rule, cases: Case[]) =>
  it.each(cases)('%s', (_n, mk, st, sv) => {
    const fs = run(rule, mk());
    expect(status(fs)).toBe(st);
    if (sv) expect(sev(fs)).toBe(sv);
    for (const f of fs) expect(f.detail.zh.length && f.detail.en.length).toBeGreaterThan(0);
  });

const snap = (v: Record<string, number>, date = day(-1)) => [snapFact(SID, date, v, { panel: 'experience' })];

describe('cs-01-manual-response-3min', () => {
  table(cs01 as Rule, [
    ['99 % → ok', () => svcContext({ extra: snap({ expManualResp3minRate: 0.99 }) }), 'ok'],
    ['96.5 % → P2', () => svcContext({ extra: snap({ expManualResp3minRate: 0.965 }) }), 'fired', 'P2'],
    ['93 % → P1', () => svcContext({ extra: snap({ expManualResp3minRate: 0.93 }) }), 'fired', 'P1'],
    ['snapshot a month old → insufficient', () => svcContext({ extra: snap({ expManualResp3minRate: 0.9 }, day(30)) }), 'insufficient'],
    ['never captured → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

const shopSvc = (o: Partial<Record<string, number | ((i: number) => number)>>) => (i: number) => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = typeof v === 'function' ? v(i) : v * wob(i, 17);
  return out;
};

describe('cs-02-response-time', () => {
  table(cs02 as Rule, [
    ['fast team → ok', () => svcContext({ shop: shopSvc({ avgReplyInterval: 12 }), agents: TEAM6 }), 'ok'],
    ['shop avg 25 s → P2', () => svcContext({ shop: shopSvc({ avgReplyInterval: 25 }), agents: TEAM6 }), 'fired', 'P2'],
    ['shop avg 36 s → P1', () => svcContext({ shop: shopSvc({ avgReplyInterval: 36 }), agents: TEAM6 }), 'fired', 'P1'],
    ['one slow day only → ok (persistence)', () => svcContext({ shop: (i) => ({ avgReplyInterval: i === 0 ? 40 : 12 }), agents: TEAM6 }), 'ok'],
    [
      'one agent at 33 s → P1 at that agent',
      () => svcContext({ shop: shopSvc({ avgReplyInterval: 14 }), agents: [...TEAM6.slice(1), { name: '慢', avg: 33 }] }),
      'fired',
      'P1',
    ],
    [
      'agents with 3 inquiries a day → ok at shop level, agents not judged',
      () => svcContext({ shop: shopSvc({ avgReplyInterval: 12 }), agents: TEAM6.map((a) => ({ ...a, consult: 3, avg: 50 })) }),
      'ok',
    ],
    ['no reply data at all → not applicable', () => svcContext(), 'not-applicable'],
  ]);
  it('names the agent and the team median', () => {
    const fs = run(cs02 as Rule, svcContext({ shop: shopSvc({ avgReplyInterval: 14 }), agents: [...TEAM6.slice(1), { name: '慢', avg: 33 }] }));
    const f = fs.find((x) => x.status === 'fired');
    expect(f?.entity).toEqual({ kind: 'agent', id: '店:慢', name: '慢' });
    expect(f?.detail.zh).toMatch(/团队中位数/);
  });
});

describe('cs-03-inquiry-conversion', () => {
  const conv = (r: number | ((i: number) => number), n = 200) => shopSvc({ wwConsultPayRate: r, consultUserCnt: (i) => Math.round(n * wob(i, 19)) });
  table(cs03 as Rule, [
    ['46 % → ok', () => svcContext({ shop: conv(0.46) }), 'ok'],
    ['35 % → P2', () => svcContext({ shop: conv(0.35) }), 'fired', 'P2'],
    ['26 % → P1', () => svcContext({ shop: conv(0.26) }), 'fired', 'P1'],
    ['58 % → 45 % (−13 pp, significant) → P2 drop', () => svcContext({ shop: conv((i) => (i <= 0 ? 0.45 : 0.58), 400) }), 'fired', 'P2'],
    ['30 inquirers → insufficient', () => svcContext({ shop: conv(0.2, 30) }), 'insufficient'],
    ['no rate → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

const agentsWith = (bad: Partial<AgentSpec>): AgentSpec[] => [...TEAM6.slice(1), { name: '弱', ...bad }];
describe('cs-04-agent-inquiry-conversion', () => {
  table(cs04 as Rule, [
    ['even team → ok', () => svcContext({ agents: TEAM6 }), 'ok'],
    ['one agent 25 % vs 45 % for 2 weeks → P2 at that agent', () => svcContext({ agents: agentsWith({ conv: 0.25 }) }), 'fired', 'P2'],
    ['low only this week → ok (needs 2 weeks)', () => svcContext({ agents: agentsWith({ conv: (i) => (i < 7 ? 0.25 : 0.45) }) }), 'ok'],
    ['3 inquiries a day each → insufficient', () => svcContext({ agents: TEAM6.map((a) => ({ ...a, consult: 3 })) }), 'insufficient'],
    ['no agents → not applicable', () => svcContext(), 'not-applicable'],
  ]);
  it('a gap within chance is not blamed: 35 inquirers a week at 33 % vs 45 % (Wilson upper bound above the median)', () => {
    const fs = run(cs04 as Rule, svcContext({ agents: [...TEAM6.slice(1), { name: '新', consult: 5, conv: 0.33 }] }));
    expect(fs.some((f) => f.status === 'fired')).toBe(false);
  });
});

describe('cs-05-satisfaction', () => {
  table(cs05 as Rule, [
    ['98 % → ok', () => svcContext({ shop: shopSvc({ customerAllSateRate: 0.98, cspEvaluationCnt: 80 }) }), 'ok'],
    ['93 % → P2', () => svcContext({ shop: shopSvc({ customerAllSateRate: 0.93, cspEvaluationCnt: 80 }) }), 'fired', 'P2'],
    ['85 % → P1', () => svcContext({ shop: shopSvc({ customerAllSateRate: 0.85, cspEvaluationCnt: 80 }) }), 'fired', 'P1'],
    ['85 % with the rating count unknown → P2 only', () => svcContext({ shop: shopSvc({ customerAllSateRate: 0.85 }) }), 'fired', 'P2'],
    ['12 ratings → insufficient', () => svcContext({ shop: (i) => ({ customerAllSateRate: 0.8, cspEvaluationCnt: 12 + (i % 2) }) }), 'insufficient'],
    ['no satisfaction → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cs-06-unreplied-slow', () => {
  table(cs06 as Rule, [
    ['all answered, 2 % slow → ok', () => svcContext({ shop: () => ({ consultUserCnt: 300, customerServiceRecUserCnt: 300, cspSlowReplyCnt: 6 }) }), 'ok'],
    ['4 unanswered → P2', () => svcContext({ shop: () => ({ consultUserCnt: 300, customerServiceRecUserCnt: 296 }) }), 'fired', 'P2'],
    ['12 unanswered → P1', () => svcContext({ shop: () => ({ consultUserCnt: 300, customerServiceRecUserCnt: 288 }) }), 'fired', 'P1'],
    ['8 % slow → P2', () => svcContext({ shop: () => ({ consultUserCnt: 300, customerServiceRecUserCnt: 300, cspSlowReplyCnt: 24 }) }), 'fired', 'P2'],
    ['reply rate only: 98 % of 300 → 6 unanswered → P2', () => svcContext({ shop: () => ({ consultUserCnt: 300, wwUserReplayRate: 0.98 }) }), 'fired', 'P2'],
    ['consultations but nothing to judge → insufficient', () => svcContext({ shop: () => ({ consultUserCnt: 300 }) }), 'insufficient'],
    ['no consultations → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cs-07-refund-handling', () => {
  table(cs07 as Rule, [
    ['0.7 days → ok', () => svcContext({ shop: shopSvc({ rfdFinshDur: 0.7 }) }), 'ok'],
    ['1.5 days (36 h) → P2', () => svcContext({ shop: shopSvc({ rfdFinshDur: 1.5 }) }), 'fired', 'P2'],
    ['2.5 days → P1', () => svcContext({ shop: shopSvc({ rfdFinshDur: 2.5 }) }), 'fired', 'P1'],
    [
      '20 h but peers at 9 h → P2',
      () =>
        svcContext({
          shop: shopSvc({ rfdFinshDur: 20 / 24 }),
          extra: Array.from({ length: 7 }, (_, i) => fact('peer', 'rivalAvg', day(i), { rfdFinshDur: 9 / 24 })),
        }),
      'fired',
      'P2',
    ],
    ['hours from the service page: 30 h → P2', () => svcContext({ shop: shopSvc({ jtkCaseEndAvgDur: 30, thtkCaseEndAvgDur: 30 }) }), 'fired', 'P2'],
    ['2 days observed → insufficient', () => svcContext({ shop: (i): Record<string, number> => (i < 2 ? { rfdFinshDur: 3 } : {}) }), 'insufficient'],
    ['no refund timing → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cs-08-dispute-rate', () => {
  const peer = (v: number) => Array.from({ length: 30 }, (_, i) => fact('peer', 'rivalAvg', day(i), { slrRespRate: v }));
  table(cs08 as Rule, [
    ['flat → ok', () => svcContext({ shop: shopSvc({ slrRespRate: 0.003 }) }), 'ok'],
    ['above peers → P1', () => svcContext({ shop: shopSvc({ slrRespRate: 0.003 }), extra: peer(0.002) }), 'fired', 'P1'],
    ['2.5× peers → P0', () => svcContext({ shop: shopSvc({ slrRespRate: 0.005 }), extra: peer(0.002) }), 'fired', 'P0'],
    ['no peers, doubled vs the month before → P2', () => svcContext({ shop: (i) => ({ pltfHelpRate: (i < 30 ? 0.02 : 0.01) * wob(i) }) }), 'fired', 'P2'],
    ['a week of data → insufficient', () => svcContext({ shop: (i): Record<string, number> => (i < 7 ? { slrRespRate: 0.01 } : {}) }), 'insufficient'],
    ['never captured → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

describe('cs-09-experience-dsr', () => {
  const dsr = (v: number) => [snapFact(SID, AS_OF, { dsrDesc: 4.8, dsrService: v, dsrLogistics: 4.8 })];
  table(cs09 as Rule, [
    ['DSR 4.8 → ok', () => svcContext({ extra: dsr(4.8) }), 'ok'],
    ['DSR service 4.65 → P2', () => svcContext({ extra: dsr(4.65) }), 'fired', 'P2'],
    ['DSR service 4.55 → P1', () => svcContext({ extra: dsr(4.55) }), 'fired', 'P1'],
    ['consult score 4.8 → 4.4 this week → P2', () => svcContext({ shop: (i) => ({ expScoreConsult: i < 7 ? 4.4 : 4.8 }) }), 'fired', 'P2'],
    ['old DSR snapshot only → insufficient', () => svcContext({ extra: [snapFact(SID, day(60), { dsrService: 4.5 })] }), 'insufficient'],
  ]);
});

describe('cs-10-negative-reviews', () => {
  const reviews = (badNow: number) => (i: number) => ({ rateCnt: 60, badRateCnt: i < 7 ? badNow : i % 3 === 0 ? 1 : 0 });
  table(cs10 as Rule, [
    ['steady → ok', () => svcContext({ shop: reviews(0) }), 'ok'],
    ['5 bad a day this week → P1', () => svcContext({ shop: reviews(5) }), 'fired', 'P1'],
    [
      'one week of reviews → insufficient',
      () => svcContext({ shop: (i): Record<string, number> => (i < 7 ? { rateCnt: 60, badRateCnt: 3 } : {}) }),
      'insufficient',
    ],
    ['no reviews → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});
