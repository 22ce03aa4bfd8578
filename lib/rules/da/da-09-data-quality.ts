import type { Evidence } from '../../schema/finding';
import { addDays, dateRange } from '../../series/dates';
import { valueOn } from '../shared/da-channels';
import { defineRule, type RuleContext, type Text } from '../types';

/** Refund metrics still climbing for days after the pay date (domain-rules §0.4). */
const IMMATURE: readonly { id: string; days: number; name: Text }[] = [
  { id: 'payAmtRfdRate', days: 7, name: { zh: '金额退款率', en: 'refund rate by amount' } },
  { id: 'ordRfdRate', days: 7, name: { zh: '订单退款率', en: 'refund rate by order' } },
  { id: 'payShopRfdAmt', days: 7, name: { zh: '退款金额（支付时间）', en: 'refunds (by pay date)' } },
  { id: 'realPayrealRfdRate', days: 14, name: { zh: '签收退款率', en: 'refund rate after delivery' } },
];

export interface DataQuality {
  /** Shop days without 访客数 or 支付金额 in the window. */
  missingDays: string[];
  window: { from: string; to: string };
  /** Latest day with traffic-source data, when any exists. */
  sourcesLatest: string | null;
  /** Latest day with item data, when any exists. */
  itemsLatest: string | null;
  /** Immature metrics present in the recent days, with the first date that can be trusted. */
  immature: { id: string; name: Text; trustFrom: string }[];
}

const latest = (ctx: RuleContext, kind: 'source' | 'item'): string | null => {
  let out: string | null = null;
  for (const e of ctx.entities(kind)) {
    // Only the rows from the latest date seen so far can move it.
    const d: string | null = ctx.range(kind, e.id, 'uv', out ?? '', '\uffff').at(-1)?.date ?? null;
    if (d && (!out || d > out)) out = d;
  }
  return out;
};

/** What the DA rules can trust in the shop's history (exported for other rules and the UI). */
export function dataQuality(ctx: RuleContext, windowDays = 28): DataQuality {
  const from = addDays(ctx.asOf, -(windowDays - 1));
  const uv = ctx.shopSeries('uv');
  const pay = ctx.shopSeries('payAmt');
  const missingDays = dateRange(from, ctx.asOf).filter((d) => valueOn(uv, d) === null || valueOn(pay, d) === null);
  const immature = IMMATURE.filter((m) => ctx.shopSeries(m.id).some((p) => p.date > addDays(ctx.asOf, -m.days))).map((m) => ({
    id: m.id,
    name: m.name,
    trustFrom: addDays(ctx.asOf, -m.days),
  }));
  return { missingDays, window: { from, to: ctx.asOf }, sourcesLatest: latest(ctx, 'source'), itemsLatest: latest(ctx, 'item'), immature };
}

/**
 * DA-09 (meta-rule): missing shop days in the last 28, traffic-source or item data that stops
 * before the latest closed day, and refund figures still inside their maturity period. Live
 * (盘中) numbers never reach the rules (the context reads closed `day` facts only) and a day is
 * stored once per dimension set, so duplicate days cannot occur.
 */
export default defineRule({
  meta: {
    id: 'da-09-data-quality',
    ref: 'DA-09',
    area: 'DA',
    title: { zh: '数据质量与成熟度', en: 'Data quality and maturity' },
    description: {
      zh: '检查近 28 天是否缺数日、渠道和商品数据是否跟到最新结算日、退款类指标是否仍在成熟期内；有缺口时，依赖这些数据的结论只能算暂定。',
      en: 'Checks the last 28 days for missing days, whether channel and item data reach the latest closed day, and which refund figures are still maturing; with gaps, conclusions resting on them are tentative.',
    },
    severity: 'P3',
    requires: ['uv'],
    thresholds: {
      maxMissingDays: { default: 0, min: 0, max: 14, label: { zh: '允许的缺数日', en: 'Missing days tolerated' }, source: '[C]' },
      windowDays: { default: 28, min: 7, max: 84, label: { zh: '检查窗口（天）', en: 'Window (days)' }, source: '[C]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } },
  },
  evaluate(ctx, t) {
    const q = dataQuality(ctx, Math.round(t.windowDays));
    const immature = q.immature;
    const problems: Text[] = [];
    if (q.missingDays.length > t.maxMissingDays) {
      const list = q.missingDays.slice(0, 6).join('、');
      problems.push({
        zh: `近 ${Math.round(t.windowDays)} 天缺 ${q.missingDays.length} 天的访客或支付数据（${list}${q.missingDays.length > 6 ? ' 等' : ''}）：打开 生意参谋 首页 逐日选择这些日期即可补齐。`,
        en: `${q.missingDays.length} day(s) in the last ${Math.round(t.windowDays)} lack visitors or payment data (${q.missingDays.slice(0, 6).join(', ')}${q.missingDays.length > 6 ? ' …' : ''}): open 生意参谋 首页 on those dates to fill them.`,
      });
    }
    if (q.sourcesLatest && q.sourcesLatest < ctx.asOf) {
      problems.push({
        zh: `渠道数据只到 ${q.sourcesLatest}，晚于此的渠道归因（DA-03/DA-04）不可用：打开 生意参谋 → 流量 → 店铺来源 选择 ${ctx.asOf}。`,
        en: `Channel data stops at ${q.sourcesLatest}; channel attribution (DA-03/DA-04) is unavailable after it: open 生意参谋 → 流量 → 店铺来源 for ${ctx.asOf}.`,
      });
    }
    if (q.itemsLatest && q.itemsLatest < ctx.asOf) {
      problems.push({
        zh: `商品数据只到 ${q.itemsLatest}：打开 生意参谋 → 品类 → 商品排行 选择 ${ctx.asOf}。`,
        en: `Item data stops at ${q.itemsLatest}: open 生意参谋 → 品类 → 商品排行 for ${ctx.asOf}.`,
      });
    }
    const maturity: Text = immature.length
      ? {
          zh: `成熟期提示：${immature.map((m) => `${m.name.zh} ${m.trustFrom} 之后的值仍在变化`).join('；')}，相关规则对这些天只给暂定结论。`,
          en: `Maturity: ${immature.map((m) => `${m.name.en} after ${m.trustFrom} is still moving`).join('; ')}; rules give only tentative conclusions for those days.`,
        }
      : { zh: '', en: '' };
    const evidence: Evidence[] = [
      { label: { zh: '缺数日', en: 'Missing days' }, value: q.missingDays.length, format: 'count' },
      { label: { zh: '检查窗口（天）', en: 'Window (days)' }, value: Math.round(t.windowDays), format: 'days' },
    ];
    if (!problems.length) {
      return [
        {
          status: 'ok',
          period: q.window,
          detail: {
            zh: `近 ${Math.round(t.windowDays)} 天的店铺数据完整，只用已结算的整日数据（实时数不参与判断）。${maturity.zh}`,
            en: `The last ${Math.round(t.windowDays)} days of shop data are complete; only closed days are judged (live numbers never are). ${maturity.en}`.trim(),
          },
          evidence,
        },
      ];
    }
    return [
      {
        status: 'fired',
        severity: 'P3',
        period: q.window,
        detail: { zh: `${problems.map((p) => p.zh).join('')}${maturity.zh}`, en: `${problems.map((p) => p.en).join(' ')} ${maturity.en}`.trim() },
        suggestion: {
          zh: '补齐缺口前，涉及这些日期的异常和趋势结论只作参考；补齐后结论会自动更新。',
          en: 'Until the gaps are filled, anomalies and trends touching those dates are indicative only; they update once the data is in.',
        },
        evidence,
      },
    ];
  },
});
