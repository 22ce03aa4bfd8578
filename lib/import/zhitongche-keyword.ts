/**
 * 直通车 报表下载 → 关键词 (dimension 104; console-sources §12.6): the 单元 columns with 词包/关键词 id
 * and 词包名/关键词 instead of 商品id, no 自然流量 columns. → `keyword` facts keyed by the keyword id
 * (the zhitongche adapter's `bidwordId`), dims `{ attr, device: '0' }`.
 */
import { attrDims, ZHITONGCHE, ZHITONGCHE_COLUMNS, ZHITONGCHE_COST_CHECKS } from './ad-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const zhitongcheKeyword = tableMapper({
  id: 'zhitongche-keyword',
  label: { zh: '关键词报表', en: 'Keyword report' },
  console: ZHITONGCHE,
  entityKind: 'keyword',
  all: ['计划id', '展现量'],
  any: ['词包/关键词id', '关键词id'],
  required: [['词包/关键词id', '关键词id'], ['日期']],
  dateColumn: ['日期'],
  columns: ZHITONGCHE_COLUMNS,
  known: ['计划id', '计划名称', '推广类型', '单元id', '单元名称', '词包名/关键词', '关键词'],
  plainRates: 'percent',
  costChecks: ZHITONGCHE_COST_CHECKS,
  asks: ['attr'],
  dims: (ctx) => ({ ...attrDims(ctx), device: '0' }),
  entity(row) {
    const id = readCellId(row.get('词包/关键词id', '关键词id'));
    if (!id) return { skip: reason('关键词 id 缺失或不是数字', 'Keyword id missing or not digits') };
    const name = readCellText(row.get('词包名/关键词', '关键词'));
    return { id, ...(name ? { name } : {}) };
  },
});
