import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { explainPaymentDrop, FACTOR_NAMES } from '../shared/payment-drop';
import { dayLabel, pct, weekdayCheck, zText } from '../shared/weekday-check';
import { defineRule, type Text } from '../types';

const ADVICE: Record<'visitors' | 'conversion' | 'orderValue', Text> = {
  visitors: {
    zh: '这是“量”的问题：打开 生意参谋 → 流量 → 店铺来源，看哪个渠道掉了（见 DA-03 渠道归因）。',
    en: 'A traffic problem: open 生意参谋 → 流量 → 店铺来源 and see which channel fell (DA-03).',
  },
  conversion: { zh: '这是承接问题：查主图、详情、价格、评价和库存。', en: 'A conversion problem: check main images, detail page, price, reviews and stock.' },
  orderValue: {
    zh: '这是价的问题：低价 SKU 占比上升、连带减少，或有大额异常单（见 DA-07）。',
    en: 'A price problem: more low-price SKUs, fewer add-ons, or an unusual large order (DA-07).',
  },
};

/**
 * DA-02: a change of 支付金额 of at least 15 % against the same-weekday baseline, split into
 * 访客 × 转化率 × 客单价 by log ratios, drilled into channels and items, linked to causes where
 * the data allows (lib/rules/shared/payment-drop.ts). Severity follows DA-01; a rise is a P3 note.
 */
export default defineRule({
  meta: {
    id: 'da-02-gmv-decomposition',
    ref: 'DA-02',
    area: 'DA',
    title: { zh: '支付金额变化拆解（访客 × 转化率 × 客单价）', en: 'Payment change split (visitors × conversion × order value)' },
    description: {
      zh: '支付金额比同星期基线变化超过阈值时，按对数拆成访客、转化率、客单价三个因子，给出主要伴随因子、掉量渠道、变化最大的商品和可解释的原因。',
      en: 'When the payment amount moves beyond the threshold against its same-weekday baseline, splits it into visitors, conversion and order value (log ratios), with the channels, items and causes that account for it.',
    },
    severity: 'P2',
    requires: ['payAmt', 'uv'],
    thresholds: {
      changePct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '变化幅度阈值', en: 'Change threshold' }, source: '[H]' },
      anomalyZ: { default: 3.5, min: 2, max: 8, label: { zh: '严重异常（稳健 z）', en: 'Severe anomaly (robust z)' }, source: '[S]' },
      minBaseline: { default: 500, min: 1, max: 1e8, label: { zh: '最小基线金额（元）', en: 'Minimum baseline amount (¥)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页', en: '生意参谋 → 首页' } },
  },
  evaluate(ctx, t) {
    const c = weekdayCheck(ctx, 'payAmt', t.minBaseline);
    if (c.kind === 'insufficient') return [{ status: 'insufficient', detail: c.reason, evidence: [] }];
    const day = dayLabel(ctx.asOf);
    const baseline = { method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' }, value: c.base };
    const evidence: Evidence[] = [
      { label: { zh: '当日支付金额', en: 'Payment amount that day' }, value: c.value, format: 'CNY' },
      { label: { zh: '同星期基线', en: 'Same-weekday baseline' }, value: c.base, format: 'CNY' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: c.change, format: 'pct-change' },
      { label: { zh: '稳健 z', en: 'Robust z' }, value: c.z, format: 'z' },
    ];
    if (Math.abs(c.change) < t.changePct) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}支付金额 ${formatMoney(c.value)}，较同星期基线 ${pct(c.change)}，变化不到 ${Math.round(t.changePct * 100)}%，不拆解。`,
            en: `${day.en}: payment amount ${formatMoney(c.value, 'en')}, ${pct(c.change)} vs baseline: under ${Math.round(t.changePct * 100)}%, no split needed.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const x = explainPaymentDrop(ctx);
    for (const f of x.factors) {
      evidence.push({ label: { zh: `${FACTOR_NAMES[f.factor].zh}变化`, en: `${FACTOR_NAMES[f.factor].en} change` }, value: f.change, format: 'pct-change' });
      evidence.push({ label: { zh: `${FACTOR_NAMES[f.factor].zh}贡献`, en: `Share from ${FACTOR_NAMES[f.factor].en}` }, value: f.share, format: 'ratio' });
    }
    for (const cause of x.causes.filter((k) => k.share !== null).slice(0, 3)) {
      evidence.push({ label: { zh: `可解释：${cause.label.zh}`, en: `Accounts for: ${cause.label.en}` }, value: cause.share, format: 'ratio' });
    }
    const drop = c.change < 0;
    const severe = drop && ((c.z !== null && c.z <= -t.anomalyZ) || c.change <= -2 * t.changePct);
    const z = zText(c);
    const lead = x.factors[0];
    return [
      {
        status: 'fired',
        severity: !drop ? 'P3' : severe ? 'P1' : 'P2',
        title: drop
          ? { zh: '支付金额下降：三因子拆解', en: 'Payment amount fell: three-factor split' }
          : { zh: '支付金额上升：三因子拆解', en: 'Payment amount rose: three-factor split' },
        detail: {
          zh: `${day.zh}支付金额 ${formatMoney(c.value)}，比同星期基线 ${formatMoney(c.base)} ${drop ? '少' : '多'} ${formatMoney(Math.abs(c.value - c.base))}（${pct(c.change)}${z.zh}）。${x.summary.zh}`,
          en: `${day.en}: payment amount ${formatMoney(c.value, 'en')}, ${formatMoney(Math.abs(c.value - c.base), 'en')} ${drop ? 'below' : 'above'} the same-weekday baseline of ${formatMoney(c.base, 'en')} (${pct(c.change)}${z.en}). ${x.summary.en}`,
        },
        suggestion: lead
          ? drop
            ? ADVICE[lead.factor]
            : {
                zh: '上升伴随的因子若能复制（渠道、商品、活动），记下来用于下次。',
                en: 'If the factor behind the rise can be repeated (channel, item, event), note it for next time.',
              }
          : { zh: '按 访客 × 转化率 × 客单价 逐项对比基线。', en: 'Compare visitors, conversion and order value with their baselines.' },
        evidence,
        baseline,
      },
    ];
  },
});
