import { formatHours } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { median } from '../../series/stats';
import { OPEN_LOGISTICS, windowValues } from '../shared/entity-window';
import { defineRule } from '../types';

/**
 * SC-06: average delivery time (物流到货时长, hours) over 72 h or over 1.2 × the peer average → P2,
 * over 96 h → P1. Level = median of the last 3 closed days, at least 2 of them above the line.
 */
export default defineRule({
  meta: {
    id: 'sc-06-delivery-time',
    ref: 'SC-06',
    area: 'SC',
    title: { zh: '物流到货慢', en: 'Slow delivery' },
    description: {
      zh: '物流到货时长超过 72 小时或同行均值 × 1.2（P2），超过 96 小时（P1），近 3 天中至少 2 天成立。',
      en: 'Delivery time above 72 h or 1.2 × the peer average (P2), above 96 h (P1), on at least 2 of the last 3 days.',
    },
    severity: 'P2',
    requires: ['avgSignTimeHh'],
    thresholds: {
      p2Hours: { default: 72, min: 12, max: 240, label: { zh: 'P2 小时数', en: 'P2 hours' }, source: '[H]' },
      p1Hours: { default: 96, min: 24, max: 480, label: { zh: 'P1 小时数', en: 'P1 hours' }, source: '[H]' },
      peerFactor: { default: 1.2, min: 1, max: 3, label: { zh: '相对同行均值倍数', en: 'Factor over the peer average' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/bda/logistics/overview/overview.htm', label: { zh: '生意参谋 → 物流概况', en: '生意参谋 → 物流概况' } },
  },
  evaluate(ctx, t) {
    const xs = windowValues(ctx.shopSeries('avgSignTimeHh'), ctx.asOf, 3).filter((v): v is number => v !== null);
    if (xs.length < 2) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `近 3 天的到货时长不足 2 天。${OPEN_LOGISTICS.zh}`, en: `Fewer than 2 of the last 3 days have delivery times. ${OPEN_LOGISTICS.en}` },
          evidence: [],
        },
      ];
    }
    const peers = windowValues(ctx.series('peer', 'rivalAvg', 'avgSignTimeHh'), ctx.asOf, 3).filter((v): v is number => v !== null);
    const peer = peers.length ? (median(peers) as number) : null;
    const med = median(xs) as number;
    const line2 = peer !== null ? Math.min(t.p2Hours, peer * t.peerFactor) : t.p2Hours;
    const above = (line: number) => xs.filter((x) => x > line).length >= 2 && med > line;
    const level = above(t.p1Hours) ? 'P1' : above(line2) ? 'P2' : null;
    const evidence: Evidence[] = [
      { label: { zh: '物流到货时长（近 3 天中位数）', en: 'Delivery time (3-day median)' }, value: med, format: 'hours' },
      { label: { zh: '同行均值', en: 'Peer average' }, value: peer, format: 'hours' },
      { label: { zh: 'P2 线', en: 'P2 line' }, value: line2, format: 'hours' },
    ];
    const period = { from: addDays(ctx.asOf, -2), to: ctx.asOf };
    if (!level) {
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `近 3 天物流到货时长 ${formatHours(med)}，未超过 ${formatHours(line2)}。`,
            en: `Delivery time ${formatHours(med, 'en')} over the last 3 days: within ${formatHours(line2, 'en')}.`,
          },
          evidence,
        },
      ];
    }
    const vsPeer = peer !== null ? { zh: `，同行均值 ${formatHours(peer)}`, en: `, peer average ${formatHours(peer, 'en')}` } : { zh: '', en: '' };
    return [
      {
        status: 'fired',
        severity: level,
        period,
        detail: {
          zh: `近 3 天物流到货时长 ${formatHours(med)}（P2 线 ${formatHours(line2)}、P1 线 ${formatHours(t.p1Hours)}${vsPeer.zh}）。到货时长是体验分·物流速度的子指标，慢件会拉低评分和复购。`,
          en: `Delivery time ${formatHours(med, 'en')} over the last 3 days (P2 line ${formatHours(line2, 'en')}, P1 line ${formatHours(t.p1Hours, 'en')}${vsPeer.en}). It is part of the experience score's logistics speed; slow parcels cost ratings and repeat purchases.`,
        },
        suggestion: {
          zh: '在 物流概况 里按省份查慢件线路；对偏远线路换时效更快的快递或考虑分仓，提升当日 / 次日达占比。',
          en: 'Check slow routes by province on 物流概况; use a faster courier or a second warehouse for them and raise the same/next-day share.',
        },
        evidence,
      },
    ];
  },
});
