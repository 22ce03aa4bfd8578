/**
 * Benchmarks for the budgets of architecture §7.
 *
 *   npm run bench           # full sizes (100k-fact ingest, more repeats)
 *   npm run bench:quick     # CI size (≲ 90 s on 2 cores), same table
 *   npm run bench -- --only=tap-bundle,ingest-throughput
 *
 * Prints one table (figure, budget, pass/fail) on stdout and writes test-results/bench.json.
 * Times are medians with their spread and are reported, never asserted: the exit code is 0
 * unless a measurement itself crashed. Rows are the files in ./cases (NN-id.ts, name order).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './lib/extension';
import { ROOT } from './lib/samples';
import type { BenchCase, BenchOpts, CaseOutcome } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Row {
  id: string;
  label: string;
  budget: string;
  figure: string;
  status: 'pass' | 'FAIL' | 'info' | 'ERROR';
  noisy: boolean;
  seconds: number;
  note?: string;
  error?: string;
  details?: Record<string, unknown>;
}

async function loadCases(): Promise<BenchCase[]> {
  const dir = join(HERE, 'cases');
  const files = readdirSync(dir)
    .filter((f) => /^\d+-[a-z0-9-]+\.ts$/.test(f))
    .sort();
  const out: BenchCase[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: BenchCase };
    if (!mod.default || typeof mod.default.run !== 'function') throw new Error(`cases/${f}: default export is not a BenchCase`);
    out.push(mod.default);
  }
  return out;
}

function table(rows: Row[]): string {
  const head = ['#', 'budget item', 'figure', 'budget', 'result'];
  const body = rows.map((r, i) => [
    String(i + 1),
    r.label,
    r.figure,
    r.budget,
    r.status + (r.noisy && r.status !== 'ERROR' ? ' (time: reported, not asserted)' : ''),
  ]);
  const widths = head.map((h, c) => Math.min(c === 1 ? 70 : c === 2 ? 80 : 60, Math.max(h.length, ...body.map((b) => (b[c] as string).length))));
  const wrap = (s: string, w: number) => {
    const lines: string[] = [];
    let rest = s;
    while (rest.length > w) {
      let cut = rest.lastIndexOf(' ', w);
      if (cut < w * 0.5) cut = w;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    lines.push(rest);
    return lines;
  };
  const line = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i] as number));
    const h = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < h; k++) out.push(`| ${wrapped.map((w, i) => (w[k] ?? '').padEnd(widths[i] as number)).join(' | ')} |`);
    return out.join('\n');
  };
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(head), sep, ...body.map((b) => line(b))].join('\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const started = Date.now();
  let extensionDir = '';
  let buildError: string | undefined;
  try {
    extensionDir = ensureBuilt(ROOT, log);
  } catch (e) {
    buildError = String(e);
  }
  const opts: BenchOpts = { quick, root: ROOT, extensionDir, log };
  const cases = (await loadCases()).filter((c) => !only || only.includes(c.id));
  const rows: Row[] = [];
  for (const c of cases) {
    const t0 = Date.now();
    log(`${c.id} …`);
    try {
      if (buildError) throw new Error(`extension build failed: ${buildError}`);
      const r: CaseOutcome = await c.run(opts);
      rows.push({
        id: c.id,
        label: r.label ?? c.label,
        budget: c.budget,
        figure: r.figure,
        status: r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL',
        noisy: c.noisy,
        seconds: (Date.now() - t0) / 1000,
        ...(r.note ? { note: r.note } : {}),
        ...(r.details ? { details: r.details } : {}),
      });
    } catch (e) {
      const err = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`${c.id} crashed: ${err}`);
      rows.push({ id: c.id, label: c.label, budget: c.budget, figure: '—', status: 'ERROR', noisy: c.noisy, seconds: (Date.now() - t0) / 1000, error: err });
    }
    log(`${c.id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const mode = quick ? 'quick' : 'full';
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  console.log(
    `\nOpsRadar benchmarks (${mode}; ${cpus().length} cores, load avg ${load}, node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
  );
  console.log(table(rows));
  const notes = rows.filter((r) => r.note || r.error);
  if (notes.length) {
    console.log('\nNotes:');
    rows.forEach((r, i) => {
      if (r.note) console.log(`  ${i + 1}. ${r.note}`);
      if (r.error) console.log(`  ${i + 1}. ERROR: ${r.error.split('\n')[0]}`);
    });
  }
  const out = join(ROOT, 'test-results', 'bench.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ mode, at: new Date().toISOString(), machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg() }, extensionDir, rows }, null, 2)}\n`,
  );
  console.log(`\nJSON: ${out}`);
  return rows.some((r) => r.status === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
