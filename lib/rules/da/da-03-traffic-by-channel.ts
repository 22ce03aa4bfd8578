import { formatCount } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { type Channel, type ChannelKind, channels, compareToBaseline } from '../shared/da-channels';
import { isPromoDay } from '../shared/promo-calendar';
import { dayLabel, pct, weekdayCheck } from '../shared/weekday-check';
import { defineRule, type RuleContext, type Text } from '../types';

const ADVICE: Record<ChannelKind, Text> = {
  search: {
    zh: '搜索：检查标题和类目属性是否被改过、是否有违规降权、销量和评价是否下滑、竞品是否降价（生意参谋 → 流量 → 店铺来源 → 手淘搜索 → 看引流关键词）。',
    en: 'Search: check whether titles or category attributes changed, any demotion, falling sales or reviews, and rival price cuts (店铺来源 → 手淘搜索 → keywords).',
  },
  recommend: {
    zh: '推荐：多和主图点击率、内容供给、人群标签有关，检查近期是否换过主图，以及推荐渠道的点击率。',
    en: 'Recommendation: usually main-image CTR, content supply or crowd tags; check recent image changes and the channel CTR.',
  },
  paid: { zh: '付费：检查预算、出价、计划状态，以及是否撞线。', en: 'Paid: check budgets, bids, campaign status and whether budgets ran out.' },
  returning: { zh: '主动回访：老客和收藏加购人群的召回不足。', en: 'Returning visits: past buyers and cart/favourite audiences are not being recalled.' },
  content: { zh: '内容：检查直播、短视频的发布节奏和商品挂载。', en: 'Content: check the live / short-video cadence and linked items.' },
  other: { zh: '其他渠道：到 店铺来源 展开该渠道看子来源。', en: 'Other: expand the channel in 店铺来源 to see its sub-sources.' },
};

interface ChannelDrop {
  c: Channel;
  uv: number;
  base: number;
  delta: number;
  change: number;
  /** Δuv_s ÷ Σ Δuv (leaf channels). */
  share: number;
}

/** Leaf-channel changes on a day against their same-weekday baselines. */
export function channelDrops(ctx: RuleContext, date: string): { rows: ChannelDrop[]; total: number } | null {
  const rows: ChannelDrop[] = [];
  for (const c of channels(ctx).filter((x) => x.leaf)) {
    const u = compareToBaseline(ctx.series('source', c.id, 'uv'), date);
    if (u.value === null || u.base === null || u.base <= 0) continue;
    rows.push({ c, uv: u.value, base: u.base, delta: u.value - u.base, change: u.value / u.base - 1, share: 0 });
  }
  if (!rows.length) return null;
  const total = rows.reduce((a, r) => a + r.delta, 0);
  for (const r of rows) r.share = total !== 0 ? r.delta / total : 0;
  return { rows: rows.sort((a, b) => a.delta - b.delta), total };
}

/**
 * DA-03: shop visitors ≥ 15 % below the same-weekday baseline, attributed to traffic sources
 * (sycm-flow `source` facts, leaf channels): contribution_s = Δuv_s ÷ Δuv_total; channels with
 * a drop ≥ 20 % and a contribution ≥ 30 % are named, with the items that lost most visitors.
 * Also fires when 手淘搜索 alone is ≥ 15 % down two days running ([H] 核心渠道预警).
 */
export default defineRule({
  meta: {
    id: 'da-03-traffic-by-channel',
    ref: 'DA-03',
    area: 'DA',
    title: { zh: '访客下降：按渠道归因', en: 'Visitor drop attributed by channel' },
    description: {
      zh: '全店访客比同星期基线下降超过阈值时，按店铺来源拆到渠道：列出下降 ≥ 20% 且贡献 ≥ 30% 的渠道、各自解释多少，以及掉访客最多的商品。',
      en: 'When shop visitors fall beyond the threshold against the same-weekday baseline, splits the loss by traffic source: channels down ≥ 20 % that explain ≥ 30 %, how much each explains, and the items that lost most visitors.',
    },
    severity: 'P1',
    requires: ['uv'],
    thresholds: {
      shopDropPct: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '全店访客下降阈值', en: 'Shop visitor drop threshold' }, source: '[H]' },
      channelDropPct: { default: 0.2, min: 0.05, max: 0.9, label: { zh: '渠道下降阈值', en: 'Channel drop threshold' }, source: '[H]' },
      minShare: { default: 0.3, min: 0.05, max: 1, label: { zh: '渠道贡献阈值', en: 'Channel contribution threshold' }, source: '[H]' },
      searchDropPct: {
        default: 0.15,
        min: 0.05,
        max: 0.8,
        label: { zh: '手淘搜索单独下降（连续 2 天）', en: 'Search alone down (2 days running)' },
        source: '[H]',
      },
      minBaseline: { default: 50, min: 1, max: 100000, label: { zh: '最小基线访客数', en: 'Minimum baseline visitors' }, source: '[H]' },
    },
    link: {
      url: 'https://sycm.taobao.com/flow/monitor/shopsource/construction?belong=all',
      label: { zh: '生意参谋 → 流量 → 店铺来源', en: '生意参谋 → 流量 → 店铺来源' },
    },
  },
  evaluate(ctx, t) {
    const c = weekdayCheck(ctx, 'uv', t.minBaseline);
    if (c.kind === 'insufficient') return [{ status: 'insufficient', detail: c.reason, evidence: [] }];
    const day = dayLabel(ctx.asOf);
    const baseline = { method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' }, value: c.base };
    const drops = channelDrops(ctx, ctx.asOf);
    const search = drops?.rows.filter((r) => r.c.channelKind === 'search') ?? [];
    const searchChange = (rows: ChannelDrop[]) => {
      const base = rows.reduce((a, r) => a + r.base, 0);
      return base > 0 ? rows.reduce((a, r) => a + r.uv, 0) / base - 1 : null;
    };
    const sToday = searchChange(search);
    const prevDrops = channelDrops(ctx, addDays(ctx.asOf, -1));
    const sPrev = prevDrops ? searchChange(prevDrops.rows.filter((r) => r.c.channelKind === 'search')) : null;
    const searchAlone = sToday !== null && sPrev !== null && sToday <= -t.searchDropPct && sPrev <= -t.searchDropPct;
    const shopDrop = c.change <= -t.shopDropPct;

    const evidence: Evidence[] = [
      { label: { zh: '当日访客数', en: 'Visitors that day' }, value: c.value, format: 'count' },
      { label: { zh: '同星期基线', en: 'Same-weekday baseline' }, value: c.base, format: 'count' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: c.change, format: 'pct-change' },
    ];
    if (!shopDrop && !searchAlone) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}访客数 ${formatCount(c.value)}，较同星期基线 ${pct(c.change)}，没有达到 ${Math.round(t.shopDropPct * 100)}% 的下降。`,
            en: `${day.en}: ${formatCount(c.value, 'en')} visitors, ${pct(c.change)} vs baseline: not a ${Math.round(t.shopDropPct * 100)}% drop.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    if (!drops) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${day.zh}访客数比同星期基线 ${pct(c.change)}，但没有可比的渠道数据：打开 生意参谋 → 流量 → 店铺来源（终端选“所有终端”，连续几周的同星期几）以采集此数据。`,
            en: `${day.en}: visitors ${pct(c.change)} vs baseline, but no comparable channel data: open 生意参谋 → 流量 → 店铺来源 (all devices, several weeks of the same weekday) to capture it.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    // How long the shop-wide drop has lasted (the finding's period).
    let from = ctx.asOf;
    for (let k = 1; k <= 28; k++) {
      const d = addDays(ctx.asOf, -k);
      if (isPromoDay(d)) break;
      const ch = compareToBaseline(ctx.shopSeries('uv'), d).change;
      if (ch === null || ch > -t.shopDropPct) break;
      from = d;
    }
    const days = Math.round((Date.parse(ctx.asOf) - Date.parse(from)) / 86400000) + 1;
    const named = drops.total < 0 ? drops.rows.filter((r) => r.change <= -t.channelDropPct && r.share >= t.minShare) : [];
    const listed = named.length ? named : shopDrop ? [] : search;
    for (const r of listed) {
      evidence.push({ label: { zh: `${r.c.name} 访客变化`, en: `${r.c.name} visitors` }, value: r.change, format: 'pct-change' });
      evidence.push({ label: { zh: `${r.c.name} 解释占比`, en: `${r.c.name} share of the loss` }, value: r.share, format: 'ratio' });
    }
    // Items that lost most visitors (per-item channel splits are not separable in the context).
    const items = ctx
      .entities('item')
      .map((e) => ({ e, d: compareToBaseline(ctx.series('item', e.id, 'uv'), ctx.asOf) }))
      .filter((x) => x.d.value !== null && x.d.base !== null && x.d.value < x.d.base)
      .map((x) => ({ e: x.e, delta: (x.d.value as number) - (x.d.base as number), change: x.d.change }))
      .sort((a, b) => a.delta - b.delta)
      .slice(0, 3);
    const chZh = listed.map((r) => `${r.c.name} ${formatCount(Math.round(r.delta))}（${pct(r.change)}，解释 ${Math.round(r.share * 100)}%）`).join('、');
    const chEn = listed
      .map((r) => `${r.c.name} ${formatCount(Math.round(r.delta), 'en')} (${pct(r.change)}, ${Math.round(r.share * 100)}% of the loss)`)
      .join(', ');
    const itZh = items.length ? `掉访客最多的商品：${items.map((i) => `${i.e.name ?? i.e.id} ${formatCount(Math.round(i.delta))}`).join('、')}。` : '';
    const itEn = items.length
      ? ` Items losing most visitors: ${items.map((i) => `${i.e.name ?? i.e.id} ${formatCount(Math.round(i.delta), 'en')}`).join(', ')}.`
      : '';
    const lasting =
      days >= 2 ? { zh: `已连续 ${days} 天低于基线（自 ${from}）。`, en: `Below baseline ${days} days running (since ${from}).` } : { zh: '', en: '' };
    const head: Text = shopDrop
      ? {
          zh: `${day.zh}访客数 ${formatCount(c.value)}，比同星期基线 ${formatCount(c.base)} 低 ${pct(-c.change).slice(1)}。${lasting.zh}`,
          en: `${day.en}: ${formatCount(c.value, 'en')} visitors, ${pct(-c.change).slice(1)} below the same-weekday baseline of ${formatCount(c.base, 'en')}. ${lasting.en}`,
        }
      : {
          zh: `${day.zh}手淘搜索访客比同星期基线 ${pct(sToday ?? 0)}，前一天 ${pct(sPrev ?? 0)}，连续 2 天超过 ${Math.round(t.searchDropPct * 100)}%。`,
          en: `${day.en}: search visitors ${pct(sToday ?? 0)} vs baseline, the day before ${pct(sPrev ?? 0)}: over ${Math.round(t.searchDropPct * 100)}% two days running.`,
        };
    const body: Text = listed.length
      ? { zh: `掉量主要来自：${chZh}。${itZh}`, en: ` The loss comes mainly from: ${chEn}.${itEn}` }
      : {
          zh: `没有单个渠道同时下降 ≥ ${Math.round(t.channelDropPct * 100)}% 且贡献 ≥ ${Math.round(t.minShare * 100)}%，属于多渠道普遍下降。${itZh}`,
          en: ` No single channel is both ≥ ${Math.round(t.channelDropPct * 100)}% down and ≥ ${Math.round(t.minShare * 100)}% of the loss: a broad decline.${itEn}`,
        };
    const kinds = [...new Set(listed.map((r) => r.c.channelKind))];
    const advice = kinds.length ? kinds.map((k) => ADVICE[k]) : [ADVICE.other];
    return [
      {
        status: 'fired',
        severity: 'P1',
        period: { from, to: ctx.asOf },
        detail: { zh: `${head.zh}${body.zh}访客少了，成交会跟着掉。`, en: `${head.en}${body.en} Fewer visitors means fewer sales.` },
        suggestion: { zh: advice.map((a) => a.zh).join(''), en: advice.map((a) => a.en).join(' ') },
        evidence,
        baseline,
      },
    ];
  },
});
