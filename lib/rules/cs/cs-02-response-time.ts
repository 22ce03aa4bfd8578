import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { entityOf } from '../shared/entity-window';
import { agentName, agentsOf, agentWindow, firstSeries, med, OPEN_SERVICE, persists, SERVICE_LINK, secs } from '../shared/service-window';
import { defineRule, type Verdict } from '../types';

/**
 * CS-02: 平均人工响应 > 20 s (P2) / > 30 s (P1); 首次响应 > 15 s (P2) / > 40 s (P1). Shop level on
 * the latest day with persistence (2 of the last 3 days); agent level on the last 7 days
 * (≥ 30 inquiries), with the team median alongside. The session span is never used as 首响.
 */
export default defineRule({
  meta: {
    id: 'cs-02-response-time',
    ref: 'CS-02',
    area: 'CS',
    title: { zh: '客服响应速度慢', en: 'Slow agent replies' },
    description: {
      zh: '店铺和每位客服的平均响应时长、首次响应时长与经验阈值比较，个人另与团队中位数对照。',
      en: 'Average and first reply times of the shop and of each agent against practitioner thresholds; agents also against the team median.',
    },
    severity: 'P2',
    requires: [],
    thresholds: {
      avgWarn: { default: 20, min: 3, max: 300, label: { zh: '平均响应提示（秒）', en: 'Avg reply warning (s)' }, source: '[H]' },
      avgAlert: { default: 30, min: 3, max: 600, label: { zh: '平均响应告警（秒）', en: 'Avg reply alert (s)' }, source: '[H]' },
      firstWarn: { default: 15, min: 3, max: 300, label: { zh: '首响提示（秒）', en: 'First reply warning (s)' }, source: '[H]' },
      firstAlert: { default: 40, min: 3, max: 600, label: { zh: '首响告警（秒）', en: 'First reply alert (s)' }, source: '[H]' },
      minInquiries: { default: 30, min: 5, max: 1000, label: { zh: '个人最少咨询人数（7 天）', en: 'Min inquiries per agent (7 days)' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const out: Verdict[] = [];
    const avgS = firstSeries(ctx.shopSeries, ['avgReplyInterval', 'wwReplyManualAvgTimeLen']);
    const agents = agentsOf(ctx);
    if (!avgS && agents.length === 0) {
      return [
        { status: 'not-applicable', detail: { zh: `没有客服响应时长数据。${OPEN_SERVICE.zh}`, en: `No reply-time data. ${OPEN_SERVICE.en}` }, evidence: [] },
      ];
    }
    // Shop first reply: the console's own, else the inquiry-weighted mean of the agents that day.
    const firstOwn = ctx.shopSeries('firstReplyInterval');
    const firstSeriesShop = firstOwn.length
      ? firstOwn
      : [0, 1, 2]
          .map((i) => {
            const d = addDays(ctx.asOf, -i);
            let w = 0;
            let v = 0;
            for (const a of agents) {
              const x = agentWindow(ctx, a, d, 1);
              if (x.firstReplySec !== null && x.inquirers > 0) {
                w += x.inquirers;
                v += x.firstReplySec * x.inquirers;
              }
            }
            return { date: d, value: w > 0 ? v / w : null };
          })
          .reverse();
    const avgP = avgS ? persists(avgS.series, ctx.asOf, (v) => v > t.avgWarn) : null;
    const avgP1 = avgS ? persists(avgS.series, ctx.asOf, (v) => v > t.avgAlert) : null;
    const firstP = persists(firstSeriesShop, ctx.asOf, (v) => v > t.firstWarn);
    const firstP1 = persists(firstSeriesShop, ctx.asOf, (v) => v > t.firstAlert);
    const avg = avgP?.latest ?? null;
    const first = firstP?.latest ?? null;
    const evidence: Evidence[] = [
      { label: { zh: '平均响应时长', en: 'Average reply time' }, value: avg, format: 'seconds' },
      { label: { zh: '首次响应时长', en: 'First reply time' }, value: first, format: 'seconds' },
      { label: { zh: '平均响应提示 / 告警线', en: 'Avg reply warning / alert' }, value: t.avgWarn, format: 'seconds' },
      { label: { zh: '首响提示线', en: 'First reply warning' }, value: t.firstWarn, format: 'seconds' },
    ];
    const shopP1 = (avgP1?.hits ?? 0) > 0 || (firstP1?.hits ?? 0) > 0;
    const shopFired = shopP1 || (avgP?.hits ?? 0) > 0 || (firstP?.hits ?? 0) > 0;
    const day = { from: addDays(ctx.asOf, -2), to: ctx.asOf };

    // Agents: last 7 days, minimum sample, same thresholds plus the team median.
    const from = addDays(ctx.asOf, -6);
    const rows = agents.map((a) => ({ a, w: agentWindow(ctx, a, ctx.asOf, 7) })).filter((r) => r.w.inquirers >= t.minInquiries);
    const teamAvg = med(rows.map((r) => r.w.avgReplySec).filter((x): x is number => x !== null));
    const teamFirst = med(rows.map((r) => r.w.firstReplySec).filter((x): x is number => x !== null));
    const agentVerdicts: Verdict[] = [];
    for (const { a, w } of rows) {
      const av = w.avgReplySec;
      const fv = w.firstReplySec;
      const p1 = (av !== null && av > t.avgAlert) || (fv !== null && fv > t.firstAlert);
      const p2 = (av !== null && av > t.avgWarn) || (fv !== null && fv > t.firstWarn);
      if (!p1 && !p2) continue;
      const name = agentName(a);
      agentVerdicts.push({
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        entity: entityOf(a),
        period: { from, to: ctx.asOf },
        title: { zh: `客服 ${name} 响应慢`, en: `Agent ${name} replies slowly` },
        detail: {
          zh: `客服 ${name} 近 7 天平均响应 ${secs(av).zh}、首响 ${secs(fv).zh}（${w.inquirers} 位咨询买家），团队中位数为 ${secs(teamAvg).zh} / ${secs(teamFirst).zh}；阈值 ${t.avgWarn} / ${t.firstWarn} 秒。回复慢的买家更容易流失。`,
          en: `Agent ${name}: average reply ${secs(av).en}, first reply ${secs(fv).en} over 7 days (${w.inquirers} buyers); team median ${secs(teamAvg).en} / ${secs(teamFirst).en}; thresholds ${t.avgWarn} / ${t.firstWarn} s. Slow replies lose buyers.`,
        },
        suggestion: {
          zh: '主管抽看该客服的慢响应会话：整理常见问题快捷短语（尺码、发货、优惠），检查同时接待数是否过多，把首响目标定在 10 秒内。',
          en: 'Review this agent’s slow chats: set up quick phrases for common questions (size, shipping, coupons), check concurrent load, aim for a first reply under 10 s.',
        },
        evidence: [
          { label: { zh: '平均响应时长', en: 'Average reply time' }, value: av, format: 'seconds' },
          { label: { zh: '首次响应时长', en: 'First reply time' }, value: fv, format: 'seconds' },
          { label: { zh: '团队中位数（平均响应）', en: 'Team median (avg reply)' }, value: teamAvg, format: 'seconds' },
          { label: { zh: '咨询人数（7 天）', en: 'Inquiries (7 days)' }, value: w.inquirers, format: 'count' },
        ],
        baseline: { method: { zh: '经验阈值；团队中位数作对照', en: 'Practitioner thresholds; team median for reference' }, value: t.avgWarn },
      });
    }

    if (avg === null && first === null && rows.length === 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${ctx.asOf} 没有响应时长，或客服咨询量不足 ${t.minInquiries}。${OPEN_SERVICE.zh}`,
            en: `No reply times for ${ctx.asOf}, or too few inquiries per agent. ${OPEN_SERVICE.en}`,
          },
          evidence: [],
        },
      ];
    }
    if (shopFired) {
      out.push({
        status: 'fired',
        severity: shopP1 ? 'P1' : 'P2',
        period: day,
        detail: {
          zh: `${ctx.asOf} 平均人工响应 ${secs(avg).zh}、首响 ${secs(first).zh}，近 3 天中至少 2 天超过阈值（平均 ${t.avgWarn} / ${t.avgAlert} 秒，首响 ${t.firstWarn} / ${t.firstAlert} 秒）。响应慢会拉低询单转化和 3 分钟响应率。`,
          en: `${ctx.asOf}: average manual reply ${secs(avg).en}, first reply ${secs(first).en}, over the threshold on at least 2 of the last 3 days (avg ${t.avgWarn} / ${t.avgAlert} s, first ${t.firstWarn} / ${t.firstAlert} s). Slow replies cost inquiry conversion and the 3-minute rate.`,
        },
        suggestion: {
          zh: '整理常见问题的快捷短语（尺码、发货、优惠），高峰时段加人或开启机器人先接待，把首响目标定在 10 秒以内（金牌客服常用标准）。',
          en: 'Prepare quick phrases for common questions (size, shipping, coupons), add people or a bot greeter at peak hours, and aim for a first reply under 10 s.',
        },
        evidence,
        baseline: {
          method: { zh: '经验阈值（绩效方案：平均 5 秒满分、30 秒 0 分）', en: 'Practitioner thresholds (5 s full marks, 30 s zero)' },
          value: t.avgWarn,
        },
      });
    }
    out.push(...agentVerdicts);
    if (out.length === 0) {
      out.push({
        status: 'ok',
        period: day,
        detail: {
          zh: `${ctx.asOf} 平均响应 ${secs(avg).zh}、首响 ${secs(first).zh}，客服个人也都在阈值内。`,
          en: `${ctx.asOf}: average reply ${secs(avg).en}, first reply ${secs(first).en}; every agent within the thresholds.`,
        },
        evidence,
      });
    }
    return out;
  },
});
