import { describe, expect, it } from 'vitest';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import team01 from '@/lib/rules/team/team-01-target-pace';
import team02Gaps from '@/lib/rules/team/team-02-capture-gaps';
import team02Report from '@/lib/rules/team/team-02-daily-report';
import team04 from '@/lib/rules/team/team-04-workload-balance';
import team07Score from '@/lib/rules/team/team-07-agent-kpi-score';
import team07Outlier from '@/lib/rules/team/team-07-agent-outlier';
import type { Rule, RuleContext } from '@/lib/rules/types';
import { type AgentSpec, DEFAULT_PROFILE, day, fact, svcContext, TEAM6 } from './cs-cnt-team-helpers';

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

const target = (t: number | null) => ({ ...DEFAULT_PROFILE, monthlyTarget: t, assumed: [] });

describe('team-01-target-pace', () => {
  // ¥20,000 a day; asOf 2026-11-22 → 22 of 30 days; with 大促 days in November the month runs at the same level.
  table(team01 as Rule, [
    ['target ¥600k, ¥440k done at 73 % of the month → ok', () => svcContext({ profile: target(600000) }), 'ok'],
    ['target ¥720k (61 % done at 73 %) → P2', () => svcContext({ profile: target(720000) }), 'fired', 'P2'],
    ['target ¥900k (forecast 67 %) → P1', () => svcContext({ profile: target(900000) }), 'fired', 'P1'],
    ['target ¥620k → pace gap −2 pp → ok', () => svcContext({ profile: target(620000) }), 'ok'],
    ['no target set → insufficient', () => svcContext(), 'insufficient'],
    [
      'a day of this month missing → insufficient',
      () => svcContext({ profile: target(600000), shop: (i): Record<string, number> => (i === 3 ? { payAmt: Number.NaN } : {}) }),
      'insufficient',
    ],
  ]);
  it('says how much is needed per remaining day', () => {
    const f = run(team01 as Rule, svcContext({ profile: target(720000) }))[0];
    expect(f?.detail.zh).toMatch(/剩余每天需要 ¥/);
  });
});

describe('team-02-daily-report', () => {
  const sections = (i: number) => ({ consultUserCnt: 300, payShopRfdAmt: 500, p4pExpendAmt: 800, ...(i === 0 ? {} : {}) });
  table(team02Report as Rule, [
    ['all captured sections present → ok', () => svcContext({ shop: sections }), 'ok'],
    [
      '客服 missing on the latest day only → P3',
      () => svcContext({ shop: (i) => (i === 0 ? { payShopRfdAmt: 500, p4pExpendAmt: 800 } : sections(i)) }),
      'fired',
      'P3',
    ],
    ['客服 never captured → ok, listed as a data gap', () => svcContext({ shop: () => ({ payShopRfdAmt: 500 }) }), 'ok'],
  ]);
});

describe('team-02-capture-gaps', () => {
  const gapAt = (days: number[]) => svcContext({ shop: (i): Record<string, number> => (days.includes(i) ? { payAmt: Number.NaN } : {}), agents: TEAM6 });
  table(team02Gaps as Rule, [
    ['complete → ok', () => svcContext({ agents: TEAM6 }), 'ok'],
    ['one missing day → P3', () => gapAt([5]), 'fired', 'P3'],
    ['four missing days → P2', () => gapAt([3, 5, 9, 12]), 'fired', 'P2'],
    ['agents stopped 5 days ago → P3', () => svcContext({ extra: [fact('agent', '店:甲', day(5), { consultUserCnt: 50 })] }), 'fired', 'P3'],
    ['no sales metric → not applicable', () => svcContext({ shop: () => ({ payAmt: Number.NaN }) }), 'not-applicable'],
  ]);
});

describe('team-04-workload-balance', () => {
  table(team04 as Rule, [
    ['even → ok', () => svcContext({ agents: TEAM6 }), 'ok'],
    ['one agent with 3× the load and slow → P3', () => svcContext({ agents: [...TEAM6.slice(1), { name: '忙', consult: 180, avg: 20 }] }), 'fired', 'P3'],
    ['3× the load but fast → ok', () => svcContext({ agents: [...TEAM6.slice(1), { name: '忙', consult: 180, avg: 10 }] }), 'ok'],
    ['two agents → insufficient', () => svcContext({ agents: TEAM6.slice(0, 2) }), 'insufficient'],
    ['no agents → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});

const slow: AgentSpec = { name: '慢', avg: 32, first: 20 };
describe('team-07-agent-kpi-score', () => {
  table(team07Score as Rule, [
    ['even team → ok with a ranking', () => svcContext({ agents: TEAM6.map((a, i) => ({ ...a, avg: 12 + (i % 2) })) }), 'ok'],
    ['one agent slow for 2 months → P3', () => svcContext({ agents: [...TEAM6.slice(1), slow] }), 'fired', 'P3'],
    ['slow this month only → ok', () => svcContext({ agents: [...TEAM6.slice(1), { ...slow, first: 8, avg: (i) => (i < 20 ? 32 : 14) }] }), 'ok'],
    ['two agents → insufficient', () => svcContext({ agents: TEAM6.slice(0, 2) }), 'insufficient'],
    ['no agents → not applicable', () => svcContext(), 'not-applicable'],
  ]);
  it('shrinkage: 30 inquiries at 80 % does not outrank 1,800 at 55 %', () => {
    const fs = run(
      team07Score as Rule,
      svcContext({ agents: [...TEAM6.map((a) => ({ ...a, conv: 0.45 })), { name: '强', conv: 0.55 }, { name: '小样本', consult: 1, conv: 0.8 }] }),
    );
    expect(fs[0]?.status).toBe('ok');
    expect(fs[0]?.detail.zh).toMatch(/前 3）：强 /);
  });
});

describe('team-07-agent-outlier', () => {
  table(team07Outlier as Rule, [
    ['even team → ok', () => svcContext({ agents: TEAM6.map((a, i) => ({ ...a, avg: 12 + i })) }), 'ok'],
    ['one agent 2.5× slower → P3', () => svcContext({ agents: [...TEAM6.slice(1).map((a, i) => ({ ...a, avg: 12 + i })), slow] }), 'fired', 'P3'],
    [
      'one agent converting 20 % vs 45 % → P3',
      () => svcContext({ agents: [...TEAM6.slice(1).map((a, i) => ({ ...a, conv: 0.44 + i / 100 })), { name: '弱', conv: 0.2, consult: 120 }] }),
      'fired',
      'P3',
    ],
    ['four agents → insufficient', () => svcContext({ agents: TEAM6.slice(0, 4) }), 'insufficient'],
    ['no agents → not applicable', () => svcContext(), 'not-applicable'],
  ]);
});
