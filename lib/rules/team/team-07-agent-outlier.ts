import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { shrinkRate } from '../../series/rates';
import { modifiedZ } from '../../series/robust';
import { entityOf } from '../shared/entity-window';
import { agentName, agentsOf, agentWindow, OPEN_SERVICE, rate, SERVICE_LINK, secs } from '../shared/service-window';
import { defineRule, type Text, type Verdict } from '../types';

/**
 * TEAM-07 (outliers): among agents with ≥ 30 inquirers in 14 days, one whose average reply time
 * (log) or shrunk inquiry conversion is a robust-z outlier on the bad side (|M| > 2.5, the
 * Iglewicz–Hoaglin watch line: a 6-person team's MAD is wide) AND off the team median by a practical margin (≥ 50 % slower, or ≥ 10 pp
 * lower). Needs ≥ 5 agents. P3.
 */
export default defineRule({
  meta: {
    id: 'team-07-agent-outlier',
    ref: 'TEAM-07',
    area: 'TEAM',
    title: { zh: '客服指标异常值', en: 'Agent KPI outlier' },
    description: {
      zh: '近 14 天在团队里明显偏离的客服：响应时长或（收缩后的）询单转化率的稳健 z 超过 2.5（观察线）且差距有实际意义。',
      en: 'Agents far off the team over 14 days: robust z beyond 2.5 (watch line) on reply time or shrunk inquiry conversion, with a practical gap.',
    },
    severity: 'P3',
    requires: ['agent.consultUserCnt'],
    thresholds: {
      z: { default: 2.5, min: 1.5, max: 8, label: { zh: '稳健 z（团队人少，用观察线 2.5）', en: 'Robust z (small teams: the 2.5 watch line)' }, source: '[S]' },
      slowerRel: { default: 0.5, min: 0.1, max: 5, label: { zh: '慢于团队中位（相对）', en: 'Slower than median (relative)' }, source: '[H]' },
      convGapPp: { default: 0.1, min: 0.01, max: 0.5, label: { zh: '转化低于团队中位（pp）', en: 'Conversion below median (pp)' }, source: '[H]' },
      minInquiries: { default: 30, min: 5, max: 10000, label: { zh: '最少询单人数（14 天）', en: 'Min inquirers (14 days)' }, source: '[H]' },
      minAgents: { default: 5, min: 3, max: 50, label: { zh: '最少客服人数', en: 'Min agents' }, source: '[S]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const from = addDays(ctx.asOf, -13);
    const rows = agentsOf(ctx)
      .map((a) => ({ a, w: agentWindow(ctx, a, ctx.asOf, 14) }))
      .filter((r) => r.w.inquirers >= t.minInquiries);
    if (rows.length < t.minAgents) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 14 天只有 ${rows.length} 位客服询单 ≥ ${t.minInquiries}（至少 ${t.minAgents} 位才找异常值）。${OPEN_SERVICE.zh}`,
            en: `Only ${rows.length} agents with ≥ ${t.minInquiries} inquirers in 14 days (${t.minAgents} needed). ${OPEN_SERVICE.en}`,
          },
          evidence: [],
        },
      ];
    }
    const inq = rows.reduce((s, r) => s + r.w.inquirers, 0);
    const team = rows.reduce((s, r) => s + r.w.paid, 0) / inq;
    const conv = rows.map((r) => shrinkRate(r.w.paid, r.w.inquirers, team, 200) ?? team);
    const logAvg = rows.map((r) => (r.w.avgReplySec !== null && r.w.avgReplySec > 0 ? Math.log(r.w.avgReplySec) : null));
    const out: Verdict[] = [];
    rows.forEach((r, i) => {
      const reasons: Text[] = [];
      const ev: Evidence[] = [];
      const la = logAvg[i];
      if (la !== null && la !== undefined) {
        const z = modifiedZ(logAvg, la);
        const med = z.median !== null ? Math.exp(z.median) : null;
        if (z.z !== null && z.z > t.z && med !== null && r.w.avgReplySec !== null && r.w.avgReplySec >= med * (1 + t.slowerRel)) {
          reasons.push({
            zh: `平均响应 ${secs(r.w.avgReplySec).zh}，团队中位 ${secs(med).zh}（稳健 z = ${z.z.toFixed(1)}）`,
            en: `average reply ${secs(r.w.avgReplySec).en} vs team median ${secs(med).en} (robust z = ${z.z.toFixed(1)})`,
          });
          ev.push(
            { label: { zh: '平均响应', en: 'Avg reply' }, value: r.w.avgReplySec, format: 'seconds' },
            { label: { zh: '团队中位（响应）', en: 'Team median (reply)' }, value: med, format: 'seconds' },
          );
        }
      }
      const c = conv[i] ?? team;
      const zc = modifiedZ(conv, c);
      if (zc.z !== null && zc.z < -t.z && zc.median !== null && c <= zc.median - t.convGapPp) {
        reasons.push({
          zh: `询单转化 ${rate(c)}（收缩后），团队中位 ${rate(zc.median)}（稳健 z = ${zc.z.toFixed(1)}）`,
          en: `inquiry conversion ${rate(c)} (shrunk) vs team median ${rate(zc.median)} (robust z = ${zc.z.toFixed(1)})`,
        });
        ev.push(
          { label: { zh: '询单转化（收缩后）', en: 'Conversion (shrunk)' }, value: c, format: 'ratio' },
          { label: { zh: '团队中位（转化）', en: 'Team median (conversion)' }, value: zc.median, format: 'ratio' },
        );
      }
      if (!reasons.length) return;
      const name = agentName(r.a);
      ev.push({ label: { zh: '询单人数（14 天）', en: 'Inquirers (14 days)' }, value: r.w.inquirers, format: 'count' });
      out.push({
        status: 'fired',
        entity: entityOf(r.a),
        period: { from, to: ctx.asOf },
        title: { zh: `客服 ${name} 明显偏离团队`, en: `Agent ${name} is far off the team` },
        detail: {
          zh: `近 14 天客服 ${name}：${reasons.map((x) => x.zh).join('；')}。偏离这么大通常有原因（新人、排班到难时段、账号设置），值得当面了解。`,
          en: `Over 14 days agent ${name}: ${reasons.map((x) => x.en).join('; ')}. A gap this large usually has a cause (new hire, hard shifts, account settings) worth asking about.`,
        },
        suggestion: {
          zh: '客服主管先了解原因（是否新人、排班、接待上限设置），再抽看 5–10 个会话；不要只凭这项数据做绩效判定。',
          en: 'Have the service lead ask about the cause first (new hire, shifts, concurrency cap), then review 5–10 chats; not a performance verdict on its own.',
        },
        evidence: ev,
        baseline: { method: { zh: '团队中位数与稳健 z（MAD）', en: 'Team median and robust z (MAD)' }, value: null },
      });
    });
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period: { from, to: ctx.asOf },
        detail: { zh: `${rows.length} 位客服近 14 天没有明显偏离团队的。`, en: `None of ${rows.length} agents is far off the team over 14 days.` },
        evidence: [],
      },
    ];
  },
});
