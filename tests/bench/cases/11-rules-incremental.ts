/**
 * Row 11 (issue 4): the rule re-run after one capture, in Node, on row 8's shop (1,000 items,
 * 2,000 keywords, 20 agents, a year stored). After a full run (lib/rules/incremental.ts
 * evaluateFull, as the background keeps it between captures), one 2,000-row 万相台 keyword report
 * is stored (mergeFact, as recordCapture does) and the state re-evaluated: the report is applied
 * to the context and only the rules that read keyword days of its date run again, with the
 * persistence re-runs. The report is for T−3, inside every keyword rule's window (a report of
 * the latest day re-runs fewer: ADS-01 reads up to T−2). Findings storage (an IndexedDB diff
 * of the shop's findings) is not in the figure.
 */
import { performance } from 'node:perf_hooks';
import { mergeFact } from '../../../lib/db/writes';
import { createContextStore } from '../../../lib/rules/context';
import { draftsOf, evaluateChanged, evaluateFull } from '../../../lib/rules/incremental';
import { RULES } from '../../../lib/rules/registry';
import type { Fact } from '../../../lib/schema/fact';
import { addDays } from '../../../lib/series/dates';
import { fmtSpread, spread } from '../lib/stats';
import type { BenchCase } from '../types';
import { AS_OF, benchShop, loadFromYear, SHOP } from './08-rules-year';

const rulesIncremental: BenchCase = {
  id: 'rules-incremental',
  label: 'Rules re-run after one capture: one 2,000-row keyword report (Node)',
  budget: '≤ 50 ms',
  noisy: true,
  async run(opts) {
    const shop = benchShop(opts.quick, opts.log);
    const facts = loadFromYear(shop);
    const store = createContextStore(SHOP, facts);
    if (!store) throw new Error('no context');
    const state = evaluateFull(store, RULES);
    const date = addDays(AS_OF, -3);
    const stored = new Map(facts.filter((f) => f.entityKind === 'keyword' && f.date === date).map((f) => [f.id, f]));
    const runs = opts.quick ? 5 : 11;
    const xs: number[] = [];
    const cpu: number[] = [];
    let rerun: string[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      // A new capture of the same report: every keyword's numbers moved a little.
      const written: Fact[] = [];
      for (const f of stored.values()) {
        const incoming = {
          ...f,
          values: { ...f.values, adSpend: (f.values.adSpend ?? 0) * (1 + 0.01 * (i + 1)), adClicks: (f.values.adClicks ?? 0) + 1 },
          capturedAt: 10 + i,
        };
        const m = mergeFact(f, incoming, 10 + i);
        if (m) {
          stored.set(m.id, m);
          written.push(m);
        }
      }
      rows = written.length;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = evaluateChanged(state, written);
      const n = draftsOf(state).length;
      xs.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (!r || !n) throw new Error('incremental run refused');
      rerun = r.rerun;
    }
    const s = spread(xs);
    return {
      figure: `${fmtSpread(s, 'ms', 1)} for ${rows.toLocaleString('en')} keyword rows of ${date}; ${rerun.length} of ${RULES.length} rules re-run; CPU time ${spread(cpu).median.toFixed(1)} ms`,
      pass: s.median <= 50,
      note: `${opts.quick ? 'quick mode: smaller shop; ' : ''}re-run: ${rerun.join(', ')}; the other rules keep their findings (their reads do not touch keyword days of ${date})`,
      details: { ms: xs, cpuMs: cpu, rows, rerun, date },
    };
  },
};
export default rulesIncremental;
