import { formatByUnit } from '../../format';
import { metric } from '../../metrics';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { type WeeklyTrendResult, weeklyTrend } from '../../series/trend';
import { isPromoDay } from '../shared/promo-calendar';
import { pct } from '../shared/weekday-check';
import { defineRule, type RuleContext } from '../types';

/**
 * The last `days` non-event days up to asOf (大促 days skipped, reaching back at most `cap`
 * calendar days), in order. Skipping a 32-day 双11 window shifts the weekday phase once; the
 * 7-day average still spans 7 distinct days of normal trading.
 */
export function recentNormalDays(ctx: RuleContext, metricId: string, days: number, cap = 120): { dates: string[]; values: (number | null)[] } {
  const map = new Map(ctx.shopSeries(metricId).map((p) => [p.date, p.value]));
  const dates: string[] = [];
  const values: (number | null)[] = [];
  for (let k = 0; k < cap && dates.length < days; k++) {
    const d = addDays(ctx.asOf, -k);
    if (isPromoDay(d)) continue;
    dates.unshift(d);
    const v = map.get(d);
    values.unshift(typeof v === 'number' && Number.isFinite(v) ? v : null);
  }
  return { dates, values };
}

/**
 * DA-05: over the last 28 non-event days, the 7-day moving average of 支付金额 or 访客数 has a
 * Mann-Kendall trend with p < 0.05, a negative Theil–Sen slope and a cumulative fall ≥ 10 %.
 */
export default defineRule({
  meta: {
    id: 'da-05-persistent-decline',
    ref: 'DA-05',
    area: 'DA',
    title: { zh: '持续性下滑趋势', en: 'Persistent downward trend' },
    description: {
      zh: '近 28 个非大促日的支付金额或访客数 7 日均线，Mann-Kendall 检验显著向下、Theil–Sen 斜率为负且累计降幅超过阈值时提示。',
      en: 'Flags a significant downward Mann-Kendall trend with a negative Theil–Sen slope and a cumulative fall beyond the threshold in the 7-day average of payment amount or visitors over the last 28 non-event days.',
    },
    severity: 'P1',
    requires: ['payAmt', 'uv'],
    thresholds: {
      pValue: { default: 0.05, min: 0.001, max: 0.2, label: { zh: '显著性水平 p', en: 'Significance level p' }, source: '[S]' },
      cumulativeDropPct: { default: 0.1, min: 0.03, max: 0.6, label: { zh: '累计降幅阈值', en: 'Cumulative fall threshold' }, source: '[H]' },
      windowDays: { default: 28, min: 21, max: 84, label: { zh: '检验窗口（天）', en: 'Window (days)' }, source: '[S]' },
      minPoints: { default: 21, min: 14, max: 80, label: { zh: '最少有效均线点数', en: 'Minimum moving-average points' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页（趋势）', en: '生意参谋 → 首页 (trend)' } },
  },
  evaluate(ctx, t) {
    const windowDays = Math.round(t.windowDays);
    const results: { id: string; r: WeeklyTrendResult; from: string }[] = [];
    for (const id of ['payAmt', 'uv']) {
      const { dates, values } = recentNormalDays(ctx, id, windowDays);
      const r = weeklyTrend(values, { alpha: t.pValue, minPoints: Math.round(t.minPoints) });
      results.push({ id, r, from: dates[0] ?? ctx.asOf });
    }
    const usable = results.filter((x) => x.r.status === 'ok');
    if (!usable.length) {
      const n = Math.max(...results.map((x) => x.r.mk.n));
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `近期非大促日的 7 日均线只有 ${n} 个有效点（至少 ${Math.round(t.minPoints)} 个），打开 生意参谋 首页 查看更早的日期以补齐缺失日`,
            en: `Only ${n} valid 7-day-average points on recent non-event days (${Math.round(t.minPoints)} needed): browse earlier dates on 生意参谋 首页 to fill the gaps`,
          },
          evidence: [],
        },
      ];
    }
    const falling = usable.filter(
      (x) =>
        x.r.mk.p !== null &&
        x.r.mk.p < t.pValue &&
        x.r.mk.trend === 'decreasing' &&
        (x.r.sen.slope ?? 0) < 0 &&
        x.r.cumulativeChangePct !== null &&
        x.r.cumulativeChangePct <= -t.cumulativeDropPct,
    );
    const pick = (falling.length ? falling : usable).sort(
      (a, b) => (a.r.cumulativeChangePct ?? 0) - (b.r.cumulativeChangePct ?? 0),
    )[0] as (typeof usable)[number];
    const m = metric(pick.id);
    const name = { zh: m?.zh ?? pick.id, en: m?.en ?? pick.id };
    const evidence: Evidence[] = [
      {
        label: { zh: `${name.zh} 7 日均线累计变化`, en: `${name.en} 7-day average, cumulative change` },
        value: pick.r.cumulativeChangePct,
        format: 'pct-change',
      },
      { label: { zh: '每周变化（Theil–Sen）', en: 'Change per week (Theil–Sen)' }, value: pick.r.slopePctPerWeek, format: 'pct-change' },
      { label: { zh: 'Mann-Kendall p 值', en: 'Mann-Kendall p-value' }, value: pick.r.mk.p, format: 'plain' },
      { label: { zh: 'Mann-Kendall z', en: 'Mann-Kendall z' }, value: pick.r.mk.z, format: 'z' },
    ];
    const last = pick.r.smoothed.filter((v): v is number => v !== null).at(-1) ?? null;
    if (!falling.length) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `近 ${windowDays} 个非大促日没有显著的持续下滑（${name.zh} 7 日均线累计 ${pct(pick.r.cumulativeChangePct ?? 0)}，p = ${(pick.r.mk.p ?? 1).toFixed(3)}）。`,
            en: `No significant persistent decline over the last ${windowDays} non-event days (${name.en} 7-day average ${pct(pick.r.cumulativeChangePct ?? 0)} cumulative, p = ${(pick.r.mk.p ?? 1).toFixed(3)}).`,
          },
          evidence,
        },
      ];
    }
    const unit = m?.unit ?? 'count';
    return [
      {
        status: 'fired',
        severity: 'P1',
        period: { from: pick.from, to: ctx.asOf },
        detail: {
          zh: `近 ${windowDays} 个非大促日，${name.zh} 7 日均线每周约 ${pct(pick.r.slopePctPerWeek ?? 0)}，累计 ${pct(pick.r.cumulativeChangePct ?? 0)}（现约 ${formatByUnit(last, unit)}/天；Mann-Kendall p = ${(pick.r.mk.p ?? 0).toFixed(3)} < ${t.pValue}），属于持续下滑，不是单日波动。`,
          en: `Over the last ${windowDays} non-event days the 7-day average of ${name.en} moved about ${pct(pick.r.slopePctPerWeek ?? 0)} a week, ${pct(pick.r.cumulativeChangePct ?? 0)} in all (now about ${formatByUnit(last, unit, 'en')}/day; Mann-Kendall p = ${(pick.r.mk.p ?? 0).toFixed(3)} < ${t.pValue}): a persistent decline, not a one-day dip.`,
        },
        suggestion: {
          zh: '做一次周复盘：看商品结构（老款衰退、新款没接上）和渠道结构（生意参谋 → 流量 → 店铺来源 选“最近 30 天”）。',
          en: 'Run a weekly review: the item mix (ageing best-sellers without successors) and the channel mix (店铺来源, last 30 days).',
        },
        evidence,
        baseline: { method: { zh: '7 日均线的 Theil–Sen 趋势线', en: 'Theil–Sen line of the 7-day average' }, value: null },
      },
    ];
  },
});
