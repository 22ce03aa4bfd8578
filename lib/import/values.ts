/**
 * Cell readers for the consoles' downloaded reports (console-sources §12): numbers come as
 * numbers or as text ("2,133", "0.45%", "¥1,020.50", "1.2万"), "-" / "" mean missing (never 0),
 * "*" is a masked small value (also missing), dates come as ISO, 2026/7/6, 20260706,
 * 2026年07月06日 or Excel serial numbers.
 */

export type CellNumber = { kind: 'num'; n: number; pct: boolean } | { kind: 'empty' } | { kind: 'masked' } | { kind: 'bad' };

const EMPTY = new Set(['', '-', '--', '—', '–', 'null', 'NULL', 'N/A', 'n/a', '/']);

/** A cell as a number. `pct` says the text carried a % sign (the value is already a decimal). */
export function readCellNumber(v: unknown): CellNumber {
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'num', n: v, pct: false } : { kind: 'bad' };
  if (typeof v === 'boolean') return { kind: 'bad' };
  if (typeof v !== 'string') return { kind: 'bad' };
  let t = v.trim().replace(/[\s\u00a0]/g, '');
  if (EMPTY.has(t)) return { kind: 'empty' };
  if (/^\*+$/.test(t)) return { kind: 'masked' };
  t = t
    .replace(/[,，]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  if (/^[-+]?\d+(\.\d+)?%$/.test(t)) return { kind: 'num', n: Number(`${t.slice(0, -1)}e-2`), pct: true };
  const wan = /^([-+]?\d+(?:\.\d+)?)(万|亿)$/.exec(t);
  if (wan?.[1]) return { kind: 'num', n: Math.round(Number(wan[1]) * (wan[2] === '万' ? 1e4 : 1e8) * 1e6) / 1e6, pct: false };
  const sec = /^(\d+(?:\.\d+)?)秒$/.exec(t);
  if (sec?.[1]) return { kind: 'num', n: Number(sec[1]), pct: false };
  const ms = /^(\d+)分(?:(\d+(?:\.\d+)?)秒)?$/.exec(t);
  if (ms?.[1]) return { kind: 'num', n: Number(ms[1]) * 60 + Number(ms[2] ?? 0), pct: false };
  const hms = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(t);
  if (hms) return { kind: 'num', n: Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]), pct: false };
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? { kind: 'num', n, pct: false } : { kind: 'bad' };
  }
  return { kind: 'bad' };
}

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** One date cell → YYYY-MM-DD (the business date as the console wrote it), or null. */
export function readCellDate(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v >= 36526 && v < 73051) {
      // An Excel serial (2000-01-01 … 2099-12-31); a time of day is dropped.
      const d = new Date(EXCEL_EPOCH + Math.floor(v) * 86400000);
      return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    if (v >= 20000101 && v <= 21001231 && Number.isInteger(v)) return readCellDate(String(v));
    return null;
  }
  if (typeof v !== 'string') return null;
  const t = v.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(t);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A date cell that may hold a window "2026-06-25~2026-07-01" (or 至 / —): [from, to]. */
export function readCellDateRange(v: unknown): [string, string] | null {
  const one = readCellDate(v);
  if (one) return [one, one];
  if (typeof v !== 'string') return null;
  const parts = v.split(/\s*(?:~|～|至|—|–|\s-\s|\|)\s*/);
  if (parts.length !== 2) return null;
  const a = readCellDate(parts[0]);
  const b = readCellDate(parts[1]);
  return a && b && a <= b ? [a, b] : null;
}

/** Header text → the form headers are compared in: no spaces, ASCII parentheses, lower-case ASCII. */
export function normHeader(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v)
    .replace(/^\ufeff/, '')
    .replace(/[\s\u00a0\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** Text of an id / name cell: trimmed, control characters to spaces, bounded; null when empty or "-". */
export function readCellText(v: unknown, max = 200): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? v.toFixed(0) : String(v)) : null;
  if (typeof v !== 'string') return null;
  const t = [...v]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
    .join('')
    .trim();
  if (EMPTY.has(t)) return null;
  return t.slice(0, max);
}

/** A console id (item, sku, campaign, content…): digits only. Numbers above 2^53 lose digits: refused. */
export function readCellId(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : null;
  const t = readCellText(v, 40)?.replace(/^'/, '');
  return t && /^\d{1,30}$/.test(t) && !/^0+$/.test(t) ? t : null;
}

/**
 * Dates named in a file name, as the consoles name their downloads
 * ("商品排行_2026-07-01_2026-07-07.xls", "店铺来源20260706.xlsx", "2026年07月06日"): [from, to].
 */
export function datesInFileName(name: string): [string, string] | null {
  const found: string[] = [];
  const re = /(20\d{2})(?:[-_.年/]?)(\d{2})(?:[-_.月/]?)(\d{2})日?/g;
  for (const m of name.matchAll(re)) {
    const d = validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) found.push(d);
  }
  if (found.length === 0) return null;
  const sorted = [...new Set(found)].sort();
  return [sorted[0] as string, sorted[sorted.length - 1] as string];
}

/** An item id named in a file name (商品360 exports: "商品360_680000000001_…"); 9–15 digits, not a date. */
export function itemIdInFileName(name: string): string | null {
  for (const m of name.matchAll(/(?<!\d)(\d{9,15})(?!\d)/g)) {
    const s = m[1] as string;
    if (/^20\d{6}$/.test(s) || /^20\d{12}$/.test(s)) continue;
    return s;
  }
  return null;
}

/** Text that was decoded with the wrong charset: replacement characters or Latin-1 mojibake of CJK. */
export function looksMisdecoded(cells: readonly unknown[]): boolean {
  let high = 0;
  let latin = 0;
  let bad = 0;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    for (const ch of c) {
      const code = ch.charCodeAt(0);
      if (code === 0xfffd) bad++;
      if (code < 0x80) continue;
      high++;
      if ((code >= 0x80 && code <= 0x2ff) || (code >= 0x2500 && code <= 0x25ff)) latin++;
    }
  }
  return bad > 0 || (high >= 4 && latin / high > 0.3);
}
