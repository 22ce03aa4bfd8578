import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { windowSum } from '../shared/entity-window';
import { EXPERIENCE_LINK, OPEN_EXPERIENCE, shopSnapshot } from '../shared/service-window';
import { defineRule, type Text } from '../types';

const DSR: { id: string; zh: string; en: string }[] = [
  { id: 'dsrDesc', zh: '描述相符', en: 'description' },
  { id: 'dsrService', zh: '服务态度', en: 'service' },
  { id: 'dsrLogistics', zh: '物流服务', en: 'logistics' },
];
const EXP: { id: string; zh: string; en: string }[] = [
  { id: 'expScoreGoods', zh: '商品体验', en: 'goods' },
  { id: 'expScoreLogistics', zh: '物流体验', en: 'logistics' },
  { id: 'expScoreAfter', zh: '售后体验', en: 'after-sales' },
  { id: 'expScoreDispute', zh: '纠纷', en: 'disputes' },
  { id: 'expScoreConsult', zh: '咨询体验', en: 'consultation' },
];

/**
 * CS-09: DSR (rolling 180 days, a snapshot) < 4.7 → P2, < 4.6 → P1; 体验分 sub-scores (生意参谋
 * 体验诊断, day series) whose 7-day mean fell ≥ 0.2 below the 4 weeks before → P2. The platform's
 * level codes (高 / 中 / 低) and "超过同行 %" are not stored by the adapters, so they are not judged.
 */
export default defineRule({
  meta: {
    id: 'cs-09-experience-dsr',
    ref: 'CS-09',
    area: 'CS',
    title: { zh: '体验分 / DSR 下滑', en: 'Experience score / DSR slipping' },
    description: {
      zh: 'DSR 低于 4.7 提示、低于 4.6 告警（常见活动门槛）；体验分各维度近 7 天均值比前 4 周低 0.2 以上时提示。',
      en: 'DSR under 4.7 flagged, under 4.6 alerted (a common event gate); experience sub-scores whose 7-day mean fell ≥ 0.2 below the 4 weeks before.',
    },
    severity: 'P2',
    requires: [],
    thresholds: {
      dsrWarn: { default: 4.7, min: 3, max: 5, label: { zh: 'DSR 提示线', en: 'DSR warning' }, source: '[H]' },
      dsrAlert: { default: 4.6, min: 3, max: 5, label: { zh: 'DSR 告警线', en: 'DSR alert' }, source: '[P]' },
      expDrop: { default: 0.2, min: 0.05, max: 2, label: { zh: '体验分维度下降（分）', en: 'Sub-score drop (points)' }, source: '[H]' },
      maxAgeDays: { default: 14, min: 1, max: 90, label: { zh: 'DSR 快照最长可用天数', en: 'Max DSR snapshot age (days)' }, source: '[H]' },
    },
    link: EXPERIENCE_LINK,
  },
  evaluate(ctx, t) {
    const evidence: Evidence[] = [];
    const problems: { p1: boolean; text: Text }[] = [];
    let any = false;
    for (const d of DSR) {
      const s = shopSnapshot(ctx, d.id);
      if (!s || s.date < addDays(ctx.asOf, -t.maxAgeDays)) continue;
      any = true;
      evidence.push({ label: { zh: `DSR ${d.zh}`, en: `DSR ${d.en}` }, value: s.value, format: 'plain' });
      if (s.value < t.dsrWarn)
        problems.push({ p1: s.value < t.dsrAlert, text: { zh: `DSR ${d.zh} ${s.value.toFixed(2)}`, en: `DSR ${d.en} ${s.value.toFixed(2)}` } });
    }
    for (const e of EXP) {
      const s = ctx.shopSeries(e.id);
      if (!s.length) continue;
      const cur = windowSum(s, ctx.asOf, 7);
      const prev = windowSum(s, addDays(ctx.asOf, -7), 28);
      if (cur.days < 4 || prev.days < 14) continue;
      any = true;
      const c = cur.sum / cur.days;
      const b = prev.sum / prev.days;
      evidence.push({ label: { zh: `${e.zh}分（7 天均值）`, en: `${e.en} score (7-day mean)` }, value: c, format: 'plain' });
      if (b - c >= t.expDrop)
        problems.push({
          p1: false,
          text: { zh: `${e.zh}分 ${c.toFixed(2)}（前 4 周 ${b.toFixed(2)}）`, en: `${e.en} score ${c.toFixed(2)} (4 weeks before: ${b.toFixed(2)})` },
        });
    }
    const exp = shopSnapshot(ctx, 'experienceScore');
    if (exp) evidence.push({ label: { zh: '真实体验分', en: 'Experience score' }, value: exp.value, format: 'plain' });
    if (!any) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `没有近期的 DSR 或体验分维度数据。${OPEN_EXPERIENCE.zh}，或打开 生意参谋 → 服务 → 体验诊断 / 评价概况。`,
            en: `No recent DSR or experience sub-scores. ${OPEN_EXPERIENCE.en}, or open 生意参谋 → 服务 → 体验诊断 / 评价概况.`,
          },
          evidence,
        },
      ];
    }
    if (!problems.length)
      return [
        {
          status: 'ok',
          detail: { zh: `DSR 不低于 ${t.dsrWarn}，体验分各维度没有明显下滑。`, en: `DSR at or above ${t.dsrWarn}; no experience sub-score slipping.` },
          evidence,
        },
      ];
    const p1 = problems.some((p) => p.p1);
    return [
      {
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        period: { from: addDays(ctx.asOf, -6), to: ctx.asOf },
        detail: {
          zh: `${problems.map((p) => p.text.zh).join('；')}。DSR 阈值 ${t.dsrWarn} / ${t.dsrAlert}（4.6 是常见的活动报名门槛），体验分会联动搜索、活动和投放资格。`,
          en: `${problems.map((p) => p.text.en).join('; ')}. DSR thresholds ${t.dsrWarn} / ${t.dsrAlert} (4.6 is a common event entry gate); the experience score gates search, events and ads.`,
        },
        suggestion: {
          zh: '打开 千牛 → 真实体验分，按“权重 × 与满分的差距”找拖分最多的子指标（常见是 3 分钟人工响应率、退款处理时长、商品负反馈率），优先改它。',
          en: 'Open 千牛 → 真实体验分 and rank sub-indexes by weight × gap to full marks (often the 3-minute response rate, refund time, negative feedback); fix the largest first.',
        },
        evidence,
        baseline: { method: { zh: 'DSR 经验线；体验分前 4 周均值', en: 'DSR practitioner lines; 4-week mean of the sub-scores' }, value: t.dsrWarn },
      },
    ];
  },
});
