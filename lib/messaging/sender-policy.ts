/**
 * Who may send which message (issue #7, security). The browser fills `sender`; the payload is
 * never trusted for it. Three kinds of sender:
 * - `extension`: our own pages and the background (same extension id, URL on our own origin);
 * - `console`: our content scripts on a console page (same extension id, a tab, an https URL on
 *   one of the console hosts the content scripts match);
 * - `other`: anything else (another extension, a web page, a content script on any other URL,
 *   a sender the browser did not describe).
 * Content scripts run inside pages we do not control, so they may only send what a page needs
 * (a capture, annotation data, an action logged from a hover card); everything else — deleting a
 * shop, merging shops, settings-driven jobs — is for extension pages only. A message type not
 * listed here is extension-only.
 */

/** Hosts our content scripts run on (entrypoints/console.content matches). */
export const CONSOLE_PAGE_HOSTS: readonly string[] = [
  'sycm.taobao.com',
  'myseller.taobao.com',
  'one.alimama.com',
  'subway.simba.taobao.com',
  'tuijian.taobao.com',
  'trade.taobao.com',
];

/** Messages a console page's content script may send (besides extension pages). */
export const CONSOLE_MESSAGES: readonly string[] = ['capture', 'annotations', 'logAction'];

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

export interface SelfLike {
  /** runtime.id */
  id: string;
  /** runtime.getURL('/'), e.g. `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  base: string;
}

export type SenderKind = 'extension' | 'console' | 'other';

export function isConsolePageUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && CONSOLE_PAGE_HOSTS.includes(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function classifySender(sender: SenderLike | null | undefined, self: SelfLike): SenderKind {
  if (!sender || typeof sender !== 'object' || !self.id || sender.id !== self.id) return 'other';
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (self.base && url.startsWith(self.base)) return 'extension';
  if (sender.tab && isConsolePageUrl(url)) return 'console';
  return 'other';
}

export function senderAllowed(type: string, sender: SenderLike | null | undefined, self: SelfLike): boolean {
  const kind = classifySender(sender, self);
  if (kind === 'extension') return true;
  if (kind === 'console') return CONSOLE_MESSAGES.includes(type);
  return false;
}

/** The error a refused sender gets back (the handler never runs). */
export class SenderRefused extends Error {
  constructor(type: string) {
    super(`消息 ${type} 被拒绝：发送方无权发送 / message ${type} refused: sender not allowed`);
    this.name = 'SenderRefused';
  }
}
