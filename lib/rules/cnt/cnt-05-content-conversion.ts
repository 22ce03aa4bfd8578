import { addDays } from '../../series/dates';
import { wilsonInterval } from '../../series/rates';
import { pieceWindow } from '../shared/content-window';
import { entityOf, nameOf, windowSum } from '../shared/entity-window';
import { CONTENT_LINK, OPEN_CONTENT, rate } from '../shared/service-window';
import { defineRule, type Verdict } from '../types';

/**
 * CNT-05: a piece whose 商品引导点击人数 ≥ 300 over 14 days converts (种草成交人数 ÷ 点击人数)
 * under 0.5 × the shop's conversion of the same days, with its Wilson upper bound under the
 * shop rate (not chance). P2.
 */
export default defineRule({
  meta: {
    id: 'cnt-05-content-conversion',
    ref: 'CNT-05',
    area: 'CNT',
    title: { zh: '内容承接差（有点击没成交）', en: 'Content clicks that do not convert' },
    description: {
      zh: '内容引导的商品点击 ≥ 300 人，但成交率不到店铺转化率的一半时提示。',
      en: 'Pieces sending ≥ 300 item clicks whose buyers ÷ clicks is under half the shop conversion.',
    },
    severity: 'P2',
    requires: ['content.contentItemClickUv', 'content.contentSeedPayByrCnt', 'uv', 'payByrCnt'],
    thresholds: {
      minClicks: { default: 300, min: 30, max: 100000, label: { zh: '最少商品点击人数（14 天）', en: 'Min item clicks (14 days)' }, source: '[H]' },
      factor: { default: 0.5, min: 0.1, max: 1, label: { zh: '相对店铺转化率', en: 'vs shop conversion' }, source: '[H]' },
    },
    link: CONTENT_LINK,
  },
  evaluate(ctx, t) {
    const days = 14;
    const from = addDays(ctx.asOf, -(days - 1));
    const uv = windowSum(ctx.shopSeries('uv'), ctx.asOf, days);
    const buyers = windowSum(ctx.shopSeries('payByrCnt'), ctx.asOf, days);
    if (uv.days < 7 || uv.sum <= 0)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '近 14 天店铺访客数据不足 7 天，无法得到店铺转化率。打开 生意参谋 首页 逐日采集。',
            en: 'Under 7 days of shop visitors in the last 14: no shop conversion. Open the 生意参谋 home page day by day.',
          },
          evidence: [],
        },
      ];
    const shopRate = buyers.sum / uv.sum;
    const period = { from, to: ctx.asOf };
    const rows = ctx
      .entities('content')
      .map((e) => pieceWindow(ctx, e, ctx.asOf, days))
      .filter((w) => w.clicks >= t.minClicks);
    if (!rows.length)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `近 14 天没有商品点击 ≥ ${t.minClicks} 人的内容，样本太小不下结论。${OPEN_CONTENT.zh}`,
            en: `No piece with ≥ ${t.minClicks} item clicks in 14 days: too small a sample. ${OPEN_CONTENT.en}`,
          },
          evidence: [],
        },
      ];
    const out: Verdict[] = [];
    for (const w of rows) {
      const x = Math.min(w.buyers, w.clicks);
      const r = x / w.clicks;
      const ci = wilsonInterval(x, w.clicks);
      if (!(r < shopRate * t.factor && ci.hi !== null && ci.hi < shopRate)) continue;
      const name = nameOf(w.e);
      out.push({
        status: 'fired',
        entity: entityOf(w.e),
        period,
        title: { zh: `「${name}」有点击没成交`, en: `“${name}”: clicks without sales` },
        detail: {
          zh: `内容「${name}」近 14 天引导商品点击 ${w.clicks} 人，种草成交 ${w.buyers} 人（${rate(r)}），店铺整体转化率 ${rate(shopRate)}，不到一半。流量被带到了商品页却没有成交。`,
          en: `“${name}” sent ${w.clicks} item clicks in 14 days and ${w.buyers} buyers (${rate(r)}), under half the shop conversion ${rate(shopRate)}. The traffic reached the item page but did not buy.`,
        },
        suggestion: {
          zh: '核对内容里展示的款式和价格是否与商品页一致、被引导的 SKU 是否缺货；必要时换挂正在主推、库存充足的款。',
          en: 'Check that the style and price shown match the item page and that the linked SKU is in stock; relink to an item you are pushing with stock.',
        },
        evidence: [
          { label: { zh: '内容成交率', en: 'Content conversion' }, value: r, format: 'ratio' },
          { label: { zh: '店铺转化率（同期）', en: 'Shop conversion (same days)' }, value: shopRate, format: 'ratio' },
          { label: { zh: '商品点击人数', en: 'Item clicks' }, value: w.clicks, format: 'count' },
          { label: { zh: '种草成交人数', en: 'Content buyers' }, value: w.buyers, format: 'count' },
        ],
        baseline: { method: { zh: '同期店铺支付转化率 × 0.5', en: 'Shop conversion of the same days × 0.5' }, value: shopRate * t.factor },
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period,
        detail: {
          zh: `${rows.length} 条内容的点击成交率都不低于店铺转化率 ${rate(shopRate)} 的一半。`,
          en: `${rows.length} pieces convert at least half the shop rate ${rate(shopRate)}.`,
        },
        evidence: [{ label: { zh: '店铺转化率', en: 'Shop conversion' }, value: shopRate, format: 'ratio' }],
      },
    ];
  },
});
