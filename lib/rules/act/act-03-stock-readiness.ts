import { formatCount } from '../../format';
import { addDays, dateRange } from '../../series/dates';
import { burstOf, daysBetween, ev, nextEvent, sameKindBefore } from '../shared/act-events';
import { SKU_HINT, skuStocks } from '../shared/act-stock';
import { defineRule, type Verdict } from '../types';

/**
 * ACT-03 (pre-大促 readiness, stock): for the next event within `horizon` days, each SKU's
 * stock against the event's forecast units = baseline × burst × sale days, with a 20 % margin
 * (as the catalogue: everyday sales until then are assumed covered by normal replenishment). P0 when the event starts sooner than the lead time (a new order cannot
 * arrive), else P1 with the latest order date. In-transit stock is not captured (said).
 */
export default defineRule({
  meta: {
    id: 'act-03-stock-readiness',
    ref: 'ACT-03',
    area: 'ACT',
    title: { zh: '大促备货不足', en: 'Not enough stock for the next event' },
    description: {
      zh: '下一个大促前，逐 SKU 比较现有库存和 基线日均 × 爆发系数 × 开卖天数 × 1.2；距活动天数短于采购提前期为 P0。',
      en: "Before the next sales event, each SKU's stock against baseline × burst × sale days × 1.2; P0 when the event is closer than the lead time.",
    },
    severity: 'P1',
    requires: ['sku.currentStockCnt'],
    thresholds: {
      horizon: { default: 30, min: 7, max: 90, label: { zh: '提前多少天检查', en: 'Days ahead to check' }, source: '[H]' },
      safety: { default: 0.2, min: 0, max: 2, label: { zh: '安全余量', en: 'Safety margin' }, source: '[H]' },
      defaultBurst: { default: 2.5, min: 1, max: 20, label: { zh: '默认爆发系数（假设）', en: 'Default burst (assumed)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品 → 商品360', en: '生意参谋 → 商品 → 商品360' } },
  },
  evaluate(ctx, t) {
    const e = nextEvent(ctx.asOf);
    if (!e || daysBetween(ctx.asOf, e.from) > t.horizon)
      return [{ status: 'ok', detail: { zh: `${t.horizon} 天内没有大促。`, en: `No sales event within ${t.horizon} days.` }, evidence: [] }];
    const prev = sameKindBefore(e);
    const measured = prev ? burstOf(ctx, prev) : null;
    const burst = measured ?? t.defaultBurst;
    const until = daysBetween(ctx.asOf, e.saleFrom) - 1;
    const saleDays = dateRange(e.saleFrom, e.saleTo).length;
    const lt = ctx.profile.leadTimeDays;
    const ltNote = ctx.profile.assumed.includes('leadTimeDays')
      ? { zh: `（采购提前期按默认 ${lt} 天）`, en: ` (lead time assumed ${lt} days)` }
      : { zh: `（采购提前期 ${lt} 天）`, en: ` (lead time ${lt} days)` };
    const burstNote =
      measured !== null
        ? { zh: `按${prev?.name.zh}实测爆发系数 ${burst.toFixed(2)}`, en: `${prev?.name.en} measured burst ${burst.toFixed(2)}` }
        : { zh: `按假设爆发系数 ${burst.toFixed(2)}`, en: `assumed burst ${burst.toFixed(2)}` };
    const rows = skuStocks(ctx, addDays(ctx.asOf, 1)).filter((r) => r.daily !== null && daysBetween(r.stockDate, ctx.asOf) <= 7);
    const period = { from: e.saleFrom, to: e.saleTo };
    if (rows.length === 0)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `没有近 7 天的 SKU 库存快照或日销量。${SKU_HINT.zh}。`,
            en: `No SKU stock snapshot or daily units from the last 7 days. ${SKU_HINT.en}.`,
          },
          evidence: [],
        },
      ];
    const out: Verdict[] = [];
    for (const r of rows) {
      const d = r.daily as number;
      if (d <= 0) continue;
      const need = d * burst * saleDays * (1 + t.safety);
      if (r.stock >= need) continue;
      const gap = need - r.stock;
      const p0 = until + 1 < lt;
      const orderBy = addDays(e.saleFrom, -lt);
      out.push({
        status: 'fired',
        severity: p0 ? 'P0' : 'P1',
        entity: { kind: 'sku', id: r.sku.id, ...(r.sku.name ? { name: r.sku.name } : {}) },
        period,
        detail: {
          zh: `SKU「${r.sku.name ?? r.sku.id}」现有库存 ${formatCount(r.stock)} 件（${r.stockDate}），日均 ${d.toFixed(1)} 件${r.dailySource === 'stockDays' ? '（由可售天数推算）' : ''}；${e.name.zh}开卖 ${saleDays} 天，${burstNote.zh}预计卖 ${formatCount(Math.ceil(need / (1 + t.safety)))} 件，加 ${Math.round(t.safety * 100)}% 余量需要 ${formatCount(Math.ceil(need))} 件，缺口 ${formatCount(Math.ceil(gap))} 件；距开卖还有 ${until + 1} 天${ltNote.zh}。在途库存未采集，未计入。`,
          en: `SKU "${r.sku.name ?? r.sku.id}": ${r.stock} units on hand (${r.stockDate}), ${d.toFixed(1)} a day${r.dailySource === 'stockDays' ? ' (from days of cover)' : ''}; ${saleDays} sale days of ${e.name.en} at ${burstNote.en} sell about ${Math.ceil(need / (1 + t.safety))}, ${Math.ceil(need)} with the ${Math.round(t.safety * 100)}% margin: short by ${Math.ceil(gap)}; ${until + 1} days until it opens${ltNote.en}. In-transit stock is not captured and not counted.`,
        },
        suggestion: p0
          ? {
              zh: '距开卖已短于采购提前期：立刻确认在途货和供应商加急，或缩小该 SKU 的报名量 / 预售。',
              en: 'The event is closer than the lead time: confirm in-transit stock and expedite now, or reduce this SKU in the event / sell it as presale.',
            }
          : { zh: `最晚 ${orderBy} 下单补货 ${formatCount(Math.ceil(gap))} 件。`, en: `Order ${Math.ceil(gap)} units by ${orderBy} at the latest.` },
        evidence: [
          ev('现有库存', 'On hand', r.stock, 'count'),
          ev('预估需要', 'Needed', need, 'count'),
          ev('缺口', 'Shortfall', gap, 'count'),
          ev('日均销量', 'Daily units', d, 'plain'),
          ev('爆发系数', 'Burst', burst, 'plain'),
        ],
      });
    }
    if (out.length) return out;
    return [
      {
        status: 'ok',
        period,
        detail: {
          zh: `${rows.length} 个 SKU 的库存够${e.name.zh}（${burstNote.zh}）。`,
          en: `Stock of ${rows.length} SKUs covers ${e.name.en} (${burstNote.en}).`,
        },
        evidence: [],
      },
    ];
  },
});
