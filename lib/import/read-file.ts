/**
 * Read a downloaded console report into plain rows: .xlsx, .xls (BIFF, or the HTML tables some
 * consoles save as .xls), .csv (UTF-8 with or without BOM, UTF-16 with BOM, or GBK) and .zip
 * (直通车 puts its CSV inside a ZIP). Every sheet of a workbook is returned.
 *
 * SheetJS (@e965/xlsx, the CE 0.20.3 build republished on npm) is imported lazily so it lands in
 * its own chunk and is only loaded when the operator imports a file.
 */
import { unzipSync } from 'fflate';
import { type ImportError, importError, MAX_FILE_BYTES } from './errors';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
  /** File.lastModified (epoch ms). */
  lastModified: number;
}

export interface Sheet {
  /** File name, or `archive.zip/inner.csv` for a file inside a ZIP. */
  file: string;
  sheet: string;
  rows: unknown[][];
  format: 'xlsx' | 'xls' | 'csv' | 'html';
  encoding?: string;
}

export type ReadResult = { ok: true; sheets: Sheet[] } | { ok: false; error: ImportError };

const MAX_ZIP_ENTRIES = 20;
const MAX_ROWS = 200_000;

type Xlsx = typeof import('@e965/xlsx');
let xlsxModule: Promise<Xlsx> | null = null;
function loadXlsx(): Promise<Xlsx> {
  xlsxModule ??= import('@e965/xlsx');
  return xlsxModule;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Text bytes → string: BOM first, then strict UTF-8, then GBK (Chromium and Node with full ICU decode it). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

function sheetRows(X: Xlsx, wb: import('@e965/xlsx').WorkBook, file: string, format: Sheet['format'], encoding?: string): Sheet[] {
  const out: Sheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const rows = X.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: false });
    out.push({ file, sheet: name, rows: rows.slice(0, MAX_ROWS), format, ...(encoding ? { encoding } : {}) });
  }
  return out;
}

async function readOne(name: string, bytes: Uint8Array, depth: number): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: importError('empty') };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: importError('too-large') };
  const X = await loadXlsx();
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      let count = 0;
      entries = unzipSync(bytes, {
        filter: (f) => {
          count++;
          return count <= 200 && f.originalSize <= MAX_FILE_BYTES;
        },
      });
    } catch (e) {
      return { ok: false, error: importError('corrupt', { text: e instanceof Error ? e.message.slice(0, 80) : undefined }) };
    }
    const names = Object.keys(entries);
    if (names.some((n) => n === '[Content_Types].xml' || n.startsWith('xl/'))) {
      // An .xlsx workbook (itself a ZIP).
      try {
        const wb = X.read(bytes, { type: 'array', dense: true, cellHTML: false, cellFormula: false, cellStyles: false });
        return { ok: true, sheets: sheetRows(X, wb, name, 'xlsx') };
      } catch (e) {
        return { ok: false, error: importError('corrupt', { text: e instanceof Error ? e.message.slice(0, 80) : undefined }) };
      }
    }
    if (depth > 0) return { ok: false, error: importError('corrupt', { text: '压缩包里又套了压缩包' }) };
    const inner = names.filter((n) => !n.endsWith('/') && !/(^|\/)(__MACOSX|\.)/.test(n) && /\.(csv|xlsx?|txt)$/i.test(n)).slice(0, MAX_ZIP_ENTRIES);
    if (inner.length === 0) return { ok: false, error: importError('empty') };
    const sheets: Sheet[] = [];
    let firstError: ImportError | null = null;
    for (const n of inner) {
      const r = await readOne(`${name}/${n}`, entries[n] as Uint8Array, depth + 1);
      if (r.ok) sheets.push(...r.sheets);
      else firstError ??= r.error;
    }
    return sheets.length ? { ok: true, sheets } : { ok: false, error: firstError ?? importError('empty') };
  }
  if (isOle(bytes)) {
    try {
      const wb = X.read(bytes, { type: 'array', dense: true, cellHTML: false, cellFormula: false, cellStyles: false });
      return { ok: true, sheets: sheetRows(X, wb, name, 'xls') };
    } catch (e) {
      return { ok: false, error: importError('corrupt', { text: e instanceof Error ? e.message.slice(0, 80) : undefined }) };
    }
  }
  // Text: CSV, or an HTML table saved with an .xls name.
  const { text, encoding } = decodeText(bytes);
  if (!text.trim()) return { ok: false, error: importError('empty') };
  // Binary garbage is not a CSV: many NULs or control characters.
  let ctl = 0;
  const probe = text.slice(0, 4096);
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) ctl++;
  }
  if (ctl > probe.length * 0.05) return { ok: false, error: importError('corrupt', { text: '不是文本表格' }) };
  const html = /^\s*<(!doctype|html|table|meta|head|body)/i.test(text);
  try {
    const wb = X.read(text, { type: 'string', raw: true, dense: true, cellHTML: false, cellFormula: false, cellStyles: false });
    return { ok: true, sheets: sheetRows(X, wb, name, html ? 'html' : 'csv', encoding) };
  } catch (e) {
    return { ok: false, error: importError('corrupt', { text: e instanceof Error ? e.message.slice(0, 80) : undefined }) };
  }
}

/** Read every table of a downloaded file (ZIP entries included). Never throws. */
export async function readReportFile(file: InputFile): Promise<ReadResult> {
  try {
    return await readOne(file.name, file.bytes, 0);
  } catch (e) {
    return { ok: false, error: importError('corrupt', { text: e instanceof Error ? e.message.slice(0, 80) : undefined }) };
  }
}
