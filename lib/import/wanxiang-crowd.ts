/**
 * 万相台无界 报表 → 人群报表 (console-sources §12.7 [M]): 日期, 场景ID, 场景名字, 计划ID, 计划名字,
 * 人群名字, 主体ID, 主体名称, 点击量, 投入产出比, … → `crowd` facts with the wanxiang adapter's dims
 * `{ attr, unify: 'zhai', campaign }`. The adapter keys crowds by `crowdId`; the download's header list
 * has no 人群ID, so a 人群ID column is used when present and the crowd's name otherwise [guessed: an
 * import without 人群ID lands beside, not on, captured crowd facts].
 */
import { attrDims, WANXIANG, WANXIANG_COLUMNS } from './ad-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

export const wanxiangCrowd = tableMapper({
  id: 'wanxiang-crowd',
  label: { zh: '人群报表', en: 'Crowd report' },
  console: WANXIANG,
  entityKind: 'crowd',
  all: [],
  any: ['人群名字', '人群名称', '人群ID'],
  none: ['单元id'],
  required: [['人群名字', '人群名称', '人群ID'], ['日期']],
  dateColumn: ['日期'],
  columns: WANXIANG_COLUMNS,
  known: ['场景ID', '场景名字', '计划ID', '计划名字', '主体ID', '主体名称', '单元ID', '单元名字'],
  plainRates: 'decimal',
  asks: ['attr'],
  dims: (ctx) => ({ ...attrDims(ctx), unify: 'zhai' }),
  entity(row) {
    const name = readCellText(row.get('人群名字', '人群名称'), 120);
    const id = readCellId(row.get('人群ID')) ?? name;
    if (!id) return { skip: reason('人群名字为空', 'Empty crowd name') };
    const campaign = readCellId(row.get('计划ID'));
    const adgroup = readCellId(row.get('单元ID'));
    return {
      id,
      ...(name ? { name } : {}),
      ...(campaign || adgroup ? { dims: { ...(campaign ? { campaign } : {}), ...(adgroup ? { adgroup } : {}) } } : {}),
    };
  },
});
