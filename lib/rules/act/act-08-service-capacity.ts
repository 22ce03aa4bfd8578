import { formatCount, formatSeconds, formatSignedPct } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays, dateRange } from '../../series/dates';
import {
  daysBetween,
  earlier,
  ev,
  lastStarted,
  nextEvent,
  peakOf,
  preEventDays,
  present,
  SYCM_HOME,
  sameKindBefore,
  sumOf,
  valueMap,
} from '../shared/act-events';
import { defineRule, type Text } from '../types';

/**
 * ACT-08, two checks in one shop finding:
 * - before the next 大促 (within `horizon` days): forecast peak-day orders (pre-event daily ×
 *   the peak multiple of the same-kind event a year earlier, or an assumed 3×) above 2× normal
 *   AND above the most the shop has ever handled in a day in the captured history → P1.
 *   Staffing and warehouse capacity are not captured: the proven daily maximum stands in.
 * - during / after the sale days (30 days): 旺旺人工响应时长 over the sale days ≥ 30 % above the
 *   pre-event level → P1. (The 3-minute response rate of the catalogue is only a snapshot in
 *   千牛 体验分, with no daily series, so the daily response time stands in.)
 */
export default defineRule({
  meta: {
    id: 'act-08-service-capacity',
    ref: 'ACT-08',
    area: 'ACT',
    title: { zh: '大促服务与履约负荷', en: 'Service and fulfilment load around events' },
    description: {
      zh: '大促前：预估峰值日订单超过日常 2 倍且超过历史最高单日处理量；大促中后：人工响应时长比活动前变慢 ≥ 30%。',
      en: 'Before an event: forecast peak-day orders above 2× normal and above the most ever handled in a day; during/after: manual response time ≥ 30% slower than before.',
    },
    severity: 'P1',
    requires: ['payByrCnt'],
    thresholds: {
      horizon: { default: 30, min: 7, max: 90, label: { zh: '提前多少天检查', en: 'Days ahead to check' }, source: '[H]' },
      defaultPeak: { default: 3, min: 1, max: 20, label: { zh: '默认峰值倍数（假设）', en: 'Default peak multiple (assumed)' }, source: '[H]' },
      normalMultiple: { default: 2, min: 1, max: 10, label: { zh: '日常的倍数', en: 'Multiple of normal' }, source: '[P]' },
      provenMargin: { default: 1.1, min: 1, max: 3, label: { zh: '超过历史最高处理量的倍数', en: 'Multiple of the proven maximum' }, source: '[H]' },
      respRise: { default: 0.3, min: 0.05, max: 3, label: { zh: '响应时长变慢幅度', en: 'Response-time rise' }, source: '[H]' },
    },
    link: SYCM_HOME,
  },
  evaluate(ctx, t) {
    const parts: Text[] = [];
    const evidence: Evidence[] = [];
    let fired = false;
    let period = { from: ctx.asOf, to: ctx.asOf };
    let checked = 0;
    const metric = ctx.hasMetric('subPayOrdSubCnt') ? 'subPayOrdSubCnt' : 'payByrCnt';
    const orders = valueMap(ctx, metric);
    const next = nextEvent(ctx.asOf);
    if (next && daysBetween(ctx.asOf, next.from) <= t.horizon) {
      const pre = preEventDays(orders, addDays(ctx.asOf, 1));
      if (pre.length >= 14) {
        checked++;
        const base = sumOf(orders, pre) / pre.length;
        const prev = sameKindBefore(next);
        const measured = prev ? peakOf(ctx, prev, metric) : null;
        const peak = measured ?? t.defaultPeak;
        const forecast = base * peak;
        const proven = Math.max(...[...orders.values()]);
        period = { from: next.saleFrom, to: next.saleTo };
        evidence.push(
          ev('预估峰值日订单', 'Forecast peak-day orders', forecast, 'count'),
          ev('日常日均订单', 'Normal daily orders', base, 'count'),
          ev('历史最高单日', 'Most in one day so far', proven, 'count'),
        );
        if (forecast > t.normalMultiple * base && forecast > t.provenMargin * proven) {
          fired = true;
          parts.push({
            zh: `${next.name.zh}预计峰值日约 ${formatCount(Math.round(forecast))} 单（日常 ${formatCount(Math.round(base))} 单 × ${peak.toFixed(1)}${measured === null ? '，假设值' : `，按${prev?.name.zh}实测`}），超过采集到的历史最高单日 ${formatCount(proven)} 单；客服排班和仓库产能未采集，按历史最高处理量估计会超负荷。`,
            en: `${next.name.en} peak day forecast at about ${Math.round(forecast)} orders (normal ${Math.round(base)} × ${peak.toFixed(1)}${measured === null ? ', assumed' : `, measured at ${prev?.name.en}`}), above the most ever handled in a captured day (${proven}); staffing and warehouse capacity are not captured, so the proven maximum stands in.`,
          });
        }
      }
    }
    const last = lastStarted(ctx.asOf);
    if (last && ctx.asOf >= addDays(last.saleFrom, 2) && ctx.asOf <= addDays(last.saleTo, 30)) {
      const resp = valueMap(ctx, 'wwReplyManualAvgTimeLen');
      const sale = present(resp, dateRange(last.saleFrom, earlier(last.saleTo, ctx.asOf)));
      const pre = preEventDays(resp, last.from);
      if (sale.length >= 3 && pre.length >= 14) {
        checked++;
        const during = sumOf(resp, sale) / sale.length;
        const before = sumOf(resp, pre) / pre.length;
        const rise = before > 0 ? during / before - 1 : 0;
        evidence.push(
          ev('开卖期人工响应时长', 'Response time, sale days', during, 'seconds'),
          ev('活动前人工响应时长', 'Response time before', before, 'seconds'),
        );
        if (rise >= t.respRise) {
          fired = true;
          if (!parts.length) period = { from: last.saleFrom, to: sale[sale.length - 1] as string };
          parts.push({
            zh: `${last.name.zh}开卖期旺旺人工响应时长 ${formatSeconds(during)}，活动前 ${formatSeconds(before)}，变慢 ${formatSignedPct(rise)}（触发线 ${formatSignedPct(t.respRise, 0)}），会拉低 3 分钟人工响应率和体验分。`,
            en: `${last.name.en} sale days: manual response time ${formatSeconds(during, 'en')} vs ${formatSeconds(before, 'en')} before, ${formatSignedPct(rise)} slower (line ${formatSignedPct(t.respRise, 0)}), which drags the 3-minute response rate and the experience score down.`,
          });
        }
      }
    }
    if (checked === 0)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '近期没有要检查的大促，或活动前订单 / 响应时长不足 14 天；打开 生意参谋 → 首页 逐日翻看以采集。',
            en: 'No event to check, or under 14 pre-event days of orders / response time; browse 生意参谋 → 首页 day by day to capture them.',
          },
          evidence: [],
        },
      ];
    if (!fired)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: '预估活动订单在历史处理能力内，活动期响应时长没有明显变慢。',
            en: 'Forecast event orders are within proven capacity and response time did not slow markedly.',
          },
          evidence,
        },
      ];
    return [
      {
        status: 'fired',
        period,
        detail: { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') },
        suggestion: {
          zh: '临时增加打包人手或分仓发货，确认快递揽收排班；客服启用智能辅助并增加高峰班次，提前准备活动规则的快捷回复。',
          en: 'Add temporary packing staff or split warehouses and confirm courier pickups; switch on assisted replies for customer service, add peak shifts and prepare quick answers about the event rules.',
        },
        evidence,
      },
    ];
  },
});
