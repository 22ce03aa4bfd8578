/**
 * Row 5: IndexedDB bytes per fact (navigator.storage.estimate() before/after the recordCapture
 * ingest of row 4, same Chromium page) and the projection for a year of the modelled shop.
 */
import { ingestRun, PER_DAY, PER_DAY_NOTE } from '../lib/ingest-session';
import { fmtBytes } from '../lib/stats';
import type { BenchCase } from '../types';

const BUDGET = 150 * 1024 * 1024;

const storageYear: BenchCase = {
  id: 'storage-year',
  label: 'Storage for a year of a shop with 1,000 items, 2,000 keywords, 20 agents',
  budget: '≤ 150 MB',
  noisy: false,
  async run(opts) {
    const r = await ingestRun(opts);
    const perDay = Object.values(PER_DAY).reduce((a, b) => a + b, 0);
    const perYear = perDay * 365;
    const bpf = r.storage.dexieBytesPerFact;
    if (!(bpf > 0)) throw new Error(`storage.estimate() did not grow (${r.storage.samples.join(' → ')})`);
    const year = bpf * perYear;
    return {
      figure: `${Math.round(bpf)} B/fact in IndexedDB → ${fmtBytes(year)} for ${perYear.toLocaleString('en-US')} facts/year (on disk ${Math.round(r.storage.disk.dexie / r.total)} B/fact; raw put store ${Math.round(r.storage.rawBytesPerFact)} B/fact; fact JSON ${Math.round(r.storage.jsonBytesPerFact)} B)`,
      pass: year <= BUDGET,
      note:
        `assumption: ${PER_DAY_NOTE} = ${perDay.toLocaleString('en-US')}/day; bytes/fact = storage.estimate() usage delta over the ${r.total.toLocaleString('en-US')}-fact ingest ` +
        `(includes the two compound indexes; LevelDB compaction timing makes it approximate, cross-checked with the IndexedDB directory size on disk); budget allows ${Math.floor(BUDGET / perYear)} B/fact.`,
      details: { bytesPerFact: bpf, factsPerDay: PER_DAY, factsPerYear: perYear, projectedBytes: year, budgetBytes: BUDGET, storage: r.storage },
    };
  },
};
export default storageYear;
