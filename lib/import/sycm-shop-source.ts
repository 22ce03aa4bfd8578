/**
 * 生意参谋 流量 → 店铺来源 明细下载 (page `/flow/monitor/shopsource/construction`, console-sources
 * §12.3; sheets 全店流量来源 and 分载体流量来源): 流量载体, 一级来源 … 四级来源, 访客数, 访客数环比, …;
 * "汇总" marks subtotal rows. Also the older export whose header begins with 流量来源, with a
 * "(变化)" column after each metric.
 *
 * → `source` facts with the sycm-flow adapter's key: id = the console's pageId, dims
 * `{ device, belong: 'all', level, parent }`. The download names sources, not pageIds, so each name
 * is looked up among the sources already captured for the shop (parent by parent); a source never
 * captured gets the id `<parent>/<name>` (the adapter's own id for a node without pageId). A
 * subtotal row ("汇总" at level n) is the source of level n−1; the shop total (一级来源 = 汇总) is
 * skipped. Rows of 分载体流量来源 (流量载体 商品 / 直播 / 短视频 …) carry dim `carrier`. [guessed:
 * the meaning of 流量载体 values and the 汇总 layout come from one RPA column list]
 */

import { SYCM, sycmDevice } from './sycm-columns';
import { type RowEntity, reason, tableMapper } from './table-mapper';
import type { MapContext } from './types';
import { readCellText } from './values';

const LEVELS = [['一级来源', '流量来源'], ['二级来源'], ['三级来源'], ['四级来源']];
const ALL_CARRIERS = new Set(['全部', '全店', '所有', '所有载体', '全部载体']);

/** `${parent}\n${name}` key of the stored-source index. */
export const sourceKey = (parent: string, name: string) => `${parent}\n${name}`;

function resolvePath(path: string[], ctx: MapContext): { id: string; parent: string; level: string } {
  let parent = '0';
  let id = '';
  path.forEach((name, i) => {
    if (i > 0) parent = id;
    id = ctx.sourceIds.get(sourceKey(parent, name)) ?? `${parent}/${name}`;
  });
  return { id, parent, level: String(path.length) };
}

export const sycmShopSource = tableMapper({
  id: 'sycm-shop-source',
  label: { zh: '店铺来源', en: 'Shop traffic sources' },
  console: SYCM,
  entityKind: 'source',
  all: ['访客数'],
  any: ['一级来源', '流量来源'],
  none: ['浏览量占比', '店内跳转人数', '跳出本店人数', '商品ID'],
  required: [['一级来源', '流量来源']],
  dateColumn: ['统计日期', '日期'],
  columns: {
    访客数: 'uv',
    新访客: 'newUv',
    新访客数: 'newUv',
    平均停留时长: 'stayTime',
    加购人数: 'cartByrCnt',
    商品收藏人数: 'cltItmCnt',
    收藏商品人数: 'cltItmCnt',
    加购件数: 'cartItemCnt',
    关注店铺人数: 'shopCltByrCnt',
    支付买家数: 'payByrCnt',
    支付转化率: 'payRate',
    支付金额: 'payAmt',
    客单价: 'payPct',
    UV价值: 'uvValue',
    下单买家数: 'crtByrCnt',
    下单金额: 'crtVldAmt',
    下单转化率: 'crtRate',
    直接支付买家数: 'directPayByrCnt',
    '收藏商品-支付买家数': 'cltItmPayByrCnt',
    粉丝支付买家数: 'fansPayByrCnt',
    '加购商品-支付买家数': 'ordItmPayByrCnt',
  },
  known: ['流量载体', '二级来源', '三级来源', '四级来源', '变化', '(变化)'],
  plainRates: 'decimal',
  crcColumns: true,
  asks: ['device'],
  wantsSourceIds: true,
  dims: (ctx) => ({ device: sycmDevice(ctx, '2'), belong: 'all' }),
  entity(row, ctx): RowEntity {
    const path: string[] = [];
    let subtotal = false;
    for (const alts of LEVELS) {
      const name = readCellText(row.get(...alts), 80);
      if (!name) break;
      if (name === '汇总' || name === '合计') {
        subtotal = true;
        break;
      }
      path.push(name);
    }
    if (path.length === 0)
      return subtotal
        ? { skip: reason('全店汇总行（店铺整体数据不从来源表导入）', 'Whole-shop total row (shop totals are not imported from the source table)') }
        : { skip: reason('一级来源为空', 'Empty first-level source') };
    const carrier = readCellText(row.get('流量载体'), 40);
    const pos = resolvePath(path, ctx);
    return {
      id: pos.id,
      name: path[path.length - 1] as string,
      dims: { level: pos.level, parent: pos.parent, ...(carrier && !ALL_CARRIERS.has(carrier) ? { carrier } : {}) },
    };
  },
});
