/**
 * CSV and TSV text for spreadsheets (RFC 4180). Text cells that a spreadsheet would read as a
 * formula (= + - @, or a leading tab / CR) get a leading apostrophe; numbers stay numbers, so a
 * real negative value is written as -12.5, never as text.
 */
export type Cell = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel opens a UTF-8 CSV as ANSI and garbles Chinese. */
export const BOM = '\uFEFF';

const RISKY = /^[=+\-@\t\r]/;

/** Neutralize a text cell against formula injection (CSV injection, OWASP). */
export function neutralize(s: string): string {
  return RISKY.test(s) ? `'${s}` : s;
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  const s = neutralize(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with its CRLF line end. */
export function csvRow(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += (i ? ',' : '') + csvCell(cells[i]);
  return `${out}\r\n`;
}

/**
 * Rows as tab-separated text for the clipboard (paste into Excel / WPS): tabs and line breaks
 * inside a cell become spaces (TSV has no quoting that every spreadsheet honours), text cells
 * are neutralized like in CSV.
 */
export function toTsv(rows: readonly (readonly Cell[])[]): string {
  return rows
    .map((r) =>
      r
        .map((v) => {
          if (v === null || v === undefined) return '';
          if (typeof v === 'number') return numberText(v);
          return neutralize(v.replace(/[\t\r\n]+/g, ' '));
        })
        .join('\t'),
    )
    .join('\n');
}

/** A file name without characters Windows, macOS or the download shelf refuse. */
export function safeFileName(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 150);
}
