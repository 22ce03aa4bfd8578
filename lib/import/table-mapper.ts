/**
 * The shared part of every report mapper: header lookup, periods, values with their units,
 * the console's 环比 columns, totals and duplicate rows. Each report file only says which
 * headers identify it, which column is which metric, and what entity and dims a row is.
 */
import { metric } from '../metrics';
import type { EntityKind, FactDraft } from '../schema/fact';
import type { Ask, CellIssue, HeaderedTable, Label, MapContext, MapResult, ReportMapper, SkippedRow } from './types';
import { normHeader, readCellDateRange, readCellNumber } from './values';

/** Read access to one data row by header name (any of several spellings). */
export interface RowView {
  /** 1-based row number in the sheet. */
  row: number;
  get(...headers: string[]): unknown;
  has(...headers: string[]): boolean;
}

export type RowEntity = { id: string; name?: string; dims?: Record<string, string> } | { skip: Label };

/** A cost column whose unit (元 or 分) is checked against 花费 ÷ its count on every row. */
export interface CostCheck {
  column: string;
  count: string;
  spend: string;
  /** Unit when the row cannot tell (count 0 or missing). */
  defaultFen: boolean;
}

export interface TableMapperConfig {
  id: string;
  label: Label;
  console: Label;
  entityKind: EntityKind;
  /** All of these headers present… */
  all: string[];
  /** …and at least one of these (when given)… */
  any?: string[];
  /** …and none of these. */
  none?: string[];
  /** Required columns: alternatives per entry; the first spelling is named in messages. */
  required: string[][];
  /** Date column (alternatives); without one the period comes from the file name or the operator. */
  dateColumn?: string[];
  /** Header (as written) → metric id. */
  columns: Record<string, string>;
  /** Other columns this report reads (ids, names, dimensions): not listed as ignored. */
  known: string[];
  /** Rates without a % sign: decimals (生意参谋, 万相台) or percent numbers (直通车: 7.2248 = 7.2248 %). */
  plainRates: 'decimal' | 'percent';
  /** `<header>环比` columns (and a `变化` column after a metric) are the console's 环比 of that metric. */
  crcColumns?: boolean;
  costChecks?: CostCheck[];
  /** Options the report needs (besides a date when there is no date column). */
  asks?: Ask[];
  wantsSourceIds?: boolean;
  /** Base dims of every fact (device, attribution window…). */
  dims(ctx: MapContext): Record<string, string>;
  /** The entity of a row, or why the row is skipped. */
  entity(row: RowView, ctx: MapContext): RowEntity;
}

const TOTAL_WORDS = new Set(['合计', '总计', '汇总', '全部合计', 'total']);

export const isTotalCell = (v: unknown) => typeof v === 'string' && TOTAL_WORDS.has(v.trim().toLowerCase());

export const reason = (zh: string, en: string): Label => ({ zh, en });

function isBlankRow(row: unknown[]): boolean {
  return row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

export function tableMapper(cfg: TableMapperConfig): ReportMapper {
  const all = cfg.all.map(normHeader);
  const any = (cfg.any ?? []).map(normHeader);
  const none = (cfg.none ?? []).map(normHeader);
  const required = cfg.required.map((alts) => alts.map(normHeader));
  const dateCols = (cfg.dateColumn ?? []).map(normHeader);
  const metricColumns = new Map<string, string>();
  for (const [h, id] of Object.entries(cfg.columns)) {
    if (!metric(id)) throw new Error(`import ${cfg.id}: unknown metric ${id}`);
    metricColumns.set(normHeader(h), id);
  }
  const knownColumns = new Set([...cfg.known.map(normHeader), ...dateCols, ...required.flat()]);
  if (cfg.crcColumns) for (const h of metricColumns.keys()) knownColumns.add(`${h}环比`);

  return {
    id: cfg.id,
    label: cfg.label,
    console: cfg.console,
    entityKind: cfg.entityKind,
    required,
    requiredLabels: cfg.required.map((alts) => alts[0] ?? ''),
    identifyLabels: { all: cfg.all, any: cfg.any ?? [] },
    metricColumns,
    knownColumns,
    ...(cfg.wantsSourceIds ? { wantsSourceIds: true } : {}),
    identify(headers) {
      return all.every((h) => headers.has(h)) && (any.length === 0 || any.some((h) => headers.has(h))) && !none.some((h) => headers.has(h));
    },
    asks(headers) {
      const out = new Set<Ask>(cfg.asks ?? []);
      if (!dateCols.some((h) => headers.has(h))) out.add('date');
      return [...out];
    },
    map(table, ctx) {
      return mapTable(cfg, table, ctx, metricColumns, dateCols);
    },
  };
}

function mapTable(cfg: TableMapperConfig, table: HeaderedTable, ctx: MapContext, metricColumns: Map<string, string>, dateCols: string[]): MapResult {
  const col = new Map<string, number>();
  table.norm.forEach((h, i) => {
    if (h && !col.has(h)) col.set(h, i);
  });
  const idx = (hs: string[]) => {
    for (const h of hs) {
      const i = col.get(normHeader(h));
      if (i !== undefined) return i;
    }
    return -1;
  };
  // Metric columns and their 环比 columns.
  const metricCols: { i: number; header: string; id: string; ratio: boolean; crcOf?: undefined }[] = [];
  const crcCols: { i: number; id: string }[] = [];
  table.norm.forEach((h, i) => {
    const id = metricColumns.get(h);
    if (id && !metricCols.some((m) => m.id === id)) {
      metricCols.push({ i, header: table.headers[i] ?? h, id, ratio: metric(id)?.unit === 'ratio' });
      return;
    }
    if (!cfg.crcColumns) return;
    if (h.endsWith('环比')) {
      const base = metricColumns.get(h.slice(0, -2)) ?? [...metricColumns].find(([k]) => k.toLowerCase() === h.slice(0, -2))?.[1];
      if (base) crcCols.push({ i, id: base });
    } else if (h === '变化' || h === '(变化)') {
      const prev = metricColumns.get(table.norm[i - 1] ?? '');
      if (prev) crcCols.push({ i, id: prev });
    }
  });
  const dateIdx = idx(dateCols);
  const costChecks = (cfg.costChecks ?? []).map((c) => ({ ...c, ci: idx([c.column]), ni: idx([c.count]), si: idx([c.spend]) }));

  const base = cfg.dims(ctx);
  const drafts: FactDraft[] = [];
  const skipped: SkippedRow[] = [];
  const cellIssues: CellIssue[] = [];
  const seen = new Map<string, number>();
  let rowsRead = 0;

  table.rows.forEach((cells, k) => {
    const rowNo = table.firstRow + k;
    if (!Array.isArray(cells) || isBlankRow(cells)) return;
    rowsRead++;
    const firstCell = cells.find((c) => c !== null && c !== undefined && String(c).trim() !== '');
    if (isTotalCell(firstCell)) {
      skipped.push({ row: rowNo, reason: reason('合计行（不单独保存）', 'Total row (not stored)') });
      return;
    }
    const view: RowView = {
      row: rowNo,
      get: (...hs) => {
        const i = idx(hs);
        return i < 0 ? undefined : cells[i];
      },
      has: (...hs) => idx(hs) >= 0,
    };
    // Period.
    let period: [string, string] | null = ctx.period;
    if (dateIdx >= 0) {
      const raw = cells[dateIdx];
      if (isTotalCell(raw)) {
        skipped.push({ row: rowNo, reason: reason('合计行（由每天的数据汇总，不单独保存）', 'Total row (the sum of the days; not stored)') });
        return;
      }
      period = readCellDateRange(raw);
      if (!period) {
        skipped.push({
          row: rowNo,
          reason: reason(`日期无法识别：${String(raw ?? '').slice(0, 30)}`, `Date not recognised: ${String(raw ?? '').slice(0, 30)}`),
        });
        return;
      }
    }
    if (!period) {
      skipped.push({ row: rowNo, reason: reason('没有数据日期', 'No date for the data') });
      return;
    }
    const ent = cfg.entity(view, ctx);
    if ('skip' in ent) {
      skipped.push({ row: rowNo, reason: ent.skip });
      return;
    }
    // Values.
    const values: Record<string, number> = {};
    const bad = (c: { i: number; header: string }, why: Label) =>
      cellIssues.push({ row: rowNo, column: c.header, value: String(cells[c.i] ?? '').slice(0, 40), reason: why });
    for (const c of metricCols) {
      const r = readCellNumber(cells[c.i]);
      if (r.kind === 'empty' || r.kind === 'masked') continue;
      if (r.kind === 'bad') {
        bad(c, reason('不是数字', 'not a number'));
        continue;
      }
      let n = r.n;
      if (c.ratio) {
        if (!r.pct && cfg.plainRates === 'percent') n = Math.round(n * 1e8) / 1e10;
        if (n < 0 || n > 1) {
          bad(c, reason('比率超出 0–100%', 'rate outside 0–100 %'));
          continue;
        }
      } else if (r.pct) {
        bad(c, reason('不应是百分比', 'should not be a percentage'));
        continue;
      }
      if (n < 0) {
        bad(c, reason('不应为负数', 'should not be negative'));
        continue;
      }
      values[c.id] = n;
    }
    for (const cc of costChecks) {
      if (cc.ci < 0) continue;
      const id = metricColumns.get(normHeader(cc.column));
      const v = id ? values[id] : undefined;
      if (!id || v === undefined) continue;
      const spend = readCellNumber(cells[cc.si]);
      const count = readCellNumber(cells[cc.ni]);
      let fen = cc.defaultFen;
      if (spend.kind === 'num' && count.kind === 'num' && count.n > 0 && spend.n > 0) {
        const expect = spend.n / count.n;
        const asYuan = Math.abs(v - expect) / expect;
        const asFen = Math.abs(v / 100 - expect) / expect;
        if (Math.min(asYuan, asFen) < 0.05) fen = asFen < asYuan;
      }
      if (fen) values[id] = Math.round(v * 1e6) / 1e8;
    }
    const crc: Record<string, number> = {};
    for (const cc of crcCols) {
      if (!(cc.id in values)) continue;
      const r = readCellNumber(cells[cc.i]);
      if (r.kind === 'num' && Number.isFinite(r.n) && Math.abs(r.n) < 1e6) crc[cc.id] = r.n;
    }
    if (Object.keys(values).length === 0) {
      skipped.push({ row: rowNo, reason: reason('这一行没有可读的数值', 'No readable value in this row') });
      return;
    }
    const [from, to] = period;
    const dims: Record<string, string> = { ...base, ...(ent.dims ?? {}), ...(from !== to ? { to } : {}) };
    const draft: FactDraft = {
      entityKind: cfg.entityKind,
      entityId: ent.id,
      ...(ent.name ? { entityName: ent.name } : {}),
      grain: from === to ? 'day' : 'range',
      date: from,
      dims,
      values,
      ...(Object.keys(crc).length ? { crc } : {}),
    };
    const key = `${ent.id}|${draft.grain}|${from}|${Object.entries(dims)
      .sort()
      .map(([a, b]) => `${a}=${b}`)
      .join('&')}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      skipped.push({
        row: rowNo,
        reason: reason(`与第 ${prev} 行重复（同一对象同一天），以前一行为准`, `Same entity and day as row ${prev}; the earlier row is kept`),
      });
      return;
    }
    seen.set(key, rowNo);
    drafts.push(draft);
  });
  return { drafts, skipped, cellIssues, rowsRead };
}
