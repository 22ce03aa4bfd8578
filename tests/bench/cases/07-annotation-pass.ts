/**
 * Row 7: one annotation pass over a 200-row 商品排行 table, in Chromium (budget: one frame,
 * 16 ms). The pass = find the anchors (item ids) + render every row's annotation (shadow root,
 * badges, sparkline) from data already received. lib/annotate is bundled with esbuild into a
 * plain page; `first` builds 200 hosts, `steady` is the pass after a DOM change with nothing new
 * (what every console re-render costs), `re-render` is the pass after the console rebuilt the
 * table (sorting; the hosts of the old rows are moved into the new ones). Forced layout after the first pass is reported apart.
 */

import { join } from 'node:path';
import { build } from 'esbuild';
import { launchBench } from '../lib/browser';
import { median, round, spread } from '../lib/stats';
import type { BenchCase } from '../types';

const ROWS = 200;

async function bundle(root: string): Promise<string> {
  const r = await build({
    stdin: {
      contents: `import { itemAnchors } from './lib/annotate/sycm-item'; import { renderPass } from './lib/annotate/controller'; import { forgetHosts } from './lib/annotate/render';
        window.__annot = { itemAnchors, renderPass, forgetHosts };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
    alias: { '@': root },
  });
  return r.outputFiles[0]?.text ?? '';
}

const annotationCase: BenchCase = {
  id: 'annotation-pass',
  label: 'Annotation pass over a 200-row table (anchors + render), Chromium',
  budget: '≤ 16 ms',
  noisy: true,
  async run(opts) {
    const code = await bundle(opts.root);
    const b = await launchBench();
    try {
      const page = await b.ctx.newPage();
      await page.setContent('<!doctype html><html><body><table id="rank" style="width:100%;border-collapse:collapse"><tbody></tbody></table></body></html>');
      // tsx keeps function names with a __name helper that the page does not have.
      await page.addScriptTag({ content: `window.__name = (f) => f;\n${code}` });
      const repeats = opts.quick ? 7 : 21;
      const res = await page.evaluate(
        ({ rows, repeats }) => {
          type A = { itemAnchors(d: Document): unknown[]; renderPass(a: unknown[], d: Map<string, unknown>, l: string, c?: unknown): number; forgetHosts(d: Document): void };
          const api = (window as unknown as { __annot: A }).__annot;
          const dates = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2026, 7, 1) + i * 864e5).toISOString().slice(0, 10));
          const data = new Map<string, unknown>();
          const tbody = document.querySelector('tbody') as HTMLElement;
          const fill = (order: number[]) => {
            tbody.textContent = '';
            for (const i of order) {
              const tr = document.createElement('tr');
              tr.dataset.itemId = String(600000 + i);
              const td = document.createElement('td');
              const a = document.createElement('a');
              a.textContent = `暖居加厚珊瑚绒毯 法兰绒毛毯冬季盖毯 ${i}`;
              td.appendChild(a);
              tr.appendChild(td);
              for (let c = 0; c < 10; c++) {
                const n = document.createElement('td');
                n.textContent = String((i * 37 + c * 11) % 1000);
                tr.appendChild(n);
              }
              tbody.appendChild(tr);
            }
          };
          for (let i = 0; i < rows; i++) {
            data.set(`item|${600000 + i}`, {
              type: 'item',
              badges: i % 3 === 0 ? [{ id: 'potential', tone: 'good', label: { zh: '潜力款', en: 'Potential' }, tip: { zh: '依据', en: 'why' } }] : [],
              history: { dates, payAmt: dates.map((_, k) => 100 + ((k * i) % 50)), uv: dates.map(() => 80), payRate: dates.map(() => 0.02) },
            });
          }
          // As on the console: hover cards can log actions (their forms are built on first hover).
          const ctx = { shopId: '106033221', logAction: async () => ({ id: 'x' }) };
          const order = Array.from({ length: rows }, (_, i) => i);
          const first: number[] = [];
          const layout: number[] = [];
          const steady: number[] = [];
          const rerender: number[] = [];
          for (let r = 0; r < repeats; r++) {
            // A cold first pass each round: no host remembered from the previous round.
            api.forgetHosts(document);
            fill(order);
            void document.body.offsetHeight;
            let t = performance.now();
            api.renderPass(api.itemAnchors(document), data, 'zh', ctx);
            first.push(performance.now() - t);
            t = performance.now();
            void document.body.offsetHeight;
            layout.push(performance.now() - t);
            t = performance.now();
            api.renderPass(api.itemAnchors(document), data, 'zh', ctx);
            steady.push(performance.now() - t);
            // The console re-sorts: the rows are rebuilt (new elements), the data is cached.
            fill(order.slice().reverse());
            void document.body.offsetHeight;
            t = performance.now();
            api.renderPass(api.itemAnchors(document), data, 'zh', ctx);
            rerender.push(performance.now() - t);
          }
          return { first, layout, steady, rerender, hosts: document.querySelectorAll('opsradar-note').length };
        },
        { rows: ROWS, repeats },
      );
      // Drop the first (cold JIT) round from the medians.
      const warm = (xs: number[]) => (xs.length > 2 ? xs.slice(1) : xs);
      const f = median(warm(res.first));
      const s = spread(warm(res.first));
      return {
        figure: `${round(f)} ms first pass (median of ${warm(res.first).length}; ${round(s.min)}–${round(s.max)}); steady ${round(median(warm(res.steady)))} ms; after re-sort ${round(median(warm(res.rerender)))} ms`,
        pass: f <= 16,
        note: `Chromium, ${ROWS} rows × 11 columns, item annotations with 90-day history; forced layout after the first pass ${round(median(warm(res.layout)))} ms (not in the figure); hosts rendered ${res.hosts}`,
        details: { ...res, file: join('lib', 'annotate') },
      };
    } finally {
      await b.close();
    }
  },
};

export default annotationCase;
