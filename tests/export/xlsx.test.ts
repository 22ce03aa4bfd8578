import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { colName, STYLE, sheetName, XlsxWriter, xmlEscape } from '@/lib/export/xlsx';
import { collector } from './helpers';

describe('XLSX writer helpers', () => {
  it('column names', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(colName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('sheet names: ≤ 31 chars, no []:*?/\\, unique', () => {
    const used = new Set<string>();
    expect(sheetName('商品[1]/SKU:*?\\', used)).toBe('商品 1  SKU');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(sheetName('商品', used)).toBe('商品');
    expect(sheetName('商品', used)).toBe('商品 (2)');
    expect(sheetName('', used)).toBe('Sheet');
  });
  it('escapes XML and drops characters XML cannot hold', () => {
    expect(xmlEscape('a<b>&"c"\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});

function build() {
  const out = collector();
  const w = new XlsxWriter(out.sink, ['店铺', '商品', '诊断']);
  const s1 = w.sheet({ freezeHeader: true, styles: [0, 0, STYLE.money, STYLE.percent] });
  s1.row(['日期', '名称', '支付金额', '支付转化率'], true);
  s1.row(['2026-11-20', '<暖居>&"家纺"', 1234.5, 0.0321]);
  s1.row(['2026-11-21', '=1+1', -56.25, null]);
  s1.end();
  const s2 = w.sheet();
  s2.row(['ID', '访客数']);
  for (let i = 0; i < 5000; i++) s2.row([`item-${i}`, i]);
  s2.end();
  // The 诊断 sheet is never opened: end() still writes it (empty).
  w.end();
  return out;
}

describe('XLSX writer', () => {
  it('writes a valid package: content types, workbook, rels, styles, sheets', () => {
    const files = unzipSync(build().bytes());
    expect(Object.keys(files).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
      ].sort(),
    );
    const ct = strFromU8(files['[Content_Types].xml'] as Uint8Array);
    expect(ct).toContain('/xl/worksheets/sheet3.xml');
    const wb = strFromU8(files['xl/workbook.xml'] as Uint8Array);
    expect(wb).toContain('<sheet name="商品" sheetId="2" r:id="rId2"/>');
    const s1 = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(s1).toContain('<c r="C2" s="3"><v>1234.5</v></c>');
    expect(s1).toContain('<c r="D2" s="2"><v>0.0321</v></c>');
    expect(s1).toContain('<c r="B2" t="inlineStr"><is><t>&lt;暖居&gt;&amp;&quot;家纺&quot;</t></is></c>');
    expect(s1).toContain('<c r="C3" s="3"><v>-56.25</v></c>');
    expect(s1).toContain('state="frozen"');
    expect(strFromU8(files['xl/worksheets/sheet3.xml'] as Uint8Array)).toContain('<sheetData></sheetData>');
  });

  it('is read back by SheetJS with the right values and types', () => {
    const wb = XLSX.read(build().bytes(), { type: 'array' });
    expect(wb.SheetNames).toEqual(['店铺', '商品', '诊断']);
    const s1 = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.店铺 as XLSX.WorkSheet, { header: 1, raw: true });
    expect(s1).toEqual([
      ['日期', '名称', '支付金额', '支付转化率'],
      ['2026-11-20', '<暖居>&"家纺"', 1234.5, 0.0321],
      ['2026-11-21', '=1+1', -56.25],
    ]);
    const cell = (wb.Sheets.店铺 as XLSX.WorkSheet).A3 as XLSX.CellObject;
    // A text cell that looks like a formula stays text (inline strings are never formulas).
    expect((wb.Sheets.店铺 as XLSX.WorkSheet).B3?.t).toBe('s');
    expect((wb.Sheets.店铺 as XLSX.WorkSheet).B3?.f).toBeUndefined();
    expect(cell.t).toBe('s');
    expect((wb.Sheets.店铺 as XLSX.WorkSheet).C3?.t).toBe('n');
    const s2 = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.商品 as XLSX.WorkSheet, { header: 1, raw: true });
    expect(s2).toHaveLength(5001);
    expect(s2[5000]).toEqual(['item-4999', 4999]);
  });

  it('streams: output arrives in many chunks while rows are written', () => {
    const out = collector();
    const w = new XlsxWriter(out.sink, ['a']);
    const s = w.sheet();
    let seenDuring = 0;
    for (let i = 0; i < 20_000; i++) {
      s.row([`row ${i} with some text to fill the buffer`, i, i * 0.5]);
      if (i === 15_000) seenDuring = out.chunks.length;
    }
    s.end();
    w.end();
    expect(seenDuring).toBeGreaterThan(3);
    expect(out.chunks.length).toBeGreaterThan(seenDuring);
  });

  it('refuses misuse: no sheets, too many sheets', () => {
    expect(() => new XlsxWriter(() => {}, [])).toThrow();
    const w = new XlsxWriter(() => {}, ['a']);
    w.sheet().end();
    expect(() => w.sheet()).toThrow();
  });
});
