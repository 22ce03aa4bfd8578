import { formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { estimateFromIndex, fitIndexMap, type IndexMap, type IndexPair } from '../../series/index-map';
import type { DailySeries } from '../../series/types';
import { baseId, nameOf, pct0, signed, entityWindowSum, windowSum } from '../shared/entity-window';
import { isPromoDay } from '../shared/promo-calendar';
import { defineRule, type EntityRef, type RuleContext, type Text, type Verdict } from '../types';

const OPEN_MARKET: Text = {
  zh: '打开 生意参谋 → 竞争 → 竞店分析 / 竞品分析（选本店和竞店，按日查看交易指数）以采集指数',
  en: 'Open 生意参谋 → 竞争 → 竞店分析 / 竞品分析 (own shop vs rivals, daily 交易指数) to capture indexes',
};

/**
 * (index, real value) pairs on the same dates: the shop's own row on the market pages (a scoped
 * view, e.g. `list=compare`) against its 首页 payment amount, and its own items likewise.
 */
function ownPairs(ctx: RuleContext): IndexPair[] {
  const pairs: IndexPair[] = [];
  const add = (idx: DailySeries, real: DailySeries) => {
    const m = new Map(real.map((p) => [p.date, p.value]));
    for (const p of idx) {
      const v = m.get(p.date);
      if (p.value !== null && v != null && p.value > 0 && v > 0) pairs.push({ index: p.value, value: v });
    }
  };
  const shopReal = ctx.shopSeries('payAmt');
  for (const e of [{ id: ctx.shopId }, ...ctx.entities('shop', { scoped: true })]) add(ctx.series('shop', e.id, 'tradeIndex'), shopReal);
  for (const e of ctx.entities('item', { scoped: true })) add(ctx.series('item', e.id, 'tradeIndex'), ctx.series('item', baseId(e.id), 'payAmt'));
  return pairs;
}

/** Rivals with a 交易指数 in the last 7 days; one view per rival (the one with the most days). */
function rivalViews(ctx: RuleContext): EntityRef[] {
  const best = new Map<string, { e: EntityRef; days: number }>();
  for (const kind of ['rivalShop', 'rivalItem'] as const) {
    for (const e of ctx.entities(kind, { scoped: true })) {
      const days = entityWindowSum(ctx, kind, e.id, 'tradeIndex', ctx.asOf, 7).days;
      const key = `${kind}|${baseId(e.id)}`;
      const prev = best.get(key);
      if (days >= 5 && (!prev || days > prev.days)) best.set(key, { e, days });
    }
  }
  return [...best.values()].map((b) => b.e);
}

/** Estimated payment amount of a rival over a 7-day window: mean of daily estimates × 7. */
function weekEstimate(map: IndexMap, s: DailySeries, to: string): { value: number; days: number; extrapolated: number } | null {
  const from = addDays(to, -6);
  let sum = 0;
  let n = 0;
  let ex = 0;
  for (const p of s) {
    if (p.date < from || p.date > to || p.value === null) continue;
    const e = estimateFromIndex(map, p.value);
    if (!e) continue;
    sum += e.value;
    n++;
    if (e.extrapolated) ex++;
  }
  return n ? { value: (sum / n) * 7, days: n, extrapolated: ex } : null;
}

/**
 * SEL-07 (指数还原): rivals' 交易指数 turned into ESTIMATED payment amounts by a monotone map
 * fitted on the shop's own (tradeIndex, real payAmt) pairs — isotonic regression in log–log,
 * piecewise-linear between knots, least-squares slope beyond them (lib/series/index-map.ts).
 * Fires P2 when a monitored rival's estimated 7-day amount grows ≥ 20 % while the shop's REAL
 * amount falls ≥ 15 %; P3 when a rival grows ≥ 50 % on its own. Estimates are labelled, carry
 * the fit's leave-one-out MAPE, and are never added to real values.
 */
export default defineRule({
  meta: {
    id: 'sel-07-rival-index-estimate',
    ref: 'SEL-07',
    area: 'SEL',
    title: { zh: '竞品动作（指数还原估算）', en: 'Rival moves (index-based estimates)' },
    description: {
      zh: '用本店自己的（交易指数, 真实支付金额）拟合单调映射，估算竞店 / 竞品的支付金额；竞品估算增长而本店真实成交下滑时提示。结果是估算值，附误差。',
      en: "Estimates rivals' payment amounts from their 交易指数 with a monotone map fitted on the shop's own (index, real amount) pairs; flags a rival growing while the shop falls. Estimates, with their error.",
    },
    severity: 'P2',
    requires: ['shop.tradeIndex'],
    thresholds: {
      rivalGrowth: { default: 0.2, min: 0.05, max: 3, label: { zh: '竞品估算周增幅', en: 'Rival estimated weekly growth' }, source: '[H]' },
      ownDrop: { default: 0.15, min: 0.05, max: 0.8, label: { zh: '本店真实周降幅', en: 'Own real weekly drop' }, source: '[C]' },
      surge: { default: 0.5, min: 0.1, max: 5, label: { zh: '竞品单独暴涨（P3）', en: 'Rival surge on its own (P3)' }, source: '[H]' },
      maxMape: { default: 0.2, min: 0.02, max: 0.6, label: { zh: '拟合误差上限（MAPE）', en: 'Maximum fit error (MAPE)' }, source: '[S]' },
      minPairs: { default: 14, min: 5, max: 200, label: { zh: '最少拟合样本对', en: 'Minimum fitting pairs' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/mc/ci/shop/monitor', label: { zh: '生意参谋 → 竞争', en: '生意参谋 → 竞争' } },
  },
  evaluate(ctx, t) {
    const rivals = rivalViews(ctx);
    if (rivals.length === 0) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `近 7 天没有竞店 / 竞品的交易指数。${OPEN_MARKET.zh}`, en: `No rival 交易指数 in the last 7 days. ${OPEN_MARKET.en}` },
          evidence: [],
        },
      ];
    }
    const fit = fitIndexMap(ownPairs(ctx), { minPairs: t.minPairs });
    if (!fit.map || fit.mape === null) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `本店只有 ${fit.n} 对（交易指数, 真实支付金额），至少需要 ${t.minPairs} 对才能还原指数。${OPEN_MARKET.zh}，并在 生意参谋 首页 采集同一天的支付金额。`,
            en: `Only ${fit.n} own (交易指数, real amount) pairs; ${t.minPairs} needed to map indexes. ${OPEN_MARKET.en}, and capture the same days on 生意参谋 首页.`,
          },
          evidence: [],
        },
      ];
    }
    const method: Text = {
      zh: `估算方法：本店 ${fit.n} 对（交易指数, 真实支付金额）在对数空间做单调（保序）回归、分段线性插值；留一法平均绝对百分比误差 ${pct0(fit.mape)}。以下竞品数字都是估算，不是平台给的真实值。`,
      en: `Method: monotone (isotonic) regression of the shop's ${fit.n} own (交易指数, real amount) pairs in log space, piecewise-linear between knots; leave-one-out MAPE ${pct0(fit.mape)}. Rival figures below are estimates, not platform numbers.`,
    };
    if (fit.mape > t.maxMape) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `指数还原误差 ${pct0(fit.mape)} 超过 ${pct0(t.maxMape)}，不给估算。${method.zh}`,
            en: `Index mapping error ${pct0(fit.mape)} above ${pct0(t.maxMape)}: no estimates given. ${method.en}`,
          },
          evidence: [{ label: { zh: '拟合误差（MAPE）', en: 'Fit error (MAPE)' }, value: fit.mape, format: 'ratio' }],
        },
      ];
    }
    const map = fit.map;
    const prevTo = addDays(ctx.asOf, -7);
    let promo = false;
    for (let i = 0; i < 14; i++) if (isPromoDay(addDays(ctx.asOf, -i))) promo = true;
    const own = windowSum(ctx.shopSeries('payAmt'), ctx.asOf, 7);
    const ownPrev = windowSum(ctx.shopSeries('payAmt'), prevTo, 7);
    const ownChange = own.days >= 6 && ownPrev.days >= 6 && ownPrev.sum > 0 ? own.sum / ownPrev.sum - 1 : null;
    const out: Verdict[] = [];
    const lines: { zh: string; en: string }[] = [];
    for (const r of rivals) {
      const s = ctx.series(r.kind, r.id, 'tradeIndex');
      const cur = weekEstimate(map, s, ctx.asOf);
      const prev = weekEstimate(map, s, prevTo);
      if (!cur) continue;
      const name = nameOf(r);
      const ex = cur.extrapolated ? { zh: '（超出拟合范围，外推）', en: ' (beyond the fitted range: extrapolated)' } : { zh: '', en: '' };
      lines.push({ zh: `「${name}」约 ${formatMoney(cur.value)}${ex.zh}`, en: `"${name}" about ${formatMoney(cur.value, 'en')}${ex.en}` });
      if (promo || !prev || prev.days < 5 || prev.value <= 0) continue;
      const growth = cur.value / prev.value - 1;
      const squeeze = growth >= t.rivalGrowth && ownChange !== null && ownChange <= -t.ownDrop;
      if (!squeeze && growth < t.surge) continue;
      const evidence: Evidence[] = [
        { label: { zh: '竞品近 7 天支付金额（估算）', en: 'Rival 7-day payment amount (estimate)' }, value: cur.value, format: 'CNY' },
        { label: { zh: '竞品估算周变化', en: 'Rival estimated weekly change' }, value: growth, format: 'pct-change' },
        { label: { zh: '本店近 7 天支付金额（真实）', en: 'Own 7-day payment amount (real)' }, value: own.sum, format: 'CNY' },
        { label: { zh: '本店真实周变化', en: 'Own real weekly change' }, value: ownChange, format: 'pct-change' },
        { label: { zh: '指数还原误差（留一法 MAPE）', en: 'Index mapping error (leave-one-out MAPE)' }, value: fit.mape, format: 'ratio' },
      ];
      out.push({
        status: 'fired',
        severity: squeeze ? 'P2' : 'P3',
        entity: { kind: r.kind, id: baseId(r.id), ...(r.name ? { name: r.name } : {}) },
        period: { from: addDays(ctx.asOf, -13), to: ctx.asOf },
        title: {
          zh: `竞品「${name}」估算成交${squeeze ? '上升、本店下滑' : '大涨'}`,
          en: `Rival "${name}" estimated sales ${squeeze ? 'up while the shop falls' : 'surging'}`,
        },
        detail: {
          zh: `竞品「${name}」近 7 天支付金额估算约 ${formatMoney(cur.value)}${ex.zh}，比前 7 天（估算 ${formatMoney(prev.value)}）${signed(growth)}${ownChange !== null ? `；同期本店真实支付金额 ${formatMoney(own.sum)}，${signed(ownChange)}` : ''}。${method.zh}`,
          en: `Rival "${name}": about ${formatMoney(cur.value, 'en')} in 7 days${ex.en}, ${signed(growth)} vs the week before (estimate ${formatMoney(prev.value, 'en')})${ownChange !== null ? `; the shop's real amount ${formatMoney(own.sum, 'en')}, ${signed(ownChange)}` : ''}. ${method.en}`,
        },
        suggestion: {
          zh: '到 竞争 → 竞品分析 看它的价格、券和主图是否有变化；评估跟进价格或赠品，并在关键词 / 人群推广里对竞品词和竞品人群做防守。',
          en: 'Check its price, coupons and main image in 竞争 → 竞品分析; consider matching price or a gift, and defend rival keywords and audiences in keyword / audience ads.',
        },
        evidence,
        baseline: { method: { zh: '竞品前 7 天（估算）', en: 'Rival previous 7 days (estimate)' }, value: prev.value },
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: `竞品近 7 天支付金额估算：${lines
            .slice(0, 5)
            .map((l) => l.zh)
            .join('；')}。${promo ? '近两周含大促日，不比较周变化。' : '没有“竞品估算上升且本店真实下滑”的情况。'}${method.zh}`,
          en: `Rival 7-day payment amounts (estimates): ${lines
            .slice(0, 5)
            .map((l) => l.en)
            .join(
              '; ',
            )}. ${promo ? 'The last two weeks include sales-event days: weekly change not compared. ' : 'No rival growing while the shop falls. '}${method.en}`,
        },
        evidence: [{ label: { zh: '指数还原误差（留一法 MAPE）', en: 'Index mapping error (leave-one-out MAPE)' }, value: fit.mape, format: 'ratio' }],
      },
    ];
  },
});
