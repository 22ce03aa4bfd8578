/**
 * Helpers shared by the alimama-family ad consoles (万相台无界, 引力魔方, 直通车): the alimama reply
 * envelope, request date windows and row dates → periods, request bodies (JSON or form with JSON
 * fields), row ids and names, the attribution window.
 */
import { toBusinessDate, todayShanghai } from '../capture/business-date';
import type { Unwrapped } from '../capture/envelope';
import type { Grain } from '../schema/fact';
import { isRecord, jsonObjectReply, sample } from './read';
import type { FieldIssue } from './types';

/**
 * Alimama envelope `{ data, info: { ok, message, errorCode } }` (万相台, 引力魔方). Login walls
 * come back as HTML or as `info.ok=false` with a login error code/message.
 */
export function unwrapAlimama(text: string): Unwrapped {
  const reply = jsonObjectReply(text);
  if (!reply.ok) return reply;
  const body = reply.body;
  const info = isRecord(body.info) ? body.info : null;
  const ok = info ? info.ok : body.success;
  if (ok === true || ok === 'true') return { ok: true, data: body.data };
  if (info || body.success === false) {
    const code = String((info ? info.errorCode : body.errorCode) ?? '');
    const message = String((info ? info.message : body.message) ?? '');
    const login = /LOGIN|SESSION|NO_PERMISSION_LOGIN|TOKEN/i.test(code) || /登录/.test(message);
    return { ok: false, kind: login ? 'login' : 'platform-error', message: `${code ? `${code}: ` : ''}${message}`.slice(0, 200) || '请求失败' };
  }
  return { ok: false, kind: 'not-json', message: '未知的返回结构' };
}

export interface AdPeriod {
  grain: Grain;
  date: string;
  /** `to` for ranges. */
  dims: Record<string, string>;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A request's date window → period. Today → live; a window ending today or later is unfinished. */
export function adPeriod(from: unknown, to: unknown, capturedAt: number): AdPeriod | FieldIssue {
  const a = toBusinessDate(typeof from === 'string' ? from.trim().slice(0, 10) : from);
  const b = toBusinessDate(typeof to === 'string' ? to.trim().slice(0, 10) : (to ?? from));
  if (!a || !b || a > b) return { path: 'requestBody.startTime', message: '请求里没有可识别的日期范围', sample: sample({ from, to }) };
  const today = todayShanghai(capturedAt);
  if (a === b) return a >= today ? { grain: 'live', date: a, dims: {} } : { grain: 'day', date: a, dims: {} };
  if (b >= today) return { path: 'requestBody.endTime', message: '区间包含今天，数据未结束，未保存', sample: `${a}~${b}` };
  return { grain: 'range', date: a, dims: { to: b } };
}

/** One row's own date (per-day split) → day, or live for today. */
export function rowDay(v: unknown, capturedAt: number): AdPeriod | null {
  const d = toBusinessDate(typeof v === 'string' ? v.trim().slice(0, 10) : v);
  if (!d || !ISO.test(d)) return null;
  return d >= todayShanghai(capturedAt) ? { grain: 'live', date: d, dims: {} } : { grain: 'day', date: d, dims: {} };
}

/** Request body: JSON, or a form whose `queryParam`/`rptQuery` field holds JSON. */
export function readBody(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(t);
      return isRecord(v) ? v : null;
    } catch {
      return null;
    }
  }
  try {
    const form = new URLSearchParams(t);
    const out: Record<string, unknown> = {};
    for (const [k, v] of form) {
      const s = v.trim();
      if (s.startsWith('{') || s.startsWith('[')) {
        try {
          out[k] = JSON.parse(s);
          continue;
        } catch {
          /* keep the raw string */
        }
      }
      out[k] = v;
    }
    return out;
  } catch {
    return null;
  }
}

/** First present id-like field as a string (ids may be numbers or numeric strings). */
export function pickId(row: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'number' && Number.isFinite(v) && Number.isInteger(v) && v >= 0) return String(v);
    if (typeof v === 'string' && /^[\w.:-]{1,64}$/.test(v.trim())) return v.trim();
  }
  return null;
}

export function pickName(row: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
  }
  return undefined;
}

/** The attribution window as a dim value ('3', '7', '15', '30', …); null when absent or odd. */
export function attrOf(v: unknown): string | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  return /^-?\d{1,3}$/.test(s) ? s : null;
}

/** Entity kinds an ad report row can describe besides the shop itself. */
export type AdEntityKind = 'keyword' | 'crowd' | 'creative' | 'item' | 'adgroup' | 'campaign';

export const ID_FIELDS: Record<AdEntityKind, { id: readonly string[]; name: readonly string[] }> = {
  keyword: { id: ['bidwordId', 'wordId', 'keywordId'], name: ['bidwordName', 'wordName', 'bidwordstr', 'word', 'keyword'] },
  crowd: { id: ['crowdId', 'targetId'], name: ['crowdName', 'targetName'] },
  creative: { id: ['creativeId'], name: ['creativeName', 'creativeTitle'] },
  item: { id: ['promotionId', 'itemId', 'auctionId', 'materialId'], name: ['promotionName', 'itemName', 'itemTitle', 'title'] },
  adgroup: { id: ['adgroupId'], name: ['adgroupName', 'adgroupTitle'] },
  campaign: { id: ['campaignId'], name: ['campaignName', 'campaignTitle'] },
};

const DATE_FIELDS = ['thedate', 'theDate', 'date', 'statDate', 'dataDate'] as const;

export function rowDate(row: Record<string, unknown>): unknown {
  for (const k of DATE_FIELDS) if (row[k] !== undefined && row[k] !== null && row[k] !== '') return row[k];
  return undefined;
}
