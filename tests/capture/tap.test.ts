import { describe, expect, it, vi } from 'vitest';
import { installTap } from '@/lib/capture/tap';
import { BRIDGE_EVENT, TAP_URL_FILTER } from '@/lib/capture/tap-filter';
import { parseBridgeDetail } from '@/lib/messaging/page-bridge';

/** A window with just what the tap touches; fetch answers from a table. */
function fakeWindow(answer: (url: string) => Response | Promise<Response>) {
  const document = new EventTarget();
  const w = {
    document,
    location: { href: 'https://sycm.taobao.com/portal/home.htm' },
    Request,
    fetch: vi.fn((input: RequestInfo | URL) => Promise.resolve(answer(String(input instanceof Request ? input.url : input)))),
    g_config: { runAsShopId: '106033221', secret: 'not forwarded' },
  };
  const events: string[] = [];
  document.addEventListener(BRIDGE_EVENT, (e) => events.push((e as CustomEvent).detail));
  return { w: w as unknown as Window & typeof globalThis, events, raw: w };
}

const flush = () => new Promise((r) => setTimeout(r, 10));

describe('MAIN-world tap', () => {
  it('copies a console API response to the bridge and hands the page the same response', async () => {
    const body = '{"hasError":false,"content":{"code":0,"data":{}}}';
    const { w, events } = fakeWindow(() => new Response(body, { headers: { 'content-type': 'application/json' } }));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    const res = await w.fetch('/portal/coreIndex/new/overview/v3.json?dateType=day');
    expect(await res.text()).toBe(body);
    await flush();
    expect(events).toHaveLength(1);
    const parsed = parseBridgeDetail(events[0]);
    expect(parsed?.text).toBe(body);
    expect(parsed?.meta).toMatchObject({
      kind: 'fetch',
      method: 'GET',
      url: 'https://sycm.taobao.com/portal/coreIndex/new/overview/v3.json?dateType=day',
      status: 200,
    });
    // Page globals are the page's to forge: the tap does not forward them at all.
    expect(parsed?.meta.globals).toBeUndefined();
  });

  it('leaves URLs outside the filter alone', async () => {
    const { w, events } = fakeWindow(() => new Response('x'));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    await (await w.fetch('https://sycm.taobao.com/static/app.js')).text();
    await (await w.fetch('https://example.com/portal/x.json')).text();
    await flush();
    expect(events).toHaveLength(0);
  });

  it('passes network errors through unchanged', async () => {
    const err = new TypeError('Failed to fetch');
    const { w, events } = fakeWindow(() => Promise.reject(err));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    await expect(w.fetch('/portal/coreIndex/new/overview/v3.json')).rejects.toBe(err);
    await flush();
    expect(events).toHaveLength(0);
  });

  it('keeps POST bodies (ad consoles put the report dimensions there)', async () => {
    const { w, events } = fakeWindow(() => new Response('{}'));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    await w.fetch('https://one.alimama.com/report/query.json?bizCode=universalBP', { method: 'POST', body: '{"rptType":"campaign"}' });
    await flush();
    expect(parseBridgeDetail(events[0])?.meta).toMatchObject({ method: 'POST', requestBody: '{"rptType":"campaign"}' });
  });

  it('fails open when its own work throws', async () => {
    const { w, raw } = fakeWindow(() => new Response('ok'));
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    // A broken document makes emitting throw; the page must still get its response.
    (raw as { document: unknown }).document = null;
    const res = await w.fetch('/portal/coreIndex/new/overview/v3.json');
    expect(await res.text()).toBe('ok');
  });
});

describe('page bridge (isolated side)', () => {
  it.each([
    ['not a string', { a: 1 }],
    ['no newline', '{"kind":"fetch"}'],
    ['bad JSON head', '{oops\nbody'],
    ['head fails the schema', '{"kind":"ws","method":"GET","url":"x","status":200,"size":1}\nbody'],
    ['oversized URL', `${JSON.stringify({ kind: 'fetch', method: 'GET', url: 'x'.repeat(9000), status: 200, size: 1 })}\nbody`],
  ])('drops a forged or broken event: %s', (_n, detail) => {
    expect(parseBridgeDetail(detail)).toBeNull();
  });
});

describe('MAIN-world tap: JSONP', () => {
  it('copies the argument of a filtered JSONP callback and still calls the page callback with it', async () => {
    const { w, events, raw } = fakeWindow(() => new Response(''));
    let srcValue = '';
    class FakeScript {}
    Object.defineProperty(FakeScript.prototype, 'src', {
      configurable: true,
      get() {
        return srcValue;
      },
      set(v: string) {
        srcValue = v;
      },
    });
    (raw as Record<string, unknown>).HTMLScriptElement = FakeScript;
    const got: unknown[] = [];
    (raw as Record<string, unknown>).mtopjsonp7 = (d: unknown) => got.push(d);
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    const script = new FakeScript() as { src: string };
    script.src = 'https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?type=jsonp&callback=mtopjsonp7&data=%7B%7D';
    expect(srcValue).toContain('mtopjsonp7');
    const payload = { ret: ['SUCCESS::调用成功'], data: { a: 1 } };
    ((raw as Record<string, unknown>).mtopjsonp7 as (d: unknown) => void)(payload);
    expect(got).toEqual([payload]);
    expect(got[0]).toBe(payload);
    await flush();
    expect(parseBridgeDetail(events[0])?.meta).toMatchObject({ kind: 'jsonp', method: 'GET' });
    expect(JSON.parse(parseBridgeDetail(events[0])?.text ?? '')).toEqual(payload);
  });

  it('leaves unfiltered scripts and missing callbacks alone', () => {
    const { w, events, raw } = fakeWindow(() => new Response(''));
    class FakeScript {}
    let srcValue = '';
    Object.defineProperty(FakeScript.prototype, 'src', { configurable: true, get: () => srcValue, set: (v: string) => { srcValue = v; } });
    (raw as Record<string, unknown>).HTMLScriptElement = FakeScript;
    const cb = () => 1;
    (raw as Record<string, unknown>).cb1 = cb;
    installTap(w, TAP_URL_FILTER, BRIDGE_EVENT);
    (new FakeScript() as { src: string }).src = 'https://example.com/x.js?callback=cb1';
    expect((raw as Record<string, unknown>).cb1).toBe(cb);
    (new FakeScript() as { src: string }).src = 'https://h5api.m.taobao.com/h5/mtop.x/1.0/?callback=nope';
    expect(events).toHaveLength(0);
  });
});
