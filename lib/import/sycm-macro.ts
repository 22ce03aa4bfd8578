/**
 * 生意参谋 商品—宏观监控(日) download (page `/cc/macro_monitor`, console-sources §12.2): one row per
 * 统计日期 with the shop's 商品-scope totals. → `shop` facts with dims `{ device, scope: 'cc' }`, the
 * key the sycm-item adapter's `macro-overview` route uses (kept apart from the 首页 figures).
 */

import { ITEM_COLUMNS, SYCM, sycmDevice } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';

export const sycmMacro = tableMapper({
  id: 'sycm-macro',
  label: { zh: '商品宏观监控', en: 'Item macro monitor' },
  console: SYCM,
  entityKind: 'shop',
  all: ['统计日期'],
  any: ['有访问商品数', '有支付商品数', '商品微详情访客数', '分期支付金额', '成功退货退款金额'],
  none: ['商品ID', '商品名称'],
  required: [['统计日期']],
  dateColumn: ['统计日期'],
  columns: {
    ...ITEM_COLUMNS,
    成功退货退款金额: 'sucRefundAmt',
    有支付商品数: 'paidItemKinds',
    有访问商品数: 'visitedItemKinds',
  },
  known: [],
  plainRates: 'decimal',
  crcColumns: true,
  asks: ['device'],
  dims: (ctx) => ({ device: sycmDevice(ctx, '0'), scope: 'cc' }),
  entity: (_row, ctx) => (ctx.options.shopId ? { id: ctx.options.shopId } : { skip: reason('没有店铺', 'No shop') }),
});
