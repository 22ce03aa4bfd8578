/**
 * One Chromium session shared by the ingest rows (throughput, storage, peak memory): bundle
 * browser/ingest.ts with esbuild, serve it on 127.0.0.1 (loopback only), ingest the same fact
 * stream through recordCapture and through a raw IndexedDB put loop, several repetitions in
 * alternating order. Memoized, so the three rows cost one run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BenchApi, IngestConfig, PassResult, Template } from '../browser/ingest';
import type { BenchOpts } from '../types';
import { launchBench } from './browser';
import { ROOT, templateFacts } from './samples';
import { type Spread, spread } from './stats';

/** Facts per day of the modelled shop (architecture §7: 1,000 items, 2,000 keywords, 20 agents). */
export const PER_DAY: Record<string, number> = { item: 1000, keyword: 2000, agent: 20, shop: 30 };
export const PER_DAY_NOTE =
  '1,000 item + 2,000 keyword + 20 agent + 30 shop-level facts a day (one fact per entity per day; device/attribution variants and ad-group/campaign/SKU/source facts not counted)';

export interface IngestRun {
  total: number;
  batch: number;
  reps: number;
  templates: { kind: string; from: string; perDay: number; metrics: number }[];
  dexie: PassResult[];
  raw: PassResult[];
  ratio: Spread;
  dexieRowsPerSec: Spread;
  rawRowsPerSec: Spread;
  storage: {
    dexieBytes: number;
    rawBytes: number;
    dexieBytesPerFact: number;
    rawBytesPerFact: number;
    jsonBytesPerFact: number;
    samples: number[];
    /** Growth of the origin's IndexedDB directory in the profile during each storage pass. */
    disk: { dexie: number; raw: number };
  };
  heap: { baselineBytes: number; peakBytes: number; peakDeltaBytes: number; totalAtPeakBytes: number; polls: number };
}

/** Bytes of one origin's IndexedDB files under <profile>/Default/IndexedDB. */
function idbDiskBytes(profile: string, port: number): number {
  const walk = (p: string): number => {
    if (!existsSync(p)) return 0;
    const st = statSync(p);
    if (!st.isDirectory()) return st.size;
    return readdirSync(p).reduce((s, f) => s + walk(join(p, f)), 0);
  };
  const root = join(profile, 'Default', 'IndexedDB');
  if (!existsSync(root)) return 0;
  return readdirSync(root)
    .filter((f) => f.includes(`127.0.0.1_${port}`))
    .reduce((s, f) => s + walk(join(root, f)), 0);
}

let memo: { quick: boolean; p: Promise<IngestRun> } | null = null;

export function ingestRun(opts: BenchOpts): Promise<IngestRun> {
  if (!memo || memo.quick !== opts.quick) memo = { quick: opts.quick, p: run(opts) };
  return memo.p;
}

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'tests/bench/browser/ingest.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const f = out.outputFiles[0];
  if (!f) throw new Error('esbuild produced no output');
  return f.text;
}

async function run(opts: BenchOpts): Promise<IngestRun> {
  const total = opts.quick ? 20_000 : 100_000;
  const reps = 3;
  const batch = 200;
  const tf = templateFacts();
  if (!tf.length) throw new Error('no template facts: no adapter produced item/keyword/agent/shop facts from its fixture');
  const templates: Template[] = tf.map((t) => ({ kind: t.kind, fact: t.fact, perDay: PER_DAY[t.kind] ?? 0 })).filter((t) => t.perDay > 0);
  const cfg: IngestConfig = { templates, total, batch, seed: 11 };
  const js = await bundle();
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>ingest bench</title><script src="/bench.js"></script>');
    }
  };
  // Two ports = two origins = two separate storages: the raw loop's storage pass gets an
  // origin of its own, untouched by the other database's writes, deletes and compactions.
  const servers = [createServer(handler), createServer(handler)];
  for (const srv of servers) await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const [port, rawPort] = servers.map((srv) => (srv.address() as AddressInfo).port) as [number, number];
  const b = await launchBench();
  try {
    const open = async (p: number) => {
      const pg = await b.ctx.newPage();
      await pg.goto(`http://127.0.0.1:${p}/`);
      await pg.waitForFunction(() => 'bench' in window, null, { timeout: 15_000 });
      const call = <K extends keyof BenchApi>(name: K, arg?: IngestConfig) =>
        pg.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (x?: unknown) => unknown> }).bench[n as string]?.(a), [
          name,
          arg,
        ] as const) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
      const settledUsage = async () => {
        // The quota manager's usage trails the commits a little: read until it stops moving.
        let last = await call('usage');
        for (let i = 0; i < 10; i++) {
          await pg.waitForTimeout(400);
          const u = await call('usage');
          if (u === last) break;
          last = u;
        }
        return last;
      };
      return { page: pg, call, settledUsage };
    };
    const main = await open(port);
    const { page, call } = main;
    const cdp = await b.ctx.newCDPSession(page);

    const dexie: PassResult[] = [];
    const raw: PassResult[] = [];
    const storage = {
      dexieBytes: 0,
      rawBytes: 0,
      dexieBytesPerFact: 0,
      rawBytesPerFact: 0,
      jsonBytesPerFact: 0,
      samples: [] as number[],
      disk: { dexie: 0, raw: 0 },
    };
    const heap = { baselineBytes: 0, peakBytes: 0, peakDeltaBytes: 0, totalAtPeakBytes: 0, polls: 0 };
    storage.jsonBytesPerFact = await call('jsonBytesPerFact', cfg);
    // Storage first, on origins nothing has been written to or deleted from yet: the Dexie
    // database on the main origin, the raw store on its own origin. Cross-checked with the size
    // of each origin's IndexedDB directory in the profile.
    for (const which of ['dexie', 'raw'] as const) {
      opts.log(`  storage pass: ${which} ${total} facts`);
      const o = which === 'dexie' ? main : await open(rawPort);
      const p = which === 'dexie' ? port : rawPort;
      const u0 = await o.settledUsage();
      const d0 = idbDiskBytes(b.dir, p);
      await o.call(which === 'dexie' ? 'ingestDexie' : 'ingestRaw', cfg);
      const u1 = await o.settledUsage();
      const d1 = idbDiskBytes(b.dir, p);
      storage.samples.push(u0, u1);
      storage.disk[which] = d1 - d0;
      if (which === 'dexie') storage.dexieBytes = u1 - u0;
      else {
        storage.rawBytes = u1 - u0;
        await o.call('reset');
        await o.page.close();
      }
    }
    for (let r = 0; r < reps; r++) {
      await call('reset');
      const order: ('dexie' | 'raw')[] = r % 2 === 0 ? ['dexie', 'raw'] : ['raw', 'dexie'];
      for (const which of order) {
        opts.log(`  ingest rep ${r + 1}/${reps}: ${which} ${total} facts`);
        let res: PassResult;
        if (which === 'dexie' && r === 0) {
          await cdp.send('HeapProfiler.collectGarbage');
          const base = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
          heap.baselineBytes = base.usedSize;
          let done = false;
          const poll = (async () => {
            while (!done) {
              const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
              heap.polls++;
              if (h.usedSize > heap.peakBytes) {
                heap.peakBytes = h.usedSize;
                heap.totalAtPeakBytes = h.totalSize;
              }
              await new Promise((s) => setTimeout(s, 50));
            }
          })();
          try {
            res = await call('ingestDexie', cfg);
          } finally {
            done = true;
            await poll;
          }
          heap.peakDeltaBytes = heap.peakBytes - heap.baselineBytes;
        } else {
          res = await call(which === 'dexie' ? 'ingestDexie' : 'ingestRaw', cfg);
        }
        (which === 'dexie' ? dexie : raw).push(res);
      }
    }
    await call('reset');
    storage.dexieBytesPerFact = storage.dexieBytes / total;
    storage.rawBytesPerFact = storage.rawBytes / total;
    const ratios = dexie.map((d, i) => d.rowsPerSec / (raw[i] as PassResult).rowsPerSec);
    return {
      total,
      batch,
      reps,
      templates: templates.map((t) => ({
        kind: t.kind,
        from: tf.find((x) => x.kind === t.kind)?.from ?? '',
        perDay: t.perDay,
        metrics: Object.keys(t.fact.values).length,
      })),
      dexie,
      raw,
      ratio: spread(ratios),
      dexieRowsPerSec: spread(dexie.map((d) => d.rowsPerSec)),
      rawRowsPerSec: spread(raw.map((d) => d.rowsPerSec)),
      storage,
      heap,
    };
  } finally {
    await b.close();
    for (const srv of servers) await new Promise<void>((r) => srv.close(() => r()));
  }
}
