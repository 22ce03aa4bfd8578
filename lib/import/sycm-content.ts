/**
 * 生意参谋 内容 → 作品分析 download (sheet 明细数据, console-sources §12.5): one row per work (内容ID);
 * no statistics date (内容发布时间 is when it was posted): the period comes from the file name or the
 * operator. → `content` facts without a device dim, like the sycm-marketing adapter's `content-works`
 * reader (whose page URL carries no device). Column → metric through the same catalog codes
 * (`sycm-content-table.<header>`). "*" (masked 新增粉丝数) stays missing.
 */
import { METRICS } from '../metrics';
import { SYCM } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellId, readCellText } from './values';

const CONTENT_COLUMNS: Record<string, string> = {};
for (const m of METRICS) for (const s of m.sources) if (s.startsWith('sycm-content-table.')) CONTENT_COLUMNS[s.slice('sycm-content-table.'.length)] = m.id;

export const sycmContent = tableMapper({
  id: 'sycm-content',
  label: { zh: '内容 作品分析', en: 'Content works' },
  console: SYCM,
  entityKind: 'content',
  all: ['内容ID'],
  any: ['查看人数', '播放人数', '曝光人数', '种草成交金额'],
  required: [['内容ID']],
  dateColumn: ['统计日期', '日期'],
  columns: CONTENT_COLUMNS,
  known: ['内容名称', '内容发布时间', '商品ID', '逛逛ID'],
  plainRates: 'decimal',
  dims: () => ({}),
  entity(row) {
    const id = readCellId(row.get('内容ID'));
    if (!id) return { skip: reason('内容ID 缺失或不是数字', 'Content ID missing or not digits') };
    const name = readCellText(row.get('内容名称'));
    return { id, ...(name ? { name } : {}) };
  },
});
