import * as XLSX from '@e965/xlsx';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import { factChunks } from '@/lib/export/read-facts';
import { ExportCancelled, type ExportProgress, exportLongCsv, exportWideCsv, exportXlsx } from '@/lib/export/run-export';
import { collector, makeFact, makeFinding, makeShop, parseCsv, resetDb, SHOP, SHOP_NAME } from './helpers';

const db = getDb();
const OTHER = '106078842';

async function seed() {
  await db.shops.bulkPut([makeShop(), makeShop(OTHER, '轻野户外旗舰店')]);
  const facts = [];
  for (const d of ['2026-11-18', '2026-11-19', '2026-11-20']) {
    facts.push(makeFact({ date: d }, { payAmt: 1000.5, uv: 200, payRate: 0.031 }));
    facts.push(makeFact({ date: d, entityKind: 'item', entityId: '601', entityName: '=冬季羽绒被,加厚', dims: { device: '0' } }, { payAmt: 300, uv: 50 }));
    facts.push(
      makeFact({ date: d, entityKind: 'keyword', entityId: 'k1', entityName: '羽绒被', dims: { attr: '15' } }, { adSpend: 20, adClicks: 10, adGmv: -5 }),
    );
    facts.push(makeFact({ date: d, shopId: OTHER }, { payAmt: 77 }));
  }
  facts.push(makeFact({ date: '2026-11-16', grain: 'week' }, { payAmt: 7000 }));
  facts.push(makeFact({ date: '2026-10-01' }, { payAmt: 1 }));
  await db.facts.bulkPut(facts);
  await db.findings.bulkPut([
    makeFinding(),
    makeFinding({ id: 'old', period: { from: '2026-09-01', to: '2026-09-02' } }),
    makeFinding({ id: 'ok', status: 'ok' }),
  ]);
}

describe('exports from the database', () => {
  beforeEach(async () => {
    await resetDb(db);
    await seed();
  });

  it('reads in chunks by shop and date, within the range', async () => {
    const seen: string[] = [];
    let chunks = 0;
    for await (const c of factChunks(db, { shopIds: [SHOP], from: '2026-11-18', to: '2026-11-20' }, 2)) {
      chunks++;
      expect(c.facts.length).toBeLessThanOrEqual(3);
      for (const f of c.facts) seen.push(`${f.date}|${f.entityKind}`);
    }
    expect(chunks).toBeGreaterThan(3);
    expect(seen).toHaveLength(9);
    expect(seen.every((s) => s >= '2026-11-18')).toBe(true);
  });

  it('long CSV: BOM, header, one row per value, neutralized names, negative numbers kept', async () => {
    const out = collector();
    const progress: ExportProgress[] = [];
    const r = await exportLongCsv(db, {
      filter: { shopIds: [SHOP], from: '2026-11-18', to: '2026-11-20', grain: 'day' },
      lang: 'zh',
      sink: out.sink,
      onProgress: (p) => progress.push(p),
    });
    const bytes = out.bytes();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(out.text().slice(1));
    expect(rows[0]?.[0]).toBe('shop_id');
    // 3 days × (3 shop + 2 item + 3 keyword values)
    expect(rows).toHaveLength(1 + 3 * 8);
    expect(r).toEqual({ rows: 24, facts: 9 });
    const item = rows.find((x) => x[4] === 'item');
    expect(item?.[6]).toBe("'=冬季羽绒被,加厚");
    expect(item?.[1]).toBe(SHOP_NAME);
    const gmv = rows.find((x) => x[7] === 'adGmv');
    expect(gmv?.[9]).toBe('-5');
    expect(gmv?.[13]).toBe('15');
    expect(progress.at(-1)).toMatchObject({ read: 9, total: 9, rows: 24 });
  });

  it('all shops when none is named; dates outside the range left out', async () => {
    const out = collector();
    const r = await exportLongCsv(db, { filter: { shopIds: [], from: '2026-11-19', to: '2026-11-19' }, lang: 'zh', sink: out.sink });
    const rows = parseCsv(out.text().slice(1)).slice(1);
    expect(new Set(rows.map((x) => x[0]))).toEqual(new Set([SHOP, OTHER]));
    expect(r.facts).toBe(4);
  });

  it('wide CSV of one kind', async () => {
    const out = collector();
    await exportWideCsv(db, { filter: { shopIds: [SHOP], from: '2026-11-18', to: '2026-11-20', kind: 'keyword' }, lang: 'zh', sink: out.sink });
    const rows = parseCsv(out.text().slice(1));
    expect(rows[0]).toEqual(['店铺', '日期', '周期', 'ID', '名称', '归因窗口(天)', '花费', '点击量', '总成交金额']);
    expect(rows).toHaveLength(4);
    expect(rows[1]?.slice(0, 6)).toEqual([SHOP_NAME, '2026-11-18', '日', 'k1', '羽绒被', '15']);
    expect(rows[1]?.slice(6)).toEqual(['20', '10', '-5']);
  });

  it('XLSX: one sheet per kind and a 诊断 sheet, values equal the facts', async () => {
    const out = collector();
    const r = await exportXlsx(db, { filter: { shopIds: [SHOP], from: '2026-11-01', to: '2026-11-30' }, lang: 'zh', sink: out.sink });
    expect(r.kinds?.map((k) => [k.kind, k.rows])).toEqual([
      ['shop', 4],
      ['item', 3],
      ['keyword', 3],
    ]);
    expect(r.findings).toBe(1);
    const wb = XLSX.read(out.bytes(), { type: 'array' });
    expect(wb.SheetNames).toEqual(['店铺', '商品', '关键词', '诊断']);
    const shop = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.店铺 as XLSX.WorkSheet);
    const day = shop.find((x) => x.日期 === '2026-11-19' && x.周期 === '日');
    expect(day).toMatchObject({ 店铺: SHOP_NAME, 支付金额: 1000.5, 访客数: 200, 支付转化率: 0.031 });
    expect(shop.find((x) => x.周期 === '周')).toMatchObject({ 日期: '2026-11-16', 支付金额: 7000 });
    const item = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.商品 as XLSX.WorkSheet);
    expect(item[0]).toMatchObject({ 名称: '=冬季羽绒被,加厚', 终端: '所有终端', 支付金额: 300 });
    const diag = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.诊断 as XLSX.WorkSheet);
    expect(diag).toEqual([
      {
        店铺: SHOP_NAME,
        严重度: 'P1 重要',
        领域: '数据分析',
        标题: '访客数下降 27%',
        对象: '全店',
        周期: '2026-11-20',
        证据: '访客数：3120；变化：▼27.00%',
        建议: '查看流量来源，找出下降的渠道',
      },
    ]);
  });

  it('an area narrows kinds and metrics', async () => {
    const out = collector();
    await exportLongCsv(db, { filter: { shopIds: [SHOP], from: '2026-11-18', to: '2026-11-20', area: 'ADS' }, lang: 'zh', sink: out.sink });
    const rows = parseCsv(out.text().slice(1)).slice(1);
    expect(new Set(rows.map((x) => x[4]))).toEqual(new Set(['keyword']));
  });

  it('cancels between chunks', async () => {
    const ac = new AbortController();
    const out = collector();
    const p = exportLongCsv(db, {
      filter: { shopIds: [] },
      lang: 'zh',
      sink: out.sink,
      chunkSize: 1,
      signal: ac.signal,
      onProgress: (x) => {
        if (x.read >= 2) ac.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(ExportCancelled);
  });
});
