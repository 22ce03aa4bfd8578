import type { Evidence } from '../../schema/finding';
import { addDays, daysBetween } from '../../series/dates';
import { shrinkRate } from '../../series/rates';
import { entityOf, entityWindowSum } from '../shared/entity-window';
import { agentName, agentsOf, agentWindow, linearScore, OPEN_SERVICE, rate, SERVICE_LINK, secs } from '../shared/service-window';
import { defineRule, type EntityRef, type RuleContext, type Verdict } from '../types';

interface Score {
  a: EntityRef;
  score: number;
  conv: number;
  avg: number | null;
  first: number | null;
  inquirers: number;
}

/** Month windows: the current month when ≥ `minDays` days have passed, else the last full month; and the one before. */
function months(asOf: string, minDays: number): { from: string; to: string; label: string }[] {
  const start = `${asOf.slice(0, 8)}01`;
  const firstTo = daysBetween(start, asOf) + 1 >= minDays ? asOf : addDays(start, -1);
  const out: { from: string; to: string; label: string }[] = [];
  let to = firstTo;
  for (let i = 0; i < 2; i++) {
    const from = `${to.slice(0, 8)}01`;
    out.push({ from, to, label: to.slice(0, 7) });
    to = addDays(from, -1);
  }
  return out;
}

/** Composite 0–100 score per eligible agent; conversion shrunk to the team rate (n₀ = 200, §3.4). */
function scores(ctx: RuleContext, m: { from: string; to: string }, minInq: number, ends: Record<string, number>): Score[] {
  const days = daysBetween(m.from, m.to) + 1;
  const rows = agentsOf(ctx).map((a) => ({ a, w: agentWindow(ctx, a, m.to, days) }));
  const inq = rows.reduce((s, r) => s + r.w.inquirers, 0);
  const paid = rows.reduce((s, r) => s + r.w.paid, 0);
  const team = inq > 0 ? paid / inq : 0;
  return rows
    .filter((r) => r.w.inquirers >= minInq)
    .map(({ a, w }) => {
      const conv = shrinkRate(w.paid, w.inquirers, team, 200) ?? team;
      const parts = [linearScore(conv, ends.convWorst ?? 0.2, ends.convBest ?? 0.6)];
      if (w.avgReplySec !== null) parts.push(linearScore(w.avgReplySec, ends.avgWorst ?? 30, ends.avgBest ?? 5));
      if (w.firstReplySec !== null) parts.push(linearScore(w.firstReplySec, ends.firstWorst ?? 40, ends.firstBest ?? 8));
      const rr = entityWindowSum(ctx, 'agent', a.id, 'wwUserReplayRate', m.to, days);
      if (rr.days > 0) parts.push(linearScore(rr.sum / rr.days, 0.9, 1));
      return { a, score: parts.reduce((s, x) => s + x, 0) / parts.length, conv, avg: w.avgReplySec, first: w.firstReplySec, inquirers: w.inquirers };
    });
}

/**
 * TEAM-07: each agent's KPI composite (linear 0–100 between the worst and best values of the
 * open-source 绩效方案: 平均响应 30 / 5 s, 首响 40 / 8 s, 回复率 90 / 100 % when captured, 询单转化率
 * 20 / 60 % after Bayesian shrinkage so a tiny sample cannot top the list) per month. In the
 * team's bottom 10 % two months running → P3 coaching hint (never an automatic verdict).
 */
export default defineRule({
  meta: {
    id: 'team-07-agent-kpi-score',
    ref: 'TEAM-07',
    area: 'TEAM',
    title: { zh: '客服个人 KPI 综合分排名靠后', en: 'Agent KPI composite at the bottom' },
    description: {
      zh: '按响应、首响、回复率、询单转化率（贝叶斯收缩）给每位客服打 0–100 分并排名，连续 2 个月在团队后 10%（且比团队中位分低 10 分以上）时提示辅导。',
      en: 'Scores each agent 0–100 on reply time, first reply, reply rate and shrunk inquiry conversion, ranks the team, and flags two months running in the bottom 10 % (and 10+ points under the team median).',
    },
    severity: 'P3',
    requires: ['agent.consultUserCnt'],
    thresholds: {
      bottomShare: { default: 0.1, min: 0.05, max: 0.5, label: { zh: '后百分比', en: 'Bottom share' }, source: '[H]' },
      minInquiries: { default: 30, min: 5, max: 10000, label: { zh: '每月最少询单人数', en: 'Min inquirers a month' }, source: '[H]' },
      minGap: { default: 10, min: 0, max: 100, label: { zh: '低于团队中位分（分）', en: 'Below team median score (points)' }, source: '[H]' },
      minMonthDays: { default: 14, min: 1, max: 28, label: { zh: '本月至少已过天数', en: 'Min days into the month' }, source: '[H]' },
      avgWorst: { default: 30, min: 5, max: 600, label: { zh: '平均响应最差值（秒）', en: 'Avg reply worst (s)' }, source: '[H]' },
      avgBest: { default: 5, min: 0, max: 120, label: { zh: '平均响应最好值（秒）', en: 'Avg reply best (s)' }, source: '[H]' },
      firstWorst: { default: 40, min: 5, max: 600, label: { zh: '首响最差值（秒）', en: 'First reply worst (s)' }, source: '[H]' },
      firstBest: { default: 8, min: 0, max: 120, label: { zh: '首响最好值（秒）', en: 'First reply best (s)' }, source: '[H]' },
      convWorst: { default: 0.2, min: 0, max: 1, label: { zh: '询单转化最差值', en: 'Conversion worst' }, source: '[H]' },
      convBest: { default: 0.6, min: 0, max: 1, label: { zh: '询单转化最好值', en: 'Conversion best' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const ms = months(ctx.asOf, t.minMonthDays);
    const per = ms.map((m) => ({ m, s: scores(ctx, m, t.minInquiries, t).sort((x, y) => x.score - y.score) }));
    const short = per.find((p) => p.s.length < 3);
    if (short) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${short.m.label} 只有 ${short.s.length} 位客服询单 ≥ ${t.minInquiries}（至少 3 位才排名）。${OPEN_SERVICE.zh}`,
            en: `${short.m.label}: only ${short.s.length} agents with ≥ ${t.minInquiries} inquirers (3 needed to rank). ${OPEN_SERVICE.en}`,
          },
          evidence: [],
        },
      ];
    }
    // Bottom 10 % of the ranking AND a practical gap to the team median (ties or a 1-point spread are not a finding).
    const bottom = per.map((p) => {
      const medScore = p.s[Math.floor(p.s.length / 2)]?.score ?? 0;
      return new Set(
        p.s
          .slice(0, Math.max(1, Math.ceil(p.s.length * t.bottomShare)))
          .filter((x) => x.score <= medScore - t.minGap)
          .map((x) => x.a.id),
      );
    });
    const cur = per[0];
    if (!cur) return [];
    const period = { from: ms[1]?.from ?? ctx.asOf, to: ms[0]?.to ?? ctx.asOf };
    const out: Verdict[] = [];
    for (const s of cur.s) {
      if (!bottom.every((b) => b.has(s.a.id))) continue;
      const name = agentName(s.a);
      const prev = per[1]?.s.find((x) => x.a.id === s.a.id);
      const teamMed = cur.s[Math.floor(cur.s.length / 2)]?.score ?? null;
      const ev: Evidence[] = [
        { label: { zh: `${cur.m.label} 综合分`, en: `${cur.m.label} composite` }, value: s.score, format: 'plain' },
        { label: { zh: `${per[1]?.m.label ?? ''} 综合分`, en: `${per[1]?.m.label ?? ''} composite` }, value: prev?.score ?? null, format: 'plain' },
        { label: { zh: '团队中位分', en: 'Team median score' }, value: teamMed, format: 'plain' },
        { label: { zh: '平均响应', en: 'Avg reply' }, value: s.avg, format: 'seconds' },
        { label: { zh: '询单转化率（收缩后）', en: 'Inquiry conversion (shrunk)' }, value: s.conv, format: 'ratio' },
      ];
      out.push({
        status: 'fired',
        entity: entityOf(s.a),
        period,
        title: { zh: `客服 ${name} 连续 2 个月 KPI 排名靠后`, en: `Agent ${name}: bottom of the team two months running` },
        detail: {
          zh: `客服 ${name} ${cur.m.label} KPI 综合分 ${s.score.toFixed(0)}（团队中位 ${teamMed?.toFixed(0) ?? '—'}，${cur.s.length} 人中排最后${Math.max(1, Math.ceil(cur.s.length * t.bottomShare))} 名内），${per[1]?.m.label} 也在后 ${Math.round(t.bottomShare * 100)}%。平均响应 ${secs(s.avg).zh}、首响 ${secs(s.first).zh}、询单转化 ${rate(s.conv)}（收缩后）。`,
          en: `Agent ${name}: ${cur.m.label} composite ${s.score.toFixed(0)} (team median ${teamMed?.toFixed(0) ?? '—'}, bottom of ${cur.s.length}), and in the bottom ${Math.round(t.bottomShare * 100)}% in ${per[1]?.m.label} too. Avg reply ${secs(s.avg).en}, first reply ${secs(s.first).en}, inquiry conversion ${rate(s.conv)} (shrunk).`,
        },
        suggestion: {
          zh: '客服主管安排一次一对一辅导：对照综合分里得分最低的一项（响应、首响或转化）抽看会话，定两周的改进目标；这是辅导提示，不自动判定绩效。',
          en: 'Have the service lead coach one-to-one on the weakest component (reply time, first reply or conversion), reviewing real chats, with a two-week goal; a coaching hint, not a performance verdict.',
        },
        evidence: ev,
        baseline: {
          method: { zh: '团队排名（后 10%），绩效方案端点线性打分', en: 'Team rank (bottom 10 %), linear scores between the 绩效方案 end points' },
          value: teamMed,
        },
      });
    }
    if (out.length) return out;
    const top = [...cur.s].reverse().slice(0, 3);
    return [
      {
        status: 'ok',
        period,
        detail: {
          zh: `${cur.m.label} 客服 KPI 排名（前 3）：${top.map((x) => `${agentName(x.a)} ${x.score.toFixed(0)}`).join('、')}；没有人连续 2 个月排在后 ${Math.round(t.bottomShare * 100)}%。`,
          en: `${cur.m.label} agent ranking (top 3): ${top.map((x) => `${agentName(x.a)} ${x.score.toFixed(0)}`).join(', ')}; nobody in the bottom ${Math.round(t.bottomShare * 100)}% two months running.`,
        },
        evidence: top.map((x) => ({ label: { zh: agentName(x.a), en: agentName(x.a) }, value: x.score, format: 'plain' as const })),
      },
    ];
  },
});
