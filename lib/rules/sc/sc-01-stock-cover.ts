import { formatDays } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { reorderPoint, safetyStockDays, stockOutDate } from '../../series/stock';
import { estimateDemand } from '../shared/demand';
import { entityOf, nameOf, OPEN_SKU } from '../shared/entity-window';
import { defineRule, type Verdict } from '../types';

/**
 * SC-01 (+ SC-10 demand method): SKU days of cover against the lead time and safety stock.
 * Demand = units per day over the last 14 non-event days (outliers capped); intermittent SKUs
 * (ADI ≥ 1.32) use Croston–SBA. Cover < LT → P0 (stock-out before a new order can arrive);
 * < LT + safety days → P1. Without a lead time from the options page: < 7 days P0, < 14 days P1.
 */
export default defineRule({
  meta: {
    id: 'sc-01-stock-cover',
    ref: 'SC-01 / SC-10',
    area: 'SC',
    title: { zh: 'SKU 可售天数低于补货线', en: 'SKU days of cover below the reorder line' },
    description: {
      zh: '按近 14 天（跳过大促）日均销量算每个 SKU 的可售天数和预计断货日；间歇性需求用 Croston–SBA。低于提前期为 P0，低于提前期 + 安全库存天数为 P1。',
      en: 'Days of cover and stock-out date per SKU from the last 14 non-event days of sales (Croston–SBA for intermittent demand); below the lead time P0, below lead time + safety days P1.',
    },
    severity: 'P1',
    requires: ['sku.currentStockCnt'],
    thresholds: {
      fallbackP1Days: { default: 14, min: 1, max: 120, label: { zh: '未设提前期时的 P1 天数', en: 'P1 days when no lead time is set' }, source: '[S]' },
      fallbackP0Days: { default: 7, min: 1, max: 60, label: { zh: '未设提前期时的 P0 天数', en: 'P0 days when no lead time is set' }, source: '[S]' },
      serviceLevel: { default: 0.95, min: 0.8, max: 0.995, label: { zh: '服务水平', en: 'Service level' }, source: '[S]' },
      minDays: { default: 7, min: 3, max: 28, label: { zh: '最少销量天数', en: 'Minimum days of sales history' }, source: '[S]' },
      maxStaleDays: { default: 2, min: 0, max: 14, label: { zh: '库存快照最长滞后（天）', en: 'Maximum stock snapshot age (days)' }, source: '[C]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品360 → SKU 销售详情', en: '生意参谋 → 商品360 → SKU details' } },
  },
  evaluate(ctx, t) {
    const ltKnown = !ctx.profile.assumed.includes('leadTimeDays');
    const lt = ctx.profile.leadTimeDays;
    const out: Verdict[] = [];
    let checked = 0;
    let short = 0;
    let stale = 0;
    for (const sku of ctx.entities('sku')) {
      const snap = ctx.snapshot('sku', sku.id, 'currentStockCnt');
      if (!snap) continue;
      if (snap.date < addDays(ctx.asOf, -t.maxStaleDays)) {
        stale++;
        continue;
      }
      const d = estimateDemand(ctx.range('sku', sku.id, 'payItmCnt', addDays(ctx.asOf, -27), ctx.asOf), ctx.asOf, t.minDays);
      if (!d) {
        short++;
        continue;
      }
      checked++;
      if (d.rate <= 0) continue;
      const stock = Math.max(0, snap.value);
      const cover = stock / d.rate;
      const ssDays = safetyStockDays({ meanDemand: d.rate, sdDemand: d.sd, leadTime: lt, serviceLevel: t.serviceLevel }) ?? 0;
      const p0 = ltKnown ? lt : t.fallbackP0Days;
      const p1 = ltKnown ? lt + ssDays : t.fallbackP1Days;
      if (cover >= p1) continue;
      const severity = cover < p0 ? 'P0' : 'P1';
      const outDate = stockOutDate(ctx.asOf, stock, d.rate) ?? ctx.asOf;
      const rop = reorderPoint({ meanDemand: d.rate, sdDemand: d.sd, leadTime: ltKnown ? lt : t.fallbackP0Days, serviceLevel: t.serviceLevel }) ?? 0;
      const orderQty = Math.max(0, Math.ceil(rop + d.rate * (ltKnown ? lt : t.fallbackP0Days) - stock));
      const name = nameOf(sku);
      const method =
        d.method === 'sba'
          ? { zh: `间歇性需求（ADI ${d.adi?.toFixed(2)}），用 Croston–SBA 预测`, en: `intermittent demand (ADI ${d.adi?.toFixed(2)}): Croston–SBA forecast` }
          : { zh: `近 ${Math.min(14, d.days)} 个非大促日的日均销量`, en: `mean of the last ${Math.min(14, d.days)} non-event days` };
      const ltText = ltKnown
        ? { zh: `提前期 ${lt} 天、安全库存 ${ssDays.toFixed(1)} 天`, en: `lead time ${lt} d, safety stock ${ssDays.toFixed(1)} d` }
        : {
            zh: `未设置采购提前期，按默认 ${t.fallbackP0Days} / ${t.fallbackP1Days} 天判断（可在设置里填写）`,
            en: `no lead time set: default ${t.fallbackP0Days} / ${t.fallbackP1Days} days used (set it in the options)`,
          };
      const evidence: Evidence[] = [
        { label: { zh: '现有库存（件）', en: 'Stock on hand (units)' }, value: stock, format: 'count' },
        { label: { zh: '日均销量（件）', en: 'Units per day' }, value: d.rate, format: 'plain' },
        { label: { zh: '可售天数', en: 'Days of cover' }, value: cover, format: 'days' },
        {
          label: { zh: ltKnown ? '提前期 + 安全天数' : 'P1 线（默认）', en: ltKnown ? 'Lead time + safety days' : 'P1 line (default)' },
          value: p1,
          format: 'days',
        },
        { label: { zh: '建议补货量（件，未计在途）', en: 'Suggested order (units, in-transit not counted)' }, value: orderQty, format: 'count' },
      ];
      out.push({
        status: 'fired',
        severity,
        entity: entityOf(sku),
        period: { from: ctx.asOf, to: outDate },
        title: { zh: `SKU「${name}」预计 ${outDate} 断货`, en: `SKU "${name}" runs out around ${outDate}` },
        detail: {
          zh: `SKU「${name}」库存 ${stock} 件，日均卖 ${d.rate.toFixed(1)} 件（${method.zh}），只够 ${formatDays(cover)}，预计 ${outDate} 断货；${ltText.zh}。${severity === 'P0' ? '现在下单也来不及在断货前到货。' : '已低于补货点。'}`,
          en: `SKU "${name}": ${stock} units at ${d.rate.toFixed(1)} a day (${method.en}) last ${formatDays(cover, 'en')}, stock-out around ${outDate}; ${ltText.en}. ${severity === 'P0' ? 'An order placed today arrives after the stock-out.' : 'Below the reorder point.'}`,
        },
        suggestion: {
          zh: `今天向供应商下单约 ${orderQty} 件（补货点 + 提前期内需求 − 现有库存，未扣在途）；断货前可把推广预算转到其他 SKU，必要时设置预售并标明发货时间。`,
          en: `Order about ${orderQty} units today (reorder point + lead-time demand − stock, in-transit not deducted); shift ad budget to other SKUs and consider pre-sale with a stated ship date.`,
        },
        evidence,
        baseline: {
          method: {
            zh: ltKnown ? '提前期 + 安全库存天数（95% 服务水平）' : '默认补货线',
            en: ltKnown ? 'Lead time + safety days (95% service)' : 'Default reorder line',
          },
          value: p1,
        },
      });
    }
    if (out.length) return out;
    if (checked === 0) {
      const why = stale
        ? { zh: `库存快照已超过 ${t.maxStaleDays} 天未更新。`, en: `Stock snapshots are older than ${t.maxStaleDays} days. ` }
        : { zh: `SKU 销量不足 ${t.minDays} 天（跳过大促）。`, en: `Under ${t.minDays} days of SKU sales (events skipped). ` };
      return [{ status: 'insufficient', detail: { zh: `${why.zh}${OPEN_SKU.zh}`, en: `${why.en}${OPEN_SKU.en}` }, evidence: [] }];
    }
    return [
      {
        status: 'ok',
        detail: {
          zh: `已检查 ${checked} 个 SKU，可售天数都在补货线之上${short ? `（另有 ${short} 个销量历史不足）` : ''}。`,
          en: `${checked} SKUs checked: all above the reorder line${short ? ` (${short} more lack sales history)` : ''}.`,
        },
        evidence: [{ label: { zh: '已检查 SKU 数', en: 'SKUs checked' }, value: checked, format: 'count' }],
      },
    ];
  },
});
