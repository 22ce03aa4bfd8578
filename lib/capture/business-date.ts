/** Asia/Shanghai has no daylight saving: business day = UTC + 8 h. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Accepts epoch ms (Beijing midnight), `YYYY-MM-DD` or `YYYYMMDD`; null when it is neither. */
export function toBusinessDate(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 1e11) return shanghaiDate(v);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    if (/^\d{12,14}$/.test(v)) return shanghaiDate(Number(v));
  }
  return null;
}

export function addDays(date: string, n: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today's business date in Asia/Shanghai. */
export function todayShanghai(now = Date.now()): string {
  return shanghaiDate(now);
}
