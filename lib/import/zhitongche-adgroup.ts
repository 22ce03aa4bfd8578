/**
 * 直通车 报表下载 → 单元 (dimension 103; CSV inside a ZIP, UTF-8 BOM; console-sources §8.1, §12.6):
 * 日期, 计划id, 计划名称, 推广类型, 单元id, 单元名称, 商品id, 展现量, … one row per unit and day.
 * → `adgroup` facts with the zhitongche adapter's dims `{ attr, device: '0' }` (a download covers all
 * terminals; the attribution window is the download task's 转化周期, asked in the preview).
 */
import { attrDims, ZHITONGCHE, ZHITONGCHE_COLUMNS, ZHITONGCHE_COST_CHECKS } from './ad-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const zhitongcheAdgroup = tableMapper({
  id: 'zhitongche-adgroup',
  label: { zh: '单元报表', en: 'Adgroup report' },
  console: ZHITONGCHE,
  entityKind: 'adgroup',
  all: ['计划id', '单元id', '展现量'],
  none: ['词包/关键词id', '关键词id', '词包名/关键词'],
  required: [['单元id'], ['日期']],
  dateColumn: ['日期'],
  columns: ZHITONGCHE_COLUMNS,
  known: ['计划id', '计划名称', '推广类型', '单元名称', '商品id'],
  plainRates: 'percent',
  costChecks: ZHITONGCHE_COST_CHECKS,
  asks: ['attr'],
  dims: (ctx) => ({ ...attrDims(ctx), device: '0' }),
  entity(row) {
    const id = readCellId(row.get('单元id'));
    if (!id) return { skip: reason('单元id 缺失或不是数字', 'Adgroup id missing or not digits') };
    const name = readCellText(row.get('单元名称'));
    return { id, ...(name ? { name } : {}) };
  },
});
