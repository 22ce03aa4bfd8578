// First: zod must not probe for eval before any schema is built (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import { familyForPage } from '@/lib/adapters/registry';
import { getDb } from '@/lib/db/database';
import { mergeShops } from '@/lib/db/merge-shops';
import { PENDING_PREFIX } from '@/lib/capture/forward';
import { DocumentShopGuard, drainPendingCaptures, handleCapture } from '@/lib/ingest/handle-capture';
import { onMessage, type TabState } from '@/lib/messaging/protocol';
import { getSettings } from '@/lib/settings';
import { registerAnnotations } from './annotations';
import { invalidateRules, runRulesNow, scheduleRules } from './findings';
import { registerJournal } from './journal';
import { registerNotify } from './notify';
import { maybeApplyRetention, registerRetention } from './retention';
import { registerWebhooks } from './webhooks';

export default defineBackground({
  type: 'module',
  main() {
    const db = getDb();
    // One shop per page load: a later capture of the same document claiming another shop is refused.
    const shopGuard = new DocumentShopGuard();
    // Captures a page could not deliver while this worker was stopped wait in extension storage.
    let draining = false;
    // A capture parked while a drain runs must not wait for the next start: drain again after it.
    let again = false;
    const drainPending = async () => {
      if (draining) {
        again = true;
        return;
      }
      draining = true;
      try {
        do {
          again = false;
          const settings = await getSettings(db);
          const area = { get: () => browser.storage.local.get(null), remove: (k: string[]) => browser.storage.local.remove(k) };
          const r = await drainPendingCaptures(db, area, PENDING_PREFIX, { paused: settings.capturePaused });
          for (const id of r.shopIds) scheduleRules(db, id);
        } while (again);
      } catch {
        /* retried on the next start or write */
      } finally {
        draining = false;
      }
    };
    void drainPending();
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(PENDING_PREFIX) && changes[k]?.newValue)) setTimeout(drainPending, 1000);
    });

    onMessage('capture', async ({ data, sender }) => {
      // Only our own content scripts reach onMessage; still, trust the browser's sender URL, not the payload.
      const settings = await getSettings(db);
      const documentId = (sender as { documentId?: string }).documentId;
      const ack = await handleCapture(
        db,
        data,
        { url: sender.url ?? sender.tab?.url, tabId: sender.tab?.id, ...(documentId ? { documentId } : {}) },
        { paused: settings.capturePaused, guard: shopGuard },
      );
      if (ack.shopId && ack.facts > 0) scheduleRules(db, ack.shopId);
      // Retention deletes facts outside captures: the cached rule states must be rebuilt.
      if (ack.facts > 0) void maybeApplyRetention(db).then((r) => r && r.deleted > 0 && invalidateRules());
      const { shopId: _s, ...rest } = ack;
      return rest;
    });

    onMessage('tabState', async ({ data }) => tabState(data.tabId, data.url));

    registerRetention(db);
    registerNotify();
    registerWebhooks(db);
    registerAnnotations(db);
    registerJournal(db);

    onMessage('runRules', async ({ data }) => ({ findings: await runRulesNow(db, data.shopId) }));

    onMessage('mergeShops', async ({ data }) => {
      const r = await mergeShops(db, data.fromId, data.toId);
      invalidateRules(data.fromId);
      scheduleRules(db, data.toId, 0, { full: true });
      return r;
    });

    async function tabState(tabId: number, url: string): Promise<TabState> {
      let family = null;
      let onConsoleHost = false;
      try {
        const u = new URL(url);
        family = familyForPage(u);
        onConsoleHost = /(\.taobao\.com|\.alimama\.com)$/.test(u.hostname);
      } catch {
        /* not a URL we know */
      }
      // The capture log survives service-worker restarts; an in-memory map would not.
      const entries = (
        await db.captures
          .where('at')
          .above(Date.now() - 24 * 3600 * 1000)
          .toArray()
      ).filter((e) => e.tabId === tabId);
      const last = entries.at(-1);
      return {
        family: family?.id ?? null,
        familyLabel: family?.label ?? null,
        onConsoleHost,
        shopId: [...entries].reverse().find((e) => e.shopId)?.shopId ?? null,
        lastCaptureAt: last?.at ?? null,
        capturesThisPage: entries.length,
        factsThisPage: entries.reduce((s, e) => s + e.facts, 0),
        lastOutcome: last?.outcome ?? null,
        lastMessage: last?.message ?? null,
      };
    }
  },
});
