import { looksLikeLoginHtml, parseJsonText, type Unwrapped } from '../capture/envelope';
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

/**
 * A console reply as a JSON object, or the failure its unwrapper reports: a login page, other HTML,
 * text that is not JSON, JSON that is not an object. `json` is the part to parse when the reply wraps
 * it (JSONP); the login check always looks at the whole `text`.
 */
export function jsonObjectReply(text: string, json = text): { ok: true; body: Record<string, unknown> } | Extract<Unwrapped, { ok: false }> {
  const parsed = parseJsonText(json);
  if (!parsed.ok) {
    if (parsed.html && looksLikeLoginHtml(text)) return { ok: false, kind: 'login', message: '返回了登录页（登录已过期）' };
    return { ok: false, kind: 'not-json', message: parsed.html ? '返回了 HTML 页面而不是数据' : '返回内容不是 JSON' };
  }
  if (!isRecord(parsed.value)) return { ok: false, kind: 'not-json', message: '返回内容不是对象' };
  return { ok: true, body: parsed.value };
}

/** The row array of a list payload: the payload itself, or the first array under `keys` (in that order), looking into nested objects. */
export function findRows(data: unknown, keys: readonly string[]): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return null;
  for (const k of keys) {
    const v = data[k];
    if (Array.isArray(v)) return v;
    if (isRecord(v)) {
      const inner = findRows(v, keys);
      if (inner) return inner;
    }
  }
  return null;
}
