/** One case per report type: the fixture with the real §12 headers → report, facts, keys and values. */
import { describe, expect, it } from 'vitest';
import { planFile } from '@/lib/import/plan';
import { REPORT_MAPPERS } from '@/lib/import/registry';
import type { ImportOptions } from '@/lib/import/types';
import { metric } from '@/lib/metrics';
import { fixtureFile, freshDb, NOW, SHOP } from './helpers';

interface Case {
  file: string;
  report: string;
  facts: number;
  options?: Partial<ImportOptions>;
  /** One fact to check: its id (after the shop id) and some values. */
  id: string;
  values: Record<string, number>;
  crc?: Record<string, number>;
  name?: string;
  skipped?: number;
  ignored?: string[];
}

const CASES: Case[] = [
  {
    file: 'sycm-item-rank.xls',
    report: 'sycm-item-rank',
    facts: 3,
    id: 'item|680000000001|day|2026-06-01|device=0',
    values: { uv: 1961, pv: 5381, payAmt: 8286.2, payRate: 0.0999, itmBounceRate: 0.667, stayTime: 36.5, ytdPayAmt: 612000 },
    name: '暖居全棉纯棉四件套 床上用品',
    ignored: ['下单件数', '竞争力评分'],
  },
  {
    file: 'sycm-item-rank-2026-06-02.xlsx',
    report: 'sycm-item-rank',
    facts: 3,
    options: { device: '2' },
    id: 'item|680000000002|day|2026-06-02|device=2',
    values: { pv: 2133, itmBounceRate: 0.0045, subPayOrdAmt: 8486.2, crtVldAmt: 4380 },
  },
  {
    file: 'sycm-macro.xlsx',
    report: 'sycm-macro',
    facts: 3,
    id: `shop|${SHOP}|day|2026-06-03|device=0&scope=cc`,
    values: { payAmt: 36500, uv: 5500, payRate: 0.0255, payPct: 260.71 },
  },
  {
    file: 'sycm-shop-source_2026-06-01.xlsx',
    report: 'sycm-shop-source',
    facts: 6,
    skipped: 1,
    id: 'source|0/平台流量/手淘搜索|day|2026-06-01|belong=all&device=2&level=2&parent=0/平台流量',
    values: { uv: 5200, payAmt: 20100, payRate: 0.031 },
    crc: { uv: -0.125 },
  },
  {
    file: 'sycm-keyword_2026-06-01.csv',
    report: 'sycm-keyword',
    facts: 2,
    skipped: 1,
    id: 'keyword|四件套纯棉|day|2026-06-01|device=2&source=shop-search',
    values: { uv: 2133, payRate: 0.0281, uvValue: 3.8 },
  },
  {
    file: 'sycm-item360-core_680000000001_2026-06-01_2026-06-03.xlsx',
    report: 'sycm-item-overview',
    facts: 2,
    skipped: 1,
    id: 'item|680000000001|day|2026-06-02|device=0',
    values: { uv: 290, crtRate: 0.0862, payRate: 0.0759, mtdPayAmt: 1925.5 },
  },
  {
    file: 'sycm-item360-core_2026-06-01.xlsx',
    report: 'sycm-item-overview',
    facts: 1,
    options: { itemId: '680000000009' },
    id: 'item|680000000009|day|2026-06-01|device=0',
    values: { uv: 310 },
  },
  {
    file: 'sycm-item360-sku_680000000001_2026-06-01.xlsx',
    report: 'sycm-item-sku',
    facts: 2,
    skipped: 1,
    id: 'sku|5000000000001|day|2026-06-01|device=0&itemId=680000000001',
    values: { payAmt: 2580.9, payByrCnt: 21, payItmCnt: 24, cartItemCnt: 40 },
  },
  {
    file: 'sycm-content-works_2026-06-01.xlsx',
    report: 'sycm-content',
    facts: 2,
    id: 'content|410000000002|day|2026-06-01|',
    values: { contentViewUv: 600, contentFinishRate: 0.4, contentAvgStay: 32.5, contentSeedPayAmt: 880 },
  },
  {
    file: 'zhitongche-adgroup_2026-06-01.zip',
    report: 'zhitongche-adgroup',
    facts: 3,
    id: 'adgroup|80000011|day|2026-06-01|attr=15&device=0',
    // 点击率 6.6667 (percent number) → 0.066667; 总收藏加购成本 727.27 分 → 7.2727 元; 加购成本 in 元.
    values: {
      adImpressions: 3000,
      adClicks: 200,
      adSpend: 80,
      adGmv: 900,
      adOrders: 3,
      adCtr: 0.066667,
      adFavCartCost: 7.2727,
      adCartCost: 7.2727,
      adNaturalGmv: 1200,
    },
  },
  {
    file: 'zhitongche-keyword_2026-06-01.zip',
    report: 'zhitongche-keyword',
    facts: 2,
    options: { attr: '7' },
    id: 'keyword|90000102|day|2026-06-01|attr=7&device=0',
    values: { adImpressions: 800, adSpend: 18.8, adCvr: 0, adFavCartCost: 9.4 },
    name: '四件套 全棉 1.8米床',
  },
  {
    file: 'wanxiang-item_2026-06-01.xlsx',
    report: 'wanxiang-item',
    facts: 2,
    id: 'item|683300112233|day|2026-06-01|attr=15&campaign=71000001&unify=zhai',
    values: { adImpressions: 12000, adClicks: 402, adSpend: 420.8, adCtr: 0.0335, adRoi: 4.52, adCarts: 55, adNewBuyerShare: 0.7778 },
  },
  {
    file: 'wanxiang-crowd_2026-06-01.xlsx',
    report: 'wanxiang-crowd',
    facts: 2,
    id: 'crowd|店铺收藏人群|day|2026-06-01|attr=15&campaign=72000001&unify=zhai',
    values: { adClicks: 120, adRoi: 5.1, adNewBuyerShare: 0.3 },
  },
  {
    file: 'wanxiang-account_2026-06-01_2026-06-02.csv',
    report: 'wanxiang-account',
    facts: 3,
    options: { attr: '30' },
    id: `shop|${SHOP}|day|2026-06-01|attr=30&scene=2&unify=zhai`,
    values: { adSpend: 600, adGmv: 1800, adCtr: 0.025, adOrders: 8 },
  },
  {
    file: 'qianniu-cs_2026-06-01.xlsx',
    report: 'qianniu-cs',
    facts: 2,
    skipped: 1,
    id: 'agent|暖居家纺旗舰店:小美|day|2026-06-01|device=0',
    values: { consultUserCnt: 120, wwConsultPayRate: 0.45, firstReplyInterval: 12.5, customerAllSateRate: 0.98 },
    name: '小美',
  },
];

describe('import mappers: one per report type (§12)', () => {
  it('every report type has a case, and every mapped metric is in the catalog', () => {
    expect(new Set(CASES.map((c) => c.report))).toEqual(new Set(REPORT_MAPPERS.map((m) => m.id)));
    for (const m of REPORT_MAPPERS) for (const id of m.metricColumns.values()) expect(metric(id), `${m.id}: ${id}`).toBeDefined();
  });

  it.each(CASES)('$file → $report', async (c) => {
    const db = await freshDb();
    const p = await planFile(fixtureFile(c.file), { shopId: SHOP, ...c.options }, { db, now: NOW });
    if (!p.ok) throw new Error(`${p.error.code}: ${p.error.zh}`);
    const r = p.report;
    expect(r.report.id).toBe(c.report);
    expect(r.facts).toHaveLength(c.facts);
    expect(r.skipped).toHaveLength(c.skipped ?? 0);
    expect(r.cellIssues).toEqual([]);
    expect(r.counts).toEqual({ new: c.facts, updated: 0, unchanged: 0 });
    const f = r.facts.find((x) => x.id === `${SHOP}|${c.id}`);
    expect(f, `fact ${c.id} among ${r.facts.map((x) => x.id).join(', ')}`).toBeDefined();
    for (const [k, v] of Object.entries(c.values)) expect(f?.values[k], k).toBeCloseTo(v, 4);
    if (c.crc) expect(f?.crc).toMatchObject(c.crc);
    if (c.name) expect(f?.entityName).toBe(c.name);
    expect(f?.source).toEqual({ adapter: `import:${c.report}`, route: c.file, imported: true });
    for (const h of c.ignored ?? []) expect(r.ignoredColumns).toContain(h);
    // Never a zero made up from "-": every value came from a cell.
    for (const x of r.facts) for (const v of Object.values(x.values)) expect(Number.isFinite(v)).toBe(true);
  });

  it('"-" and "*" stay missing (never 0); 0 stays 0', async () => {
    const db = await freshDb();
    const rank = await planFile(fixtureFile('sycm-item-rank.xls'), { shopId: SHOP }, { db, now: NOW });
    if (!rank.ok) throw new Error(rank.error.zh);
    const two = rank.report.facts.find((f) => f.entityId === '680000000002');
    expect(two?.values).not.toHaveProperty('cltItmCnt'); // "*"
    expect(two?.values).not.toHaveProperty('juPayAmt'); // "-"
    expect(rank.report.facts[0]?.values.juPayAmt).toBe(0);
    const content = await planFile(fixtureFile('sycm-content-works_2026-06-01.xlsx'), { shopId: SHOP }, { db, now: NOW });
    if (!content.ok) throw new Error(content.error.zh);
    expect(content.report.facts.find((f) => f.entityId === '410000000002')?.values).not.toHaveProperty('contentNewFans');
  });

  it('the 直通车 cost unit follows the row when it can tell (元 or 分), the §12.6 default otherwise', async () => {
    const db = await freshDb();
    const p = await planFile(fixtureFile('zhitongche-adgroup_2026-06-01.zip'), { shopId: SHOP }, { db, now: NOW });
    if (!p.ok) throw new Error(p.error.zh);
    for (const f of p.report.facts) {
      const fc = f.values.adFavCartCost;
      const n = f.values.adFavCarts;
      if (fc !== undefined && n) expect(fc).toBeCloseTo((f.values.adSpend ?? 0) / n, 3);
    }
  });

  it('the period comes from the file name when the file has no date, or from the operator', async () => {
    const db = await freshDb();
    const p = await planFile(fixtureFile('qianniu-cs_2026-06-01.xlsx'), { shopId: SHOP, date: '2026-05-30', dateTo: '2026-06-05' }, { db, now: NOW });
    if (!p.ok) throw new Error(p.error.zh);
    expect(p.report.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-30', dims: { device: '0', to: '2026-06-05' } });
    const q = await planFile(fixtureFile('qianniu-cs_2026-06-01.xlsx'), { shopId: SHOP }, { db, now: NOW });
    expect(q.ok && q.report.used).toMatchObject({ period: ['2026-06-01', '2026-06-01'], fromFileName: ['date'] });
  });

  it('the attribution window defaults to the shop profile, else 15', async () => {
    const db = await freshDb();
    await db.settings.put({ key: 'settings', value: { profiles: { [SHOP]: { attributionDays: 7 } } } });
    const p = await planFile(fixtureFile('wanxiang-item_2026-06-01.xlsx'), { shopId: SHOP }, { db, now: NOW });
    expect(p.ok && p.report.facts[0]?.dims.attr).toBe('7');
  });
});
