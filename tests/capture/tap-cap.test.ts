/** The tap's size cap: big bodies are reported as skipped without being read. */
import { describe, expect, it, vi } from 'vitest';
import { installTap, TAP_CAP } from '@/lib/capture/tap';
import { BRIDGE_EVENT, TAP_URL_FILTER } from '@/lib/capture/tap-filter';
import { parseBridgeDetail } from '@/lib/messaging/page-bridge';

function fakeWindow(answer: () => Response) {
  const document = new EventTarget();
  const w = { document, location: { href: 'https://sycm.taobao.com/portal/home.htm' }, Request, fetch: vi.fn(() => Promise.resolve(answer())) };
  const events: string[] = [];
  document.addEventListener(BRIDGE_EVENT, (e) => events.push((e as CustomEvent).detail));
  return { w: w as unknown as Window & typeof globalThis, events };
}
const flush = () => new Promise((r) => setTimeout(r, 20));
const API = '/portal/coreIndex/new/overview/v3.json';

describe('tap size cap', () => {
  it('a declared content-length above the cap: skipped, the clone is never made, the page gets the body', async () => {
    const body = '{"a":1}';
    const res = new Response(body, { headers: { 'content-length': String(50 * 1024 * 1024) } });
    const clone = vi.spyOn(res, 'clone');
    const { w, events } = fakeWindow(() => res);
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    const got = await w.fetch(API);
    expect(await got.text()).toBe(body);
    await flush();
    expect(clone).not.toHaveBeenCalled();
    const ev = parseBridgeDetail(events[0]);
    expect(ev?.meta).toMatchObject({ truncated: true, size: 50 * 1024 * 1024 });
    expect(ev?.text).toBe('');
  });

  it('an unknown length: reading stops at the cap, the page still gets every byte', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    const total = Math.ceil(TAP_CAP / chunk.length) + 4;
    let pulled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(c) {
          if (pulled++ >= total) c.close();
          else c.enqueue(chunk);
        },
      });
    const { w, events } = fakeWindow(() => new Response(stream()));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    const res = await w.fetch(API);
    const pageBytes = (await res.arrayBuffer()).byteLength;
    expect(pageBytes).toBe(total * chunk.length);
    await flush();
    const ev = parseBridgeDetail(events[0]);
    expect(ev?.meta.truncated).toBe(true);
    expect(ev?.meta.size).toBeGreaterThan(TAP_CAP);
    expect(ev?.meta.size).toBeLessThanOrEqual(TAP_CAP + chunk.length);
    expect(ev?.text).toBe('');
  });

  it('a body under the cap without content-length is copied whole (multi-byte text intact)', async () => {
    const body = JSON.stringify({ title: '暖居家纺 四件套 🛏️', n: [1, 2, 3] });
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        // split inside a multi-byte character
        c.enqueue(bytes.slice(0, 13));
        c.enqueue(bytes.slice(13));
        c.close();
      },
    });
    const { w, events } = fakeWindow(() => new Response(stream));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    expect(await (await w.fetch(API)).text()).toBe(body);
    await flush();
    expect(parseBridgeDetail(events[0])?.text).toBe(body);
  });

  it('a page that aborts mid-body still sees its own error; the tap emits nothing broken', async () => {
    const err = new Error('boom');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x7b]));
        setTimeout(() => c.error(err), 5);
      },
    });
    const { w, events } = fakeWindow(() => new Response(stream));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    const res = await w.fetch(API);
    await expect(res.text()).rejects.toBe(err);
    await flush();
    expect(events).toHaveLength(0);
  });
});
