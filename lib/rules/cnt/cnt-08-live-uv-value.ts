import { addDays } from '../../series/dates';
import { entityOf, nameOf } from '../shared/entity-window';
import { FLOW_LINK, OPEN_FLOW, valueOn } from '../shared/service-window';
import { defineRule, type Verdict } from '../types';

/**
 * CNT-08: UV value (支付金额 ÷ 访客数) of the 直播 traffic source under 0.5 × the shop's on each of
 * the last 3 days (days stand in for 场次: live-session data is not captured). Days with fewer
 * than `minUv` live visitors are not judged. P3.
 */
export default defineRule({
  meta: {
    id: 'cnt-08-live-uv-value',
    ref: 'CNT-08',
    area: 'CNT',
    title: { zh: '直播 UV 价值偏低', en: 'Low value per live visitor' },
    description: {
      zh: '直播渠道访客的人均成交连续 3 天不到店铺 UV 价值的一半时提示。',
      en: 'Live-channel sales per visitor under half the shop’s for 3 days running.',
    },
    severity: 'P3',
    requires: ['source.uv', 'source.payAmt', 'uv', 'payAmt'],
    thresholds: {
      factor: { default: 0.5, min: 0.1, max: 1, label: { zh: '相对店铺 UV 价值', en: 'vs shop UV value' }, source: '[H]' },
      days: { default: 3, min: 2, max: 14, label: { zh: '连续天数', en: 'Days in a row' }, source: '[H]' },
      minUv: { default: 100, min: 10, max: 100000, label: { zh: '每天最少直播访客', en: 'Min live visitors a day' }, source: '[H]' },
    },
    link: FLOW_LINK,
  },
  evaluate(ctx, t) {
    const live = ctx.entities('source').filter((e) => (e.name ?? '').includes('直播'));
    if (!live.length)
      return [
        {
          status: 'not-applicable',
          detail: { zh: `没有直播渠道的来源数据。${OPEN_FLOW.zh}`, en: `No live-stream traffic source. ${OPEN_FLOW.en}` },
          evidence: [],
        },
      ];
    const n = Math.round(t.days);
    const dates = Array.from({ length: n }, (_, i) => addDays(ctx.asOf, -(n - 1 - i)));
    const shopUv = ctx.shopSeries('uv');
    const shopPay = ctx.shopSeries('payAmt');
    const out: Verdict[] = [];
    let judged = 0;
    for (const e of live) {
      const uv = ctx.series('source', e.id, 'uv');
      const pay = ctx.series('source', e.id, 'payAmt');
      const rows = dates.map((d) => {
        const u = valueOn(uv, d);
        const p = valueOn(pay, d);
        const su = valueOn(shopUv, d);
        const sp = valueOn(shopPay, d);
        return u !== null && p !== null && su && sp !== null && u >= t.minUv ? { live: p / u, shop: sp / su, u } : null;
      });
      if (rows.some((r) => r === null)) continue;
      judged++;
      const ok = rows as { live: number; shop: number; u: number }[];
      if (!ok.every((r) => r.live < r.shop * t.factor)) continue;
      const lv = ok.reduce((s, r) => s + r.live, 0) / ok.length;
      const sv = ok.reduce((s, r) => s + r.shop, 0) / ok.length;
      out.push({
        status: 'fired',
        entity: entityOf(e),
        period: { from: dates[0] ?? ctx.asOf, to: ctx.asOf },
        detail: {
          zh: `「${nameOf(e)}」近 ${n} 天每位访客成交 ¥${lv.toFixed(2)}，店铺整体 ¥${sv.toFixed(2)}，连续 ${n} 天不到 ${Math.round(t.factor * 100)}%。直播带来的人买得少，投入的时间和引流费用回报低。`,
          en: `“${nameOf(e)}”: ¥${lv.toFixed(2)} per visitor over ${n} days vs ¥${sv.toFixed(2)} for the shop, under ${Math.round(t.factor * 100)}% every day. Live viewers buy little for the time and traffic spent.`,
        },
        suggestion: {
          zh: '调整直播排品（高转化款和引流款的比例），开场 5 分钟放福利款留人，主推款讲解时配合限时价格；减少无效的直播引流投放。',
          en: 'Rebalance the line-up (converting items vs traffic items), open with a deal in the first 5 minutes, pair the hero item with a time-limited price; cut live traffic buys that do not convert.',
        },
        evidence: [
          { label: { zh: '直播 UV 价值', en: 'Live UV value' }, value: lv, format: 'CNY' },
          { label: { zh: '店铺 UV 价值', en: 'Shop UV value' }, value: sv, format: 'CNY' },
          { label: { zh: '直播访客（最近一天）', en: 'Live visitors (latest day)' }, value: ok[ok.length - 1]?.u ?? null, format: 'count' },
        ],
        baseline: { method: { zh: '同日店铺 UV 价值 × 0.5', en: 'Shop UV value of the same day × 0.5' }, value: sv * t.factor },
      });
    }
    if (out.length) return out;
    if (!judged)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `直播渠道近 ${n} 天的数据不全或访客少于 ${t.minUv}/天。${OPEN_FLOW.zh}`,
            en: `Live-channel data incomplete for the last ${n} days, or under ${t.minUv} visitors a day. ${OPEN_FLOW.en}`,
          },
          evidence: [],
        },
      ];
    return [{ status: 'ok', detail: { zh: '直播渠道的 UV 价值不低于店铺的一半。', en: 'Live-channel UV value is at least half the shop’s.' }, evidence: [] }];
  },
});
