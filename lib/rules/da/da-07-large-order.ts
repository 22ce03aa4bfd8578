import { formatCount, formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import { compareToBaseline, valueOn } from '../shared/da-channels';
import { promoOf } from '../shared/promo-calendar';
import { dayLabel, pct } from '../shared/weekday-check';
import { defineRule } from '../types';

/**
 * DA-07: 客单价 ≥ 20 % off its same-weekday baseline together with a suspected single large
 * order (批发单、测试单、拍错). No adapter stores single orders, so the order is read at item
 * level: an item with at most `maxBuyers` buyers whose units or amount per buyer is ≥ 10 × the
 * shop's per-buyer figure of the day. The order value is recomputed without those items.
 */
export default defineRule({
  meta: {
    id: 'da-07-large-order',
    ref: 'DA-07',
    area: 'DA',
    title: { zh: '大额异常单 / 客单价跳变', en: 'Unusual large order / order-value jump' },
    description: {
      zh: '客单价比同星期基线变化超过阈值，且有商品被极少数买家买了当日人均件数或金额 10 倍以上时提示，并给出剔除后的客单价。',
      en: "Flags an order-value jump beyond the threshold when an item was bought by very few buyers at ≥ 10 × the day's units or amount per buyer, with the order value recomputed without it.",
    },
    severity: 'P3',
    requires: ['payPct', 'payAmt', 'payByrCnt'],
    thresholds: {
      jumpPct: { default: 0.2, min: 0.05, max: 2, label: { zh: '客单价变化阈值', en: 'Order-value change threshold' }, source: '[C]' },
      multiple: { default: 10, min: 3, max: 100, label: { zh: '单个买家为当日人均的倍数', en: "Multiple of the day's per-buyer figure" }, source: '[C]' },
      maxBuyers: { default: 3, min: 1, max: 20, label: { zh: '“单个买家”最多买家数', en: 'Max buyers counted as a single order' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_rank', label: { zh: '生意参谋 → 品类 → 商品排行', en: '生意参谋 → 品类 → 商品排行' } },
  },
  evaluate(ctx, t) {
    const date = ctx.asOf;
    const promo = promoOf(date);
    if (promo)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${date} 在${promo.zh}大促期间，客单价不和日常基线比较`,
            en: `${date} falls in ${promo.en}: order value not compared with the everyday baseline`,
          },
          evidence: [],
        },
      ];
    const aov = compareToBaseline(ctx.shopSeries('payPct'), date);
    const pay = valueOn(ctx.shopSeries('payAmt'), date);
    const buyers = valueOn(ctx.shopSeries('payByrCnt'), date);
    const units = valueOn(ctx.shopSeries('payItmCnt'), date);
    if (aov.value === null || aov.base === null || aov.change === null || pay === null || buyers === null || buyers <= 0)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '客单价或同星期基线不足 2 周，打开 生意参谋 首页 查看更早的日期以补齐',
            en: 'Order value or 2 weeks of same-weekday history missing: browse earlier dates on 生意参谋 首页',
          },
          evidence: [],
        },
      ];
    const day = dayLabel(date);
    const evidence: Evidence[] = [
      { label: { zh: '当日客单价', en: 'Order value that day' }, value: aov.value, format: 'CNY' },
      { label: { zh: '同星期基线', en: 'Same-weekday baseline' }, value: aov.base, format: 'CNY' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: aov.change, format: 'pct-change' },
    ];
    const baseline = {
      method: { zh: '近 4 个同星期几（跳过大促）的中位数', en: 'Median of the last 4 same weekdays (sales events skipped)' },
      value: aov.base,
    };
    if (Math.abs(aov.change) < t.jumpPct) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}客单价 ${formatMoney(aov.value)}，较基线 ${pct(aov.change)}，没有跳变。`,
            en: `${day.en}: order value ${formatMoney(aov.value, 'en')}, ${pct(aov.change)} vs baseline: no jump.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const items = ctx.entities('item');
    if (!items.length) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${day.zh}客单价较基线 ${pct(aov.change)}，但没有商品数据判断是否有大额异常单：打开 生意参谋 → 品类 → 商品排行 以采集此数据。`,
            en: `${day.en}: order value ${pct(aov.change)} vs baseline, but no item data to look for a large order: open 生意参谋 → 品类 → 商品排行 to capture it.`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const perBuyerUnits = units !== null ? units / buyers : null;
    const perBuyerAmt = pay / buyers;
    const suspects = items.flatMap((e) => {
      const b = valueOn(ctx.series('item', e.id, 'payByrCnt'), date);
      const a = valueOn(ctx.series('item', e.id, 'payAmt'), date);
      const u = valueOn(ctx.series('item', e.id, 'payItmCnt'), date);
      if (b === null || a === null || b <= 0 || b > t.maxBuyers) return [];
      const byUnits = perBuyerUnits !== null && u !== null && u / b >= t.multiple * perBuyerUnits;
      const byAmount = a / b >= t.multiple * perBuyerAmt;
      return byUnits || byAmount ? [{ e, buyers: b, amount: a, units: u }] : [];
    });
    if (!suspects.length) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${day.zh}客单价较基线 ${pct(aov.change)}，但没有发现单个买家 ${t.multiple} 倍以上的大额单，属于客单价本身的变化（见 DA-02 拆解）。`,
            en: `${day.en}: order value ${pct(aov.change)} vs baseline with no single buyer at ${t.multiple}× or more: a genuine order-value change (see DA-02).`,
          },
          evidence,
          baseline,
        },
      ];
    }
    const exAmt = suspects.reduce((s, x) => s + x.amount, 0);
    const exBuyers = suspects.reduce((s, x) => s + x.buyers, 0);
    const cleaned = buyers - exBuyers > 0 ? (pay - exAmt) / (buyers - exBuyers) : null;
    const cleanedChange = cleaned !== null ? cleaned / aov.base - 1 : null;
    evidence.push({ label: { zh: '剔除疑似大单后的客单价', en: 'Order value without the suspected orders' }, value: cleaned, format: 'CNY' });
    evidence.push({ label: { zh: '剔除后较基线', en: 'Without them, vs baseline' }, value: cleanedChange, format: 'pct-change' });
    const list = suspects.map((s) => ({
      zh: `${s.e.name ?? s.e.id}（${formatCount(s.buyers)} 位买家${s.units !== null ? ` ${formatCount(s.units)} 件` : ''}，${formatMoney(s.amount)}）`,
      en: `${s.e.name ?? s.e.id} (${formatCount(s.buyers, 'en')} buyer(s)${s.units !== null ? `, ${formatCount(s.units, 'en')} units` : ''}, ${formatMoney(s.amount, 'en')})`,
    }));
    const flat = cleanedChange !== null && Math.abs(cleanedChange) < t.jumpPct / 2;
    return [
      {
        status: 'fired',
        severity: 'P3',
        ...(suspects.length === 1 && suspects[0]
          ? { entity: { kind: 'item' as const, id: suspects[0].e.id, ...(suspects[0].e.name ? { name: suspects[0].e.name } : {}) } }
          : {}),
        detail: {
          zh: `${day.zh}客单价 ${formatMoney(aov.value)}，较同星期基线 ${formatMoney(aov.base)} ${pct(aov.change)}，主要来自疑似大额单：${list.map((l) => l.zh).join('、')}。剔除后客单价 ${formatMoney(cleaned)}（${pct(cleanedChange ?? 0)}）${flat ? '，基本持平，不代表趋势' : ''}。`,
          en: `${day.en}: order value ${formatMoney(aov.value, 'en')}, ${pct(aov.change)} vs the baseline of ${formatMoney(aov.base, 'en')}, mainly from suspected large orders: ${list.map((l) => l.en).join(', ')}. Without them: ${formatMoney(cleaned, 'en')} (${pct(cleanedChange ?? 0)})${flat ? ', roughly flat: not a trend' : ''}.`,
        },
        suggestion: {
          zh: '到 千牛 → 已卖出的宝贝 核对这几笔订单（批发、测试或拍错）；含大单的日子件数和客单价不要直接和平时比，加购率按人数计不受影响。',
          en: 'Check these orders in 千牛 → 已卖出的宝贝 (wholesale, test or mistake); do not compare units or order value of such a day directly; add-to-cart rates (per person) are unaffected.',
        },
        evidence,
        baseline,
      },
    ];
  },
});
