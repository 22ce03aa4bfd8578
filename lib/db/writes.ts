import type { FieldIssue } from '../adapters/types';
import { shanghaiDate } from '../capture/business-date';
import type { ProcessResult } from '../capture/process';
import type { Fact } from '../schema/fact';
import { type CaptureLogEntry, LOG_KEEP, type OpsRadarDB } from './database';

function sameNumbers(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

/**
 * Merge an incoming fact into the stored one: per metric, the newer capture wins; metrics only
 * one side has are kept. Returns null when nothing would change (so a repeat is a no-op).
 */
export function mergeFact(existing: Fact | undefined, incoming: Fact, now: number): Fact | null {
  if (!existing) return { ...incoming, updatedAt: now };
  const newer = incoming.capturedAt >= existing.capturedAt;
  const values = newer ? { ...existing.values, ...incoming.values } : { ...incoming.values, ...existing.values };
  const crcIn = incoming.crc ?? {};
  const crcEx = existing.crc ?? {};
  const crc = newer ? { ...crcEx, ...crcIn } : { ...crcIn, ...crcEx };
  const ranges = newer ? { ...existing.ranges, ...incoming.ranges } : { ...incoming.ranges, ...existing.ranges };
  const entityName = (newer ? (incoming.entityName ?? existing.entityName) : (existing.entityName ?? incoming.entityName)) ?? undefined;
  const same =
    sameNumbers(values, existing.values) &&
    sameNumbers(crc, existing.crc) &&
    JSON.stringify(ranges) === JSON.stringify(existing.ranges ?? {}) &&
    entityName === existing.entityName;
  if (same) return null;
  const merged: Fact = {
    ...existing,
    values,
    source: newer ? incoming.source : existing.source,
    capturedAt: Math.max(existing.capturedAt, incoming.capturedAt),
    updatedAt: now,
  };
  if (Object.keys(crc).length) merged.crc = crc;
  if (Object.keys(ranges).length) merged.ranges = ranges;
  if (entityName !== undefined) merged.entityName = entityName;
  return merged;
}

export interface IngestOutcome {
  written: number;
  unchanged: number;
}

type FactsListener = (facts: readonly Fact[]) => void;
const factListeners = new Set<FactsListener>();

/**
 * Be told of the facts a capture stored (merged, as they are now in the database), after its
 * transaction committed. The background's rule runs use it to re-run only what changed.
 */
export function onFactsWritten(listener: FactsListener): () => void {
  factListeners.add(listener);
  return () => factListeners.delete(listener);
}

/**
 * Write one processed capture: facts (upsert), shop, capture-health counters and the capture
 * log, all in one transaction — a capture is either wholly recorded or not at all.
 */
export async function recordCapture(db: OpsRadarDB, r: ProcessResult, extra: { url: string; at: number; tabId?: number }): Promise<IngestOutcome> {
  let stored: Fact[] = [];
  const out = await db.transaction('rw', [db.facts, db.shops, db.health, db.captures], async () => {
    let written = 0;
    let unchanged = 0;
    if (r.facts.length) {
      const existing = await db.facts.bulkGet(r.facts.map((f) => f.id));
      // Several drafts of one capture may share an id (e.g. a trend and a block): fold them first.
      const pending = new Map<string, Fact>();
      r.facts.forEach((f, i) => {
        const m = mergeFact(pending.get(f.id) ?? existing[i], f, extra.at);
        if (m) pending.set(f.id, m);
      });
      const toPut = [...pending.values()];
      if (toPut.length) await db.facts.bulkPut(toPut);
      stored = toPut;
      written = toPut.length;
      unchanged = new Set(r.facts.map((f) => f.id)).size - written;
    }

    // The shop row changes only when it is new, renamed, or got new data: a repeat changes nothing.
    if (r.shop && (written > 0 || r.outcome === 'stored')) {
      const prev = await db.shops.get(r.shop.id);
      const renamed = !prev || prev.title !== r.shop.title || prev.mainUserName !== r.shop.mainUserName || prev.mainUserId !== r.shop.mainUserId;
      if (renamed || written > 0)
        await db.shops.put({
          ...prev,
          ...r.shop,
          firstSeenAt: prev?.firstSeenAt ?? extra.at,
          lastSeenAt: written > 0 ? extra.at : (prev?.lastSeenAt ?? extra.at),
        });
    }

    const outcome = r.outcome === 'stored' && written === 0 ? 'unchanged' : r.outcome;
    await bumpHealth(db, r, outcome, extra.at);

    const entry: CaptureLogEntry = {
      at: extra.at,
      shopId: r.shopId,
      adapter: r.adapter,
      route: r.route,
      url: extra.url.slice(0, 300),
      outcome,
      facts: written,
      ...(r.message ? { message: r.message } : {}),
      ...(extra.tabId !== undefined ? { tabId: extra.tabId } : {}),
    };
    await db.captures.add(entry);
    const n = await db.captures.count();
    if (n > LOG_KEEP) {
      const old = await db.captures
        .orderBy('seq')
        .limit(n - LOG_KEEP)
        .primaryKeys();
      await db.captures.bulkDelete(old);
    }
    return { written, unchanged };
  });
  if (stored.length) {
    for (const l of factListeners) {
      try {
        l(stored);
      } catch {
        /* a listener's failure is not the capture's: it is stored */
      }
    }
  }
  return out;
}

async function bumpHealth(db: OpsRadarDB, r: ProcessResult, outcome: string, at: number): Promise<void> {
  // Unmatched URLs are not worth a row each; they share one.
  const adapter = r.adapter ?? '_';
  const route = r.route ?? 'unmatched';
  const id = `${adapter}|${route}`;
  const row = (await db.health.get(id)) ?? { id, adapter, route, counts: {}, metricsSeen: [] };
  row.counts.matched = (row.counts.matched ?? 0) + (r.adapter ? 1 : 0);
  row.counts[outcome] = (row.counts[outcome] ?? 0) + 1;
  const ok = outcome === 'stored' || outcome === 'unchanged';
  if (ok) {
    row.lastOkAt = at;
    const now = new Set<string>();
    for (const f of r.facts) for (const k of [...Object.keys(f.values), ...Object.keys(f.ranges ?? {})]) now.add(k);
    // Drift: a metric this route used to deliver and no longer does.
    const missing: Record<string, number> = {};
    for (const k of row.metricsSeen) if (!now.has(k)) missing[k] = (row.missing?.[k] ?? 0) + 1;
    row.missing = missing;
    row.metricsSeen = [...new Set([...row.metricsSeen, ...now])].sort();
  }
  const today = shanghaiDate(at);
  const day = row.day?.date === today ? row.day : { date: today, ok: 0, skipped: 0 };
  if (ok) day.ok++;
  else if (r.adapter) day.skipped++;
  row.day = day;
  const issue: FieldIssue | undefined = r.issues[0];
  if (issue) row.lastIssue = { at, path: issue.path, message: issue.message, ...(issue.sample ? { sample: issue.sample.slice(0, 120) } : {}) };
  await db.health.put(row);
}

/** What the operator reads when IndexedDB refuses a write for lack of space. */
export const QUOTA_MESSAGE = '浏览器存储空间已满：采集已暂停，请在设置中清理旧数据';
export const QUOTA_MESSAGE_EN = 'Browser storage is full: capture is paused. Delete old data in the options page.';

/** A write refused for lack of space (DOMException QuotaExceededError, possibly wrapped by Dexie). */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const o = x as { name?: unknown; message?: unknown; inner?: unknown; failures?: unknown[] };
    if (/quota/i.test(`${String(o.name ?? '')} ${String(o.message ?? '')}`)) return true;
    x = o.inner ?? o.failures?.[0];
  }
  return false;
}

/**
 * After a capture's transaction failed with a quota error (it was rolled back as a whole):
 * pause capture and leave the reason in capture health and the capture log. Small writes in
 * their own transactions, each allowed to fail: with the disk truly full, at least the pause
 * (one small row) usually still fits.
 */
export async function pauseForQuota(
  db: OpsRadarDB,
  c: { at: number; url: string; adapter: string | null; route: string | null; shopId: string | null; tabId?: number | undefined },
): Promise<void> {
  try {
    await db.transaction('rw', db.settings, async () => {
      const row = await db.settings.get('settings');
      const value = row?.value && typeof row.value === 'object' ? row.value : {};
      await db.settings.put({ key: 'settings', value: { ...value, capturePaused: true } });
      await db.settings.put({ key: 'captureHalt', value: { reason: 'quota', at: c.at, message: QUOTA_MESSAGE, messageEn: QUOTA_MESSAGE_EN } });
    });
  } catch {
    /* nothing more can be done */
  }
  try {
    await db.transaction('rw', [db.health, db.captures], async () => {
      if (c.adapter && c.route) {
        const id = `${c.adapter}|${c.route}`;
        const row = (await db.health.get(id)) ?? { id, adapter: c.adapter, route: c.route, counts: {}, metricsSeen: [] };
        row.counts.quota = (row.counts.quota ?? 0) + 1;
        row.lastIssue = { at: c.at, path: '', message: QUOTA_MESSAGE };
        const today = shanghaiDate(c.at);
        const day = row.day?.date === today ? row.day : { date: today, ok: 0, skipped: 0 };
        day.skipped++;
        row.day = day;
        await db.health.put(row);
      }
      await db.captures.add({
        at: c.at,
        shopId: c.shopId,
        adapter: c.adapter,
        route: c.route,
        url: c.url.slice(0, 300),
        outcome: 'storage-full',
        facts: 0,
        message: QUOTA_MESSAGE,
        ...(c.tabId !== undefined ? { tabId: c.tabId } : {}),
      });
    });
  } catch {
    /* the settings flag above is what stops further writes */
  }
}
