import { formatMoney } from '../../format';
import { addDays, dateRange } from '../../series/dates';
import { marginOf } from '../shared/ads-window';
import { burstOf, daysBetween, ev, HISTORY_HINT, nextEvent, preEventDays, SYCM_CALENDAR, sameKindBefore, sumOf, valueMap } from '../shared/act-events';
import { defineRule } from '../types';

/**
 * ACT-02: before the next 大促 (within `horizon` days), estimated incremental ROI =
 * (baseline × (burst − 1) × sale days × (1 − dip) × margin − cost) ÷ cost, cost = assumed
 * 让利 share of the event GMV + fees. Burst comes from the shop's own same-kind event a year
 * earlier when captured, else the assumed default; every assumption is printed. P2 when < 0.
 */
export default defineRule({
  meta: {
    id: 'act-02-incremental-roi-forecast',
    ref: 'ACT-02',
    area: 'ACT',
    title: { zh: '大促值不值得报（增量 ROI 预估）', en: 'Is the next event worth it (incremental ROI forecast)' },
    description: {
      zh: '下一个大促前，按基线日均 × (爆发系数 − 1) × 开卖天数 × (1 − 回落系数) 预估增量 GMV，扣除假设让利和费用后算增量 ROI；< 0 提示“可能亏本赚吆喝”。',
      en: 'Before the next sales event, incremental GMV = baseline × (burst − 1) × sale days × (1 − dip); incremental ROI after the assumed discount and fees; < 0 warns of selling at a loss.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      horizon: { default: 30, min: 7, max: 90, label: { zh: '提前多少天评估', en: 'Days ahead to check' }, source: '[H]' },
      defaultBurst: { default: 2.5, min: 1, max: 20, label: { zh: '默认爆发系数（假设）', en: 'Default burst (assumed)' }, source: '[H]' },
      dip: { default: 0.2, min: 0, max: 0.9, label: { zh: '回落系数（假设）', en: 'Post-event dip (assumed)' }, source: '[H]' },
      discountRate: { default: 0.1, min: 0, max: 0.9, label: { zh: '让利占活动 GMV（假设）', en: 'Discount share of event GMV (assumed)' }, source: '[H]' },
      fees: { default: 0, min: 0, max: 1e8, label: { zh: '坑位 / 服务费（元）', en: 'Slot / service fees (¥)' }, source: '[H]' },
    },
    link: SYCM_CALENDAR,
  },
  evaluate(ctx, t) {
    const e = nextEvent(ctx.asOf);
    if (!e || daysBetween(ctx.asOf, e.from) > t.horizon)
      return [{ status: 'ok', detail: { zh: `${t.horizon} 天内没有大促。`, en: `No sales event within ${t.horizon} days.` }, evidence: [] }];
    const gmv = valueMap(ctx, 'payAmt');
    const pre = preEventDays(gmv, addDays(ctx.asOf, 1));
    const period = { from: e.saleFrom, to: e.saleTo };
    if (pre.length < 14)
      return [
        {
          status: 'insufficient',
          period,
          detail: { zh: `近期非活动日的支付金额不足 14 天。${HISTORY_HINT.zh}。`, en: `Under 14 recent non-event days of payment amount. ${HISTORY_HINT.en}.` },
          evidence: [],
        },
      ];
    const base = sumOf(gmv, pre) / pre.length;
    const prev = sameKindBefore(e);
    const measured = prev ? burstOf(ctx, prev) : null;
    const burst = measured ?? t.defaultBurst;
    const days = dateRange(e.saleFrom, e.saleTo).length;
    const mg = marginOf(ctx);
    const eventGmv = base * burst * days;
    const inc = base * (burst - 1) * days * (1 - t.dip);
    const cost = t.discountRate * eventGmv + t.fees;
    const roi = cost > 0 ? (inc * mg.m - cost) / cost : null;
    const src =
      measured !== null && prev
        ? { zh: `按本店${prev.name.zh}实测爆发系数 ${burst.toFixed(2)}`, en: `with the shop's measured ${prev.name.en} burst of ${burst.toFixed(2)}` }
        : {
            zh: `按假设爆发系数 ${burst.toFixed(2)}（本店没有同类活动历史）`,
            en: `with an assumed burst of ${burst.toFixed(2)} (no same-kind event captured)`,
          };
    const detail = {
      zh: `${e.name.zh}开卖 ${days} 天（${e.saleFrom}～${e.saleTo}），基线日均 ${formatMoney(base)}，${src.zh}、回落 ${Math.round(t.dip * 100)}%（假设）：预估活动 GMV ${formatMoney(eventGmv)}，增量 GMV ${formatMoney(inc)}，增量毛利 ${formatMoney(inc * mg.m)}；让利 ${Math.round(t.discountRate * 100)}%（假设）+ 费用 ${formatMoney(t.fees)} = ${formatMoney(cost)}，增量 ROI ${roi === null ? '—' : roi.toFixed(2)}。${mg.note.zh}`,
      en: `${e.name.en}: ${days} sale days (${e.saleFrom}–${e.saleTo}), baseline ${formatMoney(base, 'en')}/day, ${src.en}, ${Math.round(t.dip * 100)}% dip (assumed): event GMV ${formatMoney(eventGmv, 'en')}, incremental GMV ${formatMoney(inc, 'en')}, incremental margin ${formatMoney(inc * mg.m, 'en')}; discount ${Math.round(t.discountRate * 100)}% (assumed) + fees ${formatMoney(t.fees, 'en')} = ${formatMoney(cost, 'en')}, incremental ROI ${roi === null ? '—' : roi.toFixed(2)}. ${mg.note.en}`,
    };
    const evidence = [
      ev('基线日均 GMV', 'Baseline GMV per day', base, 'CNY'),
      ev('爆发系数', 'Burst', burst, 'plain'),
      ev('预估增量 GMV', 'Incremental GMV', inc, 'CNY'),
      ev('活动成本', 'Event cost', cost, 'CNY'),
      ev('增量 ROI', 'Incremental ROI', roi, 'plain'),
    ];
    if (roi === null || roi >= 0) return [{ status: 'ok', period, detail, evidence }];
    return [
      {
        status: 'fired',
        period,
        detail,
        suggestion: {
          zh: '降低让利幅度、缩小报名 SKU 范围，或者只把它当拉新活动、单独核算新客价值；在阈值里填入真实让利和坑位费后重算。',
          en: 'Reduce the discount, enrol fewer SKUs, or treat it as an acquisition event and value new buyers separately; enter the real discount and fees in the thresholds and recheck.',
        },
        evidence,
      },
    ];
  },
});
