/** Row 6: peak JS heap of the page during the (full: 100k-fact) recordCapture ingest of row 4. */
import { ingestRun } from '../lib/ingest-session';
import { fmtBytes } from '../lib/stats';
import type { BenchCase } from '../types';

const ingestMemory: BenchCase = {
  id: 'ingest-memory',
  label: 'Peak JS heap during the ingest',
  budget: 'no budget (reported)',
  noisy: false,
  async run(opts) {
    const r = await ingestRun(opts);
    const h = r.heap;
    return {
      label: `Peak JS heap during the ${r.total.toLocaleString('en-US')}-fact ingest`,
      figure: `${fmtBytes(h.peakBytes)} peak used (+${fmtBytes(h.peakDeltaBytes)} over ${fmtBytes(h.baselineBytes)} after GC), heap total ${fmtBytes(h.totalAtPeakBytes)}`,
      pass: null,
      note: `CDP Runtime.getHeapUsage polled every 50 ms (${h.polls} polls) on the ingest page; a peak between polls can be missed.`,
      details: { heap: h },
    };
  },
};
export default ingestMemory;
