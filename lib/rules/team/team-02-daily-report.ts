import type { EntityKind } from '../../schema/fact';
import { addDays } from '../../series/dates';
import { valueOn } from '../shared/service-window';
import { defineRule, type RuleContext, type Text } from '../types';

interface Section {
  name: Text;
  open: Text;
  shop?: string[];
  kinds?: EntityKind[];
}

const SECTIONS: Section[] = [
  {
    name: { zh: '结果（支付、访客、转化、客单价）', en: 'Results (sales, visitors, conversion, order value)' },
    open: { zh: '生意参谋 首页', en: '生意参谋 home' },
    shop: ['payAmt', 'uv', 'payByrCnt'],
  },
  { name: { zh: '流量来源', en: 'Traffic sources' }, open: { zh: '生意参谋 → 流量 → 店铺来源', en: '生意参谋 → 流量 → 店铺来源' }, kinds: ['source'] },
  {
    name: { zh: '推广', en: 'Ads' },
    open: { zh: '万相台 / 直通车 报表', en: '万相台 / 直通车 reports' },
    shop: ['p4pExpendAmt', 'adStrategyAmt', 'cubeAmt'],
    kinds: ['campaign'],
  },
  {
    name: { zh: '售后', en: 'After-sales' },
    open: { zh: '生意参谋 首页（退款）', en: '生意参谋 home (refunds)' },
    shop: ['payShopRfdAmt', 'rfdSucAmt', 'ordRfdRate'],
  },
  {
    name: { zh: '客服', en: 'Customer service' },
    open: { zh: '生意参谋 → 服务 → 客服绩效', en: '生意参谋 → 服务 → 客服绩效' },
    shop: ['consultUserCnt', 'wwConsultPayRate'],
    kinds: ['agent'],
  },
];

/** Whether the section has any number on `date`: all its shop metrics (when listed) or any entity fact. */
function has(ctx: RuleContext, s: Section, date: string): boolean {
  const shopOk = s.shop
    ? s.shop.filter((m) => valueOn(ctx.shopSeries(m), date) !== null).length >= Math.min(s.shop.length, s.kinds ? 1 : s.shop.length)
    : false;
  if (shopOk) return true;
  for (const k of s.kinds ?? []) {
    for (const e of ctx.entities(k)) {
      for (const m of ['uv', 'adSpend', 'consultUserCnt', 'payAmt']) if (valueOn(ctx.series(k, e.id, m), date) !== null) return true;
    }
  }
  return false;
}

/**
 * TEAM-02 (readiness): are the numbers the daily report needs captured for the latest closed
 * day? A section that was captured in the previous 14 days but is missing for that day fires
 * (P3); sections never captured are listed as data gaps, not blamed. Whether that day is
 * "yesterday" needs today's date, which the rule context does not carry.
 */
export default defineRule({
  meta: {
    id: 'team-02-daily-report',
    ref: 'TEAM-02',
    area: 'TEAM',
    title: { zh: '日报数据没有备齐', en: 'Daily report data incomplete' },
    description: {
      zh: '检查最近一个完整日的日报核心段落（结果、流量、推广、售后、客服）是否都已采集。',
      en: 'Checks that the core sections of the daily report (results, traffic, ads, after-sales, service) are captured for the latest closed day.',
    },
    severity: 'P3',
    requires: [],
    thresholds: {
      lookback: { default: 14, min: 3, max: 60, label: { zh: '回看天数', en: 'Look-back days' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 首页', en: '生意参谋 home' } },
  },
  evaluate(ctx, t) {
    const d = ctx.asOf;
    const missing: Section[] = [];
    const never: Section[] = [];
    let ready = 0;
    for (const s of SECTIONS) {
      if (has(ctx, s, d)) {
        ready++;
        continue;
      }
      let before = false;
      for (let i = 1; i <= t.lookback && !before; i++) before = has(ctx, s, addDays(d, -i));
      (before ? missing : never).push(s);
    }
    const evidence = [
      { label: { zh: '已备齐段落', en: 'Sections ready' }, value: ready, format: 'count' as const },
      { label: { zh: '缺少段落', en: 'Sections missing' }, value: missing.length, format: 'count' as const },
      { label: { zh: '从未采集的段落', en: 'Sections never captured' }, value: never.length, format: 'count' as const },
    ];
    const neverText = never.length
      ? {
          zh: ` 从未采集：${never.map((s) => s.name.zh).join('、')}（日报中列为数据缺口）。`,
          en: ` Never captured: ${never.map((s) => s.name.en).join(', ')} (listed as data gaps).`,
        }
      : { zh: '', en: '' };
    if (!missing.length) {
      return [
        {
          status: 'ok',
          detail: { zh: `${d} 的日报数据已备齐 ${ready} 个段落。${neverText.zh}`, en: `${ready} report sections are ready for ${d}.${neverText.en}` },
          evidence,
        },
      ];
    }
    return [
      {
        status: 'fired',
        detail: {
          zh: `${d} 的日报缺少：${missing.map((s) => s.name.zh).join('、')}——这些数据前 ${t.lookback} 天都采集过，这一天没有。缺了它们，日报只能给出不完整的结论。${neverText.zh}`,
          en: `The ${d} report lacks: ${missing.map((s) => s.name.en).join(', ')} — captured in the previous ${t.lookback} days but not that day. Without them the report’s conclusions are incomplete.${neverText.en}`,
        },
        suggestion: {
          zh: `请负责人在 10:00 前打开 ${missing.map((s) => s.open.zh).join('、')}，把日期切到 ${d} 补采，再确认日报。`,
          en: `Before 10:00, have the owner open ${missing.map((s) => s.open.en).join(', ')}, switch to ${d} to capture it, then confirm the report.`,
        },
        evidence,
      },
    ];
  },
});
