/**
 * 生意参谋 引流搜索关键词 download (page `/flow/monitor/keyword_assistant`, console-sources §12.3):
 * 统计日期, 搜索词, 访客数, … → `keyword` facts keyed by the word, dims `{ device, source: 'shop-search' }`
 * exactly as the sycm-flow adapter's `keyword-table` reader stores the page's table (flow pages default
 * to 无线, device 2).
 */

import { SYCM, sycmDevice } from './sycm-columns';
import { reason, tableMapper } from './table-mapper';
import { readCellText } from './values';

export const sycmKeyword = tableMapper({
  id: 'sycm-keyword',
  label: { zh: '引流搜索关键词', en: 'Search keywords bringing visitors' },
  console: SYCM,
  entityKind: 'keyword',
  all: ['搜索词', '访客数'],
  none: ['商品ID', '一级来源', '计划id'],
  required: [['搜索词', '关键词']],
  dateColumn: ['统计日期', '日期'],
  columns: {
    访客数: 'uv',
    加购人数: 'cartByrCnt',
    商品收藏人数: 'cltItmCnt',
    支付买家数: 'payByrCnt',
    支付转化率: 'payRate',
    支付件数: 'payItmCnt',
    支付金额: 'payAmt',
    客单价: 'payPct',
    UV价值: 'uvValue',
  },
  known: [],
  plainRates: 'decimal',
  crcColumns: true,
  asks: ['device'],
  dims: (ctx) => ({ device: sycmDevice(ctx, '2'), source: 'shop-search' }),
  entity(row) {
    const word = readCellText(row.get('搜索词', '关键词'));
    if (!word) return { skip: reason('搜索词为空', 'Empty search word') };
    return { id: word, name: word };
  },
});
