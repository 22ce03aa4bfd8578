import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { entityOf } from '../shared/entity-window';
import { agentName, agentsOf, agentWindow, med, OPEN_SERVICE, pp, rate, SERVICE_LINK } from '../shared/service-window';
import { defineRule, type Verdict } from '../types';

/**
 * CS-04: an agent's 询单转化率 (≥ 30 inquirers a week) below the team median − 10 pp in each of
 * the last 2 weeks, with the agent's Wilson upper bound under the team median (not chance). P2:
 * a coaching hint, never a performance verdict.
 */
export default defineRule({
  meta: {
    id: 'cs-04-agent-inquiry-conversion',
    ref: 'CS-04',
    area: 'CS',
    title: { zh: '个人询单转化率偏低', en: 'Agent inquiry conversion below the team' },
    description: {
      zh: '按周比较每位客服的询单转化率和团队中位数，连续 2 周低 10pp 以上且统计上站得住时提示。',
      en: 'Compares each agent’s weekly inquiry conversion with the team median; flags ≥ 10 pp below for 2 weeks running when it is not chance.',
    },
    severity: 'P2',
    requires: ['agent.consultUserCnt'],
    thresholds: {
      gapPp: { default: 0.1, min: 0.02, max: 0.5, label: { zh: '低于团队中位数（pp）', en: 'Below team median (pp)' }, source: '[H]' },
      minInquiries: { default: 30, min: 5, max: 10000, label: { zh: '每周最少询单人数', en: 'Min inquirers per week' }, source: '[H]' },
      weeks: { default: 2, min: 1, max: 6, label: { zh: '连续周数', en: 'Weeks in a row' }, source: '[C]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const agents = agentsOf(ctx);
    const weeks = Math.round(t.weeks);
    type Row = { inquirers: number; paid: number; r: number };
    const perWeek: { to: string; teamMed: number; rows: Map<string, Row> }[] = [];
    for (let k = 0; k < weeks; k++) {
      const to = addDays(ctx.asOf, -7 * k);
      const rows = new Map<string, Row>();
      for (const a of agents) {
        const w = agentWindow(ctx, a, to, 7);
        if (w.inquirers >= t.minInquiries) rows.set(a.id, { inquirers: w.inquirers, paid: w.paid, r: w.paid / w.inquirers });
      }
      if (rows.size < 3) {
        return [
          {
            status: 'insufficient',
            detail: {
              zh: `截至 ${to} 的一周只有 ${rows.size} 位客服询单人数 ≥ ${t.minInquiries}（至少需要 3 位才能和团队比较）。${OPEN_SERVICE.zh}`,
              en: `Only ${rows.size} agents with ≥ ${t.minInquiries} inquirers in the week to ${to} (3 needed to compare with the team). ${OPEN_SERVICE.en}`,
            },
            evidence: [],
          },
        ];
      }
      perWeek.push({ to, teamMed: med([...rows.values()].map((x) => x.r)), rows });
    }
    const from = addDays(ctx.asOf, -(7 * weeks - 1));
    const out: Verdict[] = [];
    for (const a of agents) {
      const hits = perWeek.map((w) => {
        const x = w.rows.get(a.id);
        if (!x) return null;
        const ci = wilsonInterval(x.paid, x.inquirers);
        return x.r < w.teamMed - t.gapPp && ci.hi !== null && ci.hi < w.teamMed ? { ...x, hi: ci.hi, lo: ci.lo, teamMed: w.teamMed } : null;
      });
      if (hits.some((h) => h === null)) continue;
      const last = hits[0];
      if (!last) continue;
      const name = agentName(a);
      const gap = last.teamMed - last.r;
      const lostBuyers = Math.round(last.inquirers * gap);
      out.push({
        status: 'fired',
        entity: entityOf(a),
        period: { from, to: ctx.asOf },
        title: { zh: `客服 ${name} 询单转化率低于团队`, en: `Agent ${name}: inquiry conversion below the team` },
        detail: {
          zh: `客服 ${name} 近 7 天询单转化率 ${rate(last.r)}（${last.inquirers} 人询单，95% 区间上限 ${rate(last.hi)}），比团队中位数 ${rate(last.teamMed)} 低 ${pp(gap)}，已连续 ${weeks} 周低 ${pp(t.gapPp)} 以上。按团队水平本周约可多成交 ${lostBuyers} 位买家。`,
          en: `Agent ${name}: ${rate(last.r)} inquiry conversion over 7 days (${last.inquirers} inquirers, 95% upper bound ${rate(last.hi)}), ${pp(gap)} below the team median ${rate(last.teamMed)}, ≥ ${pp(t.gapPp)} below for ${weeks} weeks running. At the team level about ${lostBuyers} more buyers this week.`,
        },
        suggestion: {
          zh: '主管抽检该客服 10 个流失会话（生意参谋 → 服务 → 询单流失），对照转化高的同事做针对性话术培训；这是辅导提示，不要只凭这项数据做绩效判定。',
          en: 'Have a lead review 10 of this agent’s lost chats (生意参谋 → 服务 → 询单流失) against a high-converting colleague and coach the wording; a coaching hint, not a performance verdict.',
        },
        evidence: [
          { label: { zh: '个人询单转化率（7 天）', en: 'Agent conversion (7 days)' }, value: last.r, format: 'ratio' },
          { label: { zh: '团队中位数', en: 'Team median' }, value: last.teamMed, format: 'ratio' },
          { label: { zh: '询单人数（7 天）', en: 'Inquirers (7 days)' }, value: last.inquirers, format: 'count' },
          { label: { zh: 'Wilson 95% 上限', en: 'Wilson 95% high' }, value: last.hi, format: 'ratio' },
          ...hits.slice(1).map((h, i) => ({
            label: { zh: `前第 ${i + 1} 周个人转化率`, en: `Week −${i + 1} agent conversion` },
            value: h?.r ?? null,
            format: 'ratio' as const,
          })),
        ],
        baseline: {
          method: { zh: '同周团队中位数（询单 ≥ 30 的客服）', en: 'Team median of the same week (agents with ≥ 30 inquirers)' },
          value: last.teamMed,
        },
      });
    }
    if (out.length) return out;
    const w0 = perWeek[0];
    return [
      {
        status: 'ok',
        period: { from, to: ctx.asOf },
        detail: {
          zh: `近 ${weeks} 周没有客服持续低于团队中位数 ${pp(t.gapPp)} 以上（本周团队中位数 ${rate(w0?.teamMed ?? null)}）。`,
          en: `No agent ${pp(t.gapPp)} or more below the team median for ${weeks} weeks (team median this week ${rate(w0?.teamMed ?? null)}).`,
        },
        evidence: [{ label: { zh: '团队中位数', en: 'Team median' }, value: w0?.teamMed ?? null, format: 'ratio' }],
      },
    ];
  },
});
