/**
 * 万相台无界 报表 → 商品报表 (`#!/report/item_promotion`, XLSX; console-sources §12.7, also the older
 * 推广宝贝报表 layout): 日期, 场景ID, 场景名字, …, 计划ID, 计划名字, 主体ID, 主体类型, 主体名称, 展现量, …
 * → `item` facts keyed by 主体ID with the wanxiang adapter's dims for item_promotion rows:
 * `{ attr, unify: 'zhai', campaign }` (campaign = 计划ID when the row has one). The attribution
 * window is asked (the download does not say it); 口径 unify = 'zhai', the console's default [guessed].
 */
import { attrDims, WANXIANG, WANXIANG_COLUMNS } from './ad-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const wanxiangItem = tableMapper({
  id: 'wanxiang-item',
  label: { zh: '商品报表', en: 'Item report' },
  console: WANXIANG,
  entityKind: 'item',
  all: ['主体ID'],
  any: ['展现量', '花费', '点击量'],
  none: ['人群名字', '人群名称', '单元id', '商品ID'],
  required: [['主体ID'], ['日期']],
  dateColumn: ['日期'],
  columns: WANXIANG_COLUMNS,
  known: ['场景ID', '场景名字', '原二级场景ID', '原二级场景名字', '计划ID', '计划名字', '主体类型', '主体名称'],
  plainRates: 'decimal',
  asks: ['attr'],
  dims: (ctx) => ({ ...attrDims(ctx), unify: 'zhai' }),
  entity(row) {
    const id = readCellId(row.get('主体ID'));
    if (!id) return { skip: reason('主体ID 缺失或不是数字', 'Subject ID missing or not digits') };
    const name = readCellText(row.get('主体名称'));
    const campaign = readCellId(row.get('计划ID'));
    return { id, ...(name ? { name } : {}), ...(campaign ? { dims: { campaign } } : {}) };
  },
});
