import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvRow, neutralize, safeFileName, toTsv } from '@/lib/export/csv';
import { parseCsv } from './helpers';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('两行\n文本')).toBe('"两行\n文本"');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
    expect(csvCell('普通文本')).toBe('普通文本');
    expect(csvRow(['a', 1, null, undefined, 'b'])).toBe('a,1,,,b\r\n');
  });

  it('neutralizes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('+86 123')).toBe("'+86 123");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(neutralize('a=b')).toBe('a=b');
  });

  it('keeps real negative numbers as numbers, drops non-finite ones', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('round-trips through a CSV parser', () => {
    const rows = [
      ['名称', '值'],
      ['含,逗号', '-3'],
      ['含"引号"', '换\n行'],
    ];
    const text = rows.map((r) => csvRow(r)).join('');
    expect(parseCsv(text)).toEqual([
      ['名称', '值'],
      ['含,逗号', "'-3"],
      ['含"引号"', '换\n行'],
    ]);
    expect(BOM).toBe('\uFEFF');
  });
});

describe('toTsv', () => {
  it('tab-separates cells and turns tabs and line breaks inside cells into spaces', () => {
    expect(
      toTsv([
        ['名称', '支付金额'],
        ['羽绒被\t冬季\r\n加厚', 1234.5],
        ['=1+1', -3],
        [null, undefined],
      ]),
    ).toBe("名称\t支付金额\n羽绒被 冬季 加厚\t1234.5\n'=1+1\t-3\n\t");
  });
});

describe('safeFileName', () => {
  it('replaces characters file systems refuse', () => {
    expect(safeFileName('运营雷达_店/铺:A*?_2026-11-01_2026-11-30_明细.csv')).toBe('运营雷达_店_铺_A__2026-11-01_2026-11-30_明细.csv');
  });
});
