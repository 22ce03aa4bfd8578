import { formatMoney } from '../../format';
import { insufficient, marginOf, normalDays, SYCM_HOME_LINK } from '../shared/ads-window';
import { defineRule } from '../types';

const CODES = ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt', 'tkExpendAmt'] as const;

/**
 * ADS-08 (ad-cost part): 推广费比 = all ad spend (生意参谋 首页 推广组: 关键词 / 人群 / 智能场景 /
 * 全站推广 / 淘宝客佣金) ÷ 支付金额 over the last 14 non-event days; > 0.5 × margin → P2,
 * ≥ margin → P1 (ads eat the whole margin). Not ROAS, not a profit rate: said in the text.
 * The paid-traffic-share part needs source facts tagged paid/free: not implemented here.
 */
export default defineRule({
  meta: {
    id: 'ads-08-ad-cost-ratio',
    ref: 'ADS-08',
    area: 'ADS',
    title: { zh: '推广费比过高', en: 'Ad cost ratio too high' },
    description: {
      zh: '近 14 个非大促日全部推广花费 ÷ 全店支付金额，高于毛利率的一半 P2，达到毛利率 P1（推广吃掉了全部毛利）。',
      en: 'All ad spend ÷ shop payment amount over the last 14 non-event days: above half the gross margin P2, at or above the margin P1 (ads eat the whole margin).',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      days: { default: 14, min: 7, max: 60, label: { zh: '统计天数', en: 'Window (days)' }, source: '[C]' },
      halfMargin: { default: 0.5, min: 0.1, max: 1, label: { zh: 'P2：毛利率的倍数', en: 'P2: multiple of margin' }, source: '[H]' },
    },
    link: SYCM_HOME_LINK,
  },
  evaluate(ctx, t) {
    const w = normalDays(ctx.asOf, t.days);
    const set = new Set(w.dates);
    const pay = ctx.shopSeries('payAmt').filter((p) => set.has(p.date) && p.value !== null);
    let gmv = 0;
    for (const p of pay) gmv += p.value as number;
    const spendBy: Record<string, number> = {};
    let spend = 0;
    let adDays = 0;
    const payDates = new Set(pay.map((p) => p.date));
    for (const code of CODES) {
      for (const p of ctx.shopSeries(code)) {
        if (!payDates.has(p.date) || p.value === null) continue;
        spendBy[code] = (spendBy[code] ?? 0) + p.value;
        spend += p.value;
      }
    }
    for (const d of payDates) if (CODES.some((c) => ctx.shopSeries(c).some((p) => p.date === d && p.value !== null))) adDays++;
    if (pay.length < 7 || adDays < 7 || gmv <= 0)
      return [
        insufficient(
          {
            zh: `近 ${t.days} 个非大促日只有 ${Math.min(pay.length, adDays)} 天同时有推广花费和支付金额（至少 7 天）`,
            en: `Only ${Math.min(pay.length, adDays)} of the last ${t.days} non-event days have both ad spend and payment amount (7 needed)`,
          },
          { zh: '打开 生意参谋 → 首页，逐日翻看近 14 天以采集推广组花费', en: 'Open 生意参谋 → 首页 and browse the last 14 days for the ad-spend group' },
        ),
      ];
    const mg = marginOf(ctx);
    const ratio = spend / gmv;
    const evidence = [
      { label: { zh: '推广费比', en: 'Ad cost ratio' }, value: ratio, format: 'ratio' as const },
      { label: { zh: '毛利率', en: 'Gross margin' }, value: mg.m, format: 'ratio' as const },
      { label: { zh: '推广花费合计', en: 'Total ad spend' }, value: spend, format: 'CNY' as const },
      { label: { zh: '支付金额', en: 'Payment amount' }, value: gmv, format: 'CNY' as const },
    ];
    const period = { from: w.from, to: w.to };
    const head = {
      zh: `${w.from}～${w.to}（${pay.length} 个非大促日）推广花费 ${formatMoney(spend)}，支付金额 ${formatMoney(gmv)}，推广费比 ${(ratio * 100).toFixed(1)}%，毛利率 ${Math.round(mg.m * 100)}%（推广费比不是 ROI，也不是利润率）。`,
      en: `${w.from}–${w.to} (${pay.length} non-event days): ad spend ${formatMoney(spend, 'en')}, payment amount ${formatMoney(gmv, 'en')}, ad cost ratio ${(ratio * 100).toFixed(1)}% against a ${Math.round(mg.m * 100)}% margin (the ratio is neither ROAS nor a profit rate).`,
    };
    if (ratio <= t.halfMargin * mg.m)
      return [{ status: 'ok', period, detail: { zh: `${head.zh}在毛利率的一半以内。`, en: `${head.en} Within half the margin.` }, evidence }];
    const all = ratio >= mg.m;
    return [
      {
        status: 'fired',
        severity: all && !mg.assumed ? 'P1' : 'P2',
        period,
        detail: {
          zh: `${head.zh}${all ? '推广吃掉了全部毛利。' : `超过毛利率的一半（${(t.halfMargin * mg.m * 100).toFixed(1)}%）。`}${mg.note.zh}`,
          en: `${head.en} ${all ? 'Ads eat the whole margin.' : `Above half the margin (${(t.halfMargin * mg.m * 100).toFixed(1)}%).`} ${mg.note.en}`,
        },
        suggestion: {
          zh: '把搜索（标题、销量、评价权重）和推荐（主图点击率、内容）的免费流量作为下阶段目标，先砍投产比低于保本的计划（见 ADS-02），逐步把推广费比压到毛利率的一半以内。',
          en: 'Make free search (title, sales, reviews) and recommendation traffic (main-image CTR, content) the next goal, cut campaigns below break-even first (see ADS-02), and bring the ratio under half the margin step by step.',
        },
        evidence,
        baseline: { method: { zh: '毛利率 × 0.5', en: 'Gross margin × 0.5' }, value: t.halfMargin * mg.m },
      },
    ];
  },
});
