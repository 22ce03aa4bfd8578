import { addDays } from '../../series/dates';
import { estimateDemand } from '../shared/demand';
import { nameOf, OPEN_SKU, windowValues } from '../shared/entity-window';
import { isPromoDay } from '../shared/promo-calendar';
import { defineRule } from '../types';

/**
 * SC-10: SKUs in stock whose demand is intermittent or lumpy (ADI ≥ 1.32, Syntetos–Boylan):
 * "units per day × days" misleads for them; SC-01 already uses Croston–SBA, this P3 note says
 * which SKUs and what the SBA rate is next to the plain mean. One shop-level note, not one per SKU.
 */
export default defineRule({
  meta: {
    id: 'sc-10-intermittent-demand',
    ref: 'SC-10',
    area: 'SC',
    title: { zh: '间歇性需求 SKU 的补货方式', en: 'Replenishing intermittent-demand SKUs' },
    description: {
      zh: '平均需求间隔 ADI ≥ 1.32 的 SKU 不适合“日均销量 × 天数”补货，改用 Croston–SBA 预测和“下次有需求时有货”的安全库存。',
      en: 'SKUs with an average demand interval ADI ≥ 1.32 should not be replenished by "units per day × days": use Croston–SBA and a safety stock for the next demand.',
    },
    severity: 'P3',
    requires: ['sku.payItmCnt'],
    thresholds: {
      adiCut: { default: 1.32, min: 1.05, max: 4, label: { zh: 'ADI 分界', en: 'ADI cut-off' }, source: '[S]' },
      minDays: { default: 21, min: 14, max: 28, label: { zh: '最少观测天数', en: 'Minimum observed days' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品360 → SKU 销售详情', en: '生意参谋 → 商品360 → SKU details' } },
  },
  evaluate(ctx, t) {
    const hits: { name: string; sba: number; mean: number; adi: number }[] = [];
    let checked = 0;
    for (const sku of ctx.entities('sku')) {
      const stock = ctx.snapshot('sku', sku.id, 'currentStockCnt');
      if (!stock || stock.value <= 0 || stock.date < addDays(ctx.asOf, -2)) continue;
      const units = ctx.range('sku', sku.id, 'payItmCnt', addDays(ctx.asOf, -27), ctx.asOf);
      const d = estimateDemand(units, ctx.asOf, t.minDays);
      if (!d) continue;
      checked++;
      if (d.adi === null || d.adi < t.adiCut || d.method !== 'sba') continue;
      const vals = windowValues(units, ctx.asOf, 28, isPromoDay).filter((v): v is number => v !== null);
      hits.push({ name: nameOf(sku), sba: d.rate, mean: vals.reduce((a, b) => a + b, 0) / vals.length, adi: d.adi });
    }
    if (checked === 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `有库存的 SKU 在近 28 天里（跳过大促日）都不足 ${t.minDays} 天销量；大促后数据攒够再判断，或${OPEN_SKU.zh}`,
            en: `No SKU in stock has ${t.minDays} days of sales in the last 28 (sales-event days skipped); wait for post-event days, or ${OPEN_SKU.en}`,
          },
          evidence: [],
        },
      ];
    }
    if (hits.length === 0) {
      return [
        {
          status: 'ok',
          detail: {
            zh: `${checked} 个 SKU 的需求都较连续（ADI < ${t.adiCut}），按日均销量补货即可。`,
            en: `${checked} SKUs have regular demand (ADI < ${t.adiCut}): daily-average replenishment is fine.`,
          },
          evidence: [],
        },
      ];
    }
    hits.sort((a, b) => b.adi - a.adi);
    const top = hits.slice(0, 3);
    const listZh = top.map((h) => `「${h.name}」ADI ${h.adi.toFixed(1)}，SBA ${h.sba.toFixed(2)} 件/天（简单均值 ${h.mean.toFixed(2)}）`).join('；');
    const listEn = top.map((h) => `"${h.name}" ADI ${h.adi.toFixed(1)}, SBA ${h.sba.toFixed(2)}/day (plain mean ${h.mean.toFixed(2)})`).join('; ');
    return [
      {
        status: 'fired',
        detail: {
          zh: `${hits.length} / ${checked} 个有库存的 SKU 属于间歇或块状需求：${listZh}。这些 SKU 的可售天数已按 Croston–SBA 计算。`,
          en: `${hits.length} of ${checked} SKUs in stock have intermittent or lumpy demand: ${listEn}. Their days of cover already use Croston–SBA.`,
        },
        suggestion: {
          zh: '这些 SKU 不要按“日均 × 天数”下单；按 SBA 预测补货，安全库存按“下一次有需求时有货”设，量小的可改成预售或合并规格。',
          en: 'Do not order these by "daily mean × days"; replenish to the SBA forecast with a safety stock for the next demand; small ones can go to pre-sale or be merged.',
        },
        evidence: [
          { label: { zh: '间歇需求 SKU 数', en: 'Intermittent SKUs' }, value: hits.length, format: 'count' },
          { label: { zh: '已检查 SKU 数', en: 'SKUs checked' }, value: checked, format: 'count' },
        ],
      },
    ];
  },
});
