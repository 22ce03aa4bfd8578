/**
 * Exports that stream: facts are read in chunks (read-facts.ts), turned into rows, and the bytes
 * handed to a sink chunk by chunk (in the side panel the sink wraps each chunk in a Blob at
 * once, so the JS heap holds one chunk, not the file). Progress is reported after every chunk;
 * an AbortSignal cancels between chunks.
 */
import type { OpsRadarDB } from '../db/database';
import type { Lang } from '../format';
import { ENTITY_KINDS, type EntityKind, type Fact } from '../schema/fact';
import { BOM, type Cell, csvRow } from './csv';
import { FINDINGS_SHEET, findingRow, findingsHeader } from './findings-rows';
import { ENTITY_KIND_LABELS } from './labels';
import { LONG_COLUMNS, longRows } from './long';
import { countFacts, type ExportFilter, factChunks, findingsFor, shopNames } from './read-facts';
import { WideColumns, type WideLayout, wideHeader, wideRow, wideUnits } from './wide';
import { type ByteSink, STYLE, type StyleId, XlsxWriter } from './xlsx';

export interface ExportProgress {
  phase: 'read' | 'write';
  /** Facts read from the database / facts stored in the range. */
  read: number;
  total: number;
  /** Rows written so far, and (in the write phase of wide exports) how many there will be. */
  rows: number;
  rowsTotal?: number;
}

export interface ExportJob {
  filter: ExportFilter;
  lang: Lang;
  sink: ByteSink;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Facts per database read (default 2,000). */
  chunkSize?: number;
  /** Deflate level of the XLSX (default 6). */
  level?: 0 | 1 | 3 | 6 | 9;
}

export interface ExportResult {
  rows: number;
  facts: number;
  /** Entity kinds written (wide exports), with their row counts. */
  kinds?: { kind: EntityKind; rows: number }[];
  findings?: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** Let the page paint (progress bar) and the user click 取消 between chunks. */
const breathe = () => new Promise<void>((r) => setTimeout(r, 0));

function check(signal?: AbortSignal) {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Text to UTF-8 bytes in pieces of about 64 K characters. */
export class TextOut {
  private buf = '';
  private readonly enc = new TextEncoder();
  constructor(private readonly sink: ByteSink) {}
  push(s: string): void {
    this.buf += s;
    if (this.buf.length >= 65536) this.flush();
  }
  flush(): void {
    if (this.buf) this.sink(this.enc.encode(this.buf));
    this.buf = '';
  }
}

/** Long CSV: one row per value (LONG_COLUMNS), UTF-8 with BOM, RFC 4180, formula-safe. */
export async function exportLongCsv(db: OpsRadarDB, job: ExportJob): Promise<ExportResult> {
  const { signal, onProgress } = job;
  const total = await countFacts(db, job.filter);
  const names = await shopNames(db);
  const out = new TextOut(job.sink);
  out.push(BOM + csvRow(LONG_COLUMNS));
  let rows = 0;
  let facts = 0;
  onProgress?.({ phase: 'read', read: 0, total, rows });
  for await (const chunk of factChunks(db, job.filter, job.chunkSize)) {
    check(signal);
    for (const f of chunk.facts) {
      facts++;
      for (const r of longRows(f, names.get(f.shopId) ?? '', job.lang)) {
        out.push(csvRow(r));
        rows++;
      }
    }
    out.flush();
    onProgress?.({ phase: 'read', read: chunk.read, total, rows });
    await breathe();
  }
  out.flush();
  return { rows, facts };
}

interface KindSpool {
  columns: WideColumns;
  /** The kind's facts as JSON, one Blob per chunk (off the JS heap until written). */
  parts: Blob[];
  count: number;
}

/** Read pass of the wide exports: facts grouped by kind into spooled Blobs, columns learnt. */
async function spool(db: OpsRadarDB, job: ExportJob): Promise<{ kinds: Map<EntityKind, KindSpool>; facts: number; total: number }> {
  const total = await countFacts(db, job.filter);
  const kinds = new Map<EntityKind, KindSpool>();
  let facts = 0;
  job.onProgress?.({ phase: 'read', read: 0, total, rows: 0 });
  for await (const chunk of factChunks(db, job.filter, job.chunkSize)) {
    check(job.signal);
    const groups = new Map<EntityKind, Fact[]>();
    for (const f of chunk.facts) {
      const g = groups.get(f.entityKind);
      if (g) g.push(f);
      else groups.set(f.entityKind, [f]);
    }
    for (const [kind, list] of groups) {
      const s = kinds.get(kind) ?? { columns: new WideColumns(), parts: [], count: 0 };
      kinds.set(kind, s);
      for (const f of list) s.columns.add(f);
      s.parts.push(new Blob([JSON.stringify(list)]));
      s.count += list.length;
    }
    facts += chunk.facts.length;
    job.onProgress?.({ phase: 'read', read: chunk.read, total, rows: 0 });
    await breathe();
  }
  return { kinds, facts, total };
}

function orderedKinds(kinds: Map<EntityKind, KindSpool>): EntityKind[] {
  return ENTITY_KINDS.filter((k) => kinds.has(k));
}

/** Write a kind's spooled facts as wide rows. */
async function writeKind(s: KindSpool, layout: WideLayout, names: Map<string, string>, job: ExportJob, row: (cells: Cell[]) => void, tick: () => void) {
  for (const part of s.parts) {
    check(job.signal);
    const list = JSON.parse(await part.text()) as Fact[];
    for (const f of list) row(wideRow(f, layout, names.get(f.shopId) ?? '', job.lang));
    tick();
    await breathe();
  }
}

/** Wide CSV of one entity kind (`filter.kind`, default the shop's own rows). */
export async function exportWideCsv(db: OpsRadarDB, job: ExportJob): Promise<ExportResult> {
  const kind = job.filter.kind ?? 'shop';
  const j = { ...job, filter: { ...job.filter, kind } };
  const { kinds, facts, total } = await spool(db, j);
  const names = await shopNames(db);
  const out = new TextOut(job.sink);
  const s = kinds.get(kind) ?? { columns: new WideColumns(), parts: [], count: 0 };
  const layout = s.columns.layout(kind);
  out.push(BOM + csvRow(wideHeader(layout, job.lang)));
  let rows = 0;
  await writeKind(
    s,
    layout,
    names,
    j,
    (cells) => {
      out.push(csvRow(cells));
      rows++;
    },
    () => {
      out.flush();
      job.onProgress?.({ phase: 'write', read: total, total, rows, rowsTotal: s.count });
    },
  );
  out.flush();
  return { rows, facts, kinds: [{ kind, rows }] };
}

function numberStyle(unit: string | null): StyleId {
  return unit === 'ratio' ? STYLE.percent : unit === 'CNY' ? STYLE.money : STYLE.plain;
}

/** Wide XLSX: one sheet per entity kind (console order of the catalog) plus the 诊断 findings sheet. */
export async function exportXlsx(db: OpsRadarDB, job: ExportJob): Promise<ExportResult> {
  const { kinds, facts, total } = await spool(db, job);
  const names = await shopNames(db);
  const findings = await findingsFor(db, job.filter);
  const order = orderedKinds(kinds);
  const lang = job.lang;
  const xlsx = new XlsxWriter(job.sink, [...order.map((k) => ENTITY_KIND_LABELS[k][lang]), FINDINGS_SHEET[lang]], job.level ?? 6);
  const rowsTotal = order.reduce((n, k) => n + (kinds.get(k)?.count ?? 0), 0) + findings.length;
  let rows = 0;
  const written: { kind: EntityKind; rows: number }[] = [];
  for (const kind of order) {
    const s = kinds.get(kind) as KindSpool;
    const layout = s.columns.layout(kind);
    const header = wideHeader(layout, lang);
    const sheet = xlsx.sheet({
      freezeHeader: true,
      styles: wideUnits(layout).map(numberStyle),
      widths: header.map((h, i) => (i === 4 ? 28 : Math.max(10, h.length * 2 + 2))),
    });
    sheet.row(header, true);
    await writeKind(
      s,
      layout,
      names,
      job,
      (cells) => {
        sheet.row(cells);
        rows++;
      },
      () => job.onProgress?.({ phase: 'write', read: total, total, rows, rowsTotal }),
    );
    sheet.end();
    written.push({ kind, rows: sheet.rows - 1 });
  }
  const fs = xlsx.sheet({ freezeHeader: true, widths: [14, 10, 10, 36, 24, 22, 60, 60] });
  fs.row(findingsHeader(lang), true);
  for (const f of findings) {
    fs.row(findingRow(f, names.get(f.shopId) ?? f.shopId, lang));
    rows++;
  }
  fs.end();
  xlsx.end();
  job.onProgress?.({ phase: 'write', read: total, total, rows, rowsTotal });
  return { rows, facts, kinds: written, findings: findings.length };
}
