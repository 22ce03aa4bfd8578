import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { contentDates, firstSeen, pieceWindow } from '../shared/content-window';
import { CONTENT_LINK, OPEN_CONTENT, rate, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CNT-01: 种草成交 of all captured pieces ÷ 支付金额 over the last 30 days (same days only).
 * < 3 % with fewer than 10 new pieces in 30 days → P3; share down ≥ 30 % vs the 30 days before → P2.
 */
export default defineRule({
  meta: {
    id: 'cnt-01-content-gmv-share',
    ref: 'CNT-01',
    area: 'CNT',
    title: { zh: '内容引导成交占比过低', en: 'Content-driven sales share too low' },
    description: {
      zh: '近 30 天种草成交占全店支付金额的比例低于 3% 且发布少时提示，比前 30 天下降 30% 以上时提醒。',
      en: 'Content-attributed sales under 3 % of shop sales over 30 days with few new pieces, or down ≥ 30 % vs the 30 days before.',
    },
    severity: 'P3',
    requires: ['content.contentSeedPayAmt', 'payAmt'],
    thresholds: {
      minShare: { default: 0.03, min: 0.001, max: 0.5, label: { zh: '内容成交占比下限', en: 'Min content share' }, source: '[H]' },
      minPosts: { default: 10, min: 1, max: 200, label: { zh: '30 天最少新发布', en: 'Min new pieces in 30 days' }, source: '[H]' },
      dropRel: { default: 0.3, min: 0.05, max: 0.95, label: { zh: '环比下降', en: 'Drop vs previous 30 days' }, source: '[H]' },
      minDays: { default: 14, min: 3, max: 30, label: { zh: '最少有内容数据的天数', en: 'Min days with content data' }, source: '[S]' },
    },
    link: CONTENT_LINK,
  },
  evaluate(ctx, t) {
    const dates = contentDates(ctx);
    const pieces = ctx.entities('content');
    const pay = ctx.shopSeries('payAmt');
    const share = (to: string) => {
      let c = 0;
      let p = 0;
      let n = 0;
      for (let i = 0; i < 30; i++) {
        const d = addDays(to, -i);
        const a = valueOn(pay, d);
        if (!dates.has(d) || a === null || a <= 0) continue;
        p += a;
        n++;
      }
      if (n < t.minDays) return null;
      for (const e of pieces) c += pieceWindow(ctx, e, to, 30).amount;
      return { share: c / p, content: c, pay: p, days: n };
    };
    const cur = share(ctx.asOf);
    if (!cur)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近 30 天有内容数据的日子少于 ${t.minDays} 天。${OPEN_CONTENT.zh}`,
            en: `Under ${t.minDays} days with content data in the last 30. ${OPEN_CONTENT.en}`,
          },
          evidence: [],
        },
      ];
    const prev = share(addDays(ctx.asOf, -30));
    const sorted = [...dates].sort();
    const start = sorted[0] ?? ctx.asOf;
    const since = addDays(ctx.asOf, -29);
    const posts = start < since ? pieces.filter((e) => (firstSeen(ctx, e) ?? '') >= since).length : null;
    const evidence: Evidence[] = [
      { label: { zh: '种草成交占比（30 天）', en: 'Content sales share (30 days)' }, value: cur.share, format: 'ratio' },
      { label: { zh: '种草成交金额', en: 'Content-driven sales' }, value: cur.content, format: 'CNY' },
      { label: { zh: '前 30 天占比', en: 'Previous 30 days' }, value: prev?.share ?? null, format: 'ratio' },
      { label: { zh: '30 天新出现的内容数', en: 'New pieces in 30 days' }, value: posts, format: 'count' },
    ];
    const dropped = prev !== null && prev.share > 0 && cur.share <= prev.share * (1 - t.dropRel);
    // Judged at the precision shown (0.01 %): 2.999 % displayed as 3.00 % is not "under 3 %".
    const low = Math.round(cur.share * 1e4) < Math.round(t.minShare * 1e4) && (posts === null || posts < t.minPosts);
    const period = { from: since, to: ctx.asOf };
    if (!dropped && !low)
      return [
        {
          status: 'ok',
          period,
          detail: { zh: `近 30 天种草成交占全店 ${rate(cur.share)}。`, en: `Content-driven sales were ${rate(cur.share)} of shop sales over 30 days.` },
          evidence,
        },
      ];
    const postsText =
      posts === null
        ? { zh: '（内容采集不足 30 天，发布数未核实）', en: ' (under 30 days of content capture: new pieces not verified)' }
        : { zh: `，30 天内新出现 ${posts} 条内容`, en: `, ${posts} new pieces in 30 days` };
    return [
      {
        status: 'fired',
        severity: dropped ? 'P2' : 'P3',
        period,
        detail: {
          zh: `近 30 天种草成交 ¥${cur.content.toFixed(0)}，占全店支付 ${rate(cur.share)}${dropped && prev ? `，比前 30 天的 ${rate(prev.share)} 下降 ${((1 - cur.share / prev.share) * 100).toFixed(0)}%` : `，低于 ${rate(t.minShare)}`}${postsText.zh}。内容渠道的免费流量还没用起来。`,
          en: `Content-driven sales ¥${cur.content.toFixed(0)} over 30 days, ${rate(cur.share)} of shop sales${dropped && prev ? `, down ${((1 - cur.share / prev.share) * 100).toFixed(0)}% from ${rate(prev.share)}` : `, under ${rate(t.minShare)}`}${postsText.en}. Free content traffic is left unused.`,
        },
        suggestion: {
          zh: '每周为 TOP 5 商品各发 2 条短视频或逛逛图文（场景化展示、实测对比），给主图视频挂上商品；在 生意参谋 → 内容 看哪类内容带来成交。',
          en: 'Post 2 short videos or 逛逛 pieces a week for each top-5 item (in-use scenes, tests), link items to main-image videos; see 生意参谋 → 内容 for what sells.',
        },
        evidence,
        baseline: {
          method: { zh: '经验值 3%（需按类目配置）；前 30 天占比', en: 'Practitioner 3 % (set per category); previous 30 days' },
          value: prev?.share ?? t.minShare,
        },
      },
    ];
  },
});
