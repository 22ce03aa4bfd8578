import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { rateDrop, wilsonInterval } from '../../series/rates';
import { isPromoDay } from '../shared/promo-calendar';
import { firstSeries, med, OPEN_SERVICE, pp, rate, SERVICE_LINK, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-03: shop 询单转化率 on the latest day (≥ 50 询单人数). Level: < 40 % → P2, < 30 % → P1 on at
 * least 2 of the last 3 days. Drop: ≥ 8 pp below the median of the previous 4 weeks (大促 days
 * skipped) and significant by Wilson / two-proportion test on the counts (§3.4).
 */
export default defineRule({
  meta: {
    id: 'cs-03-inquiry-conversion',
    ref: 'CS-03',
    area: 'CS',
    title: { zh: '询单转化率偏低', en: 'Low inquiry conversion' },
    description: {
      zh: '店铺询单转化率低于经验分档，或比近 4 周中位数低 8pp 以上且统计显著时提示。',
      en: 'Shop inquiry-to-pay conversion below the practitioner bands, or ≥ 8 pp below the 4-week median and significant.',
    },
    severity: 'P2',
    requires: ['wwConsultPayRate'],
    thresholds: {
      warn: { default: 0.4, min: 0.05, max: 0.95, label: { zh: '偏低线', en: 'Low line' }, source: '[H]' },
      alert: { default: 0.3, min: 0.01, max: 0.95, label: { zh: '差线', en: 'Poor line' }, source: '[H]' },
      dropPp: { default: 0.08, min: 0.01, max: 0.5, label: { zh: '较 4 周中位数下降（pp）', en: 'Drop vs 4-week median (pp)' }, source: '[H]' },
      minInquiries: { default: 50, min: 10, max: 10000, label: { zh: '单日最少询单人数', en: 'Min inquirers per day' }, source: '[H]' },
    },
    link: SERVICE_LINK,
  },
  evaluate(ctx, t) {
    const rateS = ctx.shopSeries('wwConsultPayRate');
    const inqS = firstSeries(ctx.shopSeries, ['wwwConsultUv', 'consultUserCnt'])?.series ?? [];
    const r = valueOn(rateS, ctx.asOf);
    const n = valueOn(inqS, ctx.asOf);
    if (r === null || n === null)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${ctx.asOf} 没有询单转化率或询单人数。${OPEN_SERVICE.zh}`,
            en: `No inquiry conversion or inquirer count for ${ctx.asOf}. ${OPEN_SERVICE.en}`,
          },
          evidence: [],
        },
      ];
    if (n < t.minInquiries) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${ctx.asOf} 询单人数只有 ${n}，少于 ${t.minInquiries}，样本太小不下结论`,
            en: `Only ${n} inquirers on ${ctx.asOf} (under ${t.minInquiries}): too small a sample`,
          },
          evidence: [],
        },
      ];
    }
    // Level with persistence (2 of the last 3 days, each with the minimum sample).
    const days = [0, 1, 2].map((i) => addDays(ctx.asOf, -i));
    const obs = days
      .map((d) => ({ r: valueOn(rateS, d), n: valueOn(inqS, d) }))
      .filter((x) => x.r !== null && x.n !== null && (x.n as number) >= t.minInquiries);
    const below = (th: number) => r < th && obs.filter((x) => (x.r as number) < th).length >= 2;
    const p1 = below(t.alert);
    const p2 = below(t.warn);
    // Drop vs the previous 4 weeks (event days out of the baseline).
    const base: { r: number; n: number }[] = [];
    for (let i = 1; i <= 28; i++) {
      const d = addDays(ctx.asOf, -i);
      if (isPromoDay(d)) continue;
      const br = valueOn(rateS, d);
      const bn = valueOn(inqS, d);
      if (br !== null && bn !== null && bn > 0) base.push({ r: br, n: bn });
    }
    const baseMed = base.length >= 7 ? med(base.map((b) => b.r)) : null;
    const baseN = base.reduce((s, b) => s + b.n, 0);
    const baseX = base.reduce((s, b) => s + Math.round(b.r * b.n), 0);
    const x = Math.round(r * n);
    const drop =
      baseMed !== null && !isPromoDay(ctx.asOf)
        ? rateDrop({ successes: x, trials: n }, { successes: baseX, trials: baseN }, { minTrials: t.minInquiries })
        : null;
    const dropFired = baseMed !== null && drop !== null && baseMed - r >= t.dropPp && drop.significant;
    const ci = wilsonInterval(x, n);
    const evidence: Evidence[] = [
      { label: { zh: '询单转化率', en: 'Inquiry conversion' }, value: r, format: 'ratio' },
      { label: { zh: '询单人数', en: 'Inquirers' }, value: n, format: 'count' },
      { label: { zh: 'Wilson 95% 下限', en: 'Wilson 95% low' }, value: ci.lo, format: 'ratio' },
      { label: { zh: 'Wilson 95% 上限', en: 'Wilson 95% high' }, value: ci.hi, format: 'ratio' },
      { label: { zh: '近 4 周中位数', en: '4-week median' }, value: baseMed, format: 'ratio' },
    ];
    const baseline = {
      method: {
        zh: '经验分档（<30% 差，30–40% 偏低，目标 ≥ 50%）与近 4 周中位数',
        en: 'Practitioner bands (< 30 % poor, 30–40 % low, target ≥ 50 %) and the 4-week median',
      },
      value: baseMed,
    };
    if (!p1 && !p2 && !dropFired) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${ctx.asOf} 询单转化率 ${rate(r)}（${n} 人询单），在正常范围内。`,
            en: `${ctx.asOf}: inquiry conversion ${rate(r)} (${n} inquirers): normal.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const why =
      p1 || p2
        ? {
            zh: `低于${p1 ? `差线 ${rate(t.alert)}` : `偏低线 ${rate(t.warn)}`}（近 3 天至少 2 天如此）`,
            en: `below the ${p1 ? `poor line ${rate(t.alert)}` : `low line ${rate(t.warn)}`} (on 2 of the last 3 days)`,
          }
        : { zh: '', en: '' };
    const dropText =
      dropFired && baseMed !== null
        ? {
            zh: `${why.zh ? '，且' : ''}比近 4 周中位数 ${rate(baseMed)} 低 ${pp(baseMed - r)}（统计显著）`,
            en: `${why.en ? ', and' : ''} ${pp(baseMed - r)} below the 4-week median ${rate(baseMed)} (significant)`,
          }
        : { zh: '', en: '' };
    const lost = Math.round(n * Math.max(0, t.warn - r));
    return [
      {
        status: 'fired',
        severity: p1 ? 'P1' : 'P2',
        period: { from: days[2] ?? ctx.asOf, to: ctx.asOf },
        detail: {
          zh: `${ctx.asOf} 询单转化率 ${rate(r)}（${n} 人询单，95% 区间 ${rate(ci.lo)}–${rate(ci.hi)}）${why.zh}${dropText.zh}。达到 ${rate(t.warn)} 约可多成交 ${lost} 位买家/天。`,
          en: `${ctx.asOf}: inquiry conversion ${rate(r)} (${n} inquirers, 95% CI ${rate(ci.lo)}–${rate(ci.hi)}) ${why.en}${dropText.en}. Reaching ${rate(t.warn)} would add about ${lost} buyers a day.`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 服务 → 询单流失，看流失会话里最多的问题（尺码、价格、发货、售后）：在详情页补充尺码表和发货时效，客服对已下单未付款的买家 30 分钟内催付。',
          en: 'Open 生意参谋 → 服务 → 询单流失 and list the top questions of lost chats (size, price, shipping, after-sale): add a size chart and shipping times to the detail page; remind unpaid orders within 30 minutes.',
        },
        evidence,
        baseline,
      },
    ];
  },
});
