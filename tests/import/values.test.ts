import { describe, expect, it } from 'vitest';
import {
  datesInFileName,
  itemIdInFileName,
  looksMisdecoded,
  normHeader,
  readCellDate,
  readCellDateRange,
  readCellId,
  readCellNumber,
} from '@/lib/import/values';

describe('import values: cells as the consoles write them (§12)', () => {
  it.each([
    ['2,133', 2133, false],
    ['0.45%', 0.0045, true],
    ['-12.50%', -0.125, true],
    ['¥1,020.50', 1020.5, false],
    ['1.2万', 12000, false],
    [' 36.5 ', 36.5, false],
    ['36秒', 36, false],
    ['1分30秒', 90, false],
    ['00:01:05', 65, false],
    [7.2248, 7.2248, false],
    ['1e3', 1000, false],
  ])('%s → %s', (raw, n, pct) => {
    expect(readCellNumber(raw)).toEqual({ kind: 'num', n, pct });
  });

  it.each([['-'], [''], ['--'], [null], [undefined], ['  ']])('%s is missing, never 0', (raw) => {
    expect(readCellNumber(raw)).toEqual({ kind: 'empty' });
  });

  it('"*" is a masked value (missing); words and NaN are bad', () => {
    expect(readCellNumber('*')).toEqual({ kind: 'masked' });
    for (const v of ['abc', '12abc', Number.NaN, Number.POSITIVE_INFINITY, true, {}, '1,2,3%x']) expect(readCellNumber(v)).toEqual({ kind: 'bad' });
  });

  it.each([
    ['2026-07-06', '2026-07-06'],
    ['2026/7/6', '2026-07-06'],
    ['2026年07月06日', '2026-07-06'],
    ['2026年7月6日', '2026-07-06'],
    ['20260706', '2026-07-06'],
    [20260706, '2026-07-06'],
    ['2026-07-06 00:00:00', '2026-07-06'],
    [46209, '2026-07-06'],
  ])('date %s → %s', (raw, d) => {
    expect(readCellDate(raw)).toBe(d);
  });

  it('impossible dates are refused; windows are read as [from, to]', () => {
    for (const v of ['2026-02-30', '2026-13-01', '20261301', 'abc', 12, '1999-01-01']) expect(readCellDate(v)).toBeNull();
    expect(readCellDateRange('2026-06-25~2026-07-01')).toEqual(['2026-06-25', '2026-07-01']);
    expect(readCellDateRange('2026-07-01 至 2026-06-25')).toBeNull();
  });

  it('headers compare without spaces, with ASCII parentheses, case-insensitive', () => {
    expect(normHeader(' 首次响应时长（秒） ')).toBe('首次响应时长(秒)');
    expect(normHeader('\ufeff词包/关键词 id')).toBe('词包/关键词id');
    expect(normHeader('UV价值')).toBe(normHeader('uv价值'));
  });

  it('ids: digits only, safe integers only', () => {
    expect(readCellId('680000000001')).toBe('680000000001');
    expect(readCellId(680000000001)).toBe('680000000001');
    expect(readCellId("'680000000001")).toBe('680000000001');
    for (const v of ['-', '68000x', 2 ** 60, 0, '000', '1.5', null]) expect(readCellId(v)).toBeNull();
  });

  it('file names: dates and the item id of 商品360 downloads', () => {
    expect(datesInFileName('【生意参谋平台】商品排行_2026-07-01_2026-07-07.xls')).toEqual(['2026-07-01', '2026-07-07']);
    expect(datesInFileName('店铺来源20260706.xlsx')).toEqual(['2026-07-06', '2026-07-06']);
    expect(datesInFileName('report.xlsx')).toBeNull();
    expect(itemIdInFileName('商品360_680000000001_2026-06-01.xlsx')).toBe('680000000001');
    expect(itemIdInFileName('商品360_20260601.xlsx')).toBeNull();
  });

  it('recognises mojibake (GBK read as Latin-1) and replacement characters, not Chinese', () => {
    expect(looksMisdecoded(['Í³¼ÆÈÕÆÚ', 'ÉÌÆ·ID'])).toBe(true);
    expect(looksMisdecoded(['统计日期', '\ufffd\ufffd'])).toBe(true);
    expect(looksMisdecoded(['统计日期', '商品ID', '支付金额'])).toBe(false);
  });
});
