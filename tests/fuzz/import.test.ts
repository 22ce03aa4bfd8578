/**
 * Fuzz the import: random mutations of the fixture rows and cells (and of the file bytes) never
 * throw, never write, and never produce a value that is not a finite, in-range catalog number.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { planFile } from '@/lib/import/plan';
import { readReportFile } from '@/lib/import/read-file';
import { metric } from '@/lib/metrics';
import { FactSchema } from '@/lib/schema/fact';
import { fixtureFile, freshDb, NOW, SHOP } from '../import/helpers';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [
  '',
  '-',
  '*',
  '**',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '12%%',
  '１２３',
  '<b>x</b>',
  '=1+1',
  '合计',
  '汇总',
  '2026-02-30',
  '9'.repeat(40),
  '-0.5%',
  '150%',
  '0',
  null,
  1e308,
  -3,
  0.5,
  '2,133',
  '0.45%',
  '2026年13月01日',
  '\u0000',
  '\ufffd',
  'a,b',
  '"',
  '\n',
];

const FILES = [
  'sycm-item-rank.xls',
  'sycm-macro.xlsx',
  'sycm-shop-source_2026-06-01.xlsx',
  'sycm-keyword_2026-06-01.csv',
  'sycm-item360-core_680000000001_2026-06-01_2026-06-03.xlsx',
  'sycm-item360-sku_680000000001_2026-06-01.xlsx',
  'sycm-content-works_2026-06-01.xlsx',
  'zhitongche-adgroup_2026-06-01.zip',
  'zhitongche-keyword_2026-06-01.zip',
  'wanxiang-item_2026-06-01.xlsx',
  'wanxiang-crowd_2026-06-01.xlsx',
  'wanxiang-account_2026-06-01_2026-06-02.csv',
  'qianniu-cs_2026-06-01.xlsx',
];

function mutate(rows: unknown[][], r: () => number): unknown[][] {
  const out = rows.map((row) => [...row]);
  const n = 1 + Math.floor(r() * 6);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * out.length);
    const row = out[i];
    if (!row) continue;
    const op = r();
    if (op < 0.55) row[Math.floor(r() * Math.max(1, row.length))] = NASTY[Math.floor(r() * NASTY.length)];
    else if (op < 0.65) out.splice(i, 1);
    else if (op < 0.75) out.splice(i, 0, [...row]);
    else if (op < 0.85) row.splice(Math.floor(r() * row.length), 1);
    else if (op < 0.92)
      out.splice(
        i,
        0,
        row.map(() => NASTY[Math.floor(r() * NASTY.length)]),
      );
    else out.splice(Math.floor(r() * out.length), 0, [`数据说明：${'x'.repeat(Math.floor(r() * 50))}`]);
  }
  return out;
}

function checkFacts(facts: import('@/lib/schema/fact').Fact[]) {
  for (const f of facts) {
    expect(FactSchema.safeParse(f).success).toBe(true);
    expect(f.entityId.trim()).not.toBe('');
    for (const [k, v] of Object.entries(f.values)) {
      const m = metric(k);
      expect(m, k).toBeDefined();
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      if (m?.unit === 'ratio') expect(v).toBeLessThanOrEqual(1);
    }
  }
}

describe('import fuzz', () => {
  it('mutated rows and cells: never throws, never writes, only valid facts', async () => {
    const db = await freshDb();
    const r = rng(20260601);
    const sources = await Promise.all(
      FILES.map(async (name) => {
        const got = await readReportFile(fixtureFile(name));
        if (!got.ok) throw new Error(name);
        return { name, rows: got.sheets.flatMap((s) => s.rows) };
      }),
    );
    let oks = 0;
    for (let i = 0; i < 240; i++) {
      const src = sources[i % sources.length];
      if (!src) continue;
      const rows = mutate(src.rows, r);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows as unknown[][]), 'S');
      const type = i % 2 ? 'xlsx' : 'csv';
      const data = XLSX.write(wb, { bookType: type, type: type === 'csv' ? 'string' : 'array' }) as ArrayBuffer | string;
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
      const p = await planFile({ name: src.name.replace(/\.\w+$/, `.${type}`), bytes, lastModified: NOW - 1000 }, { shopId: SHOP }, { db, now: NOW });
      if (p.ok) {
        oks++;
        checkFacts(p.report.facts);
      } else {
        expect(p.error.zh.length).toBeGreaterThan(3);
        expect(p.error.en.length).toBeGreaterThan(3);
      }
    }
    expect(oks).toBeGreaterThan(60);
    expect(await db.facts.count()).toBe(0);
  });

  it('flipped and truncated bytes: never throws', async () => {
    const db = await freshDb();
    const r = rng(7);
    for (let i = 0; i < 60; i++) {
      const name = FILES[i % FILES.length] as string;
      const f = fixtureFile(name);
      const bytes = f.bytes.slice(0, r() < 0.3 ? Math.floor(r() * f.bytes.length) : f.bytes.length);
      for (let k = 0; k < 1 + Math.floor(r() * 20); k++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
      const p = await planFile({ ...f, bytes }, { shopId: SHOP }, { db, now: NOW });
      if (p.ok) checkFacts(p.report.facts);
    }
    expect(await db.facts.count()).toBe(0);
  });
});
