import { CONSOLE_HOSTS } from '../adapters/registry';
import { processCapture } from '../capture/process';
import type { OpsRadarDB } from '../db/database';
import { absorbProvisional } from '../db/merge-shops';
import { recordCapture } from '../db/writes';
import { type CaptureAck, CaptureMessageSchema } from '../schema/capture';

export interface SenderInfo {
  /** URL of the frame that sent the message, as the browser reports it (not as the page claims). */
  url?: string;
  tabId?: number;
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
  opts: { paused?: boolean; now?: number } = {},
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
  try {
    const known = await db.shops.toArray();
    const r = processCapture(msg, known);
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
    const quota = e instanceof Error && /quota/i.test(`${e.name} ${e.message}`);
    return { outcome: 'invalid', facts: 0, message: quota ? '浏览器存储空间已满，采集未保存' : `保存失败：${String(e).slice(0, 160)}` };
  }
}
