import { formatDays } from '../../format';
import { addDays } from '../../series/dates';
import { estimateDemand } from '../shared/demand';
import { nameOf, OPEN_SKU, pct0, entityWindowSum } from '../shared/entity-window';
import { defineRule, type EntityRef, type Verdict } from '../types';

/**
 * SEL-08: SKU structure of an item — ≥ 80 % of 30-day units in ≤ 20 % of its SKUs while ≥ 30 % of
 * SKUs sold nothing → P2; the best-selling SKU has < 7 days of cover → P1 (ties in with SC-01).
 * SKUs are grouped by the item the console gave with them (dims.itemId).
 */
export default defineRule({
  meta: {
    id: 'sel-08-sku-structure',
    ref: 'SEL-08',
    area: 'SEL',
    title: { zh: 'SKU 结构失衡', en: 'Unbalanced SKU structure' },
    description: {
      zh: '≥ 80% 的销量集中在 ≤ 20% 的 SKU 且 ≥ 30% 的 SKU 近 30 天零销量（P2）；或主销 SKU 可售天数 < 7（P1）。',
      en: '≥ 80 % of units in ≤ 20 % of SKUs with ≥ 30 % of SKUs unsold in 30 days (P2); or the main SKU has under 7 days of cover (P1).',
    },
    severity: 'P2',
    requires: ['sku.payItmCnt'],
    thresholds: {
      topUnitsShare: { default: 0.8, min: 0.5, max: 0.99, label: { zh: '头部 SKU 销量占比', en: 'Units share of the top SKUs' }, source: '[C]' },
      topSkuShare: { default: 0.2, min: 0.05, max: 0.5, label: { zh: '头部 SKU 数占比', en: 'Share of SKUs counted as top' }, source: '[C]' },
      zeroSkuShare: { default: 0.3, min: 0.1, max: 0.9, label: { zh: '零销量 SKU 占比', en: 'Share of unsold SKUs' }, source: '[C]' },
      mainCoverDays: { default: 7, min: 1, max: 60, label: { zh: '主销 SKU 最少可售天数', en: 'Minimum cover of the main SKU (days)' }, source: '[C]' },
      minSkus: { default: 3, min: 2, max: 50, label: { zh: '最少 SKU 数', en: 'Minimum SKUs per item' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品360 → SKU 销售详情', en: '生意参谋 → 商品360 → SKU details' } },
  },
  evaluate(ctx, t) {
    const byItem = new Map<string, EntityRef[]>();
    for (const sku of ctx.entities('sku')) {
      if (!sku.itemId) continue;
      const list = byItem.get(sku.itemId) ?? [];
      list.push(sku);
      byItem.set(sku.itemId, list);
    }
    const items = new Map(ctx.entities('item').map((e) => [e.id, e]));
    const out: Verdict[] = [];
    let checked = 0;
    for (const [itemId, skus] of byItem) {
      const units = skus
        .map((s) => ({ s, w: entityWindowSum(ctx, 'sku', s.id, 'payItmCnt', ctx.asOf, 30) }))
        .filter((x) => x.w.days >= 20)
        .sort((a, b) => b.w.sum - a.w.sum);
      if (units.length === 0) continue;
      const total = units.reduce((a, x) => a + x.w.sum, 0);
      if (total <= 0) continue;
      checked++;
      const item = items.get(itemId) ?? { kind: 'item' as const, id: itemId };
      const itemName = nameOf(item);
      const main = units[0];
      if (!main) continue;
      const stock = ctx.snapshot('sku', main.s.id, 'currentStockCnt');
      const d = estimateDemand(ctx.range('sku', main.s.id, 'payItmCnt', addDays(ctx.asOf, -27), ctx.asOf), ctx.asOf);
      const cover = stock && stock.date >= addDays(ctx.asOf, -2) && d && d.rate > 0 ? stock.value / d.rate : null;
      // “≤ 20 % of the SKUs” needs at least one whole SKU in that share (5 SKUs or more at 20 %).
      const nTop = Math.floor(units.length * t.topSkuShare);
      const topShare = nTop >= 1 ? units.slice(0, nTop).reduce((a, x) => a + x.w.sum, 0) / total : 0;
      const zeroShare = units.filter((x) => x.w.sum === 0).length / units.length;
      const skewed = nTop >= 1 && units.length >= t.minSkus && topShare >= t.topUnitsShare && zeroShare >= t.zeroSkuShare;
      const lowCover = cover !== null && cover < t.mainCoverDays;
      if (!skewed && !lowCover) continue;
      const mainName = nameOf(main.s);
      const zh: string[] = [];
      const en: string[] = [];
      if (skewed) {
        zh.push(`近 30 天 ${pct0(topShare)} 的销量集中在 ${nTop} 个规格（共 ${units.length} 个），${pct0(zeroShare)} 的规格零销量`);
        en.push(`${pct0(topShare)} of 30-day units in ${nTop} of ${units.length} SKUs, ${pct0(zeroShare)} of SKUs unsold`);
      }
      if (lowCover && cover !== null) {
        zh.push(`主销规格「${mainName}」只够卖 ${formatDays(cover)}（线 ${t.mainCoverDays} 天）`);
        en.push(`main SKU "${mainName}" has ${formatDays(cover, 'en')} of cover (line ${t.mainCoverDays} d)`);
      }
      out.push({
        status: 'fired',
        severity: lowCover ? 'P1' : 'P2',
        entity: { kind: 'item', id: itemId, ...(item.name ? { name: item.name } : {}) },
        period: { from: addDays(ctx.asOf, -29), to: ctx.asOf },
        title: { zh: `「${itemName}」SKU 结构失衡`, en: `"${itemName}": unbalanced SKUs` },
        detail: { zh: `「${itemName}」${zh.join('；')}。`, en: `"${itemName}": ${en.join('; ')}.` },
        suggestion: {
          zh: `把「${mainName}」设为默认展示并优先补货；零销量规格合并或改成组合装，减少选择负担。`,
          en: `Make "${mainName}" the default choice and restock it first; merge unsold SKUs or turn them into bundles.`,
        },
        evidence: [
          { label: { zh: '头部规格销量占比', en: 'Units share of top SKUs' }, value: topShare, format: 'ratio' },
          { label: { zh: '零销量规格占比', en: 'Share of unsold SKUs' }, value: zeroShare, format: 'ratio' },
          { label: { zh: '主销规格可售天数', en: 'Main SKU days of cover' }, value: cover, format: 'days' },
        ],
      });
    }
    if (out.length) return out;
    if (checked === 0) {
      return [
        {
          status: 'insufficient',
          detail: { zh: `没有按商品归属、覆盖近 30 天的 SKU 销量。${OPEN_SKU.zh}`, en: `No SKU sales linked to their items over 30 days. ${OPEN_SKU.en}` },
          evidence: [],
        },
      ];
    }
    return [
      {
        status: 'ok',
        detail: { zh: `${checked} 个商品的 SKU 结构和主销规格库存正常。`, en: `${checked} items: SKU structure and main-SKU stock are fine.` },
        evidence: [],
      },
    ];
  },
});
