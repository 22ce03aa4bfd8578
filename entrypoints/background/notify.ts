/**
 * The opt-in digest notification. The `notifications` permission is optional (requested by the
 * options page when the user opts in), so `browser.notifications` may be missing: every call
 * checks, and nothing here may throw into the rules run.
 */
import type { OpsRadarDB } from '@/lib/db/database';
import { DIGEST_ID_PREFIX, digestText, NOTIFY_STATE_KEY, parseNotifyState, selectNew } from '@/lib/notify/digest';
import { getSettings } from '@/lib/settings';

type NotificationsApi = NonNullable<typeof browser.notifications>;

function notificationsApi(): NotificationsApi | null {
  try {
    return (browser as { notifications?: NotificationsApi }).notifications ?? null;
  } catch {
    return null;
  }
}

async function permitted(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: ['notifications'] });
  } catch {
    // Browsers (and test doubles) without the permissions API: the namespace's presence says it.
    return notificationsApi() !== null;
  }
}

/** The last focused window, kept so a click can open the side panel synchronously (user gesture). */
let focusedWindowId: number | null = null;

function openPanelOrOptions(): void {
  const openOptions = () => {
    void Promise.resolve()
      .then(() => browser.runtime.openOptionsPage())
      .catch(() => undefined);
  };
  const sidePanel = (browser as { sidePanel?: { open(o: { windowId: number }): Promise<void> } }).sidePanel;
  if (!sidePanel || focusedWindowId === null) {
    openOptions();
    return;
  }
  try {
    sidePanel.open({ windowId: focusedWindowId }).catch(openOptions);
  } catch {
    openOptions();
  }
}

function onDigestClicked(id: string): void {
  if (!id.startsWith(DIGEST_ID_PREFIX)) return;
  openPanelOrOptions();
  void notificationsApi()
    ?.clear(id)
    .catch(() => undefined);
}

/** Idempotent: the namespace appears only once the optional permission is granted. */
function listenForClicks(): void {
  const api = notificationsApi();
  if (api && !api.onClicked.hasListener(onDigestClicked)) api.onClicked.addListener(onDigestClicked);
}

/** Wire once in the background's main(): click handling, window tracking, permission changes. */
export function registerNotify(): void {
  try {
    listenForClicks();
    browser.permissions?.onAdded?.addListener(() => listenForClicks());
    browser.windows?.onFocusChanged?.addListener((id) => {
      if (id !== browser.windows.WINDOW_ID_NONE) focusedWindowId = id;
    });
    void browser.windows
      ?.getLastFocused()
      .then((w) => {
        if (w?.id !== undefined) focusedWindowId ??= w.id;
      })
      .catch(() => undefined);
  } catch {
    /* a browser without these APIs: the digest still works, the click opens nothing */
  }
}

/**
 * After the rules ran for a shop: announce what became fired P0/P1 since the last digest, in one
 * notification. `silent` (the user asked for the run and is looking at the result) only updates
 * the memory. Returns the number of findings announced.
 */
export async function notifyAfterRules(db: OpsRadarDB, shopId: string, opts: { silent?: boolean } = {}, now = Date.now()): Promise<number> {
  const settings = await getSettings(db);
  if (!settings.notifications.enabled) return 0;
  const [findings, row, shop] = await Promise.all([
    db.findings.where('shopId').equals(shopId).toArray(),
    db.settings.get(NOTIFY_STATE_KEY),
    db.shops.get(shopId),
  ]);
  const { items, next } = selectNew(findings, shopId, parseNotifyState(row?.value), settings.notifications, now);
  const api = notificationsApi();
  let shown = 0;
  if (items.length > 0 && !opts.silent && api && (await permitted())) {
    listenForClicks();
    const { title, message } = digestText(items, { [shopId]: shop?.title ?? shopId }, settings.language);
    try {
      await api.create(`${DIGEST_ID_PREFIX}-${now}`, { type: 'basic', iconUrl: browser.runtime.getURL('/notify-icon.png'), title, message, priority: 1 });
      shown = items.length;
    } catch (e) {
      console.warn('[opsradar] notification failed', e);
      return 0; // not remembered: the next digest tries again
    }
  }
  await db.settings.put({ key: NOTIFY_STATE_KEY, value: next });
  return shown;
}
