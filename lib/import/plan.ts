/**
 * The preview of an import: read the file, find each sheet's header row by the headers it
 * holds (never by a fixed offset: sycm puts 4–5 notes rows above it), pick the report, map its
 * rows to facts and count how many would be new, updated or unchanged in the database.
 * Nothing is written here (commit.ts writes).
 */
import type { OpsRadarDB } from '../db/database';
import { mergeFact } from '../db/writes';
import { type Fact, FactSchema, factId } from '../schema/fact';
import { getSettings } from '../settings';
import { type ImportError, importError } from './errors';
import { type InputFile, readReportFile, type Sheet } from './read-file';
import { REPORT_MAPPERS } from './registry';
import { sourceKey } from './sycm-shop-source';
import type { Ask, CellIssue, HeaderedTable, ImportOptions, Label, MapContext, ReportMapper, SkippedRow } from './types';
import { datesInFileName, itemIdInFileName, looksMisdecoded, normHeader, readCellDate } from './values';

/** How far down a sheet the header row is looked for. */
const HEADER_SCAN_ROWS = 40;

export interface PlannedReport {
  file: string;
  sheets: string[];
  report: { id: string; label: Label; console: Label };
  /** What was used for what the file does not say, and where it came from. */
  used: { itemId?: string; period?: [string, string]; attr?: string; device?: string; fromFileName: ('itemId' | 'date')[] };
  /** Options the operator may change for this report. */
  asks: Ask[];
  rowsRead: number;
  facts: Fact[];
  skipped: SkippedRow[];
  cellIssues: CellIssue[];
  dateRange: [string, string] | null;
  entities: number;
  /** Metric ids that will be written. */
  metrics: string[];
  /** Columns of the file that are not imported, as written. */
  ignoredColumns: string[];
  counts: { new: number; updated: number; unchanged: number };
}

export type FilePlan =
  | { file: string; ok: true; report: PlannedReport }
  | { file: string; ok: false; error: ImportError; asks?: Ask[]; report?: { id: string; label: Label } };

interface Located {
  sheet: Sheet;
  mapper: ReportMapper;
  headerAt: number;
}

function rowSet(row: unknown[] | undefined): Set<string> {
  const s = new Set<string>();
  if (Array.isArray(row)) for (const c of row) if (c !== null && c !== undefined) s.add(normHeader(c));
  return s;
}

/** The header row and report of one sheet, or nothing. */
function locate(sheet: Sheet): Located | null {
  const n = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < n; i++) {
    const set = rowSet(sheet.rows[i]);
    if (set.size < 2) continue;
    const mapper = REPORT_MAPPERS.find((m) => m.identify(set));
    if (mapper) return { sheet, mapper, headerAt: i };
  }
  return null;
}

/** Why no sheet could be read: the most precise message that fits. */
function diagnose(sheets: Sheet[]): ImportError {
  const rows = sheets.flatMap((s) => s.rows.slice(0, HEADER_SCAN_ROWS));
  const nonEmpty = rows.filter((r) => Array.isArray(r) && r.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  if (nonEmpty.length === 0) return importError('empty');
  // A header of a known report with some of its identifying columns missing.
  let best: { m: ReportMapper; hits: number; missing: string[] } | null = null;
  for (const r of nonEmpty) {
    const set = rowSet(r);
    for (const m of REPORT_MAPPERS) {
      const known = [...m.metricColumns.keys(), ...m.knownColumns];
      const hits = known.filter((h) => set.has(h)).length;
      if (hits < 3 || (best && best.hits >= hits)) continue;
      const missing = [
        ...m.identifyLabels.all.filter((h) => !set.has(normHeader(h))),
        ...(m.identifyLabels.any.length && !m.identifyLabels.any.some((h) => set.has(normHeader(h))) ? [m.identifyLabels.any.slice(0, 3).join(' / ')] : []),
        ...m.required.flatMap((alts, i) => (alts.some((h) => set.has(h)) ? [] : [m.requiredLabels[i] ?? ''])),
      ];
      if (missing.length) best = { m, hits, missing: [...new Set(missing)] };
    }
  }
  if (best) return importError('missing-columns', { columns: best.missing, report: `${best.m.console.zh} ${best.m.label.zh}` });
  if (looksMisdecoded(nonEmpty.flat())) return importError('encoding');
  // Only notes: every row is a line of text in one or two cells.
  if (nonEmpty.every((r) => r.filter((c) => c !== null && c !== undefined && String(c).trim() !== '').length <= 2)) return importError('disclaimer-only');
  return importError('unknown-report');
}

function table(l: Located): HeaderedTable {
  const header = (l.sheet.rows[l.headerAt] ?? []).map((c) =>
    c === null || c === undefined
      ? ''
      : String(c)
          .replace(/^\ufeff/, '')
          .trim(),
  );
  return {
    file: l.sheet.file,
    sheet: l.sheet.sheet,
    headers: header,
    norm: header.map(normHeader),
    rows: l.sheet.rows.slice(l.headerAt + 1),
    firstRow: l.headerAt + 2,
  };
}

/** Stored shop sources: `${parent}\n${name}` → id, so a download's names land on captured pageIds. */
async function sourceIndex(db: OpsRadarDB, shopId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await db.facts
    .where('[shopId+entityKind+entityId+date]')
    .between([shopId, 'source', '', ''], [shopId, 'source', '\uffff', '\uffff'])
    .each((f) => {
      if (!f.entityName || f.dims.itemId || f.dims.parent === undefined) return;
      const k = sourceKey(f.dims.parent, f.entityName);
      if (!out.has(k)) out.set(k, f.entityId);
    });
  return out;
}

/** A sane capture time for imported facts: the file's own time, never in the future. */
export function importCapturedAt(lastModified: number, now: number): number {
  return Number.isFinite(lastModified) && lastModified > Date.UTC(2000, 0, 1) && lastModified <= now ? lastModified : now;
}

export interface PlanEnv {
  db: OpsRadarDB;
  now: number;
}

/** Preview one file. Never throws and never writes. */
export async function planFile(file: InputFile, options: ImportOptions, env: PlanEnv): Promise<FilePlan> {
  const { db, now } = env;
  const shop = options.shopId ? await db.shops.get(options.shopId) : undefined;
  if (!shop) return { file: file.name, ok: false, error: importError('unknown-shop', { shopId: options.shopId }) };

  const read = await readReportFile(file);
  if (!read.ok) return { file: file.name, ok: false, error: read.error };
  const located = read.sheets.map(locate).filter((l): l is Located => l !== null);
  if (located.length === 0) return { file: file.name, ok: false, error: diagnose(read.sheets) };
  // The report of the first sheet that has one; other sheets of the same report are read too.
  const first = located[0] as Located;
  const mapper = first.mapper;
  const tables = located.filter((l) => l.mapper.id === mapper.id).map(table);
  const reportRef = { id: mapper.id, label: mapper.label };

  for (const t of tables) {
    const set = new Set(t.norm);
    const missing = mapper.required.flatMap((alts, i) => (alts.some((h) => set.has(h)) ? [] : [mapper.requiredLabels[i] ?? '']));
    if (missing.length)
      return {
        file: file.name,
        ok: false,
        report: reportRef,
        error: importError('missing-columns', { columns: missing, report: `${mapper.console.zh} ${mapper.label.zh}` }),
      };
  }
  const dataRows = tables.reduce(
    (n, t) => n + t.rows.filter((r) => Array.isArray(r) && r.some((c) => c !== null && c !== undefined && String(c).trim() !== '')).length,
    0,
  );
  if (dataRows === 0)
    return { file: file.name, ok: false, report: reportRef, error: importError('no-rows', { report: `${mapper.console.zh} ${mapper.label.zh}` }) };

  // What the file does not say: from the operator, else the file name, else defaults.
  const asks = [...new Set(tables.flatMap((t) => mapper.asks(new Set(t.norm))))];
  const fromFileName: ('itemId' | 'date')[] = [];
  const resolved: ImportOptions = { shopId: options.shopId };
  if (asks.includes('itemId')) {
    const id = options.itemId?.trim() || null;
    const fromName = itemIdInFileName(file.name);
    if (id && !/^\d{5,20}$/.test(id)) return { file: file.name, ok: false, asks, report: reportRef, error: importError('needs-item-id') };
    if (id) resolved.itemId = id;
    else if (fromName) {
      resolved.itemId = fromName;
      fromFileName.push('itemId');
    } else return { file: file.name, ok: false, asks, report: reportRef, error: importError('needs-item-id') };
  }
  let period: [string, string] | null = null;
  if (asks.includes('date')) {
    const d = options.date ? readCellDate(options.date) : null;
    const to = options.dateTo ? readCellDate(options.dateTo) : null;
    if (d) period = [d, to && to >= d ? to : d];
    else {
      period = datesInFileName(file.name);
      if (period) fromFileName.push('date');
      else return { file: file.name, ok: false, asks, report: reportRef, error: importError('needs-date') };
    }
  }
  if (asks.includes('attr')) {
    const profile = (await getSettings(db)).profiles[options.shopId];
    resolved.attr = options.attr && /^\d{1,2}$/.test(options.attr) ? options.attr : String(profile?.attributionDays ?? 15);
  }
  if (asks.includes('device') && options.device && /^[0-2]$/.test(options.device)) resolved.device = options.device;

  const ctx: MapContext = {
    fileName: file.name,
    options: resolved,
    period,
    sourceIds: mapper.wantsSourceIds ? await sourceIndex(db, options.shopId) : new Map(),
  };
  const capturedAt = importCapturedAt(file.lastModified, now);
  const source = { adapter: `import:${mapper.id}`, route: file.name.slice(0, 200), imported: true };
  const facts: Fact[] = [];
  const skipped: SkippedRow[] = [];
  const cellIssues: CellIssue[] = [];
  let rowsRead = 0;
  const seen = new Set<string>();
  for (const t of tables) {
    const r = mapper.map(t, ctx);
    rowsRead += r.rowsRead;
    skipped.push(...r.skipped.map((s) => (tables.length > 1 ? { ...s, reason: { zh: `${t.sheet}：${s.reason.zh}`, en: `${t.sheet}: ${s.reason.en}` } } : s)));
    cellIssues.push(...r.cellIssues);
    for (const d of r.drafts) {
      const f: Fact = { ...d, id: '', shopId: options.shopId, source, capturedAt, updatedAt: now };
      f.id = factId(f);
      if (seen.has(f.id)) continue;
      // Last guard: every fact must be a valid Fact (finite numbers, a real date…).
      if (!FactSchema.safeParse(f).success) {
        skipped.push({ row: 0, reason: { zh: `无效的数据：${d.entityId}`, en: `Invalid data: ${d.entityId}` } });
        continue;
      }
      seen.add(f.id);
      facts.push(f);
    }
  }
  if (facts.length === 0) return { file: file.name, ok: false, report: reportRef, error: importError('no-facts') };

  // New / updated / unchanged, as the merge will decide.
  const existing = await db.facts.bulkGet(facts.map((f) => f.id));
  const counts = { new: 0, updated: 0, unchanged: 0 };
  facts.forEach((f, i) => {
    const e = existing[i];
    if (!e) counts.new++;
    else if (mergeFact(e, f, now)) counts.updated++;
    else counts.unchanged++;
  });

  const dates = facts.flatMap((f) => [f.date, f.dims.to ?? f.date]).sort();
  const metrics = [...new Set(facts.flatMap((f) => Object.keys(f.values)))];
  const usedCols = new Set<string>([...mapper.knownColumns, ...mapper.metricColumns.keys()]);
  const ignored = new Set<string>();
  for (const t of tables)
    t.norm.forEach((h, i) => {
      if (h && !usedCols.has(h)) ignored.add(t.headers[i] ?? h);
    });
  return {
    file: file.name,
    ok: true,
    report: {
      file: file.name,
      sheets: tables.map((t) => t.sheet),
      report: { id: mapper.id, label: mapper.label, console: mapper.console },
      used: {
        ...(resolved.itemId ? { itemId: resolved.itemId } : {}),
        ...(period ? { period } : {}),
        ...(resolved.attr ? { attr: resolved.attr } : {}),
        ...(asks.includes('device') ? { device: resolved.device ?? facts[0]?.dims.device ?? '0' } : {}),
        fromFileName,
      },
      asks,
      rowsRead,
      facts,
      skipped,
      cellIssues,
      dateRange: dates.length ? [dates[0] as string, dates[dates.length - 1] as string] : null,
      entities: new Set(facts.map((f) => `${f.entityKind}|${f.entityId}`)).size,
      metrics,
      ignoredColumns: [...ignored],
      counts,
    },
  };
}
