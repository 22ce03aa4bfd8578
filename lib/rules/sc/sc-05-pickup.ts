import { formatRate } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { median } from '../../series/stats';
import { OPEN_LOGISTICS, windowValues } from '../shared/entity-window';
import { defineRule, type Verdict } from '../types';

/**
 * SC-05: 24-hour pickup rate < 95 % → P2, < 90 % → P1; 48-hour < 99 % → P2, < 97 % → P1.
 * Persistence (§3.10): at least 2 of the last 3 closed days below the line; the level is the
 * median of those 3 days.
 */
export default defineRule({
  meta: {
    id: 'sc-05-pickup',
    ref: 'SC-05',
    area: 'SC',
    title: { zh: '揽收不及时', en: 'Late courier pickup' },
    description: {
      zh: '24 小时揽收及时率低于 95%（P2）/ 90%（P1），或 48 小时揽收及时率低于 99%（P2）/ 97%（P1），近 3 天中至少 2 天成立。',
      en: '24-hour pickup rate below 95 % (P2) / 90 % (P1), or 48-hour below 99 % (P2) / 97 % (P1), on at least 2 of the last 3 days.',
    },
    severity: 'P2',
    requires: ['gotInTime24hRate'],
    thresholds: {
      p2Rate24: { default: 0.95, min: 0.5, max: 1, label: { zh: '24 小时揽收率 P2 线', en: '24 h pickup P2 line' }, source: '[C]' },
      p1Rate24: { default: 0.9, min: 0.5, max: 1, label: { zh: '24 小时揽收率 P1 线', en: '24 h pickup P1 line' }, source: '[C]' },
      p2Rate48: { default: 0.99, min: 0.5, max: 1, label: { zh: '48 小时揽收率 P2 线', en: '48 h pickup P2 line' }, source: '[C]' },
      p1Rate48: { default: 0.97, min: 0.5, max: 1, label: { zh: '48 小时揽收率 P1 线', en: '48 h pickup P1 line' }, source: '[C]' },
    },
    link: { url: 'https://sycm.taobao.com/bda/logistics/overview/overview.htm', label: { zh: '生意参谋 → 物流概况', en: '生意参谋 → 物流概况' } },
  },
  evaluate(ctx, t) {
    const last3 = (id: string) => windowValues(ctx.shopSeries(id), ctx.asOf, 3).filter((v): v is number => v !== null);
    const r24 = last3('gotInTime24hRate');
    const r48 = last3('gotInTime48hRate');
    if (r24.length < 2) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `近 3 天的揽收率不足 2 天。${OPEN_LOGISTICS.zh}`, en: `Fewer than 2 of the last 3 days have pickup rates. ${OPEN_LOGISTICS.en}` },
          evidence: [],
        },
      ];
    }
    const judge = (xs: number[], p2: number, p1: number) => {
      if (xs.length < 2) return { level: null as 'P1' | 'P2' | null, med: median(xs) };
      const below2 = xs.filter((x) => x < p2).length >= 2;
      const med = median(xs) as number;
      return { level: below2 ? (med < p1 ? 'P1' : med < p2 ? 'P2' : null) : null, med };
    };
    const a = judge(r24, t.p2Rate24, t.p1Rate24);
    const b = judge(r48, t.p2Rate48, t.p1Rate48);
    const evidence: Evidence[] = [
      { label: { zh: '24 小时揽收率（近 3 天中位数）', en: '24 h pickup rate (3-day median)' }, value: a.med, format: 'ratio' },
      { label: { zh: '48 小时揽收率（近 3 天中位数）', en: '48 h pickup rate (3-day median)' }, value: b.med, format: 'ratio' },
    ];
    const period = { from: addDays(ctx.asOf, -2), to: ctx.asOf };
    const level = a.level === 'P1' || b.level === 'P1' ? 'P1' : a.level || b.level ? 'P2' : null;
    if (!level) {
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `近 3 天 24 小时揽收率 ${formatRate(a.med)}，在 ${formatRate(t.p2Rate24)} 以上或未持续偏低。`,
            en: `24 h pickup rate ${formatRate(a.med)} over the last 3 days: above ${formatRate(t.p2Rate24)} or not persistently low.`,
          },
          evidence,
        },
      ];
    }
    const parts: string[] = [];
    const partsEn: string[] = [];
    if (a.level) {
      parts.push(`24 小时揽收率 ${formatRate(a.med)}（线 ${formatRate(t.p2Rate24)} / ${formatRate(t.p1Rate24)}）`);
      partsEn.push(`24 h pickup ${formatRate(a.med)} (lines ${formatRate(t.p2Rate24)} / ${formatRate(t.p1Rate24)})`);
    }
    if (b.level) {
      parts.push(`48 小时揽收率 ${formatRate(b.med)}（线 ${formatRate(t.p2Rate48)} / ${formatRate(t.p1Rate48)}）`);
      partsEn.push(`48 h pickup ${formatRate(b.med)} (lines ${formatRate(t.p2Rate48)} / ${formatRate(t.p1Rate48)})`);
    }
    const v: Verdict = {
      status: 'fired',
      severity: level,
      period,
      detail: {
        zh: `近 3 天${parts.join('，')}，持续低于标准。48 小时揽收率是体验分·物流速度的主要子指标；点了发货却长时间没有揽收轨迹，可能被认定为虚假发货（以规则中心为准）。`,
        en: `Over the last 3 days ${partsEn.join(', ')}: persistently below the line. The 48 h pickup rate is the main part of the experience score's logistics speed; parcels marked shipped without a pickup scan may count as false shipment (check the rule centre).`,
      },
      suggestion: {
        zh: '查未揽收包裹集中在哪家快递、哪个网点；和网点约定固定揽收时间，或启用备选快递。',
        en: 'Find which courier and depot the un-picked parcels belong to; agree fixed pickup times or switch to a backup courier.',
      },
      evidence,
    };
    return [v];
  },
});
