/**
 * Browser side of the IndexedDB ingest bench (bundled by esbuild, run in Chromium on
 * http://127.0.0.1). Writes the same stream of real-shaped facts twice: through the product's
 * write path (OpsRadarDB + recordCapture, one capture per batch) and through a raw IndexedDB
 * put loop into a separate database (one transaction per batch, keyPath id, no indexes).
 */
import type { ProcessResult } from '../../../lib/capture/process';
import { OpsRadarDB } from '../../../lib/db/database';
import { recordCapture } from '../../../lib/db/writes';
import { type Fact, factId } from '../../../lib/schema/fact';

export interface Template {
  kind: string;
  fact: Fact;
  /** Facts of this kind per day in the modelled shop. */
  perDay: number;
}

export interface IngestConfig {
  templates: Template[];
  total: number;
  batch: number;
  seed: number;
}

export interface PassResult {
  facts: number;
  batches: number;
  writeMs: number;
  wallMs: number;
  rowsPerSec: number;
}

const DEXIE_NAME = 'bench-opsradar';
const RAW_NAME = 'bench-raw';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function isoMinus(base: string, days: number): string {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Batches of facts, day by day and kind by kind, as the captures of a real shop would arrive. */
function* batches(cfg: IngestConfig): Generator<{ t: Template; facts: Fact[] }> {
  const r = rng(cfg.seed);
  const jitter = (v: number) => (Number.isInteger(v) ? Math.round(v * (0.5 + r())) : Math.round(v * (0.5 + r()) * 10000) / 10000);
  let made = 0;
  for (let day = 0; made < cfg.total; day++) {
    for (const t of cfg.templates) {
      const date = isoMinus(t.fact.date, day);
      for (let i = 0; i < t.perDay && made < cfg.total; ) {
        const facts: Fact[] = [];
        for (; facts.length < cfg.batch && i < t.perDay && made < cfg.total; i++, made++) {
          const src = t.fact;
          const values: Record<string, number> = {};
          for (const [k, v] of Object.entries(src.values)) values[k] = jitter(v);
          const f: Fact = {
            ...src,
            entityId: t.kind === 'shop' ? src.entityId : `${src.entityId}${i}`,
            ...(src.entityName !== undefined && t.kind !== 'shop' ? { entityName: `${src.entityName} ${i}` } : {}),
            date,
            dims: t.kind === 'shop' ? { ...src.dims, scene: String(i) } : src.dims,
            values,
            ...(src.crc ? { crc: Object.fromEntries(Object.entries(src.crc).map(([k]) => [k, Math.round((r() - 0.5) * 10000) / 10000])) } : {}),
            capturedAt: Date.now(),
            updatedAt: Date.now(),
            id: '',
          };
          f.id = factId(f);
          facts.push(f);
        }
        yield { t, facts };
      }
    }
  }
}

let dexie: OpsRadarDB | null = null;

async function deleteDb(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

async function reset(): Promise<void> {
  dexie?.close();
  dexie = null;
  await deleteDb(DEXIE_NAME);
  await deleteDb(RAW_NAME);
}

async function ingestDexie(cfg: IngestConfig): Promise<PassResult> {
  dexie ??= new OpsRadarDB(DEXIE_NAME);
  await dexie.open();
  const db = dexie;
  let writeMs = 0;
  let n = 0;
  let k = 0;
  const wall0 = performance.now();
  for (const { t, facts } of batches(cfg)) {
    const r: ProcessResult = {
      outcome: 'stored',
      adapter: t.fact.source.adapter,
      route: t.fact.source.route,
      shopId: t.fact.shopId,
      shop: { id: t.fact.shopId, title: '暖居家纺旗舰店' },
      facts,
      issues: [],
    };
    const t0 = performance.now();
    const out = await recordCapture(db, r, { url: t.fact.source.pageUrl ?? '', at: Date.now() });
    writeMs += performance.now() - t0;
    if (out.written !== facts.length) throw new Error(`recordCapture wrote ${out.written} of ${facts.length}`);
    n += facts.length;
    k++;
  }
  return { facts: n, batches: k, writeMs, wallMs: performance.now() - wall0, rowsPerSec: (n / writeMs) * 1000 };
}

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(RAW_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('facts', { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function ingestRaw(cfg: IngestConfig): Promise<PassResult> {
  const db = await openRaw();
  let writeMs = 0;
  let n = 0;
  let k = 0;
  const wall0 = performance.now();
  try {
    for (const { facts } of batches(cfg)) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('facts', 'readwrite');
        const store = tx.objectStore('facts');
        for (const f of facts) store.put(f);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      writeMs += performance.now() - t0;
      n += facts.length;
      k++;
    }
  } finally {
    db.close();
  }
  return { facts: n, batches: k, writeMs, wallMs: performance.now() - wall0, rowsPerSec: (n / writeMs) * 1000 };
}

/** Mean JSON size of the generated facts (logical size, before IndexedDB's own encoding). */
function jsonBytesPerFact(cfg: IngestConfig): number {
  let bytes = 0;
  let n = 0;
  for (const { facts } of batches({ ...cfg, total: Math.min(cfg.total, 20_000) })) {
    for (const f of facts) bytes += new TextEncoder().encode(JSON.stringify(f)).length;
    n += facts.length;
  }
  return bytes / n;
}

async function usage(): Promise<number> {
  const e = await navigator.storage.estimate();
  return e.usage ?? 0;
}

const api = { reset, ingestDexie, ingestRaw, usage, jsonBytesPerFact };
(window as unknown as { bench: typeof api }).bench = api;
export type BenchApi = typeof api;
