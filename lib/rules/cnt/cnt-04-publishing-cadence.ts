import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { contentDates, firstSeen } from '../shared/content-window';
import { CONTENT_LINK, OPEN_CONTENT } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CNT-04: new content pieces (first seen in 作品分析 after capture began — the console's publish
 * date is not captured) in the last 14 days = 0 → P2; in the last 7 days < 3 → P3. Needs content
 * capture on at least 2 of the last 3 days and history from before the 14-day window.
 */
export default defineRule({
  meta: {
    id: 'cnt-04-publishing-cadence',
    ref: 'CNT-04',
    area: 'CNT',
    title: { zh: '内容发布节奏中断', en: 'Content publishing has stalled' },
    description: {
      zh: '近 14 天没有新内容提示 P2，近 7 天新内容少于 3 条提示 P3（按作品首次出现的日期估算）。',
      en: 'No new piece in 14 days (P2), or fewer than 3 in 7 days (P3), by the day a piece first appears.',
    },
    severity: 'P2',
    requires: ['content.contentViewUv'],
    thresholds: {
      weekMin: { default: 3, min: 1, max: 50, label: { zh: '7 天最少新内容', en: 'Min new pieces in 7 days' }, source: '[H]' },
      gapDays: { default: 14, min: 7, max: 60, label: { zh: '无新内容的天数', en: 'Days without a new piece' }, source: '[H]' },
    },
    link: CONTENT_LINK,
  },
  evaluate(ctx, t) {
    const dates = [...contentDates(ctx)].sort();
    const start = dates[0];
    const gap = Math.round(t.gapDays);
    const recentCaptured = [0, 1, 2].filter((i) => dates.includes(addDays(ctx.asOf, -i))).length;
    if (!start || start > addDays(ctx.asOf, -gap) || recentCaptured < 2) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `内容数据从 ${start ?? '—'} 开始、近 3 天采集了 ${recentCaptured} 天：需要 ${gap} 天以前的历史和最近的采集才能判断有没有新内容。${OPEN_CONTENT.zh}`,
            en: `Content data since ${start ?? '—'}, ${recentCaptured} of the last 3 days captured: needs history from before ${gap} days and recent capture. ${OPEN_CONTENT.en}`,
          },
          evidence: [],
        },
      ];
    }
    const first = ctx
      .entities('content')
      .map((e) => firstSeen(ctx, e) ?? start)
      .filter((d) => d > start);
    const inGap = first.filter((d) => d > addDays(ctx.asOf, -gap)).length;
    const inWeek = first.filter((d) => d > addDays(ctx.asOf, -7)).length;
    const last = first.sort().at(-1) ?? null;
    const evidence: Evidence[] = [
      { label: { zh: `近 ${gap} 天新内容`, en: `New pieces, ${gap} days` }, value: inGap, format: 'count' },
      { label: { zh: '近 7 天新内容', en: 'New pieces, 7 days' }, value: inWeek, format: 'count' },
      { label: { zh: '在看的内容总数', en: 'Pieces tracked' }, value: ctx.entities('content').length, format: 'count' },
    ];
    const period = { from: addDays(ctx.asOf, -(gap - 1)), to: ctx.asOf };
    if (inGap > 0 && inWeek >= t.weekMin)
      return [
        {
          status: 'ok',
          period,
          detail: { zh: `近 7 天新出现 ${inWeek} 条内容，发布节奏正常。`, en: `${inWeek} new pieces in the last 7 days: a steady cadence.` },
          evidence,
        },
      ];
    const stalled = inGap === 0;
    return [
      {
        status: 'fired',
        severity: stalled ? 'P2' : 'P3',
        period,
        detail: stalled
          ? {
              zh: `近 ${gap} 天作品分析里没有出现新内容${last ? `（最近一条新内容首次出现在 ${last}）` : ''}。内容渠道的流量会持续衰减。（按作品首次出现的日期估算，发布时间未采集。）`,
              en: `No new piece has appeared in 作品分析 for ${gap} days${last ? ` (the last one first appeared on ${last})` : ''}. Content traffic keeps fading. (Estimated from first appearance; publish dates are not captured.)`,
            }
          : {
              zh: `近 7 天只新出现 ${inWeek} 条内容，少于 ${t.weekMin} 条。（按作品首次出现的日期估算。）`,
              en: `Only ${inWeek} new pieces in 7 days, under ${t.weekMin}. (Estimated from first appearance.)`,
            },
        suggestion: {
          zh: '固定每周的发布排期（短视频、逛逛图文、直播切片），分配到具体负责人，并在日报里跟踪完成情况。',
          en: 'Fix a weekly posting schedule (short videos, 逛逛 posts, live clips), give each slot an owner, and track it in the daily report.',
        },
        evidence,
        baseline: { method: { zh: '经验值：14 天至少 1 条、7 天至少 3 条', en: 'Practitioner: ≥ 1 in 14 days, ≥ 3 in 7 days' }, value: t.weekMin },
      },
    ];
  },
});
