import { unwrapSycm } from '../capture/envelope';
import { metricForSource } from '../metrics';
import type { FactDraft, Grain } from '../schema/fact';
import { isRecord, readWrapped } from './read';
import type { FieldIssue } from './types';

export const SYCM_HOST = 'sycm.taobao.com';
export { unwrapSycm };

export interface SycmPeriod {
  grain: Grain;
  date: string;
  dims: Record<string, string>;
}

/**
 * The period a sycm request asks for (console-sources §2.2): `dateType` + `dateRange=A|B`.
 * Multi-day windows keep their end as a dimension so recent7 never overwrites a day.
 */
export function sycmPeriod(url: URL): SycmPeriod | null {
  const type = url.searchParams.get('dateType') ?? 'day';
  const range = (url.searchParams.get('dateRange') ?? '').split('|');
  const from = range[0] ?? '';
  const to = range[1] ?? from;
  const dims: Record<string, string> = {};
  const device = url.searchParams.get('device');
  if (device && /^[0-2]$/.test(device)) dims.device = device;
  else dims.device = '0';
  if (type === 'today') {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(to) ? to : '';
    return d ? { grain: 'live', date: d, dims } : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return null;
  if (type === 'day' && from === to) return { grain: 'day', date: from, dims };
  if (type === 'week') return { grain: 'week', date: from, dims: { ...dims, to } };
  if (type === 'month') return { grain: 'month', date: from, dims: { ...dims, to } };
  return { grain: 'range', date: from, dims: { ...dims, to } };
}

/**
 * A block `{ code: { value, cycleCrc }, … }` → catalog metric values. Unknown codes are left
 * out (counted by the caller), bad values become field issues.
 */
export function readMetricBlock(
  block: Record<string, unknown>,
  path: string,
  issues: FieldIssue[],
): { values: Record<string, number>; crc: Record<string, number> } {
  const values: Record<string, number> = {};
  const crc: Record<string, number> = {};
  for (const [code, v] of Object.entries(block)) {
    const m = metricForSource('sycm', code);
    if (!m) continue;
    const r = readWrapped(v, path, issues, code);
    if (r.value !== undefined) values[m.id] = r.value;
    if (r.crc !== undefined) crc[m.id] = r.crc;
  }
  return { values, crc };
}

export const PEER_NAMES: Record<string, string> = { rivalAvg: '同行平均', rivalGood: '同行优秀' };

/** self / rivalAvg / rivalGood blocks of one period → shop and peer facts. */
export function selfAndPeerFacts(data: Record<string, unknown>, period: SycmPeriod, shopId: string, issues: FieldIssue[]): FactDraft[] {
  const facts: FactDraft[] = [];
  for (const block of ['self', 'rivalAvg', 'rivalGood'] as const) {
    const b = data[block];
    if (b === undefined || b === null) continue;
    if (!isRecord(b)) {
      issues.push({ path: block, message: '不是对象' });
      continue;
    }
    const { values, crc } = readMetricBlock(b, block, issues);
    if (Object.keys(values).length === 0) continue;
    const isSelf = block === 'self';
    facts.push({
      entityKind: isSelf ? 'shop' : 'peer',
      entityId: isSelf ? shopId : block,
      ...(isSelf ? {} : { entityName: PEER_NAMES[block] }),
      grain: period.grain,
      date: period.date,
      dims: period.dims,
      values,
      ...(Object.keys(crc).length ? { crc } : {}),
    });
  }
  return facts;
}
