import { formatByUnit } from '../../format';
import { metric } from '../../metrics';
import type { Evidence } from '../../schema/finding';
import { compareToBaseline } from '../shared/da-channels';
import { promoOf } from '../shared/promo-calendar';
import { dayLabel, pct } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-08: when the shop's 访客数 or 支付金额 is ≥ 15 % below its same-weekday baseline, the
 * console's own 同行平均 (`peer` rivalAvg facts of sycm-home; real values, not indices) over
 * the same days tells whether it is the shop's own problem (peer steady → P1) or the market /
 * season (peer also down → P3).
 */
export default defineRule({
  meta: {
    id: 'da-08-own-vs-market',
    ref: 'DA-08',
    area: 'DA',
    title: { zh: '自身问题还是大盘问题', en: 'Own problem or the market?' },
    description: {
      zh: '店铺访客数或支付金额比同星期基线下降超过阈值时，对比同行平均的同期变化：同行稳 → 自身问题；同行也降 → 行业或季节因素（降级）。',
      en: "When the shop's visitors or payment amount fall beyond the threshold, compares the peer average over the same days: peers steady → the shop's own problem; peers down too → market or season (downgraded).",
    },
    severity: 'P1',
    requires: ['uv', 'payAmt'],
    thresholds: {
      dropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '店铺下降阈值', en: 'Shop drop threshold' }, source: '[H]' },
      peerDropPct: { default: 0.1, min: 0.02, max: 0.6, label: { zh: '同行同步下降阈值', en: 'Peer drop counted as market-wide' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页（同行对比）', en: '生意参谋 → 首页 (peer comparison)' } },
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
    const rows = (['uv', 'payAmt'] as const).map((id) => ({
      id,
      shop: compareToBaseline(ctx.shopSeries(id), date),
      peer: compareToBaseline(ctx.series('peer', 'rivalAvg', id), date),
    }));
    if (rows.every((r) => r.shop.change === null))
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '同星期几的历史不足 2 周，打开 生意参谋 首页 查看更早的日期以补齐',
            en: 'Under 2 weeks of same-weekday history: browse earlier dates on 生意参谋 首页',
          },
          evidence: [],
        },
      ];
    const worst = rows.filter((r) => r.shop.change !== null).sort((a, b) => (a.shop.change as number) - (b.shop.change as number))[0] as (typeof rows)[number];
    const m = metric(worst.id);
    const name = { zh: m?.zh ?? worst.id, en: m?.en ?? worst.id };
    const unit = m?.unit ?? 'count';
    const day = dayLabel(date);
    const sc = worst.shop.change as number;
    const evidence: Evidence[] = [
      { label: { zh: `店铺${name.zh}较基线`, en: `Shop ${name.en} vs baseline` }, value: sc, format: 'pct-change' },
      { label: { zh: `同行平均${name.zh}较基线`, en: `Peer-average ${name.en} vs baseline` }, value: worst.peer.change, format: 'pct-change' },
    ];
    const baseline = {
      method: { zh: '各自近 4 个同星期几（跳过大促）的中位数', en: 'Each side’s median of the last 4 same weekdays (sales events skipped)' },
      value: worst.shop.base,
    };
    if (sc > -t.dropPct) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}访客数和支付金额都没有下降 ${Math.round(t.dropPct * 100)}% 以上。`,
            en: `${day.en}: neither visitors nor payment amount fell ${Math.round(t.dropPct * 100)}% or more.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const pc = worst.peer.change;
    if (pc === null) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${day.zh}店铺${name.zh}较基线 ${pct(sc)}，但没有同行平均的同期数据：打开 生意参谋 首页，勾选“同行平均”对比以采集此数据。`,
            en: `${day.en}: shop ${name.en} ${pct(sc)} vs baseline, but no peer-average data for those days: open 生意参谋 首页 with the peer comparison on to capture it.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const market = pc <= -t.peerDropPct;
    const shopText = `${formatByUnit(worst.shop.value, unit)}（基线 ${formatByUnit(worst.shop.base, unit)}，${pct(sc)}）`;
    const shopTextEn = `${formatByUnit(worst.shop.value, unit, 'en')} (baseline ${formatByUnit(worst.shop.base, unit, 'en')}, ${pct(sc)})`;
    return [
      {
        status: 'fired',
        severity: market ? 'P3' : 'P1',
        title: market
          ? { zh: '下降与同行同步：行业或季节因素', en: 'Falling with the peers: market or season' }
          : { zh: '自身问题：同行稳、店铺降', en: "The shop's own problem: peers steady, shop down" },
        detail: market
          ? {
              zh: `${day.zh}店铺${name.zh} ${shopText}，同行平均同期 ${pct(pc)}，两者同步下降，多半是行业或季节因素，降级处理。`,
              en: `${day.en}: shop ${name.en} ${shopTextEn}; the peer average moved ${pct(pc)} over the same days: both fell, most likely market or season, downgraded.`,
            }
          : {
              zh: `${day.zh}店铺${name.zh} ${shopText}，同行平均同期 ${pct(pc)}，同行稳、只有自己在掉，是店铺自身的问题。`,
              en: `${day.en}: shop ${name.en} ${shopTextEn}, while the peer average moved ${pct(pc)}: peers are steady and only the shop fell — the shop's own problem.`,
            },
        suggestion: market
          ? {
              zh: '对照去年同期（见 DA-10 同比）确认季节性；保持节奏，避免在大盘下行时盲目加价抢量。',
              en: 'Check last year (DA-10) to confirm the season; hold the course rather than overbidding while the market is down.',
            }
          : {
              zh: '从渠道（DA-03）和商品入手排查：哪个渠道、哪个商品掉得最多；同时看竞品是否有降价或活动（生意参谋 → 竞争）。',
              en: 'Dig in by channel (DA-03) and item: which fell most; also check rivals for price cuts or campaigns (生意参谋 → 竞争).',
            },
        evidence,
        baseline,
      },
    ];
  },
});
