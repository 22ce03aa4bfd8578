import { addDays } from '../../series/dates';
import { EXPERIENCE_LINK, OPEN_EXPERIENCE, rate, shopSnapshot } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-01: 3 分钟人工响应率 (真实体验分 · 服务保障 sub-index, a 千牛 snapshot). < 98 % → P2,
 * < 95 % → P1. A snapshot older than a week is not judged.
 */
export default defineRule({
  meta: {
    id: 'cs-01-manual-response-3min',
    ref: 'CS-01',
    area: 'CS',
    title: { zh: '3 分钟人工响应率不达标', en: '3-minute manual response rate below target' },
    description: {
      zh: '读取千牛真实体验分里的“3 分钟人工响应率”，低于 98% 提示、低于 95% 告警（它是服务保障的子指标，会拉低体验分）。',
      en: 'Reads the 3-minute manual response rate of the 千牛 experience score; flags it under 98 % and alerts under 95 % (a service sub-index of the score).',
    },
    severity: 'P2',
    requires: ['shop.expManualResp3minRate'],
    thresholds: {
      warn: { default: 0.98, min: 0.5, max: 1, label: { zh: '提示线', en: 'Warning line' }, source: '[C]' },
      alert: { default: 0.95, min: 0.5, max: 1, label: { zh: '告警线', en: 'Alert line' }, source: '[H]' },
      maxAgeDays: { default: 7, min: 1, max: 60, label: { zh: '快照最长可用天数', en: 'Max snapshot age (days)' }, source: '[H]' },
    },
    link: EXPERIENCE_LINK,
  },
  evaluate(ctx, t) {
    const snap = shopSnapshot(ctx, 'expManualResp3minRate');
    if (!snap) return [{ status: 'insufficient', detail: OPEN_EXPERIENCE, evidence: [] }];
    if (snap.date < addDays(ctx.asOf, -t.maxAgeDays)) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `体验分快照停在 ${snap.date}，已超过 ${t.maxAgeDays} 天。${OPEN_EXPERIENCE.zh}`,
            en: `The experience-score snapshot is from ${snap.date}, older than ${t.maxAgeDays} days. ${OPEN_EXPERIENCE.en}`,
          },
          evidence: [],
        },
      ];
    }
    const v = snap.value;
    const service = shopSnapshot(ctx, 'expServiceScore');
    const evidence = [
      { label: { zh: '3 分钟人工响应率', en: '3-min manual response rate' }, value: v, format: 'ratio' as const },
      { label: { zh: '提示线', en: 'Warning line' }, value: t.warn, format: 'ratio' as const },
      { label: { zh: '告警线', en: 'Alert line' }, value: t.alert, format: 'ratio' as const },
      ...(service ? [{ label: { zh: '服务保障分', en: 'Service score' }, value: service.value, format: 'plain' as const }] : []),
    ];
    const period = { from: snap.date, to: snap.date };
    if (v >= t.warn) {
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `3 分钟人工响应率 ${rate(v)}（${snap.date}），达到 ${rate(t.warn)}。`,
            en: `3-minute manual response rate ${rate(v)} (${snap.date}), at or above ${rate(t.warn)}.`,
          },
          evidence,
        },
      ];
    }
    const p1 = v < t.alert;
    return [
      {
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        period,
        detail: {
          zh: `3 分钟人工响应率 ${rate(v)}（${snap.date}），低于${p1 ? `告警线 ${rate(t.alert)}` : `目标 ${rate(t.warn)}`}。它是体验分·服务保障的子指标（样例权重 30%），体验分会联动搜索、活动和投放资格。`,
          en: `3-minute manual response rate ${rate(v)} (${snap.date}), below the ${p1 ? `alert line ${rate(t.alert)}` : `target ${rate(t.warn)}`}. It is a service sub-index of the experience score (30 % in the sample), which gates search, events and ads.`,
        },
        suggestion: {
          zh: '在 生意参谋 → 服务 → 客服绩效 看哪个时段、哪位客服响应慢：增加晚间和高峰班次，或设置机器人先接待、复杂问题转人工时优先派单。',
          en: 'In 生意参谋 → 服务 → 客服绩效 find the hours and agents that answer late: add evening / peak shifts, or let the bot greet first and route complex questions to people with priority.',
        },
        evidence,
        baseline: { method: { zh: '体验分目标（98%，95% 为 0 分线）', en: 'Experience-score target (98 %; 95 % scores zero)' }, value: t.warn },
      },
    ];
  },
});
