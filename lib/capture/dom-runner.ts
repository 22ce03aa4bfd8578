import { domReadersForPage } from '../adapters/registry';
import type { CaptureMessage } from '../schema/capture';
import { readIdentity } from './identity';

/**
 * Content-script side of DOM readers: when a reader's anchor element is on the page, read it,
 * and send the result when it differs from the last one sent (re-renders, paging, date
 * switches). Throttled so a busy page costs at most one read per interval.
 */
export function startDomReaders(doc: Document, send: (msg: CaptureMessage) => void, opts: { intervalMs?: number; now?: () => number } = {}): () => void {
  const interval = opts.intervalMs ?? 800;
  const now = opts.now ?? Date.now;
  const last = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const runOnce = () => {
    timer = null;
    let url: URL;
    try {
      url = new URL(doc.location.href);
    } catch {
      return;
    }
    for (const { adapter, reader } of domReadersForPage(url)) {
      try {
        if (!doc.querySelector(reader.waitFor)) continue;
        const data = reader.read(doc);
        if (data === null || data === undefined) continue;
        const text = JSON.stringify(data);
        const key = `${adapter.id}/${reader.id}`;
        if (last.get(key) === `${url.href}\n${text}`) continue;
        last.set(key, `${url.href}\n${text}`);
        const microdata = doc.querySelector('meta[name="microdata"]')?.getAttribute('content') ?? null;
        send({
          meta: { kind: 'dom', method: 'DOM', url: url.href, adapter: adapter.id, reader: reader.id, status: 200, size: text.length },
          responseText: text,
          pageUrl: url.href,
          identity: readIdentity({ microdata, cookie: doc.cookie }),
          capturedAt: now(),
        });
      } catch {
        /* a reader must never break the page */
      }
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(runOnce, interval);
  };
  const observer = new MutationObserver(schedule);
  const begin = () => {
    // Observed even on pages without readers: single-page consoles change route without reloading.
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    schedule();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
  return () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
  };
}
