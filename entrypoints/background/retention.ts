/**
 * Retention and deletion messages (options page), and the daily retention pass: on startup and
 * after an ingest, at most once a day, without the alarms permission.
 */
import type { OpsRadarDB } from '@/lib/db/database';
import { applyRetention, deleteShopData, RETENTION_EVERY_MS, retentionDue } from '@/lib/db/retention';
import { onMessage } from '@/lib/messaging/protocol';
import { getSettings } from '@/lib/settings';

/** In-memory guard so an ingest burst does not read the state row per capture. */
let lastCheckAt = 0;

/** Apply settings.retentionDays if the daily pass is due; never throws. */
export async function maybeApplyRetention(db: OpsRadarDB, now = Date.now()): Promise<{ cutoff: string | null; deleted: number } | null> {
  if (now - lastCheckAt < RETENTION_EVERY_MS / 24 && now >= lastCheckAt) return null;
  lastCheckAt = now;
  try {
    if (!(await retentionDue(db, now))) return null;
    return await applyRetention(db, (await getSettings(db)).retentionDays, now);
  } catch (e) {
    console.warn('[opsradar] retention failed', e);
    return null;
  }
}

/** For tests: forget the in-memory guard. */
export function resetRetentionGuard(): void {
  lastCheckAt = 0;
}

export function registerRetention(db: OpsRadarDB): void {
  onMessage('deleteShopData', async ({ data }) => deleteShopData(db, data.shopId));
  onMessage('applyRetention', async () => applyRetention(db, (await getSettings(db)).retentionDays));
  void maybeApplyRetention(db);
}
