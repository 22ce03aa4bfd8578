/**
 * 生意参谋 商品360 → 销售分析 → 核心概况 download (page `/cc/item_archives?activeKey=sale`,
 * console-sources §12.4): one row per 时间 (dates like 2026年07月06日), the 商品 columns with the
 * "转换率" spelling. The file does not say which item: the id comes from the file name or the
 * operator. → `item` facts, dims `{ device }` as the sycm-item adapter's `item-overview` route.
 */

import { ITEM_COLUMNS, SYCM, sycmDevice } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';

export const sycmItemOverview = tableMapper({
  id: 'sycm-item-overview',
  label: { zh: '商品360 核心概况', en: 'Item 360 overview' },
  console: SYCM,
  entityKind: 'item',
  all: ['商品访客数'],
  any: ['时间', '下单转换率', '支付转换率'],
  none: ['商品ID', '商品名称', '有访问商品数', '有支付商品数', 'skuId'],
  required: [['时间', '统计日期', '日期']],
  dateColumn: ['时间', '统计日期', '日期'],
  columns: ITEM_COLUMNS,
  known: [],
  plainRates: 'decimal',
  crcColumns: true,
  asks: ['itemId', 'device'],
  dims: (ctx) => ({ device: sycmDevice(ctx, '0') }),
  entity: (_row, ctx) => (ctx.options.itemId ? { id: ctx.options.itemId } : { skip: reason('没有商品ID', 'No item ID') }),
});
