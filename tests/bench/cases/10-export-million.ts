/**
 * Row 10 (issue 6): export a million values. 100,000 facts × 10 metrics (100 business days ×
 * 800 items + 200 keywords) are stored in IndexedDB (fake-indexeddb in Node) and exported through
 * the same code the side panel runs — chunked reads by `[shopId+date]`, rows built chunk by
 * chunk, bytes handed to a sink that wraps every chunk in a Blob at once (as the side panel
 * does) — as the long CSV (1 M rows) and as the wide XLSX (streaming fflate writer). Time and
 * peak heap: process.memoryUsage() sampled every 50 ms (the export yields between chunks, so
 * the sampler runs); the delta is over the heap after GC just before the export, which already
 * holds fake-indexeddb's own copy of the database (in a browser that copy is not in the heap).
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { addDays } from '../../../lib/capture/business-date';
import type { OpsRadarDB } from '../../../lib/db/database';
import type { Fact } from '../../../lib/schema/fact';
import { fmtBytes } from '../lib/stats';
import type { BenchCase } from '../types';

const SHOP = 'bench-shop';
const BUDGET = 256 * 1024 * 1024;

function gcFn(): () => void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    return () => gc();
  } catch {
    return () => {};
  }
}

async function seed(db: OpsRadarDB, days: number, perDay: number): Promise<number> {
  const { factId } = await import('../../../lib/schema/fact');
  let values = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays('2026-08-01', d);
    const batch: Fact[] = [];
    for (let i = 0; i < perDay; i++) {
      const kw = i >= perDay * 0.8;
      const base = {
        shopId: SHOP,
        entityKind: kw ? ('keyword' as const) : ('item' as const),
        entityId: kw ? `kw${i}` : `9${String(i).padStart(8, '0')}`,
        grain: 'day' as const,
        date,
        dims: (kw ? { attr: '15' } : { device: '0' }) as Record<string, string>,
      };
      const v: Record<string, number> = kw
        ? {
            adSpend: i * 0.7,
            adImpressions: i * 40,
            adClicks: i,
            adCtr: 0.025,
            adCpc: 0.7,
            adGmv: i * 3.1,
            adRoi: 4.4,
            adOrders: i % 9,
            adCarts: i % 13,
            adCvr: 0.04,
          }
        : { uv: i, pv: i * 2, payAmt: i * 1.5, payByrCnt: i % 7, payRate: 0.03, cartByrCnt: 3, cltItmCnt: 4, payItmCnt: 5, payPct: 120.5, stayTime: 30 };
      values += Object.keys(v).length;
      batch.push({
        ...base,
        id: factId(base),
        entityName: kw ? `关键词${i}` : `暖居纯色被 ${i}`,
        values: v,
        source: { adapter: 'bench', route: 'bench' },
        capturedAt: 1,
        updatedAt: 1,
      });
    }
    await db.facts.bulkPut(batch);
  }
  return values;
}

interface Run {
  ms: number;
  rows: number;
  bytes: number;
  heapBase: number;
  heapPeak: number;
  rssBase: number;
  rssPeak: number;
  samples: number;
}

async function measure(gc: () => void, fn: (sink: (c: Uint8Array) => void) => Promise<{ rows: number }>): Promise<Run> {
  gc();
  const base = process.memoryUsage();
  let heapPeak = base.heapUsed;
  let rssPeak = base.rss;
  let samples = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
    samples++;
  }, 50);
  const parts: Blob[] = [];
  let bytes = 0;
  const t0 = performance.now();
  const r = await fn((c) => {
    parts.push(new Blob([c as Uint8Array<ArrayBuffer>]));
    bytes += c.length;
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  const m = process.memoryUsage();
  heapPeak = Math.max(heapPeak, m.heapUsed);
  rssPeak = Math.max(rssPeak, m.rss);
  return { ms, rows: r.rows, bytes, heapBase: base.heapUsed, heapPeak, rssBase: base.rss, rssPeak, samples };
}

const exportMillion: BenchCase = {
  id: 'export-million',
  label: 'Export a million values (long CSV and XLSX)',
  budget: '1M values without exhausting memory (peak heap < 256 MB)',
  noisy: true,
  async run(opts) {
    // Installs IndexedDB globals in this Node process only when this case runs (no types for the side-effect module).
    const fake = 'fake-indexeddb/auto';
    await import(fake);
    // Dexie reads the IndexedDB globals when first imported; an earlier case may have imported it before they existed.
    const { default: Dexie } = await import('dexie');
    Dexie.dependencies.indexedDB = globalThis.indexedDB;
    Dexie.dependencies.IDBKeyRange = globalThis.IDBKeyRange;
    const { OpsRadarDB } = await import('../../../lib/db/database');
    const { exportLongCsv, exportXlsx } = await import('../../../lib/export/run-export');
    const gc = gcFn();
    const days = opts.quick ? 10 : 100;
    const perDay = 1000;
    const db = new OpsRadarDB(`bench-export-${Date.now()}`);
    const s0 = performance.now();
    const values = await seed(db, days, perDay);
    opts.log(`export-million: seeded ${values.toLocaleString('en-US')} values in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    const filter = { shopIds: [SHOP] };
    const long = await measure(gc, (sink) => exportLongCsv(db, { filter, lang: 'zh', sink }));
    opts.log(`export-million: long CSV ${(long.ms / 1000).toFixed(1)} s`);
    const xlsx = await measure(gc, (sink) => exportXlsx(db, { filter, lang: 'zh', sink }));
    opts.log(`export-million: XLSX ${(xlsx.ms / 1000).toFixed(1)} s`);
    await db.delete();
    const d = (r: Run) => r.heapPeak - r.heapBase;
    const worst = Math.max(d(long), d(xlsx));
    return {
      label: `Export ${values.toLocaleString('en-US')} values (${(days * perDay).toLocaleString('en-US')} facts) from IndexedDB`,
      figure:
        `long CSV ${(long.ms / 1000).toFixed(1)} s, ${fmtBytes(long.bytes)}, peak heap +${fmtBytes(d(long))}; ` +
        `XLSX ${(xlsx.ms / 1000).toFixed(1)} s, ${fmtBytes(xlsx.bytes)}, peak heap +${fmtBytes(d(xlsx))}`,
      pass: worst < BUDGET,
      note:
        'Node + fake-indexeddb through the side panel code path (chunked [shopId+date] reads, Blob per chunk). Heap delta over the heap after GC ' +
        `before each export (${fmtBytes(long.heapBase)}, mostly fake-indexeddb's copy of the data); RSS peak +${fmtBytes(long.rssPeak - long.rssBase)} / +${fmtBytes(xlsx.rssPeak - xlsx.rssBase)} includes the Blobs. ` +
        'Sampled every 50 ms; a peak between samples can be missed. Times in a browser with real IndexedDB differ.',
      details: { values, facts: days * perDay, long, xlsx },
    };
  },
};
export default exportMillion;
