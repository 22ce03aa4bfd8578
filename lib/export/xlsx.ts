/**
 * A small streaming XLSX (Office Open XML spreadsheet) writer on fflate's streaming Zip.
 *
 * Sheets are written one after the other, row by row, with inline strings and numeric cells (no
 * shared-string table to hold in memory), so a workbook of a million values never exists as a
 * whole in the JS heap: every few dozen KB of sheet XML is deflated and handed to the sink.
 * Dates are text 'YYYY-MM-DD' (read the same by Excel, WPS and LibreOffice); ratios carry a
 * percent number format, money a thousands format.
 */
import { Zip, ZipDeflate } from 'fflate';
import type { Cell } from './csv';

export type ByteSink = (chunk: Uint8Array) => void;

/** Cell styles of styles.xml (cellXfs index). */
export const STYLE = { plain: 0, header: 1, percent: 2, money: 3 } as const;
export type StyleId = (typeof STYLE)[keyof typeof STYLE];

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

// XML 1.0 forbids most control characters even when escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly those characters
const BAD_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s.replace(BAD_XML, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A valid, unique sheet name: ≤ 31 characters, none of []:*?/\, not blank, no edge apostrophes. */
export function sheetName(raw: string, used: Set<string>): string {
  let base =
    raw
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  base = base.slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

function cellXml(ref: string, v: Cell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === undefined || v === '') return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  const t = xmlEscape(v);
  const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
}

export interface SheetOptions {
  /** Column widths in characters (optional). */
  widths?: number[];
  /** Style of each column's numeric cells (the header row is bold). */
  styles?: StyleId[];
  /** Freeze the first row (the header). */
  freezeHeader?: boolean;
}

export interface SheetWriter {
  row(cells: readonly Cell[], header?: boolean): void;
  readonly rows: number;
  end(): void;
}

/** Flush sheet XML to the deflater in pieces of about this many characters. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Start a workbook whose sheet names are known up front; then write each sheet in order with
 * `sheet(i)` … `end()`, and finish with `end()`. Bytes go to `sink` as they are produced.
 */
export class XlsxWriter {
  private readonly zip: Zip;
  private readonly enc = new TextEncoder();
  private next = 0;
  private error: Error | null = null;
  readonly names: string[];

  constructor(
    sink: ByteSink,
    sheetNames: string[],
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
  ) {
    if (!sheetNames.length) throw new Error('an XLSX workbook needs at least one sheet');
    const used = new Set<string>();
    this.names = sheetNames.map((n) => sheetName(n, used));
    this.zip = new Zip((err, data) => {
      if (err) this.error = err;
      else sink(data);
    });
    const n = this.names.length;
    const sheetIdx = this.names.map((_, i) => i + 1);
    this.file(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetIdx
        .map(
          (i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    );
    this.file(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    this.file(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${this.names
        .map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    );
    this.file(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${sheetIdx
        .map((i) => `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
        .join('')}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    this.file('xl/styles.xml', STYLES_XML);
  }

  private check(): void {
    if (this.error) throw this.error;
  }

  private file(name: string, text: string): void {
    const f = new ZipDeflate(name, { level: this.level });
    this.zip.add(f);
    f.push(this.enc.encode(text), true);
    this.check();
  }

  /** Open the next sheet (in the order of the names given to the constructor). */
  sheet(opts: SheetOptions = {}): SheetWriter {
    const index = this.next;
    if (index >= this.names.length) throw new Error('no more sheets declared');
    const f = new ZipDeflate(`xl/worksheets/sheet${index + 1}.xml`, { level: this.level });
    this.zip.add(f);
    const styles = opts.styles ?? [];
    let buf = `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">`;
    if (opts.freezeHeader)
      buf += '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
    if (opts.widths?.length)
      buf += `<cols>${opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(4, Math.min(80, w))}" customWidth="1"/>`).join('')}</cols>`;
    buf += '<sheetData>';
    let rows = 0;
    let open = true;
    const refs: string[] = [];
    const flush = (final: boolean) => {
      f.push(this.enc.encode(buf), final);
      buf = '';
      this.check();
    };
    const writer: SheetWriter = {
      row: (cells, header = false) => {
        if (!open) throw new Error('sheet already ended');
        rows++;
        let xml = `<row r="${rows}">`;
        for (let c = 0; c < cells.length; c++) {
          refs[c] ??= colName(c);
          const v = cells[c];
          xml += cellXml(`${refs[c]}${rows}`, v, header ? STYLE.header : typeof v === 'number' ? (styles[c] ?? 0) : 0);
        }
        buf += `${xml}</row>`;
        if (buf.length >= FLUSH_CHARS) flush(false);
      },
      get rows() {
        return rows;
      },
      end: () => {
        if (!open) return;
        open = false;
        buf += '</sheetData></worksheet>';
        flush(true);
        this.next++;
      },
    };
    return writer;
  }

  /** Finish the archive; every declared sheet must have been written. */
  end(): void {
    // A sheet that got no rows still has to exist for the workbook to open.
    while (this.next < this.names.length) this.sheet().end();
    this.zip.end();
    this.check();
  }
}
