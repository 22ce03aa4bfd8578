import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, readReportFile } from '@/lib/import/read-file';
import { fixtureFile } from './helpers';

const first = async (name: string) => {
  const r = await readReportFile(fixtureFile(name));
  if (!r.ok) throw new Error(r.error.zh);
  return r.sheets;
};

describe('read-file: every format the consoles download', () => {
  it('.xls (BIFF8) with the notes rows kept as rows', async () => {
    const [s] = await first('sycm-item-rank.xls');
    expect(s?.format).toBe('xls');
    expect(s?.rows[0]?.[0]).toMatch(/^数据说明/);
    expect(s?.rows[4]?.slice(0, 3)).toEqual(['统计日期', '商品ID', '商品名称']);
    expect(s?.rows[5]?.[6]).toBe('1,961');
  });

  it('.xlsx: every sheet, numbers as numbers', async () => {
    const sheets = await first('sycm-shop-source_2026-06-01.xlsx');
    expect(sheets.map((s) => s.sheet)).toEqual(['全店流量来源', '分载体流量来源']);
    const wx = await first('wanxiang-item_2026-06-01.xlsx');
    expect(wx[0]?.rows[1]?.[13]).toBe(0.0335);
  });

  it('CSV in UTF-8 with BOM, and in GBK', async () => {
    const [u] = await first('sycm-keyword_2026-06-01.csv');
    expect([u?.format, u?.encoding, u?.rows[0]?.[0], u?.rows[1]?.[2]]).toEqual(['csv', 'utf-8-bom', '统计日期', '2,133']);
    const [g] = await first('wanxiang-account_2026-06-01_2026-06-02.csv');
    expect([g?.encoding, g?.rows[0]?.[0], g?.rows[1]?.[2]]).toEqual(['gbk', '日期', '关键词推广']);
  });

  it('ZIP with a CSV inside (直通车), the CSV in GBK too', async () => {
    const [z] = await first('zhitongche-adgroup_2026-06-01.zip');
    expect(z?.file).toBe('zhitongche-adgroup_2026-06-01.zip/单元报表_2026-06-01_2026-06-02.csv');
    expect(z?.rows[0]?.slice(0, 2)).toEqual(['日期', '计划id']);
    const [k] = await first('zhitongche-keyword_2026-06-01.zip');
    expect([k?.encoding, k?.rows[1]?.[7]]).toEqual(['gbk', '纯棉四件套']);
  });

  it('UTF-16 text with BOM and UTF-8 without BOM decode too', () => {
    const s = '日期,花费\n2026-06-01,1';
    const le = new Uint8Array([0xff, 0xfe, ...Array.from(s).flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])]);
    expect(decodeText(le)).toEqual({ text: s, encoding: 'utf-16le' });
    expect(decodeText(new TextEncoder().encode(s))).toEqual({ text: s, encoding: 'utf-8' });
  });

  it('an HTML table saved as .xls is read as a table', async () => {
    const html = '<html><body><table><tr><td>统计日期</td><td>商品ID</td></tr><tr><td>2026-06-01</td><td>680000000001</td></tr></table></body></html>';
    const r = await readReportFile({ name: 'x.xls', bytes: new TextEncoder().encode(html), lastModified: 0 });
    expect(r.ok && r.sheets[0]?.format).toBe('html');
    expect(r.ok && r.sheets[0]?.rows[0]).toEqual(['统计日期', '商品ID']);
  });

  it.each([
    ['bad-empty.csv', 'empty'],
    ['bad-corrupt.zip', 'corrupt'],
    ['bad-corrupt.xlsx', 'corrupt'],
  ])('%s → %s', async (name, code) => {
    const r = await readReportFile(fixtureFile(name));
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('binary noise, an empty ZIP and a ZIP of a ZIP are refused, never thrown', async () => {
    const noise = new Uint8Array(4000).map((_x, i) => (i * 7919) % 256);
    const r1 = await readReportFile({ name: 'n.csv', bytes: noise, lastModified: 0 });
    expect(r1.ok).toBe(false);
    const r2 = await readReportFile({ name: 'e.zip', bytes: zipSync({ 'readme.txt': new Uint8Array(0) }), lastModified: 0 });
    expect(r2.ok ? 'ok' : r2.error.code).toBe('empty');
    const inner = zipSync({ 'a.csv': new TextEncoder().encode('日期,花费\n2026-06-01,1') });
    const r3 = await readReportFile({ name: 'z.zip', bytes: zipSync({ 'inner.zip': inner }), lastModified: 0 });
    expect(r3.ok).toBe(false);
  });

  it('a workbook written by SheetJS round-trips', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['日期', '花费'],
        ['2026-06-01', 1.5],
      ]),
      'S',
    );
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
    const r = await readReportFile({ name: 'a.xlsx', bytes, lastModified: 0 });
    expect(r.ok && r.sheets[0]?.rows).toEqual([
      ['日期', '花费'],
      ['2026-06-01', 1.5],
    ]);
  });
});
