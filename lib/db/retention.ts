/**
 * Data retention and deletion (options page → background; the background is the only writer).
 * Retention keeps the last N business days (Asia/Shanghai) of facts; deletion removes one shop
 * with everything tied to it. Pure Dexie code: runs the same in the service worker and in tests.
 */
import { addDays, shanghaiDate } from '../capture/business-date';
import { NOTIFY_STATE_KEY } from '../notify/digest';
import { getSettings, SettingsSchema } from '../settings';
import { WEBHOOK_P0_STATE_KEY } from '../team/webhooks';
import type { OpsRadarDB } from './database';

const BY_DATE = '[shopId+date]';
export const RETENTION_STATE_KEY = 'retentionState';
/** The background applies retention at most this often (on startup and after an ingest). */
export const RETENTION_EVERY_MS = 24 * 3600 * 1000;

/** First business date kept when keeping `days` days, today included; null = keep everything. */
export function retentionCutoff(days: number | null, now = Date.now()): string | null {
  if (days === null || !Number.isFinite(days) || days <= 0) return null;
  return addDays(shanghaiDate(now), -(Math.floor(days) - 1));
}

/**
 * Every shop id that has facts, read off the `[shopId+date]` index one seek per shop
 * (the shops table could miss one; listing all keys of a year of facts would not be cheap).
 */
export async function factShopIds(db: OpsRadarDB): Promise<string[]> {
  const out: string[] = [];
  let from: [string, string] = ['', ''];
  for (;;) {
    const next = await db.facts.where(BY_DATE).aboveOrEqual(from).first();
    if (!next) return out;
    out.push(next.shopId);
    from = [`${next.shopId}\u0000`, ''];
  }
}

/** How many facts a cutoff would delete (options page preview; read-only). */
export async function countFactsBefore(db: OpsRadarDB, cutoff: string): Promise<number> {
  let n = 0;
  for (const id of await factShopIds(db)) n += await db.facts.where(BY_DATE).between([id, ''], [id, cutoff]).count();
  return n;
}

/** Delete facts dated before the cutoff of `days` (null = keep everything). Records when it ran. */
export async function applyRetention(db: OpsRadarDB, days: number | null, now = Date.now()): Promise<{ cutoff: string | null; deleted: number }> {
  const cutoff = retentionCutoff(days, now);
  let deleted = 0;
  if (cutoff) {
    // One transaction per shop: a large history is not held in one long write lock.
    for (const id of await factShopIds(db)) {
      deleted += await db.transaction('rw', db.facts, () => db.facts.where(BY_DATE).between([id, ''], [id, cutoff]).delete());
    }
  }
  await db.settings.put({ key: RETENTION_STATE_KEY, value: { lastRunAt: now, cutoff, deleted } });
  return { cutoff, deleted };
}

/** Whether the daily retention pass is due. */
export async function retentionDue(db: OpsRadarDB, now = Date.now()): Promise<boolean> {
  const row = await db.settings.get(RETENTION_STATE_KEY);
  const last = (row?.value as { lastRunAt?: unknown } | undefined)?.lastRunAt;
  return typeof last !== 'number' || now - last >= RETENTION_EVERY_MS || last > now;
}

export interface ShopDeletionResult {
  facts: number;
  findings: number;
  captures: number;
  health: number;
  /** 操作日志 entries and team tasks of the shop. */
  journal: number;
  tasks: number;
  shop: boolean;
}

/**
 * Delete one shop: its facts, findings, capture-log lines, journal entries, tasks, the shop row
 * and its settings (profile, current-shop pointer, notification and webhook P0 memory). Capture-health rows count per console
 * route, not per shop: they are cleared when no shop is left, otherwise only their trimmed
 * samples are dropped (a sample may have come from this shop). All or nothing.
 */
export async function deleteShopData(db: OpsRadarDB, shopId: string): Promise<ShopDeletionResult> {
  return db.transaction('rw', [db.facts, db.findings, db.captures, db.shops, db.health, db.settings, db.journal, db.tasks], async () => {
    const facts = await db.facts.where(BY_DATE).between([shopId, ''], [shopId, '\uffff'], true, true).delete();
    const findings = await db.findings.where('shopId').equals(shopId).delete();
    const captures = await db.captures.where('shopId').equals(shopId).delete();
    const journal = await db.journal.where('shopId').equals(shopId).delete();
    const tasks = await db.tasks.where('shopId').equals(shopId).delete();
    const shop = (await db.shops.get(shopId)) !== undefined;
    await db.shops.delete(shopId);
    let health: number;
    if ((await db.shops.count()) === 0) {
      health = await db.health.count();
      await db.health.clear();
    } else {
      health = await db.health
        .filter((h) => h.lastIssue?.sample !== undefined)
        .modify((h) => {
          if (h.lastIssue) delete h.lastIssue.sample;
        });
    }
    const s = await getSettings(db);
    const { [shopId]: _p, ...profiles } = s.profiles;
    await db.settings.put({
      key: 'settings',
      value: SettingsSchema.parse({ ...s, profiles, currentShopId: s.currentShopId === shopId ? null : s.currentShopId }),
    });
    for (const key of [NOTIFY_STATE_KEY, WEBHOOK_P0_STATE_KEY]) {
      const ns = await db.settings.get(key);
      const announced = (ns?.value as { announced?: Record<string, { shopId?: string }> } | undefined)?.announced;
      if (ns && announced) {
        const kept = Object.fromEntries(Object.entries(announced).filter(([, v]) => v.shopId !== shopId));
        await db.settings.put({ key: ns.key, value: { ...(ns.value as object), announced: kept } });
      }
    }
    return { facts, findings, captures, health, journal, tasks, shop };
  });
}
