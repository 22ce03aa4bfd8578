/**
 * The content script's annotation loop for one document: find the anchors of the page family,
 * ask the background once for the entities not yet known (per page date / attribution window),
 * render. Re-runs on DOM changes (debounced MutationObserver) so annotations survive the
 * console's re-renders, sorting, paging and date switches; idempotent (one host per anchor).
 * Never throws into the page.
 */
import { type Anchor, HOST_TAG } from './anchor';
import { FINDERS, pageAttr, pageDate } from './page-context';
import type { LogActionFn } from './log-action';
import { forgetHosts, isEmpty, type RenderCtx, removeAt, renderAt, setRenderCtx } from './render';
import { type AnnotatedFamily, type AnnotationRequest, type AnnotationResponse, type Annotation, type Lang, refKey } from './types';

export interface AnnotatorOptions {
  family: AnnotatedFamily;
  doc: Document;
  loc: { search: string; hash: string };
  request(req: AnnotationRequest): Promise<AnnotationResponse | null | undefined>;
  /** When the page was loaded (performance.timeOrigin): the background reads the shop from this page's captures. */
  since?: number;
  /** Logs an action from a hover card (记录操作); without it the cards have no such control. */
  logAction?: LogActionFn;
  debounceMs?: number;
}

export interface Annotator {
  /** Run one pass now (find, request what is missing, render). */
  pass(): Promise<void>;
  /** Forget cached data (findings changed) and run again. */
  refresh(): void;
  stop(): void;
}

/** Render what is known for the anchors (sync; the part the 16 ms budget is about). */
export function renderPass(anchors: readonly Anchor[], data: ReadonlyMap<string, Annotation>, lang: Lang, ctx?: RenderCtx): number {
  let touched = 0;
  const doc = anchors[0]?.at.ownerDocument;
  if (doc) setRenderCtx(doc, ctx ?? { shopId: null });
  for (const a of anchors) {
    try {
      const key = refKey(a.ref);
      const d = data.get(key);
      if (!d || isEmpty(d)) {
        removeAt(a.at);
        continue;
      }
      if (renderAt(a.at, key, d, lang)) touched++;
    } catch {
      /* one odd row never stops the others */
    }
  }
  return touched;
}

function ours(n: Node): boolean {
  return n.nodeName.toLowerCase() === HOST_TAG;
}

/** Waits before asking again while the page's own captures are not stored yet. */
const WAITS_MS = [1000, 2000, 4000, 8000];

export function startAnnotator(opts: AnnotatorOptions): Annotator {
  const { doc, family } = opts;
  const find = FINDERS[family];
  const debounce = opts.debounceMs ?? 200;
  /** ctx (date|attr) → refKey → annotation (null = asked, nothing to show). */
  let cache = new Map<string, Map<string, Annotation | null>>();
  let lang: Lang = 'zh';
  let shopId: string | null = null;
  /** Retries while the page's shop is not known yet. */
  let waits = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disabled = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const removeAll = () => {
    for (const h of doc.querySelectorAll(HOST_TAG)) h.remove();
  };

  async function cycle(): Promise<void> {
    if (stopped) return;
    const anchors = find(doc);
    if (disabled) return;
    const date = pageDate(doc, opts.loc);
    const attr = family === 'wanxiang' || family === 'zhitongche' ? pageAttr(doc, opts.loc) : null;
    const ctxKey = `${date}|${attr}`;
    let known = cache.get(ctxKey);
    if (!known) {
      known = new Map();
      cache.set(ctxKey, known);
    }
    const missing = new Map<string, Anchor['ref']>();
    for (const a of anchors) {
      const k = refKey(a.ref);
      if (!known.has(k)) missing.set(k, a.ref);
    }
    if (missing.size > 0) {
      const res = await opts.request({ family, date, attr, entities: [...missing.values()], ...(opts.since !== undefined ? { since: opts.since } : {}) });
      if (stopped) return;
      if (!res) return;
      if (!res.enabled) {
        disabled = true;
        removeAll();
        return;
      }
      lang = res.lang;
      if (res.shopId) shopId = res.shopId;
      // No shop known yet (this page has not captured yet): leave the entities unasked and look
      // again shortly (a few times; findingsChanged also retries).
      if (!res.shopId) {
        if (waits < WAITS_MS.length) {
          const ms = WAITS_MS[waits++] ?? 0;
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = setTimeout(() => {
            retryTimer = null;
            void run();
          }, ms);
        }
        return;
      }
      waits = 0;
      for (const k of missing.keys()) known.set(k, res.data[k] ?? null);
    }
    const data = new Map<string, Annotation>();
    for (const [k, v] of known) if (v) data.set(k, v);
    // The rows may have changed while we waited: render against a fresh read of the anchors.
    renderPass(missing.size > 0 ? find(doc) : anchors, data, lang, { shopId, ...(opts.logAction ? { logAction: opts.logAction } : {}) });
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = cycle()
      .catch(() => {
        /* never throw on the host page */
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, debounce);
  }

  const observer = new MutationObserver((records) => {
    // Our own hosts coming and going are not a reason to look again.
    for (const r of records) {
      if (ours(r.target) || (r.target as Element).closest?.(HOST_TAG)) continue;
      const nodes = [...r.addedNodes, ...r.removedNodes];
      if (r.type === 'childList' && nodes.length > 0 && nodes.every(ours)) continue;
      schedule();
      return;
    }
  });
  const root = doc.documentElement ?? doc;
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-item-id', 'data-keyword-id', 'data-campaign-id', 'data-agent-id', 'data-kpi', 'href', 'value'] });
  // Date pickers change their value without a DOM mutation.
  const onChange = () => schedule();
  doc.addEventListener('change', onChange, true);
  schedule();

  return {
    pass: run,
    refresh() {
      cache = new Map();
      disabled = false;
      waits = 0;
      schedule();
    },
    stop() {
      stopped = true;
      observer.disconnect();
      doc.removeEventListener('change', onChange, true);
      if (timer) clearTimeout(timer);
      if (retryTimer) clearTimeout(retryTimer);
      removeAll();
      forgetHosts(doc);
    },
  };
}
