import { describe, expect, it } from 'vitest';
import { LONG_COLUMNS, longRows } from '@/lib/export/long';
import { areaScope, factFilter } from '@/lib/export/read-facts';
import { WideColumns, wideHeader, wideRow, wideUnits } from '@/lib/export/wide';
import { makeFact, SHOP, SHOP_NAME } from './helpers';

describe('long rows', () => {
  it('one row per value with the exact issue columns, index kept as index, ranges as two bounds', () => {
    expect([...LONG_COLUMNS]).toEqual([
      'shop_id',
      'shop_name',
      'date',
      'grain',
      'entity_kind',
      'entity_id',
      'entity_name',
      'metric',
      'metric_label',
      'value',
      'unit',
      'value_kind',
      'device',
      'attribution_days',
      'source',
      'captured_at',
    ]);
    const f = makeFact(
      {
        date: '2026-11-20',
        entityKind: 'rivalShop',
        entityId: 'r1',
        entityName: '对手店',
        dims: { device: '2', attr: '15' },
        ranges: { payAmtRange: [10000, 25000] },
        source: { adapter: 'sycm-market', route: 'rival-shop', imported: true },
        capturedAt: Date.parse('2026-11-21T02:31:05Z'),
      },
      { uv: 500, tradeIndex: 12345 },
    );
    const rows = longRows(f, SHOP_NAME);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(LONG_COLUMNS.length);
    // Catalog order: uv (首页) before tradeIndex (市场).
    expect(rows[0]).toEqual([
      SHOP,
      SHOP_NAME,
      '2026-11-20',
      'day',
      'rivalShop',
      'r1',
      '对手店',
      'uv',
      '访客数',
      500,
      'count',
      'real',
      '2',
      '15',
      'sycm-market/rival-shop imported',
      '2026-11-21T10:31:05+08:00',
    ]);
    expect(rows[1]?.slice(7, 12)).toEqual(['tradeIndex', '交易指数', 12345, 'count', 'index']);
    expect(rows[2]?.slice(7, 12)).toEqual(['payAmtRange', '交易金额(区间)（下限）', 10000, 'CNY', 'range_low']);
    expect(rows[3]?.slice(7, 12)).toEqual(['payAmtRange', '交易金额(区间)（上限）', 25000, 'CNY', 'range_high']);
    expect(longRows(f, SHOP_NAME, 'en')[0]?.[8]).toBe('Visitors');
  });
});

describe('wide rows', () => {
  it('columns in console (catalog) order with dims and range bounds; rows aligned with the header', () => {
    const cols = new WideColumns();
    const a = makeFact({ date: '2026-11-20', entityKind: 'item', entityId: '1', entityName: '羽绒被', dims: { device: '0' } }, { payRate: 0.05, payAmt: 100 });
    const b = makeFact({ date: '2026-11-21', entityKind: 'item', entityId: '1', dims: { device: '2', attr: '7' }, ranges: { uvRange: [1, 2] } }, { uv: 9 });
    cols.add(a);
    cols.add(b);
    const l = cols.layout('item');
    expect(l.metrics).toEqual(['payAmt', 'uv', 'payRate']);
    expect(l.dims).toEqual(['device', 'attr']);
    const header = wideHeader(l, 'zh');
    expect(header).toEqual([
      '店铺',
      '日期',
      '周期',
      'ID',
      '名称',
      '终端',
      '归因窗口(天)',
      '支付金额',
      '访客数',
      '支付转化率',
      '访客数(区间)（下限）',
      '访客数(区间)（上限）',
    ]);
    expect(wideUnits(l)).toHaveLength(header.length);
    expect(wideUnits(l)[9]).toBe('ratio');
    expect(wideRow(a, l, SHOP_NAME, 'zh')).toEqual([SHOP_NAME, '2026-11-20', '日', '1', '羽绒被', '所有终端', null, 100, null, 0.05, null, null]);
    expect(wideRow(b, l, SHOP_NAME, 'zh')).toEqual([SHOP_NAME, '2026-11-21', '日', '1', '', '无线端', 7, null, 9, null, 1, 2]);
    expect(wideHeader(l, 'en').slice(0, 8)).toEqual(['Shop', 'Date', 'Grain', 'ID', 'Name', 'Device', 'Attribution (days)', 'Payment amount']);
  });
});

describe('export filters', () => {
  it('an area keeps its KPI metrics on shop facts and its drill-down kinds whole', () => {
    const s = areaScope('ADS');
    expect(s.kinds.has('campaign')).toBe(true);
    expect(s.kinds.has('keyword')).toBe(true);
    expect(s.kinds.has('item')).toBe(false);
    expect(s.shopMetrics.has('p4pExpendAmt')).toBe(true);
    const keep = factFilter({ shopIds: [], area: 'ADS' });
    const shopFact = makeFact({ date: '2026-11-20' }, { payAmt: 1, p4pExpendAmt: 50, uv: 3 });
    expect(keep(shopFact)?.values).toEqual({ p4pExpendAmt: 50 });
    expect(keep(makeFact({ date: '2026-11-20' }, { uv: 3 }))).toBeNull();
    const kw = makeFact({ date: '2026-11-20', entityKind: 'keyword', entityId: 'k' }, { adSpend: 5, adClicks: 2 });
    expect(keep(kw)).toBe(kw);
    expect(keep(makeFact({ date: '2026-11-20', entityKind: 'item', entityId: 'i' }))).toBeNull();
  });

  it('grain and kind filters', () => {
    const week = makeFact({ date: '2026-11-16', grain: 'week' });
    expect(factFilter({ shopIds: [], grain: 'day' })(week)).toBeNull();
    expect(factFilter({ shopIds: [], grain: 'week' })(week)).toBe(week);
    expect(factFilter({ shopIds: [], kind: 'item' })(week)).toBeNull();
  });
});
