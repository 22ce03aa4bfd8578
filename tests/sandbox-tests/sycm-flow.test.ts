/**
 * Sandbox 流量 pages and APIs: real paths, module envelope, generator truth (device 0 = the world's
 * sources; device 2 = 无线 share), the planted traffic drop in 手淘搜索/手淘推荐, and the adapter
 * reading what the sandbox serves.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg } from '../helpers';
import { flowOverview, searchKeywordDays, sourceDaysForDevice } from '../sandbox/generator/flow-live.ts';
import { SHOP_A, SHOP_B } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-20';
const A = SHOP_A.runAsShopId;

const get = (path: string, cookie = '') => sycmGet(sb, path, cookie);

const q = (date = D, device = '2', token = SHOP_A.legalityToken) => `dateType=day&dateRange=${date}%7C${date}&device=${device}&belong=all&token=${token}&_=1`;
const api = async (path: string, query = q()) => {
  const r = await get(`${path}?${query}`);
  expect(r.headers['content-type']).toMatch(/application\/json/);
  return { text: r.body, json: JSON.parse(r.body) as { code: number; message: string; data: unknown } };
};
type Node = { pageId: { value: string | number }; uv: { value: number }; pageLevel: { value: number }; children?: Node[] };

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => sb.setFault('none'));

describe('sandbox 流量', () => {
  it('serves the 店铺来源 and 流量总览 pages with the identity meta tag', async () => {
    for (const p of ['/flow/monitor/shopsource', '/flow/monitor/shopsource/construction?belong=all', '/flow/monitor/overview']) {
      const r = await get(p);
      expect(r.status).toBe(200);
      expect(r.body).toContain('<meta name="microdata"');
      expect(r.body).toContain(`runAsShopId=${A}`);
    }
  });

  it('menu: level-1 sources summing to the world shop uv on device 0', async () => {
    const { json } = await api('/flow/v3/shop/source/constitute/menu/v3.json', `${q(D, '0')}&activeKey=item`);
    expect(json.code).toBe(0);
    const rows = json.data as Node[];
    expect(rows.map((r) => r.pageId.value)).toEqual([22, 23, 24]);
    expect(rows.reduce((a, r) => a + r.uv.value, 0)).toBe(sb.world.shopDay(A, D).uv);
  });

  it('tree: children sum to their parent; device 2 is the 无线 share, smaller than device 0', async () => {
    const mobile = (await api('/flow/v5/shop/source/tree.json')).json.data as Node[];
    const all = (await api('/flow/v5/shop/source/tree.json', q(D, '0'))).json.data as Node[];
    for (const p of mobile) expect((p.children ?? []).reduce((a, c) => a + c.uv.value, 0)).toBe(p.uv.value);
    const sum = (ns: Node[]) => ns.reduce((a, n) => a + n.uv.value, 0);
    expect(sum(all)).toBe(sb.world.shopDay(A, D).uv);
    expect(sum(mobile)).toBeLessThan(sum(all));
    expect(sum(mobile)).toBeGreaterThan(sum(all) * 0.8);
  });

  it('the planted drop (2026-11-16…22) is in 手淘搜索 and 手淘推荐, other sources keep their level', () => {
    const before = sourceDaysForDevice(sb.world, A, '2026-10-16', '0');
    const during = sourceDaysForDevice(sb.world, A, '2026-11-20', '0');
    const ratio = (id: string) => (during.find((s) => s.pageId === id)?.uv ?? 0) / (before.find((s) => s.pageId === id)?.uv ?? 1);
    expect(ratio('23.s1150')).toBeLessThan(0.6);
    expect(ratio('23.s1152')).toBeLessThan(0.6);
    expect(ratio('22.2')).toBeGreaterThan(0.85);
  });

  it('keyword drill-down, overview and top sources', async () => {
    const kw = (await api('/flow/v3/shop/source/detail.json', `${q()}&pageId=23.s1150&pPageId=23&childPageType=se_keyword`)).json.data as {
      data: { keyword: { value: string }; uv: { value: number } }[];
    };
    const truth = searchKeywordDays(sb.world, A, D, '2');
    expect(kw.data.map((r) => [r.keyword.value, r.uv.value])).toEqual(truth.map((k) => [k.keyword, k.uv]));
    const ov = (await api('/flow/new/guide/trend/overview.json')).json.data as Record<string, { value: number }>;
    expect(ov.uv?.value).toBe(flowOverview(sb.world, A, D, '2').uv);
    const top = (await api('/flow/v3/overview/shopFlowSourceTop/v4.json')).json.data as Node[];
    expect(top).toHaveLength(10);
  });

  it('answers like the console to bad requests and faults', async () => {
    expect((await api('/flow/v5/shop/source/tree.json', q(D, '2', 'bad'))).json.code).toBe(5810);
    expect((await api('/flow/v5/shop/source/tree.json', q(TODAY))).json.code).toBe(1003);
    expect((await api('/flow/v5/shop/source/tree.json', 'device=2&token=1aa656228')).json.code).toBe(22102);
    sb.setFault('login');
    expect((await get(`/flow/v5/shop/source/tree.json?${q()}`)).status).toBe(302);
    sb.setFault('huge');
    const normal = JSON.stringify(sourceDaysForDevice(sb.world, A, D, '2')).length;
    expect((await get(`/flow/v5/shop/source/tree.json?${q()}`)).body.length).toBeGreaterThan(normal * 5);
  });

  it('shop B is served its own sources', async () => {
    const r = await get(`/flow/v3/shop/source/constitute/menu/v3.json?${q(D, '0', SHOP_B.legalityToken)}`, 'sandbox_shop=B');
    const rows = JSON.parse(r.body).data as Node[];
    expect(rows.reduce((a, x) => a + x.uv.value, 0)).toBe(sb.world.shopDay(SHOP_B.runAsShopId, D).uv);
  });

  it('the adapter reads what the sandbox serves: source facts equal the generator truth', async () => {
    const path = '/flow/v5/shop/source/tree.json';
    const { text } = await api(path);
    const r = processCapture(captureMsg(`https://sycm.taobao.com${path}?${q()}`, text, { capturedAt: Date.UTC(2026, 10, 29, 2) }), []);
    expect(r.outcome).toBe('stored');
    const truth = sourceDaysForDevice(sb.world, A, D, '2');
    expect(r.facts).toHaveLength(truth.length);
    const search = r.facts.find((f) => f.entityId === '23.s1150');
    const t = truth.find((s) => s.pageId === '23.s1150');
    expect(search).toMatchObject({ entityKind: 'source', date: D, dims: { device: '2', belong: 'all', level: '2', parent: '23' } });
    expect(search?.values).toMatchObject({ uv: t?.uv, payAmt: t?.payAmt, payByrCnt: t?.payByrCnt, crtVldAmt: t?.crtVldAmt, uvValue: t?.uvValue });
  });
});
