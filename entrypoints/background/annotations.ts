/**
 * `annotations` handler: the content script names the entities its page shows, the background
 * answers with badges, deltas and histories read from Dexie (content scripts never open
 * IndexedDB). After each rules run the console tabs get `findingsChanged` and ask again.
 */
import { annotationData } from '@/lib/annotate/data';
import { ANNOTATED_FAMILIES, type AnnotationRequest, type AnnotationResponse } from '@/lib/annotate/types';
import type { OpsRadarDB } from '@/lib/db/database';
import { onMessage, sendMessage } from '@/lib/messaging/protocol';
import { getSettings } from '@/lib/settings';

const CONSOLE_TABS = [
  'https://sycm.taobao.com/*',
  'https://myseller.taobao.com/*',
  'https://one.alimama.com/*',
  'https://subway.simba.taobao.com/*',
  'https://tuijian.taobao.com/*',
];

/**
 * The shop a tab works on: its newest capture with a shop (as tabState reads it) — of this page
 * load when the request says when that was — else (no tab, no page load given) the current shop.
 */
async function shopOfTab(db: OpsRadarDB, tabId: number | undefined, fallback: string | null, since?: number): Promise<string | null> {
  const pageLoad = typeof since === 'number' && Number.isFinite(since) ? since : null;
  if (tabId !== undefined) {
    const from = pageLoad !== null ? Math.max(pageLoad - 1000, Date.now() - 24 * 3600 * 1000) : Date.now() - 24 * 3600 * 1000;
    const recent = await db.captures
      .where('at')
      .above(from)
      .reverse()
      .filter((e) => e.tabId === tabId && !!e.shopId)
      .first();
    if (recent?.shopId) return recent.shopId;
    // The page says when it was loaded and has not captured yet: its shop is not known, and an
    // earlier page of this tab (maybe another shop) or the current shop must not stand in.
    if (pageLoad !== null) return null;
  }
  if (fallback) return fallback;
  const shops = await db.shops.limit(2).toArray();
  return shops.length === 1 ? (shops[0]?.id ?? null) : null;
}

export async function handleAnnotations(db: OpsRadarDB, req: AnnotationRequest, tabId: number | undefined): Promise<AnnotationResponse> {
  const settings = await getSettings(db);
  const lang = settings.language;
  const enabled = (ANNOTATED_FAMILIES as readonly string[]).includes(req.family) && (settings.annotations?.[req.family] ?? true);
  if (!enabled || !Array.isArray(req.entities)) return { enabled: false, lang, shopId: null, data: {} };
  const shopId = await shopOfTab(db, tabId, settings.currentShopId, req.since);
  if (!shopId) return { enabled: true, lang, shopId: null, data: {} };
  const p = settings.profiles[shopId] ?? {};
  const data = await annotationData(db, shopId, req, { grossMargin: p.grossMargin, attributionDays: p.attributionDays });
  return { enabled: true, lang, shopId, data };
}

/** Tell the console tabs that findings (and the facts under them) changed. Never throws. */
export async function notifyFindingsChanged(shopId: string): Promise<void> {
  try {
    const tabs = await browser.tabs.query({ url: CONSOLE_TABS });
    await Promise.all(tabs.map((t) => (t.id === undefined ? null : sendMessage('findingsChanged', { shopId }, t.id).catch(() => {}))));
  } catch {
    /* no tabs API (tests) or no console tab open */
  }
}

export function registerAnnotations(db: OpsRadarDB): void {
  onMessage('annotations', async ({ data, sender }) => handleAnnotations(db, data, sender.tab?.id));
}
