/**
 * 万相台无界 报表 → 账户报表 (CSV, GBK; console-sources §12.7 [M]): 日期, 场景ID, 场景名字, 花费,
 * 总成交金额, 总成交笔数 … → `shop` facts with the wanxiang adapter's dims for account rows:
 * `{ attr, unify: 'zhai' }`, plus `scene` = 场景ID when the file is split by scene (as the adapter does
 * for queryDomains with `scene`).
 */
import { attrDims, WANXIANG, WANXIANG_COLUMNS } from './ad-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId } from './values';

export const wanxiangAccount = tableMapper({
  id: 'wanxiang-account',
  label: { zh: '账户报表', en: 'Account report' },
  console: WANXIANG,
  entityKind: 'shop',
  all: ['花费'],
  any: ['场景ID', '场景名字'],
  none: ['计划ID', '主体ID', '人群名字', '人群名称', '计划id', '单元id'],
  required: [['日期']],
  dateColumn: ['日期'],
  columns: WANXIANG_COLUMNS,
  known: ['场景ID', '场景名字'],
  plainRates: 'decimal',
  asks: ['attr'],
  dims: (ctx) => ({ ...attrDims(ctx), unify: 'zhai' }),
  entity(row, ctx) {
    if (!ctx.options.shopId) return { skip: reason('没有店铺', 'No shop') };
    const scene = readCellId(row.get('场景ID'));
    return { id: ctx.options.shopId, ...(scene ? { dims: { scene } } : {}) };
  },
});
