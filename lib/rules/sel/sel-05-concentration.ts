import { addDays } from '../../series/dates';
import { nameOf, OPEN_ITEM_RANK, pct0, SYCM_ITEM_RANK_LINK, entityWindowSum, windowSum } from '../shared/entity-window';
import { defineRule } from '../types';

/**
 * SEL-05: dependence on one item — top item > 60 % of the 28-day payment amount, or the top 3
 * > 85 %. The denominator is the shop's own 首页 payment amount when the window is captured
 * (items missing from the capture then cannot inflate the share); else the sum over items.
 */
export default defineRule({
  meta: {
    id: 'sel-05-concentration',
    ref: 'SEL-05',
    area: 'SEL',
    title: { zh: '单品依赖 / 集中度风险', en: 'Dependence on one item' },
    description: {
      zh: '第一名商品占近 28 天支付金额 > 60%，或前 3 名 > 85%。',
      en: 'The top item takes > 60 % of the 28-day payment amount, or the top 3 > 85 %.',
    },
    severity: 'P2',
    requires: ['item.payAmt'],
    thresholds: {
      top1Share: { default: 0.6, min: 0.2, max: 0.95, label: { zh: '第一名占比', en: 'Top-1 share' }, source: '[H]' },
      top3Share: { default: 0.85, min: 0.3, max: 0.99, label: { zh: '前 3 名占比', en: 'Top-3 share' }, source: '[H]' },
      minGmv: { default: 5000, min: 0, max: 1e8, label: { zh: '最小 28 天支付金额（元）', en: 'Minimum 28-day payment amount (¥)' }, source: '[H]' },
    },
    link: SYCM_ITEM_RANK_LINK,
  },
  evaluate(ctx, t) {
    const items = ctx.entities('item').map((e) => ({ e, gmv: entityWindowSum(ctx, 'item', e.id, 'payAmt', ctx.asOf, 28) }));
    const covered = items.filter((x) => x.gmv.days >= 20);
    const itemSum = covered.reduce((a, x) => a + x.gmv.sum, 0);
    const shop = windowSum(ctx.shopSeries('payAmt'), ctx.asOf, 28);
    const total = shop.days >= 26 ? shop.sum : itemSum;
    if (covered.length < 3 || total < t.minGmv || total <= 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 28 天的商品成交数据不足（少于 3 个商品或金额太小）。${OPEN_ITEM_RANK.zh}`,
            en: `Not enough item sales in 28 days (under 3 items or too small). ${OPEN_ITEM_RANK.en}`,
          },
          evidence: [],
        },
      ];
    }
    covered.sort((a, b) => b.gmv.sum - a.gmv.sum);
    const top1 = (covered[0]?.gmv.sum ?? 0) / total;
    const top3 = covered.slice(0, 3).reduce((a, x) => a + x.gmv.sum, 0) / total;
    const lead = covered[0] ? nameOf(covered[0].e) : '';
    const evidence = [
      { label: { zh: '第一名占比', en: 'Top-1 share' }, value: top1, format: 'ratio' as const },
      { label: { zh: '前 3 名占比', en: 'Top-3 share' }, value: top3, format: 'ratio' as const },
      { label: { zh: '近 28 天支付金额', en: '28-day payment amount' }, value: total, format: 'CNY' as const },
    ];
    const period = { from: addDays(ctx.asOf, -27), to: ctx.asOf };
    if (top1 <= t.top1Share && top3 <= t.top3Share) {
      return [
        {
          status: 'ok',
          period,
          evidence,
          detail: {
            zh: `第一名「${lead}」占 ${pct0(top1)}，前 3 名占 ${pct0(top3)}，集中度正常。`,
            en: `Top item "${lead}" ${pct0(top1)}, top 3 ${pct0(top3)}: not concentrated.`,
          },
        },
      ];
    }
    return [
      {
        status: 'fired',
        period,
        evidence,
        detail: {
          zh: `近 28 天第一名「${lead}」占支付金额 ${pct0(top1)}，前 3 名占 ${pct0(top3)}（阈值 ${pct0(t.top1Share)} / ${pct0(t.top3Share)}）。一旦它降权或断货，整店会同步下滑。`,
          en: `Over 28 days the top item "${lead}" took ${pct0(top1)} of the payment amount and the top 3 ${pct0(top3)} (thresholds ${pct0(t.top1Share)} / ${pct0(t.top3Share)}). If it loses rank or stock, the whole shop falls with it.`,
        },
        suggestion: {
          zh: '每月测 3–5 个新款，把第二梯队培养到支付金额占比 15% 以上；同时确保头部款的库存安全（见 SC-01）。',
          en: 'Test 3–5 new items a month and grow a second tier to over 15 % of sales; keep the top item’s stock safe (see SC-01).',
        },
      },
    ];
  },
});
