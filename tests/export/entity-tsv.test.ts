import { describe, expect, it } from 'vitest';
import { entityTableTsv } from '@/components/area/EntityTable';

describe('EntityTable 复制 (TSV)', () => {
  it('header with metric labels, raw numbers, rates as percentages, names sanitized', () => {
    const rows = [
      { id: '601', name: '羽绒被\t加厚\n冬季', values: { payAmt: 12345.6, uv: 300, payRate: 0.0321 } },
      { id: '602', name: '=HYPERLINK()', values: { payAmt: -5 } },
    ];
    const tsv = entityTableTsv(rows as never, ['payAmt', 'uv', 'payRate'], 'zh');
    expect(tsv.split('\n')).toEqual(['名称\tID\t支付金额\t访客数\t支付转化率', '羽绒被 加厚 冬季\t601\t12345.6\t300\t3.21%', "'=HYPERLINK()\t602\t-5\t\t"]);
    expect(entityTableTsv([], ['uv'], 'en')).toBe('Name\tID\tVisitors');
  });
});
