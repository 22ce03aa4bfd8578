/**
 * Shop isolation of annotations in one tab: after the operator switches shops (a new page load),
 * the page is answered from its own captures only — never from the previous shop's — and the
 * annotator waits and asks again until the page's captures are stored.
 */
// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleAnnotations } from '@/entrypoints/background/annotations';
import { HOST_TAG } from '@/lib/annotate/anchor';
import { startAnnotator } from '@/lib/annotate/controller';
import type { AnnotationRequest, AnnotationResponse, KpiAnnotation } from '@/lib/annotate/types';
import { getDb } from '@/lib/db/database';
import { updateSettings } from '@/lib/settings';
import { addDays, fact, HOME_SANDBOX } from './fixtures';

const A = '106033221';
const B = '106078842';
const D = '2026-09-20';
const TAB = 7;

describe('the shop of a page (background)', () => {
  const db = getDb();
  beforeEach(async () => {
    await db.delete();
    await db.open();
    const facts = [];
    for (let i = 0; i < 10; i++) {
      facts.push(fact({ shopId: A, entityKind: 'shop', entityId: A, date: addDays(D, -i), values: { payAmt: 1000 + i } }));
      facts.push(fact({ shopId: B, entityKind: 'shop', entityId: B, date: addDays(D, -i), values: { payAmt: 7 + i } }));
    }
    await db.facts.bulkPut(facts);
    await db.shops.bulkPut([{ id: A, title: 'A' } as never, { id: B, title: 'B' } as never]);
    await updateSettings(db, { currentShopId: B });
  });

  const log = (shopId: string, at: number) =>
    db.captures.add({ at, shopId, adapter: 'sycm-home', route: 'overview', url: 'https://sycm.taobao.com/portal/home.htm', outcome: 'stored', facts: 3, tabId: TAB });
  const ask = (since?: number) =>
    handleAnnotations(db, { family: 'sycm-home', date: D, attr: null, entities: [{ kind: 'shop', id: 'payAmt' }], ...(since ? { since } : {}) }, TAB);

  it('a page loaded after the tab showed shop B: no shop (and no B data) until this page captured', async () => {
    const now = Date.now();
    await log(B, now - 60_000);
    const early = await ask(now - 5_000);
    expect(early).toEqual({ enabled: true, lang: 'zh', shopId: null, data: {} });
    await log(A, now - 1_000);
    const later = await ask(now - 5_000);
    expect(later.shopId).toBe(A);
    expect((later.data['shop|payAmt'] as KpiAnnotation).value).toBe(1000);
  });

  it('without a page load time: the tab’s newest capture, then the current shop (as before)', async () => {
    expect((await ask()).shopId).toBe(B);
    await log(A, Date.now() - 60_000);
    expect((await ask()).shopId).toBe(A);
  });
});

describe('the annotator while the page’s shop is not known yet', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.textContent = '';
    document.body.insertAdjacentHTML('beforeend', HOME_SANDBOX);
  });
  afterEach(() => vi.useRealTimers());

  it('sends the page load time, waits and asks again; renders once the shop is known', async () => {
    let known = false;
    const request = vi.fn(
      async (req: AnnotationRequest): Promise<AnnotationResponse> => ({
        enabled: true,
        lang: 'zh',
        shopId: known ? A : null,
        data: known
          ? Object.fromEntries(
              req.entities.map((e) => [
                `${e.kind}|${e.id}`,
                { type: 'kpi', metric: e.id, unit: 'CNY', date: D, value: 1, base: 1, delta: 0, baseN: 4, fallback: '', spark: [1, 2] } satisfies KpiAnnotation,
              ]),
            )
          : {},
      }),
    );
    const a = startAnnotator({ family: 'sycm-home', doc: document, loc: { search: '', hash: '' }, request, debounceMs: 10, since: 1234 });
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]?.[0].since).toBe(1234);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(request).toHaveBeenCalledTimes(2);
    known = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(request).toHaveBeenCalledTimes(3);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(3);
    // Known now: no more waiting.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(request).toHaveBeenCalledTimes(3);
    a.stop();
  });

  it('gives up waiting after a few tries (findingsChanged still refreshes)', async () => {
    const request = vi.fn(async (): Promise<AnnotationResponse> => ({ enabled: true, lang: 'zh', shopId: null, data: {} }));
    const a = startAnnotator({ family: 'sycm-home', doc: document, loc: { search: '', hash: '' }, request, debounceMs: 10, since: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(request).toHaveBeenCalledTimes(5);
    a.refresh();
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(6);
    a.stop();
  });
});
