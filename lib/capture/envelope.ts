/**
 * Unwrapping the consoles' envelopes (console-sources §1.2, §2.6): portal
 * `{hasError, content:{code,data,message}}`, module `{code, message, data}`, service
 * `{code, success, data}`. Login walls show up as HTML or code 5810.
 */
export type Unwrapped = { ok: true; data: unknown } | { ok: false; kind: 'login' | 'platform-error' | 'not-json'; message: string };

const LOGIN_CODES = new Set([5810]);

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; html: boolean } {
  // Find the first non-blank character without copying a multi-megabyte string.
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (text.charCodeAt(i) === 60 /* < */) return { ok: false, html: true };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, html: false };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function looksLikeLoginHtml(text: string, finalUrl?: string): boolean {
  if (finalUrl && /\/custom\/login\.htm|login\.taobao\.com|_____tmd_____\/punish/.test(finalUrl)) return true;
  return /login\.htm|登录|_____tmd_____/.test(text.slice(0, 20000));
}

export function unwrapSycm(text: string): Unwrapped {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    if (parsed.html && looksLikeLoginHtml(text)) return { ok: false, kind: 'login', message: '返回了登录页（登录已过期）' };
    return { ok: false, kind: 'not-json', message: parsed.html ? '返回了 HTML 页面而不是数据' : '返回内容不是 JSON' };
  }
  const body = parsed.value;
  if (!isRecord(body)) return { ok: false, kind: 'not-json', message: '返回内容不是对象' };
  // Portal style: check hasError first, then content.code.
  if ('content' in body && isRecord(body.content)) {
    const c = body.content;
    const code = typeof c.code === 'number' ? c.code : Number(c.code ?? 0);
    if (LOGIN_CODES.has(code)) return { ok: false, kind: 'login', message: String(c.message ?? '未登录') };
    if (body.hasError === true || code !== 0) return { ok: false, kind: 'platform-error', message: `code ${code}: ${String(c.message ?? '')}`.slice(0, 200) };
    return { ok: true, data: c.data };
  }
  if ('code' in body) {
    const code = typeof body.code === 'number' ? body.code : Number(body.code);
    if (LOGIN_CODES.has(code)) return { ok: false, kind: 'login', message: String(body.message ?? '未登录') };
    if (code !== 0 || body.hasError === true || body.success === false)
      return { ok: false, kind: 'platform-error', message: `code ${code}: ${String(body.message ?? '')}`.slice(0, 200) };
    return { ok: true, data: body.data };
  }
  if (body.hasError === true) return { ok: false, kind: 'platform-error', message: 'hasError' };
  return { ok: false, kind: 'not-json', message: '未知的返回结构' };
}
