/**
 * 生意参谋 商品排行 download (`/cc/item/view/excel/top.json`, console-sources §12.1): 4 notes rows,
 * then 统计日期, 商品ID, 商品名称, … one row per item and day. → `item` facts, dims `{ device }`
 * like the sycm-item adapter's `item-rank` route (the list's own default terminal is 0 所有终端).
 */

import { ITEM_COLUMNS, SYCM, sycmDevice } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const sycmItemRank = tableMapper({
  id: 'sycm-item-rank',
  label: { zh: '商品排行', en: 'Item ranking' },
  console: SYCM,
  entityKind: 'item',
  all: ['商品名称'],
  any: ['商品访客数', '商品浏览量', '支付金额', '商品加购件数', '支付买家数'],
  none: ['内容ID', '时间'],
  required: [['商品ID', '商品id']],
  dateColumn: ['统计日期', '日期'],
  columns: ITEM_COLUMNS,
  known: ['商品名称', '货号', '商品状态', '商品标签'],
  plainRates: 'decimal',
  crcColumns: true,
  asks: ['device'],
  dims: (ctx) => ({ device: sycmDevice(ctx, '0') }),
  entity(row) {
    const id = readCellId(row.get('商品ID', '商品id'));
    if (!id) return { skip: reason('商品ID 缺失或不是数字', 'Item ID missing or not digits') };
    const name = readCellText(row.get('商品名称'));
    return { id, ...(name ? { name } : {}) };
  },
});
