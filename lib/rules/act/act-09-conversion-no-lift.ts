import { formatCount, formatSignedPct } from '../../format';
import { addDays, dateRange } from '../../series/dates';
import { rate } from '../shared/ads-window';
import { earlier, ev, HISTORY_HINT, lastStarted, preEventDays, present, SYCM_HOME, sumOf, valueMap } from '../shared/act-events';
import { defineRule } from '../types';

/**
 * ACT-09: conversion over the sale days of the latest 大促 (Σ buyers ÷ Σ visitors) below 1.2 ×
 * the rate of the 28 non-event days before, with ≥ 1,000 visitors a day. Judged from the end of
 * the sale days (or after 3 sale days while it runs) for 30 days.
 */
export default defineRule({
  meta: {
    id: 'act-09-conversion-no-lift',
    ref: 'ACT-09',
    area: 'ACT',
    title: { zh: '活动期转化率没有提升', en: 'No conversion lift during the event' },
    description: {
      zh: '大促开卖期的支付转化率（买家 ÷ 访客）低于活动前 28 个非活动日转化率的 1.2 倍，且日均访客 ≥ 1,000。',
      en: 'Conversion over the sale days of a sales event (buyers ÷ visitors) below 1.2× the rate of the 28 non-event days before, with ≥ 1,000 visitors a day.',
    },
    severity: 'P2',
    requires: ['uv', 'payByrCnt'],
    thresholds: {
      lift: { default: 1.2, min: 1, max: 3, label: { zh: '应有的转化率倍数', en: 'Expected conversion multiple' }, source: '[H]' },
      minUv: { default: 1000, min: 100, max: 1e7, label: { zh: '日均访客下限', en: 'Minimum daily visitors' }, source: '[H]' },
    },
    link: SYCM_HOME,
  },
  evaluate(ctx, t) {
    const e = lastStarted(ctx.asOf);
    if (!e || ctx.asOf < addDays(e.saleFrom, 2))
      return [
        { status: 'insufficient', detail: { zh: '最近的大促还没有 3 个开卖日', en: 'The latest event has fewer than 3 sale days so far' }, evidence: [] },
      ];
    if (ctx.asOf > addDays(e.saleTo, 30))
      return [
        {
          status: 'ok',
          detail: { zh: `最近的大促（${e.name.zh}）已过去 30 天以上。`, en: `The latest event (${e.name.en}) ended over 30 days ago.` },
          evidence: [],
        },
      ];
    const uv = valueMap(ctx, 'uv');
    const buyers = valueMap(ctx, 'payByrCnt');
    const sale = present(uv, dateRange(e.saleFrom, earlier(e.saleTo, ctx.asOf))).filter((d) => buyers.has(d));
    const pre = preEventDays(uv, e.from).filter((d) => buyers.has(d));
    const period = { from: e.saleFrom, to: sale[sale.length - 1] ?? e.saleFrom };
    if (sale.length < 3 || pre.length < 14)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `${e.name.zh}开卖日或活动前的访客、买家数据不足（开卖 ${sale.length} 天、活动前 ${pre.length} 天，至少 3 / 14 天）。${HISTORY_HINT.zh}。`,
            en: `Too few sale days (${sale.length}) or pre-event days (${pre.length}) with visitors and buyers (3 / 14 needed). ${HISTORY_HINT.en}.`,
          },
          evidence: [],
        },
      ];
    const uvSale = sumOf(uv, sale);
    const cr = sumOf(buyers, sale) / uvSale;
    const base = sumOf(buyers, pre) / sumOf(uv, pre);
    const avgUv = uvSale / sale.length;
    const evidence = [
      ev('开卖期转化率', 'Conversion, sale days', cr, 'ratio'),
      ev('活动前转化率', 'Conversion before', base, 'ratio'),
      ev('倍数', 'Multiple', cr / base, 'plain'),
      ev('开卖期日均访客', 'Daily visitors, sale days', avgUv, 'count'),
    ];
    const baseline = { method: { zh: '活动前 28 个非活动日的 Σ买家 ÷ Σ访客', en: 'Σ buyers ÷ Σ visitors over the 28 non-event days before' }, value: base };
    if (avgUv < t.minUv)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `开卖期日均访客 ${formatCount(avgUv)}，低于 ${t.minUv}，样本太小不下结论。`,
            en: `Sale-day visitors average ${formatCount(avgUv, 'en')}, below ${t.minUv}: too small a sample.`,
          },
          evidence,
        },
      ];
    const text = {
      zh: `${e.name.zh}开卖期（${period.from}～${period.to}）支付转化率 ${rate(cr)}，活动前 28 个非活动日为 ${rate(base)}，只提高了 ${formatSignedPct(cr / base - 1)}（应 ≥ ${formatSignedPct(t.lift - 1, 0)}），日均访客 ${formatCount(avgUv)}。`,
      en: `${e.name.en} sale days (${period.from}–${period.to}): conversion ${rate(cr)} vs ${rate(base)} over the 28 non-event days before, only ${formatSignedPct(cr / base - 1)} (expected ≥ ${formatSignedPct(t.lift - 1, 0)}), ${formatCount(avgUv, 'en')} visitors a day.`,
    };
    if (cr >= t.lift * base)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `${e.name.zh}开卖期转化率 ${rate(cr)}，是活动前的 ${(cr / base).toFixed(2)} 倍。`,
            en: `${e.name.en} sale-day conversion ${rate(cr)}, ${(cr / base).toFixed(2)}× the rate before.`,
          },
          evidence,
          baseline,
        },
      ];
    return [
      {
        status: 'fired',
        period,
        detail: text,
        suggestion: {
          zh: '让利在同期竞品面前可能没有吸引力：复核到手价和主图利益点（如“到手价 ¥xx”），对比同价格带竞品同期价格（生意参谋 → 竞争）。',
          en: 'The offer may not stand out against rivals: check the final price and the benefit shown on the main image ("到手价 ¥xx"), and compare rival prices in the same band (生意参谋 → 竞争).',
        },
        evidence,
        baseline,
      },
    ];
  },
});
