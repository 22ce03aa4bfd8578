/**
 * Row 3: background work per response before the write — processCapture (unwrap/JSON.parse,
 * route, zod validation, mapping to facts) on a 2,000-row report, in Node.
 * Uses the largest (by body size) row-list route whose adapter exists at run time; every usable
 * candidate is timed and listed in the JSON. Falls back to the sycm-home trend with 2,000 points.
 */
import { performance } from 'node:perf_hooks';
import { processCapture } from '../../../lib/capture/process';
import { homeTrend, usableReports } from '../lib/samples';
import { fmtBytes, fmtSpread, round, spread } from '../lib/stats';
import type { BenchCase } from '../types';

const ROWS = 2000;
const BUDGET_MS = 30;

function timeIt(m: { msg: Parameters<typeof processCapture>[0]; known: Parameters<typeof processCapture>[1] }, warm: number, runs: number) {
  let facts = 0;
  for (let i = 0; i < warm; i++) facts = processCapture(m.msg, m.known).facts.length;
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = processCapture(m.msg, m.known);
    xs.push(performance.now() - t0);
    facts = r.facts.length;
  }
  return { s: spread(xs), facts };
}

const backgroundProcess: BenchCase = {
  id: 'background-process',
  label: 'Background work per response, 2,000-row report (parse, validate, map; before the write)',
  budget: '≤ 30 ms',
  noisy: true,
  async run(opts) {
    const warm = opts.quick ? 2 : 5;
    const runs = opts.quick ? 5 : 21;
    const { usable, skipped } = usableReports(ROWS);
    const biggest = Math.max(...usable.map((u) => u.bytes));
    const all = usable.map((u) => {
      // Quick mode times the other candidates (listed in the note) with fewer runs.
      const t = u.bytes === biggest || /keyword|bidword/i.test(u.name) ? timeIt(u, warm, runs) : timeIt(u, warm, opts.quick ? 3 : 11);
      return { name: u.name, bytes: u.bytes, facts: t.facts, ms: t.s };
    });
    if (!all.length) {
      const m = homeTrend(ROWS);
      if (!m) throw new Error('no row-list adapter usable and no sycm-home trend fixture');
      const t = timeIt(m, warm, runs);
      return {
        label: 'Background work per response — FALLBACK: sycm-home trend with 2,000 points (no row-list adapter usable yet)',
        figure: `${fmtSpread(t.s, 'ms')}, ${fmtBytes(m.msg.responseText.length)} body`,
        pass: t.s.median <= BUDGET_MS,
        details: { fallback: 'sycm-home trend v3', facts: t.facts, ms: t.s, skipped },
      };
    }
    // The budget names a 2,000-row keyword report (issue 3): the slowest keyword report is the figure.
    const keywordReports = all.filter((a) => /keyword|bidword/i.test(a.name));
    const pool = keywordReports.length ? keywordReports : all;
    const main = [...pool].sort((a, b) => b.ms.median - a.ms.median)[0] as (typeof all)[number];
    const others = all.filter((a) => a !== main).map((a) => `${a.name.split(' ')[0]} ${a.ms.median.toFixed(1)} ms/${fmtBytes(a.bytes)}`);
    return {
      label: `Background work per response: ${main.name}, ${ROWS} rows (${fmtBytes(main.bytes)}) — parse, validate, map`,
      figure: `${fmtSpread(main.ms, 'ms')}`,
      pass: main.ms.median <= BUDGET_MS,
      note: `slowest 2,000-row keyword report; the other reports: ${others.join(', ') || 'none'}${skipped.length ? `; skipped: ${skipped.map((s) => `${s.name} (${s.why})`).join(', ')}` : ''}`,
      details: { rows: ROWS, measured: all.map((a) => ({ ...a, msPerKB: round(a.ms.median / (a.bytes / 1024), 4) })), skipped },
    };
  },
};
export default backgroundProcess;
