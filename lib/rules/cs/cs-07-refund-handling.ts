import { formatHours } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { entityWindowSum, windowSum } from '../shared/entity-window';
import { OPEN_HOME } from '../shared/service-window';
import { defineRule } from '../types';

const h = (x: number | null) => ({ zh: formatHours(x), en: formatHours(x, 'en') });

/**
 * CS-07: average refund handling time over the last 7 days (首页 退款处理时长 in days × 24, else
 * the 服务 page's 仅退款 / 退货退款 close times in hours). > 24 h or above the peers' average → P2,
 * > 48 h → P1. Needs 3 observed days.
 */
export default defineRule({
  meta: {
    id: 'cs-07-refund-handling',
    ref: 'CS-07',
    area: 'CS',
    title: { zh: '退款处理慢', en: 'Slow refund handling' },
    description: {
      zh: '近 7 天平均退款处理时长超过 24 小时或同行均值提示，超过 48 小时告警。',
      en: 'Average refund handling time over 7 days above 24 h or the peer average is flagged; above 48 h alerted.',
    },
    severity: 'P2',
    requires: [],
    thresholds: {
      warnHours: { default: 24, min: 1, max: 240, label: { zh: '提示线（小时）', en: 'Warning (hours)' }, source: '[C]' },
      alertHours: { default: 48, min: 1, max: 480, label: { zh: '告警线（小时）', en: 'Alert (hours)' }, source: '[H]' },
      minDays: { default: 3, min: 1, max: 7, label: { zh: '最少观测天数', en: 'Min observed days' }, source: '[S]' },
    },
    link: {
      url: 'https://sycm.taobao.com/qos/service/frame/shop/performance/new#/shop',
      label: { zh: '生意参谋 → 服务 → 店铺绩效', en: '生意参谋 → 服务 → 店铺绩效' },
    },
  },
  evaluate(ctx, t) {
    const days = ctx.shopSeries('rfdFinshDur');
    const jtk = ctx.shopSeries('jtkCaseEndAvgDur');
    const thtk = ctx.shopSeries('thtkCaseEndAvgDur');
    if (!days.length && !jtk.length && !thtk.length) {
      return [
        { status: 'not-applicable', detail: { zh: `没有退款处理时长数据。${OPEN_HOME.zh}`, en: `No refund handling time. ${OPEN_HOME.en}` }, evidence: [] },
      ];
    }
    const fromDays = windowSum(days, ctx.asOf, 7);
    let hours: number | null = null;
    let n = 0;
    let basis = { zh: '首页 退款处理时长', en: 'home-page refund handling time' };
    if (fromDays.days >= t.minDays) {
      hours = (fromDays.sum / fromDays.days) * 24;
      n = fromDays.days;
    } else {
      const parts = [windowSum(jtk, ctx.asOf, 7), windowSum(thtk, ctx.asOf, 7)].filter((w) => w.days >= t.minDays);
      if (parts.length) {
        hours = parts.reduce((s, w) => s + w.sum / w.days, 0) / parts.length;
        n = Math.min(...parts.map((w) => w.days));
        basis = { zh: '服务页 仅退款 / 退货退款完结时长', en: 'service-page close times (refund-only / return)' };
      }
    }
    if (hours === null) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 7 天退款处理时长不足 ${t.minDays} 天。${OPEN_HOME.zh}`,
            en: `Under ${t.minDays} days of refund handling time in the last 7. ${OPEN_HOME.en}`,
          },
          evidence: [],
        },
      ];
    }
    const peer = entityWindowSum(ctx, 'peer', 'rivalAvg', 'rfdFinshDur', ctx.asOf, 7);
    const peerHours = peer.days > 0 ? (peer.sum / peer.days) * 24 : null;
    const evidence: Evidence[] = [
      { label: { zh: '平均退款处理时长（7 天）', en: 'Avg refund handling (7 days)' }, value: hours, format: 'hours' },
      { label: { zh: '同行均值', en: 'Peer average' }, value: peerHours, format: 'hours' },
      { label: { zh: '提示 / 告警线', en: 'Warning / alert' }, value: t.warnHours, format: 'hours' },
      { label: { zh: '观测天数', en: 'Days observed' }, value: n, format: 'count' },
    ];
    const period = { from: addDays(ctx.asOf, -6), to: ctx.asOf };
    const p1 = hours > t.alertHours;
    const p2 = hours > t.warnHours || (peerHours !== null && hours > peerHours);
    if (!p1 && !p2) {
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `近 7 天平均退款处理 ${h(hours).zh}（${basis.zh}），在 ${t.warnHours} 小时内。`,
            en: `Refunds handled in ${h(hours).en} on average over 7 days (${basis.en}), within ${t.warnHours} h.`,
          },
          evidence,
        },
      ];
    }
    return [
      {
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        period,
        detail: {
          zh: `近 7 天平均退款处理 ${h(hours).zh}（${basis.zh}），超过${p1 ? `告警线 ${t.alertHours} 小时` : hours > t.warnHours ? `${t.warnHours} 小时` : `同行均值 ${h(peerHours).zh}`}${peerHours !== null ? `；同行均值 ${h(peerHours).zh}` : ''}。退款处理时长是体验分·服务保障的子指标，拖久了买家会申请平台介入。`,
          en: `Refunds took ${h(hours).en} on average over 7 days (${basis.en}), over ${p1 ? `the ${t.alertHours} h alert line` : hours > t.warnHours ? `${t.warnHours} h` : `the peer average ${h(peerHours).en}`}${peerHours !== null ? `; peer average ${h(peerHours).en}` : ''}. It is a service sub-index of the experience score, and slow refunds invite platform intervention.`,
        },
        suggestion: {
          zh: '在 千牛 → 售后 对小额、未发货的仅退款开启快速同意；退货包裹签收后当天验货退款；每天固定两个时段清理待处理售后。',
          en: 'In 千牛 → 售后 enable quick approval for small, unshipped refund-only cases; refund returns the day they arrive; clear pending cases at two fixed times a day.',
        },
        evidence,
        baseline: {
          method: { zh: '经验阈值与同行均值（有则用）', en: 'Practitioner threshold and the peer average when captured' },
          value: peerHours ?? t.warnHours,
        },
      },
    ];
  },
});
