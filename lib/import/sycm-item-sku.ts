/**
 * 生意参谋 商品360 → 销售分析 → SKU销售详情 download (console-sources §12.4): skuId, sku名称, 支付金额,
 * 支付买家数, 支付件数, 加购件数 — no date column (the period comes from the file name or the
 * operator), no item id (file name or operator). → `sku` facts with dims `{ device, itemId }`, the key
 * of the sycm-item adapter's `sku-list` sales facts.
 */

import { SYCM, sycmDevice } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const sycmItemSku = tableMapper({
  id: 'sycm-item-sku',
  label: { zh: '商品360 SKU销售详情', en: 'Item 360 SKU sales' },
  console: SYCM,
  entityKind: 'sku',
  all: ['skuId'],
  any: ['支付金额', '支付件数', '加购件数', 'sku名称'],
  none: ['商品ID'],
  required: [['skuId', 'sku id', 'SKUID']],
  dateColumn: ['统计日期', '日期', '时间'],
  columns: {
    支付金额: 'payAmt',
    支付买家数: 'payByrCnt',
    支付件数: 'payItmCnt',
    加购件数: 'cartItemCnt',
    加购人数: 'cartByrCnt',
  },
  known: ['sku名称', 'sku属性'],
  plainRates: 'decimal',
  asks: ['itemId', 'device'],
  dims: (ctx) => ({ device: sycmDevice(ctx, '0'), ...(ctx.options.itemId ? { itemId: ctx.options.itemId } : {}) }),
  entity(row, ctx) {
    if (!ctx.options.itemId) return { skip: reason('没有商品ID', 'No item ID') };
    const id = readCellId(row.get('skuId', 'sku id', 'SKUID'));
    if (!id) return { skip: reason('skuId 缺失或不是数字', 'skuId missing or not digits') };
    const name = readCellText(row.get('sku名称', 'sku属性'));
    return { id, ...(name ? { name } : {}) };
  },
});
