import type { EntityKind, FactDraft } from '../schema/fact';

export interface Label {
  zh: string;
  en: string;
}

/** What the operator tells the preview (the file does not say it). */
export interface ImportOptions {
  shopId: string;
  /** 商品360 exports: which item (from the file name when it names one). */
  itemId?: string;
  /** Reports without a date column: the day (or first day) of the data (from the file name when it names one). */
  date?: string;
  /** Last day when the data covers a window. */
  dateTo?: string;
  /** Ad reports: attribution window in days (转化周期 / 归因窗口); the download does not say it. */
  attr?: string;
  /** 生意参谋 reports: terminal (0 所有终端, 1 PC, 2 无线); the download does not say it. */
  device?: '0' | '1' | '2';
}

/** Options a report may need the operator to give. */
export type Ask = 'itemId' | 'date' | 'attr' | 'device';

/** One sheet with its header row found. */
export interface HeaderedTable {
  file: string;
  sheet: string;
  /** Header cells as written (trimmed). */
  headers: string[];
  /** Header cells normalised (normHeader). */
  norm: string[];
  /** Data rows below the header. */
  rows: unknown[][];
  /** 1-based row number in the sheet of rows[0]. */
  firstRow: number;
}

export interface SkippedRow {
  /** 1-based row number in the sheet. */
  row: number;
  reason: Label;
}

export interface CellIssue {
  row: number;
  column: string;
  value: string;
  reason: Label;
}

export interface MapContext {
  fileName: string;
  options: ImportOptions;
  /** Period when the file has no date column: [from, to]. */
  period: [string, string] | null;
  /** Shop sources already stored: `${parentId}\n${name}` → source id (pageId), so imports land on captured ids. */
  sourceIds: ReadonlyMap<string, string>;
}

export interface MapResult {
  drafts: FactDraft[];
  skipped: SkippedRow[];
  cellIssues: CellIssue[];
  /** Data rows looked at (blank rows excluded). */
  rowsRead: number;
}

export interface ReportMapper {
  /** kebab-case; the fact source is `import:<id>`. */
  id: string;
  label: Label;
  console: Label;
  entityKind: EntityKind;
  /** Does this header row (normalised cells) identify the report? */
  identify(headers: ReadonlySet<string>): boolean;
  /** Columns the import needs (each: alternatives, normalised; the first is named in messages as written in `requiredLabels`). */
  required: readonly (readonly string[])[];
  requiredLabels: readonly string[];
  /** Headers that identify the report, as written: all of `all`, one of `any` (named in messages). */
  identifyLabels: { all: readonly string[]; any: readonly string[] };
  /** Normalised header → metric id (for the preview's list of metrics and ignored columns). */
  metricColumns: ReadonlyMap<string, string>;
  /** Normalised headers used as ids, names, dates or dimensions. */
  knownColumns: ReadonlySet<string>;
  /** Which options this report needs given its headers (before looking at what the file name says). */
  asks(headers: ReadonlySet<string>): Ask[];
  /** Whether the report wants the stored source index (shop sources). */
  wantsSourceIds?: boolean;
  map(table: HeaderedTable, ctx: MapContext): MapResult;
}
