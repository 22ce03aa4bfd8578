import { addDays } from '../../series/dates';
import { quantile } from '../../series/stats';
import { entityOf, nameOf, OPEN_ITEM_RANK, pct0, SYCM_ITEM_RANK_LINK, signed } from '../shared/entity-window';
import { itemWeeks } from '../shared/item-week';
import { isPromoDay } from '../shared/promo-calendar';
import { defineRule, type Verdict } from '../types';

/**
 * SEL-01: a potential best seller — 7-day visitors ≥ the shop's item P50, add-to-cart rate ≥ P75,
 * (shrunk) conversion ≥ P50 and visitors +30 % week on week, in each of the last two weeks.
 * Quantiles are over the shop's own items (the cohort), never generic thresholds.
 */
export default defineRule({
  meta: {
    id: 'sel-01-potential-item',
    ref: 'SEL-01',
    area: 'SEL',
    title: { zh: '爆款潜力款（候选加流量）', en: 'Potential best seller (candidate for more traffic)' },
    description: {
      zh: '近 7 天访客 ≥ 店内商品 P50、加购率 ≥ P75、转化率 ≥ P50，且访客环比 ≥ +30%，连续 2 周成立。',
      en: '7-day visitors ≥ item P50, add-to-cart rate ≥ P75, conversion ≥ P50 and visitors +30 % week on week, two weeks running.',
    },
    severity: 'P3',
    requires: ['item.uv', 'item.cartByrCnt', 'item.payByrCnt'],
    thresholds: {
      growth: { default: 0.3, min: 0.05, max: 3, label: { zh: '访客环比增幅', en: 'Week-on-week visitor growth' }, source: '[C]' },
      cartQuantile: { default: 0.75, min: 0.5, max: 0.95, label: { zh: '加购率分位', en: 'Add-to-cart quantile' }, source: '[C]' },
      minItems: { default: 10, min: 5, max: 200, label: { zh: '最少商品数', en: 'Minimum items' }, source: '[S]' },
      minUv: { default: 100, min: 20, max: 10000, label: { zh: '商品 7 日最少访客', en: 'Minimum 7-day item visitors' }, source: '[H]' },
    },
    link: SYCM_ITEM_RANK_LINK,
  },
  evaluate(ctx, t) {
    const weeks = [0, 7, 14].map((k) => addDays(ctx.asOf, -k));
    for (let i = 0; i < 21; i++) {
      const d = addDays(ctx.asOf, -i);
      if (isPromoDay(d)) {
        return [
          {
            status: 'insufficient',
            detail: {
              zh: `近 3 周含大促日（${d}），访客环比失真，大促后 3 周再判断。`,
              en: `The last 3 weeks include a sales-event day (${d}): week-on-week is distorted; judged again 3 weeks after the event.`,
            },
            evidence: [],
          },
        ];
      }
    }
    const [w0, w1, w2] = weeks.map((to) => itemWeeks(ctx, to as string));
    if (!w0 || !w1 || !w2 || w0.rows.length < t.minItems || w2.rows.length < t.minItems) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `有访客的商品不足 ${t.minItems} 个或历史不足 3 周。${OPEN_ITEM_RANK.zh}`,
            en: `Fewer than ${t.minItems} items with visitors, or under 3 weeks of history. ${OPEN_ITEM_RANK.en}`,
          },
          evidence: [],
        },
      ];
    }
    const qualifies = (cur: typeof w0, prev: typeof w0, id: string) => {
      const r = cur.rows.find((x) => x.e.id === id);
      const p = prev.rows.find((x) => x.e.id === id);
      if (!r || !p || r.uv < t.minUv || p.uv <= 0 || r.days < 6 || p.days < 6) return null;
      const uvP50 = quantile(
        cur.rows.map((x) => x.uv),
        0.5,
      ) as number;
      const cartQ = quantile(
        cur.rows.filter((x) => x.uv >= t.minUv).map((x) => x.cartRate),
        t.cartQuantile,
      ) as number;
      const rateP50 = quantile(
        cur.rows.map((x) => x.payRate),
        0.5,
      ) as number;
      const growth = r.uv / p.uv - 1;
      const ok = r.uv >= uvP50 && r.cartRate >= cartQ && r.payRate >= rateP50 && growth >= t.growth;
      return ok ? { r, growth, uvP50, cartQ, rateP50 } : null;
    };
    const out: Verdict[] = [];
    for (const row of w0.rows) {
      const now = qualifies(w0, w1, row.e.id);
      const before = now && qualifies(w1, w2, row.e.id);
      if (!now || !before) continue;
      const name = nameOf(row.e);
      out.push({
        status: 'fired',
        entity: entityOf(row.e),
        period: { from: addDays(ctx.asOf, -13), to: ctx.asOf },
        title: { zh: `「${name}」有爆款潜质`, en: `"${name}" looks like a future best seller` },
        detail: {
          zh: `「${name}」近 7 天访客 ${now.r.uv}（店内 P50 ${Math.round(now.uvP50)}），加购率 ${pct0(now.r.cartRate)}（P75 ${pct0(now.cartQ)}），转化率 ${pct0(now.r.rawPayRate)}；访客环比 ${signed(now.growth)}，上一周 ${signed(before.growth)}，连续两周增长。`,
          en: `"${name}": ${now.r.uv} visitors in 7 days (item P50 ${Math.round(now.uvP50)}), add-to-cart ${pct0(now.r.cartRate)} (P75 ${pct0(now.cartQ)}), conversion ${pct0(now.r.rawPayRate)}; visitors ${signed(now.growth)} week on week and ${signed(before.growth)} the week before.`,
        },
        suggestion: {
          zh: '①检查核心 SKU 的可售天数，至少备 2 倍提前期的货；②小步加大关键词 / 全站推广预算（每 3 天 +20%），看 ROI 是否守在保本线以上；③补主图视频和买家秀。没有毛利数据前不要直接大幅放量。',
          en: '① Check days of cover of its main SKUs (stock at least 2× the lead time); ② raise keyword / full-site budget in small steps (+20 % every 3 days) while ROI stays above break-even; ③ add a main-image video and buyer photos. Do not scale hard without margin data.',
        },
        evidence: [
          { label: { zh: '7 日访客', en: '7-day visitors' }, value: now.r.uv, format: 'count' },
          { label: { zh: '加购率', en: 'Add-to-cart rate' }, value: now.r.cartRate, format: 'ratio' },
          { label: { zh: '转化率（收缩后）', en: 'Conversion (shrunk)' }, value: now.r.payRate, format: 'ratio' },
          { label: { zh: '访客环比（本周）', en: 'Visitors w/w (this week)' }, value: now.growth, format: 'pct-change' },
          { label: { zh: '访客环比（上周）', en: 'Visitors w/w (last week)' }, value: before.growth, format: 'pct-change' },
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        detail: {
          zh: `${w0.rows.length} 个商品中暂无连续两周“量、率、速”都达标的潜力款。`,
          en: `No item among ${w0.rows.length} meets traffic, rates and growth two weeks running.`,
        },
        evidence: [],
      },
    ];
  },
});
