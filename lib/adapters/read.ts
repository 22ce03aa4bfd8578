import type { FieldIssue } from './types';

/**
 * Defensive field readers shared by adapters: consoles send numbers as numbers, numeric
 * strings ("2,133", "0.45%") or wrapped `{ value, cycleCrc }` objects, and `null`/"-" for empty.
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sample(v: unknown, max = 120): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export type NumRead = { kind: 'num'; n: number } | { kind: 'empty' } | { kind: 'bad' };

export function readNumber(v: unknown): NumRead {
  if (v === null || v === undefined || v === '' || v === '-') return { kind: 'empty' };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'num', n: v } : { kind: 'bad' };
  if (typeof v === 'string') {
    const t = v.trim().replace(/,/g, '');
    if (/^-?\d+(\.\d+)?%$/.test(t)) return { kind: 'num', n: Number(`${t.slice(0, -1)}e-2`) };
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return { kind: 'num', n: Number(t) };
  }
  return { kind: 'bad' };
}

/** Read a wrapped `{ value, cycleCrc }` (or bare scalar); issues are appended for bad values. */
/** `key`: field under `path`; the full path string is only built when there is an issue (hot loop). */
export function readWrapped(v: unknown, path: string, issues: FieldIssue[], key?: string): { value?: number; crc?: number } {
  const raw = isRecord(v) ? v.value : v;
  const r = readNumber(raw);
  const out: { value?: number; crc?: number } = {};
  if (r.kind === 'num') out.value = r.n;
  else if (r.kind === 'bad') issues.push({ path: `${key === undefined ? path : `${path}.${key}`}.value`, message: '不是数字', sample: sample(raw) });
  if (isRecord(v)) {
    const c = readNumber(v.cycleCrc);
    if (c.kind === 'num') out.crc = c.n;
  }
  return out;
}
