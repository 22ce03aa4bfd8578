import type { Evidence } from '../../schema/finding';
import { OPEN_SERVICE, rate, SERVICE_LINK, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-06: buyers left without a reply on the latest day (咨询人数 − 接待人数, or 1 − 回复率) > 0 →
 * P2, ≥ 10 → P1; or slow replies (慢响应明细 count) > 5 % of buyers served → P2. An empty or
 * missing list is "not captured", never "no problem".
 */
export default defineRule({
  meta: {
    id: 'cs-06-unreplied-slow',
    ref: 'CS-06',
    area: 'CS',
    title: { zh: '未回复 / 慢响应的买家', en: 'Unanswered and slow-answered buyers' },
    description: {
      zh: '昨日有咨询后无人回复的买家，或慢响应占接待人数的比例超过 5% 时提示。',
      en: 'Flags buyers who asked and got no reply, or slow replies above 5 % of buyers served.',
    },
    severity: 'P2',
    requires: ['consultUserCnt'],
    thresholds: {
      unrepliedP1: { default: 10, min: 1, max: 1000, label: { zh: '未回复人数告警线', en: 'Unanswered buyers alert' }, source: '[H]' },
      slowShare: { default: 0.05, min: 0.005, max: 0.5, label: { zh: '慢响应占比', en: 'Slow-reply share' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const d = ctx.asOf;
    const consult = valueOn(ctx.shopSeries('consultUserCnt'), d);
    const served = valueOn(ctx.shopSeries('customerServiceRecUserCnt'), d);
    const replyRate = valueOn(ctx.shopSeries('wwUserReplayRate'), d);
    const slow = valueOn(ctx.shopSeries('cspSlowReplyCnt'), d);
    const lost = valueOn(ctx.shopSeries('cspInquiryLossCnt'), d);
    if (consult === null)
      return [
        { status: 'insufficient', detail: { zh: `${d} 没有咨询人数。${OPEN_SERVICE.zh}`, en: `No inquiry count for ${d}. ${OPEN_SERVICE.en}` }, evidence: [] },
      ];
    const unreplied = served !== null ? Math.max(0, consult - served) : replyRate !== null ? Math.max(0, Math.round(consult * (1 - replyRate))) : null;
    const base = served ?? consult;
    const share = slow !== null && base > 0 ? slow / base : null;
    if (unreplied === null && share === null) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${d} 没有接待人数 / 回复率，也没有慢响应明细。${OPEN_SERVICE.zh}，并打开 服务 → 慢响应明细。`,
            en: `No buyers-served / reply rate and no slow-reply list for ${d}. ${OPEN_SERVICE.en}, and open 服务 → 慢响应明细.`,
          },
          evidence: [],
        },
      ];
    }
    const evidence: Evidence[] = [
      { label: { zh: '咨询人数', en: 'Inquiring buyers' }, value: consult, format: 'count' },
      { label: { zh: '未回复人数', en: 'Unanswered buyers' }, value: unreplied, format: 'count' },
      { label: { zh: '慢响应数', en: 'Slow replies' }, value: slow, format: 'count' },
      { label: { zh: '慢响应占接待比', en: 'Slow-reply share' }, value: share, format: 'ratio' },
      { label: { zh: '询单流失数', en: 'Lost inquiries' }, value: lost, format: 'count' },
    ];
    const un = unreplied ?? 0;
    const slowHit = share !== null && share > t.slowShare;
    if (un === 0 && !slowHit) {
      const gaps = [
        unreplied === null ? { zh: '未回复人数未采集', en: 'unanswered count not captured' } : null,
        share === null ? { zh: '慢响应明细未采集', en: 'slow-reply list not captured' } : null,
      ].filter((x) => x !== null);
      return [
        {
          status: 'ok',
          detail: {
            zh: `${d} 咨询 ${consult} 人，没有未回复的买家${share !== null ? `，慢响应占 ${rate(share)}` : ''}。${gaps.map((g) => g.zh).join('；')}`,
            en: `${d}: ${consult} inquiring buyers, none unanswered${share !== null ? `, slow replies ${rate(share)}` : ''}. ${gaps.map((g) => g.en).join('; ')}`,
          },
          evidence,
        },
      ];
    }
    const parts = [
      un > 0 ? { zh: `${un} 位买家咨询后无人回复`, en: `${un} buyers got no reply` } : null,
      slowHit
        ? {
            zh: `慢响应 ${slow} 次，占接待人数 ${rate(share)}（阈值 ${rate(t.slowShare)}）`,
            en: `${slow} slow replies, ${rate(share)} of buyers served (threshold ${rate(t.slowShare)})`,
          }
        : null,
    ].filter((x) => x !== null);
    return [
      {
        status: 'fired',
        severity: un >= t.unrepliedP1 ? 'P1' : 'P2',
        detail: {
          zh: `${d} 咨询 ${consult} 人：${parts.map((p) => p.zh).join('；')}。没回复的咨询基本等于流失的订单${lost !== null ? `（当日询单流失 ${lost} 人）` : ''}。`,
          en: `${d}: ${consult} inquiring buyers — ${parts.map((p) => p.en).join('; ')}. An unanswered inquiry is usually a lost order${lost !== null ? ` (${lost} lost inquiries that day)` : ''}.`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 服务 → 慢响应明细 / 询单流失，看发生在哪些时段和客服：检查离线时段的自动回复和留言跟进，高峰时段加人或分流。',
          en: 'Open 生意参谋 → 服务 → 慢响应明细 / 询单流失 to see the hours and agents: check off-hours auto-replies and message follow-up, add people or routing at peaks.',
        },
        evidence,
        baseline: {
          method: { zh: '经验阈值：未回复 > 0，慢响应占比 5%', en: 'Practitioner thresholds: any unanswered buyer, 5 % slow replies' },
          value: t.slowShare,
        },
      },
    ];
  },
});
