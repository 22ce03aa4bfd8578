import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { entityWindowSum, windowSum } from '../shared/entity-window';
import { OPEN_HOME, rate } from '../shared/service-window';
import { defineRule, type Text } from '../types';

const PARTS: { id: string; name: Text }[] = [
  { id: 'pltfHelpRate', name: { zh: '平台求助率', en: 'platform help rate' } },
  { id: 'slrRespRate', name: { zh: '平台判责率', en: 'seller-at-fault rate' } },
];

/**
 * CS-08 (what is captured of it): 30-day means of 平台求助率 and 平台判责率. Above the peers'
 * average (同行均值, when captured) → P1, above 2 × → P0; without peers, ≥ 50 % above the shop's
 * own previous 30 days → P2. 纠纷退款率 itself and its category mean are not captured by any
 * adapter, so its 0.1 % line is not judged. Refund rates are SC-07's.
 */
export default defineRule({
  meta: {
    id: 'cs-08-dispute-rate',
    ref: 'CS-08',
    area: 'CS',
    title: { zh: '平台介入 / 判责偏高', en: 'Platform intervention / fault rate high' },
    description: {
      zh: '近 30 天平台求助率、平台判责率与同行均值比较（高于均值 P1，2 倍 P0）；没有同行数据时与自身前 30 天比较。',
      en: '30-day platform help and seller-at-fault rates vs the peer average (above → P1, 2× → P0); without peers, vs the shop’s previous 30 days.',
    },
    severity: 'P1',
    requires: [],
    thresholds: {
      peerFactorP0: { default: 2, min: 1.1, max: 10, label: { zh: '同行均值倍数（P0）', en: 'Peer multiple (P0)' }, source: '[C]' },
      selfRise: { default: 0.5, min: 0.1, max: 5, label: { zh: '较前 30 天上升（无同行时）', en: 'Rise vs previous 30 days (no peers)' }, source: '[H]' },
      minDays: { default: 14, min: 3, max: 30, label: { zh: '30 天内最少观测天数', en: 'Min observed days of 30' }, source: '[S]' },
    },
    link: {
      url: 'https://sycm.taobao.com/qos/service/frame/shop/performance/new#/shop',
      label: { zh: '生意参谋 → 服务 → 店铺绩效', en: '生意参谋 → 服务 → 店铺绩效' },
    },
  },
  evaluate(ctx, t) {
    const present = PARTS.filter((p) => ctx.shopSeries(p.id).length > 0);
    if (!present.length)
      return [
        {
          status: 'not-applicable',
          detail: { zh: `没有平台求助率 / 判责率数据。${OPEN_HOME.zh}`, en: `No platform help / fault rate. ${OPEN_HOME.en}` },
          evidence: [],
        },
      ];
    const evidence: Evidence[] = [];
    const hits: { sev: 'P0' | 'P1' | 'P2'; text: Text }[] = [];
    let judged = 0;
    for (const p of present) {
      const cur = windowSum(ctx.shopSeries(p.id), ctx.asOf, 30);
      if (cur.days < t.minDays) continue;
      judged++;
      const v = cur.sum / cur.days;
      const peer = entityWindowSum(ctx, 'peer', 'rivalAvg', p.id, ctx.asOf, 30);
      const prev = windowSum(ctx.shopSeries(p.id), addDays(ctx.asOf, -30), 30);
      const pv = peer.days >= t.minDays ? peer.sum / peer.days : null;
      const sv = prev.days >= t.minDays ? prev.sum / prev.days : null;
      evidence.push(
        { label: { zh: `${p.name.zh}（30 天）`, en: `${p.name.en} (30 days)` }, value: v, format: 'ratio' },
        { label: { zh: `${p.name.zh}同行均值`, en: `${p.name.en} peer average` }, value: pv, format: 'ratio' },
      );
      if (pv !== null && pv > 0) {
        if (v > pv)
          hits.push({
            sev: v > pv * t.peerFactorP0 ? 'P0' : 'P1',
            text: {
              zh: `${p.name.zh} ${rate(v)}，同行均值 ${rate(pv)}（${(v / pv).toFixed(1)} 倍）`,
              en: `${p.name.en} ${rate(v)} vs peer average ${rate(pv)} (${(v / pv).toFixed(1)}×)`,
            },
          });
      } else if (sv !== null && sv > 0 && v >= sv * (1 + t.selfRise)) {
        hits.push({
          sev: 'P2',
          text: {
            zh: `${p.name.zh} ${rate(v)}，前 30 天 ${rate(sv)}（没有同行数据，与自身比较）`,
            en: `${p.name.en} ${rate(v)} vs ${rate(sv)} the 30 days before (no peer data: vs own history)`,
          },
        });
      }
    }
    const period = { from: addDays(ctx.asOf, -29), to: ctx.asOf };
    if (!judged)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 30 天平台求助 / 判责率不足 ${t.minDays} 天。${OPEN_HOME.zh}`,
            en: `Under ${t.minDays} days of platform help / fault rates in 30. ${OPEN_HOME.en}`,
          },
          evidence,
        },
      ];
    if (!hits.length)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: '近 30 天平台求助率、判责率没有高于同行或明显上升。（纠纷退款率未采集，未判断。）',
            en: 'Platform help and fault rates are not above peers or rising over 30 days. (Dispute refund rate is not captured.)',
          },
          evidence,
        },
      ];
    const sev = hits.some((h) => h.sev === 'P0') ? 'P0' : hits.some((h) => h.sev === 'P1') ? 'P1' : 'P2';
    return [
      {
        status: 'fired',
        severity: sev,
        period,
        detail: {
          zh: `近 30 天${hits.map((h) => h.text.zh).join('；')}。平台介入和判责会计入纠纷指标，影响搜索和活动资格。`,
          en: `Over 30 days: ${hits.map((h) => h.text.en).join('; ')}. Interventions and rulings against the seller feed the dispute metrics that gate search and events.`,
        },
        suggestion: {
          zh: '买家申请售后时优先协商解决，能退的不要拒绝到平台介入；复盘判责案例，补齐发货凭证和质检记录（以规则中心为准）。',
          en: 'Settle after-sale requests with buyers before they escalate; review lost rulings and keep shipping proof and QC records (check the rule centre).',
        },
        evidence,
        baseline: { method: { zh: '同行均值（有则用），否则自身前 30 天', en: 'Peer average when captured, else the previous 30 days' }, value: null },
      },
    ];
  },
});
