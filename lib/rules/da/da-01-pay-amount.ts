import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { normalBaseline } from '../shared/promo-calendar';
import { dayLabel, pct, weekdayCheck, weekdayEvidence, zText } from '../shared/weekday-check';
import { defineRule, type RuleContext, type Text } from '../types';

type Factor = 'uv' | 'payRate' | 'payPct';
const FACTOR_NAMES: Record<Factor, Text> = {
  uv: { zh: '访客数', en: 'visitors' },
  payRate: { zh: '支付转化率', en: 'conversion' },
  payPct: { zh: '客单价', en: 'order value' },
};
const FACTOR_ADVICE: Record<Factor, Text> = {
  uv: { zh: '这是“量”的问题：看 生意参谋 → 流量 → 店铺来源 哪个渠道掉了。', en: 'A traffic problem: see which channel fell in 生意参谋 → 流量 → 店铺来源.' },
  payRate: { zh: '这是承接问题：查主图、详情、价格、评价和库存。', en: 'A conversion problem: check main images, detail page, price, reviews and stock.' },
  payPct: {
    zh: '这是价的问题：低价 SKU 占比上升、连带减少，或有大额异常单。',
    en: 'A price problem: more low-price SKUs, fewer add-ons, or an unusual large order.',
  },
};

/**
 * DA-02 log decomposition: ln(G1/G0) = ln(U1/U0) + ln(C1/C0) + ln(A1/A0), each factor
 * against its own same-weekday baseline; shares are normalised so they add up to 100 %.
 * Says which factor accompanies the change, not that it caused it (domain-rules DA-02).
 */
export function decomposeGmv(ctx: RuleContext): { factor: Factor; share: number; change: number }[] | null {
  const parts: { factor: Factor; log: number; change: number }[] = [];
  for (const f of ['uv', 'payRate', 'payPct'] as const) {
    const s = ctx.shopSeries(f);
    const cur = s.find((p) => p.date === ctx.asOf)?.value ?? null;
    const base = normalBaseline(s, ctx.asOf).value;
    if (cur === null || base === null || cur <= 0 || base <= 0) return null;
    parts.push({ factor: f, log: Math.log(cur / base), change: cur / base - 1 });
  }
  const total = parts.reduce((a, p) => a + p.log, 0);
  if (Math.abs(total) < 1e-9) return null;
  return parts.map((p) => ({ factor: p.factor, share: p.log / total, change: p.change })).sort((a, b) => b.share - a.share);
}

export default defineRule({
  meta: {
    id: 'da-01-pay-amount',
    ref: 'DA-01 / DA-02',
    area: 'DA',
    title: { zh: '支付金额低于同星期基线', en: 'Payment amount below the same-weekday baseline' },
    description: {
      zh: '昨日支付金额与前 4 周同星期几的中位数比较；显著下降时拆成 访客 × 转化率 × 客单价，指出主要伴随因子。',
      en: "Compares the day's payment amount with the same-weekday median of the previous 4 weeks; on a significant drop, splits it into visitors × conversion × order value.",
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      dropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '下降幅度阈值', en: 'Drop threshold' }, source: '[H]' },
      watchZ: { default: 2.5, min: 1, max: 6, label: { zh: '显著性（稳健 z）', en: 'Significance (robust z)' }, source: '[S]' },
      anomalyZ: { default: 3.5, min: 2, max: 8, label: { zh: '严重异常（稳健 z）', en: 'Severe anomaly (robust z)' }, source: '[S]' },
      minBaseline: { default: 500, min: 1, max: 1e8, label: { zh: '最小基线金额（元）', en: 'Minimum baseline amount (¥)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } },
  },
  evaluate(ctx, t) {
    const c = weekdayCheck(ctx, 'payAmt', t.minBaseline);
    if (c.kind === 'insufficient') return [{ status: 'insufficient', detail: c.reason, evidence: [] }];
    const day = dayLabel(ctx.asOf);
    const evidence: Evidence[] = weekdayEvidence('payAmt', c);
    const baseline = { method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' }, value: c.base };
    const significant = c.tentative || c.z === null || c.z <= -t.watchZ;
    if (!(c.change <= -t.dropPct && significant)) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}支付金额 ${formatMoney(c.value)}，较同星期基线 ${pct(c.change)}，在正常范围内。`,
            en: `${day.en}: payment amount ${formatMoney(c.value, 'en')}, ${pct(c.change)} vs baseline: normal.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const parts = decomposeGmv(ctx);
    const lead = parts?.[0];
    for (const p of parts ?? []) {
      evidence.push({ label: { zh: `${FACTOR_NAMES[p.factor].zh}贡献`, en: `Share from ${FACTOR_NAMES[p.factor].en}` }, value: p.share, format: 'ratio' });
    }
    const z = zText(c);
    const lost = c.base - c.value;
    const leadText: Text = lead
      ? {
          zh: `主要伴随因子是${FACTOR_NAMES[lead.factor].zh}（${pct(lead.change)}，占 ${Math.round(lead.share * 100)}%）。`,
          en: `It mainly goes with ${FACTOR_NAMES[lead.factor].en} (${pct(lead.change)}, ${Math.round(lead.share * 100)}% of the change).`,
        }
      : { zh: '', en: '' };
    const severe = (c.z !== null && c.z <= -t.anomalyZ) || c.change <= -2 * t.dropPct;
    return [
      {
        status: 'fired',
        severity: severe ? 'P1' : 'P2',
        detail: {
          zh: `${day.zh}支付金额 ${formatMoney(c.value)}，比同星期基线 ${formatMoney(c.base)} 少 ${formatMoney(lost)}（${pct(c.change)}${z.zh}）。${leadText.zh}`,
          en: `${day.en}: payment amount ${formatMoney(c.value, 'en')}, ${formatMoney(lost, 'en')} below the same-weekday baseline of ${formatMoney(c.base, 'en')} (${pct(c.change)}${z.en}). ${leadText.en}`,
        },
        suggestion: lead
          ? FACTOR_ADVICE[lead.factor]
          : {
              zh: '按 访客 × 转化率 × 客单价 逐项对比基线，找出掉得最多的一项。',
              en: 'Compare visitors, conversion and order value with their baselines to find the one that fell.',
            },
        evidence,
        baseline,
      },
    ];
  },
});
