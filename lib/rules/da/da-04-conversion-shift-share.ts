import { formatRate } from '../../format';
import type { Evidence } from '../../schema/finding';
import { type ChannelCounts, shiftShare } from '../../series/decompose';
import { wilsonInterval } from '../../series/rates';
import { channels, compareToBaseline, pooledCounts, valueOn } from '../shared/da-channels';
import { promoOf } from '../shared/promo-calendar';
import { dayLabel, pct } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-04: shop conversion (buyers ÷ visitors) ≥ 15 % below the pooled same-weekday rate with
 * non-overlapping Wilson intervals, split by shift-share over the traffic sources:
 * ΔC = Σ(w′−w)·c (structure: more low-converting traffic) + Σw′·(c′−c) (within-channel).
 */
export default defineRule({
  meta: {
    id: 'da-04-conversion-shift-share',
    ref: 'DA-04',
    area: 'DA',
    title: { zh: '转化率下降拆解：流量结构 vs 渠道内', en: 'Conversion drop: traffic mix vs within-channel' },
    description: {
      zh: '全店支付转化率显著下降时，按渠道拆成结构效应（低转化渠道占比变大）和渠道内效应（同一渠道转化变差），并指出渠道内下降最多的渠道和商品。',
      en: 'When shop conversion falls significantly, splits the fall into a mix effect (more low-converting traffic) and a within-channel effect, naming the channel and items that fell most.',
    },
    severity: 'P1',
    requires: ['uv', 'payByrCnt'],
    thresholds: {
      dropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '相对下降阈值', en: 'Relative drop threshold' }, source: '[H]' },
      minVisitors: { default: 200, min: 20, max: 100000, label: { zh: '最少访客数（单日）', en: 'Minimum visitors (one day)' }, source: '[H]' },
      minItemVisitors: { default: 100, min: 10, max: 100000, label: { zh: '商品最少访客数', en: 'Minimum item visitors' }, source: '[H]' },
    },
    link: {
      url: 'https://sycm.taobao.com/flow/monitor/shopsource/construction?belong=all',
      label: { zh: '生意参谋 → 流量 → 店铺来源', en: '生意参谋 → 流量 → 店铺来源' },
    },
  },
  evaluate(ctx, t) {
    const date = ctx.asOf;
    const promo = promoOf(date);
    if (promo)
      return [
        {
          status: 'insufficient',
          detail: { zh: `${date} 在${promo.zh}大促期间，不和日常基线比较`, en: `${date} falls in ${promo.en}: not compared with the everyday baseline` },
          evidence: [],
        },
      ];
    const u1 = valueOn(ctx.shopSeries('uv'), date);
    const b1 = valueOn(ctx.shopSeries('payByrCnt'), date);
    if (u1 === null || b1 === null)
      return [
        {
          status: 'insufficient',
          detail: { zh: `${date} 缺少访客数或支付买家数，打开 生意参谋 首页 以采集`, en: `Visitors or buyers missing for ${date}: open 生意参谋 首页` },
          evidence: [],
        },
      ];
    if (u1 < t.minVisitors)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `当日访客 ${u1} 少于 ${t.minVisitors}，转化率波动太大，不下结论`,
            en: `Only ${u1} visitors (< ${t.minVisitors}): too few to judge conversion`,
          },
          evidence: [],
        },
      ];
    const lags = compareToBaseline(ctx.shopSeries('uv'), date).lags;
    const pooled = pooledCounts(ctx, 'shop', ctx.shopId, 'payByrCnt', 'uv', date, lags);
    if (pooled.weeks < 2 || pooled.n <= 0)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '同星期几的历史不足 2 周，在 生意参谋 首页 切换到更早的日期以补齐',
            en: 'Under 2 weeks of same-weekday history: browse earlier dates on 生意参谋 首页',
          },
          evidence: [],
        },
      ];
    const c1 = b1 / u1;
    const c0 = pooled.x / pooled.n;
    const change = c0 > 0 ? c1 / c0 - 1 : 0;
    const w1 = wilsonInterval(b1, u1);
    const w0 = wilsonInterval(pooled.x, pooled.n);
    const significant = w1.hi !== null && w0.lo !== null && w1.hi < w0.lo;
    const day = dayLabel(date);
    const baseline = {
      method: { zh: '近 4 个同星期几（跳过大促）的合计转化率', en: 'Pooled conversion of the last 4 same weekdays (sales events skipped)' },
      value: c0,
    };
    const evidence: Evidence[] = [
      { label: { zh: '当日支付转化率', en: 'Conversion that day' }, value: c1, format: 'ratio' },
      { label: { zh: '同星期基线', en: 'Same-weekday baseline' }, value: c0, format: 'ratio' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: change, format: 'pct-change' },
    ];
    if (!(change <= -t.dropPct && significant)) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}支付转化率 ${formatRate(c1)}，较同星期基线 ${pct(change)}，不需拆解。`,
            en: `${day.en}: conversion ${formatRate(c1)}, ${pct(change)} vs baseline: no split needed.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const before: ChannelCounts[] = [];
    const after: ChannelCounts[] = [];
    const names = new Map<string, string>();
    for (const ch of channels(ctx).filter((c) => c.leaf)) {
      const uv = valueOn(ctx.series('source', ch.id, 'uv'), date);
      const by = valueOn(ctx.series('source', ch.id, 'payByrCnt'), date);
      const p0 = pooledCounts(ctx, 'source', ch.id, 'payByrCnt', 'uv', date, lags);
      if (uv === null || by === null || p0.weeks < 2) continue;
      names.set(ch.id, ch.name);
      after.push({ channel: ch.id, visitors: uv, buyers: by });
      before.push({ channel: ch.id, visitors: p0.n, buyers: p0.x });
    }
    const ss = before.length >= 2 ? shiftShare(before, after) : null;
    if (ss?.status !== 'ok' || ss.structure === null || ss.within === null) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${day.zh}支付转化率 ${formatRate(c1)}，比同星期基线 ${formatRate(c0)} 低 ${pct(-change).slice(1)}，但没有分渠道的访客和买家数可拆：打开 生意参谋 → 流量 → 店铺来源（含支付买家数）以采集此数据。`,
            en: `${day.en}: conversion ${formatRate(c1)}, ${pct(-change).slice(1)} below ${formatRate(c0)}, but no per-channel visitors and buyers to split: open 生意参谋 → 流量 → 店铺来源 (with buyers) to capture them.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    evidence.push({ label: { zh: '结构效应（百分点）', en: 'Mix effect (pp)' }, value: ss.structure * 100, format: 'plain' });
    evidence.push({ label: { zh: '渠道内效应（百分点）', en: 'Within-channel effect (pp)' }, value: ss.within * 100, format: 'plain' });
    const worst = [...ss.channels].sort((a, b) => a.within - b.within)[0];
    const worstName = worst ? (names.get(worst.channel) ?? worst.channel) : '';
    // Items whose conversion fell most (pooled, ≥ minItemVisitors on the day).
    const items = ctx
      .entities('item')
      .flatMap((e) => {
        const uv = valueOn(ctx.series('item', e.id, 'uv'), date);
        const by = valueOn(ctx.series('item', e.id, 'payByrCnt'), date);
        const p0 = pooledCounts(ctx, 'item', e.id, 'payByrCnt', 'uv', date, lags);
        if (uv === null || by === null || uv < t.minItemVisitors || p0.n <= 0 || p0.x <= 0) return [];
        return [{ e, change: by / uv / (p0.x / p0.n) - 1 }];
      })
      .sort((a, b) => a.change - b.change)
      .slice(0, 3)
      .filter((x) => x.change < 0);
    const structureLed = ss.dominant === 'structure';
    const itZh = items.length ? `转化降得最多的商品：${items.map((i) => `${i.e.name ?? i.e.id}（${pct(i.change)}）`).join('、')}。` : '';
    const itEn = items.length ? ` Items whose conversion fell most: ${items.map((i) => `${i.e.name ?? i.e.id} (${pct(i.change)})`).join(', ')}.` : '';
    const ppZh = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} 个百分点`;
    const ppEn = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} pp`;
    return [
      {
        status: 'fired',
        severity: 'P1',
        detail: {
          zh: `${day.zh}支付转化率 ${formatRate(c1)}，比同星期基线 ${formatRate(c0)} 低 ${pct(-change).slice(1)}（95% 区间不重叠）。按渠道拆：结构效应 ${ppZh(ss.structure)}，渠道内效应 ${ppZh(ss.within)}，以${structureLed ? '结构' : '渠道内'}效应为主${worst && worst.within < 0 ? `；渠道内下降最多的是 ${worstName}` : ''}。${itZh}`,
          en: `${day.en}: conversion ${formatRate(c1)}, ${pct(-change).slice(1)} below ${formatRate(c0)} (95% intervals apart). By channel: mix ${ppEn(ss.structure)}, within-channel ${ppEn(ss.within)}; mainly ${structureLed ? 'the mix' : 'within channels'}${worst && worst.within < 0 ? `; the largest within-channel fall is ${worstName}` : ''}.${itEn}`,
        },
        suggestion: structureLed
          ? {
              zh: '转化率下降主要是因为推荐、低意向流量的占比上升，不一定是商品变差；应看 UV 价值和加购，而不是只看转化率。',
              en: 'The fall comes mainly from more recommendation / low-intent traffic, not necessarily worse items: judge by UV value and add-to-cart, not conversion alone.',
            }
          : {
              zh: '同一渠道的转化率下降，问题在承接：价格、评价、库存、详情；先看上面列出的商品。',
              en: 'Conversion fell within the same channels: the funnel is the problem (price, reviews, stock, detail page); start with the items listed.',
            },
        evidence,
        baseline,
      },
    ];
  },
});
