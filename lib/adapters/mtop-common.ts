/**
 * The mtop gateway (h5api.m.taobao.com) shared by 千牛 and some 生意参谋 pages (console-sources
 * §7.1): envelope `{ api, v, ret: ["SUCCESS::调用成功"], data }`, JSONP `mtopjsonpN({...})`,
 * session/token failures as login walls, risk control (`FAIL_SYS_USER_VALIDATE`, the slider) as a
 * platform error that names it.
 */
import type { Unwrapped } from '../capture/envelope';
import { isRecord, jsonObjectReply, sample } from './read';
import type { FieldIssue } from './types';

export const MTOP_HOST = 'h5api.m.taobao.com';

const LOGIN_RET = /^FAIL_SYS_(SESSION_EXPIRED|TOKEN_EMPTY|TOKEN_EXOIRED|TOKEN_EXPIRED|ILLEGAL_ACCESS|LOGIN)|^FAIL_BIZ_.*LOGIN|SESSION_EXPIRED/;

/** mtop envelope `{ api, v, ret: ["SUCCESS::调用成功"], data }` (§7.1). */
export function unwrapMtop(text: string): Unwrapped {
  let t = text.trim();
  // type=jsonp: mtopjsonp1({...})
  const jsonp = /^[A-Za-z_$][\w$]*\(([\s\S]*)\)\s*;?$/.exec(t);
  if (jsonp?.[1] !== undefined) t = jsonp[1];
  const reply = jsonObjectReply(text, t);
  if (!reply.ok) return reply;
  const body = reply.body;
  const ret = Array.isArray(body.ret) ? body.ret.filter((r): r is string => typeof r === 'string') : typeof body.ret === 'string' ? [body.ret] : null;
  if (!ret || ret.length === 0) return { ok: false, kind: 'not-json', message: '未知的返回结构（没有 ret）' };
  const first = ret[0] ?? '';
  if (first.startsWith('SUCCESS')) return { ok: true, data: body.data };
  const message = ret.join(' ').slice(0, 200);
  if (LOGIN_RET.test(first)) return { ok: false, kind: 'login', message: `登录已过期：${message}` };
  if (first.startsWith('FAIL_SYS_USER_VALIDATE')) return { ok: false, kind: 'platform-error', message: `触发了安全验证（滑块）：${message}` };
  return { ok: false, kind: 'platform-error', message };
}

/** `data.result` (or `data` itself) as an object: it is a JSON string on 千牛 APIs. */
export function mtopResult(data: unknown, issues: FieldIssue[]): unknown {
  const r = isRecord(data) && 'result' in data ? data.result : data;
  if (typeof r !== 'string') return r;
  try {
    return JSON.parse(r);
  } catch {
    issues.push({ path: 'data.result', message: '不是合法的 JSON 字符串', sample: sample(r) });
    return undefined;
  }
}

/** The request's mtop `data` parameter (query or form body), parsed; null when absent or bad. */
export function mtopRequestData(url: URL, body?: string): Record<string, unknown> | null {
  let raw = url.searchParams.get('data');
  if (raw === null && body) {
    try {
      raw = new URLSearchParams(body).get('data');
    } catch {
      raw = null;
    }
  }
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return isRecord(v) ? v : null;
  } catch {
    return null;
  }
}
