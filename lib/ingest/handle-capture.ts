import { adapterById, CONSOLE_HOSTS } from '../adapters/registry';
import { mainNickOf } from '../capture/identity';
import { type ProcessResult, processCapture } from '../capture/process';
import type { OpsRadarDB } from '../db/database';
import { absorbProvisional } from '../db/merge-shops';
import { isQuotaError, pauseForQuota, QUOTA_MESSAGE, recordCapture } from '../db/writes';
import { type CaptureAck, CaptureMessageSchema } from '../schema/capture';
import type { ShopIdentity } from '../schema/shop';

export interface SenderInfo {
  /** URL of the frame that sent the message, as the browser reports it (not as the page claims). */
  url?: string;
  tabId?: number;
  /** The browser's id of the sending document (Chrome 106+): one page load. */
  documentId?: string;
}

/** Who a capture claims to be for: the page's shop id, else its main account nick. */
export function claimedShop(identity: ShopIdentity): string | null {
  if (identity.shopId) return identity.shopId;
  const nick = identity.mainUserName ?? (identity.loginNick ? mainNickOf(identity.loginNick) : undefined);
  return nick ? `nick:${nick}` : null;
}

export const SHOP_MISMATCH_MESSAGE = '店铺与本页已识别的店铺不一致，已拒绝';

/**
 * Defence in depth behind the content script's identity pin: the first shop a document's
 * captures claim is that document's shop; a later capture from the same document claiming another
 * shop is refused (and counted in capture health). Kept in memory, bounded; a new page load (new
 * documentId) starts afresh, so switching shops on the console (a reload) works.
 */
export class DocumentShopGuard {
  #shops = new Map<string, string>();
  constructor(private readonly max = 500) {}

  /** True when the capture may proceed; records the document's shop on first sight. */
  admit(documentId: string | undefined, claimed: string | null): boolean {
    if (!documentId || !claimed) return true;
    const known = this.#shops.get(documentId);
    if (known === undefined) {
      this.#shops.set(documentId, claimed);
      if (this.#shops.size > this.max) {
        const first = this.#shops.keys().next().value;
        if (first !== undefined) this.#shops.delete(first);
      }
      return true;
    }
    return known === claimed;
  }
}

const hostOf = (u: string | undefined): string | null => {
  try {
    return u ? new URL(u).hostname : null;
  } catch {
    return null;
  }
};

/**
 * Background side of one capture: validate the envelope, check that it really comes from a
 * console page, process it and write it. Never throws: every path returns an acknowledgement.
 */
export async function handleCapture(
  db: OpsRadarDB,
  raw: unknown,
  sender: SenderInfo,
  opts: { paused?: boolean; now?: number; guard?: DocumentShopGuard } = {},
): Promise<CaptureAck & { shopId?: string }> {
  const parsed = CaptureMessageSchema.safeParse(raw);
  if (!parsed.success) return { outcome: 'invalid', facts: 0, message: '采集消息格式不对，已丢弃' };
  const msg = parsed.data;
  const senderHost = hostOf(sender.url);
  if (!senderHost || !(CONSOLE_HOSTS as readonly string[]).includes(senderHost) || hostOf(msg.pageUrl) !== senderHost) {
    return { outcome: 'invalid', facts: 0, message: '来源页面不是后台页面，已丢弃' };
  }
  if (opts.paused) return { outcome: 'paused', facts: 0, message: '采集已暂停' };
  const now = opts.now ?? Date.now();
  let r: ProcessResult | null = null;
  try {
    const known = await db.shops.toArray();
    r = processCapture(msg, known);
    // The API answer must belong to a family whose pages live on the sending page's host: a page
    // script on one console cannot feed another console's report through the bridge.
    const family = r.adapter ? adapterById(r.adapter) : undefined;
    if (family && msg.meta.kind !== 'dom' && ![family.host, ...(family.pageHosts ?? [])].includes(senderHost)) {
      return { outcome: 'invalid', facts: 0, message: '接口不属于发送它的后台页面，已丢弃' };
    }
    if (r.outcome === 'too-large') r.message = `响应过大（约 ${Math.max(1, Math.round(msg.meta.size / 1048576))} MB），已跳过`;
    if (opts.guard && !opts.guard.admit(sender.documentId, claimedShop(msg.identity))) {
      r = { ...r, outcome: 'rejected', facts: [], shop: null, shopId: null, message: SHOP_MISMATCH_MESSAGE, issues: [{ path: '(店铺)', message: SHOP_MISMATCH_MESSAGE }] };
    }
    const out = await recordCapture(db, r, { url: msg.meta.url, at: now, ...(sender.tabId !== undefined ? { tabId: sender.tabId } : {}) });
    // A shop first met on 千牛 / ad consoles under its nick joins the real shop once sycm shows it.
    if (r.shop && !r.shop.provisional) await absorbProvisional(db, r.shop.id);
    const outcome = r.outcome === 'stored' && out.written === 0 ? 'unchanged' : r.outcome;
    return {
      outcome,
      facts: out.written,
      ...(r.message ? { message: r.message } : {}),
      ...(r.shopId ? { shopId: r.shopId } : {}),
    };
  } catch (e) {
    if (isQuotaError(e)) {
      // The capture's transaction was rolled back; pause capture and say so where the operator looks.
      await pauseForQuota(db, { at: now, url: msg.meta.url, adapter: r?.adapter ?? null, route: r?.route ?? null, shopId: r?.shopId ?? null, tabId: sender.tabId });
      return { outcome: 'storage-full', facts: 0, message: QUOTA_MESSAGE };
    }
    return { outcome: 'invalid', facts: 0, message: `保存失败：${String(e).slice(0, 160)}` };
  }
}

/** Extension storage as the background sees it (browser.storage.local). */
export interface PendingArea {
  get(): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Ingest captures a content script could not deliver (the worker was stopped) and left in
 * extension storage (forward.ts PendingStore). Only extension contexts write there, never page
 * scripts; each entry still goes through the same checks as a message, with the page URL the
 * content script recorded as the sender. Idempotent: a capture also re-sent by its page merges
 * to no change.
 */
export async function drainPendingCaptures(
  db: OpsRadarDB,
  area: PendingArea,
  prefix: string,
  opts: { paused?: boolean; now?: number } = {},
): Promise<{ drained: number; stored: number; shopIds: string[] }> {
  const all = await area.get();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(prefix))
    .sort();
  let stored = 0;
  const shopIds = new Set<string>();
  for (const k of keys) {
    const entry = all[k] as { pageUrl?: unknown } | undefined;
    const url = typeof entry?.pageUrl === 'string' ? entry.pageUrl : undefined;
    const ack = await handleCapture(db, entry, { ...(url ? { url } : {}) }, opts);
    if (ack.outcome === 'storage-full') break; // keep the rest for later
    if (ack.facts > 0) stored++;
    if (ack.facts > 0 && ack.shopId) shopIds.add(ack.shopId);
    await area.remove([k]);
  }
  return { drained: keys.length, stored, shopIds: [...shopIds] };
}
