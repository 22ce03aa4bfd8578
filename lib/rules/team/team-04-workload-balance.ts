import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { entityOf } from '../shared/entity-window';
import { agentName, agentsOf, agentWindow, med, OPEN_SERVICE, rate, SERVICE_LINK, secs } from '../shared/service-window';
import { defineRule, type Verdict } from '../types';

/**
 * TEAM-04 (dispatch balance): over the last 14 days, an agent carrying ≥ 1.5 × the fair share of
 * the team's inquiries while replying slower than the team median — the 分流 / 派单 setting, not
 * the person, is the likely fix. P3. Needs ≥ 3 agents.
 */
export default defineRule({
  meta: {
    id: 'team-04-workload-balance',
    ref: 'TEAM-04',
    area: 'TEAM',
    title: { zh: '客服接待量分配不均', en: 'Uneven agent workload' },
    description: {
      zh: '近 14 天某位客服承担的咨询量超过平均份额的 1.5 倍、且响应慢于团队中位数时提示调整分流。',
      en: 'An agent handling ≥ 1.5 × the fair share of inquiries over 14 days while replying slower than the team median: rebalance routing.',
    },
    severity: 'P3',
    requires: ['agent.consultUserCnt'],
    thresholds: {
      shareFactor: { default: 1.5, min: 1.1, max: 5, label: { zh: '相对平均份额', en: 'vs fair share' }, source: '[H]' },
      minAgents: { default: 3, min: 2, max: 50, label: { zh: '最少客服人数', en: 'Min agents' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const from = addDays(ctx.asOf, -13);
    const rows = agentsOf(ctx)
      .map((a) => ({ a, w: agentWindow(ctx, a, ctx.asOf, 14) }))
      .filter((r) => r.w.inquirers > 0);
    if (rows.length < t.minAgents) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 14 天只有 ${rows.length} 位客服有接待数据（至少 ${t.minAgents} 位）。${OPEN_SERVICE.zh}`,
            en: `Only ${rows.length} agents with data in 14 days (${t.minAgents} needed). ${OPEN_SERVICE.en}`,
          },
          evidence: [],
        },
      ];
    }
    const total = rows.reduce((s, r) => s + r.w.inquirers, 0);
    const fair = 1 / rows.length;
    const teamAvg = med(rows.map((r) => r.w.avgReplySec).filter((x): x is number => x !== null));
    const out: Verdict[] = [];
    for (const { a, w } of rows) {
      const share = w.inquirers / total;
      if (share < fair * t.shareFactor || w.avgReplySec === null || w.avgReplySec <= teamAvg) continue;
      const name = agentName(a);
      const ev: Evidence[] = [
        { label: { zh: '接待份额', en: 'Share of inquiries' }, value: share, format: 'ratio' },
        { label: { zh: '平均份额', en: 'Fair share' }, value: fair, format: 'ratio' },
        { label: { zh: '平均响应时长', en: 'Avg reply time' }, value: w.avgReplySec, format: 'seconds' },
        { label: { zh: '团队中位数', en: 'Team median' }, value: teamAvg, format: 'seconds' },
      ];
      out.push({
        status: 'fired',
        entity: entityOf(a),
        period: { from, to: ctx.asOf },
        title: { zh: `客服 ${name} 接待量偏多`, en: `Agent ${name} is overloaded` },
        detail: {
          zh: `近 14 天客服 ${name} 接待了 ${rate(share)} 的咨询（${w.inquirers} 人，平均份额 ${rate(fair)}），平均响应 ${secs(w.avgReplySec).zh}，慢于团队中位数 ${secs(teamAvg).zh}。接待过多会拖慢响应、拉低询单转化。`,
          en: `Over 14 days agent ${name} took ${rate(share)} of inquiries (${w.inquirers}; fair share ${rate(fair)}) and replied in ${secs(w.avgReplySec).en}, slower than the team median ${secs(teamAvg).en}. Overload slows replies and costs conversion.`,
        },
        suggestion: {
          zh: '客服主管检查千牛接待中心的分流规则（按空闲分配、接待上限），把高峰时段的新咨询均摊到其他客服。',
          en: 'Have the service lead check the 千牛 routing rules (assign by idle, concurrent cap) and spread peak-hour chats across the team.',
        },
        evidence: ev,
        baseline: { method: { zh: '平均份额 1 / 客服人数', en: 'Fair share = 1 / agents' }, value: fair },
      });
    }
    if (out.length) return out;
    const max = Math.max(...rows.map((r) => r.w.inquirers / total));
    return [
      {
        status: 'ok',
        period: { from, to: ctx.asOf },
        detail: {
          zh: `${rows.length} 位客服的接待量分配正常（最多一人占 ${rate(max)}）。`,
          en: `Workload is balanced across ${rows.length} agents (largest share ${rate(max)}).`,
        },
        evidence: [{ label: { zh: '最大接待份额', en: 'Largest share' }, value: max, format: 'ratio' }],
      },
    ];
  },
});
