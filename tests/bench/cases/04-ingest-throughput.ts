/**
 * Row 4: IndexedDB ingest in Chromium through the product's write path (OpsRadarDB +
 * recordCapture: bulkGet + merge + bulkPut + shop + health + capture log, one transaction per
 * capture of 200 facts) against a raw IndexedDB put loop of the same rows (one transaction per
 * 200, keyPath id, no indexes). Shared session: lib/ingest-session.ts.
 */
import { ingestRun } from '../lib/ingest-session';
import type { BenchCase } from '../types';

const ingestThroughput: BenchCase = {
  id: 'ingest-throughput',
  label: 'IndexedDB ingest in Chromium (recordCapture, 200 facts/capture) vs raw IndexedDB put loop of the same rows',
  budget: '≥ 0.7× raw throughput',
  noisy: true,
  async run(opts) {
    const r = await ingestRun(opts);
    const k = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;
    return {
      label: `IndexedDB ingest in Chromium, ${r.total.toLocaleString('en-US')} facts (recordCapture, ${r.batch}/capture) vs raw IndexedDB put loop`,
      figure:
        `${r.ratio.median.toFixed(2)}× (median of ${r.ratio.n}; ${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}×): ` +
        `${k(r.dexieRowsPerSec.median)} vs raw ${k(r.rawRowsPerSec.median)}`,
      pass: r.ratio.median >= 0.7,
      note:
        `facts cloned from real adapter output (${r.templates.map((t) => `${t.kind} from ${t.from}, ${t.metrics} metrics`).join('; ')}) with distinct ids and jittered values; ` +
        `write time only (fact generation excluded); raw loop = one readwrite transaction of put()s per ${r.batch} rows into a keyPath-only store; ` +
        `${r.reps} repetitions in alternating order, fresh databases each.`,
      details: {
        total: r.total,
        batch: r.batch,
        reps: r.reps,
        templates: r.templates,
        ratio: r.ratio,
        dexieRowsPerSec: r.dexieRowsPerSec,
        rawRowsPerSec: r.rawRowsPerSec,
        dexie: r.dexie,
        raw: r.raw,
      },
    };
  },
};
export default ingestThroughput;
