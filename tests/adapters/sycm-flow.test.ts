import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { sycmFlow } from '@/lib/adapters/sycm-flow';
import { processCapture } from '@/lib/capture/process';
import type { CaptureMessage } from '@/lib/schema/capture';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const S = '106033221';
const B = 'https://sycm.taobao.com';
const q = (extra = '', date = D) => `?dateType=day&dateRange=${date}%7C${date}&belong=all&token=1aa656228&_=1${extra}`;
const run = (path: string, body: string, extra = '&device=2') => processCapture(captureMsg(`${B}${path}${q(extra)}`, body), []);
const f = (name: string) => fixture('sycm-flow', name);

const domMsg = (pageUrl: string, data: unknown): CaptureMessage => {
  const text = JSON.stringify(data);
  return {
    meta: { kind: 'dom', method: 'DOM', url: pageUrl, adapter: 'sycm-flow', reader: 'keyword-table', status: 200, size: text.length },
    responseText: text,
    pageUrl,
    identity: SHOP_A,
    capturedAt: Date.UTC(2026, 5, 10, 2),
  };
};

describe('sycm-flow adapter', () => {
  it('reads the 店铺来源 menu (§11.2): level-1 sources keyed by pageId, level/parent derived, device 2', () => {
    const r = run('/flow/v3/shop/source/constitute/menu/v3.json', f('menu-v3.json'), '&device=2&activeKey=item');
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-flow', 'source-menu']);
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.entityName, x.values.uv, x.dims])).toEqual([
      ['source', '22', '广告流量', 3120, { device: '2', belong: 'all', level: '1', parent: '0' }],
      ['source', '23', '平台流量', 3518, { device: '2', belong: 'all', level: '1', parent: '0' }],
    ]);
    expect(r.facts[0]).toMatchObject({ shopId: S, grain: 'day', date: D });
    expect(r.facts[0]?.id).toBe(`${S}|source|22|day|${D}|belong=all&device=2&level=1&parent=0`);
  });

  it('defaults to device 2 when the request names no device (flow pages default to 无线)', () => {
    const r = run('/flow/v3/shop/source/constitute/menu/v3.json', f('menu-v3.json'), '');
    expect(r.facts[0]?.dims.device).toBe('2');
    const all = run('/flow/v3/shop/source/constitute/menu/v3.json', f('menu-v3.json'), '&device=0');
    expect(all.facts[0]?.dims.device).toBe('0');
    expect(all.facts[0]?.id).not.toBe(r.facts[0]?.id);
  });

  it.each(['v3', 'v4', 'v5'])('reads the %s source tree: every node, children with parent and level, all metrics', (v) => {
    const r = run(`/flow/${v}/shop/source/tree.json`, f('tree-v5.json'), '&device=2&orderBy=uv&order=desc');
    expect(r.outcome).toBe('stored');
    expect(r.route).toBe('source-tree');
    expect(r.facts.map((x) => `${x.entityId}:${x.dims.level}:${x.dims.parent}`)).toEqual([
      '22:1:0',
      '22.2:2:22',
      '22.17:2:22',
      '23:1:0',
      '23.s1150:2:23',
      '23.s1152:2:23',
    ]);
    const search = r.facts.find((x) => x.entityId === '23.s1150');
    expect(search?.entityName).toBe('手淘搜索');
    expect(search?.values).toEqual({
      uv: 1804,
      pv: 5210,
      crtByrCnt: 61,
      crtRate: 0.0338,
      crtVldAmt: 15433.2,
      payAmt: 13020.5,
      payByrCnt: 52,
      payRate: 0.0288,
      payPct: 250.39,
      uvValue: 7.22,
      cartByrCnt: 130,
      cltItmCnt: 21,
      shopCltByrCnt: 4,
      newUv: 1650,
      directPayByrCnt: 30,
      cltItmPayByrCnt: 6,
      fansPayByrCnt: 3,
      ordItmPayByrCnt: 13,
      jpSelfUv: 720,
      jpUv: 1084,
    });
    expect(search?.crc).toEqual({ uv: 0.061 });
    expect(r.facts.find((x) => x.entityId === '23.s1152')?.values).toEqual({ uv: 1714, payAmt: 5120, payRate: 0.0105 });
  });

  it('menu and tree give the same key to the same source', () => {
    const menu = run('/flow/v3/shop/source/constitute/menu/v3.json', f('menu-v3.json'));
    const tree = run('/flow/v5/shop/source/tree.json', f('tree-v5.json'));
    expect(tree.facts.find((x) => x.entityId === '22')?.id).toBe(menu.facts.find((x) => x.entityId === '22')?.id);
  });

  it('reads 手淘搜索 keywords from the drill-down (entity keyword, source in dims), skipping empty values', () => {
    const r = run('/flow/v3/shop/source/detail.json', f('detail-se-keyword.json'), '&device=2&pageId=23.s1150&pPageId=23&childPageType=se_keyword');
    expect(r.outcome).toBe('stored');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.values.uv, x.dims.source])).toEqual([
      ['keyword', '四件套纯棉', 412, '23.s1150'],
      ['keyword', '床上用品', 250, '23.s1150'],
    ]);
    expect(r.facts[0]?.crc).toEqual({ uv: 0.08 });
  });

  it('reads a non-keyword drill-down as child sources of the asked source', () => {
    const body = JSON.stringify({ code: 0, data: [{ pageName: { value: '搜索子来源' }, uv: { value: 10 } }] });
    const r = run('/flow/v3/shop/source/detail.json', body, '&device=2&pageId=23.s1150&pPageId=23');
    expect(r.facts[0]).toMatchObject({ entityKind: 'source', entityId: '23.s1150/搜索子来源', dims: { parent: '23.s1150' } });
  });

  it('rejects a drill-down without pageId', () => {
    expect(run('/flow/v3/shop/source/detail.json', f('detail-se-keyword.json')).outcome).toBe('rejected');
  });

  it.each([
    ['/flow/v4/item/source.json', '', {}],
    ['/flow/v3/new/item/source/detail.json', '&pageId=23', {}],
    ['/flow/v6/item/crowdtype/source/v3.json', '&crowdType=new', { crowdType: 'new' }],
  ])('reads per-item sources from %s with the item in dims', (path, extra, more) => {
    const r = run(path, f('item-source-v4.json'), `&device=2&itemId=680000000001${extra}`);
    expect(r.outcome).toBe('stored');
    expect(r.route).toBe('item-source');
    const s = r.facts.find((x) => x.entityId === '23.s1150');
    expect(s).toMatchObject({ entityKind: 'source', entityName: '手淘搜索', dims: { device: '2', itemId: '680000000001', level: '2', parent: '23', ...more } });
    expect(s?.values).toEqual({ uv: 410, pv: 880, payAmt: 3010.5, jpSelfUv: 120, jpUv: 290, payItmCnt: 14 });
  });

  it('rejects item sources without an itemId', () => {
    expect(run('/flow/v4/item/source.json', f('item-source-v4.json')).outcome).toBe('rejected');
  });

  it('reads 流量总览 as a device-2 shop fact, apart from the home page device-0 fact', () => {
    const r = run('/flow/new/guide/trend/overview.json', f('overview.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', entityId: S, grain: 'day', date: D, dims: { device: '2' } });
    expect(r.facts[0]?.values).toEqual({
      uv: 6638,
      itmUv: 5790,
      payByrCnt: 141,
      pv: 21904,
      avgPv: 3.3,
      oldUv: 1202,
      newUv: 5436,
      shopCltByrCnt: 37,
      liveRoomUv: 188,
      shortVideoUv: 96,
      imageUv: 41,
      shopVisitUv: 612,
    });
    expect(r.facts[0]?.crc).toEqual({ uv: -0.031, itmUv: -0.02 });
  });

  it('keeps the long-period non-distinct overview apart (range grain, distinct=no)', () => {
    const r = processCapture(
      captureMsg(
        `${B}/flow/long/period/nodistinct/new/guide/trend/overview.json?dateType=compareRange&dateRange=2026-05-01%7C2026-05-31&device=2`,
        f('overview.json'),
      ),
      [],
    );
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-01', dims: { device: '2', to: '2026-05-31', distinct: 'no' } });
  });

  it('reads an overview trend given as per-day rows', () => {
    const body = JSON.stringify({
      code: 0,
      data: [
        { statDate: { value: '2026-05-31' }, uv: { value: 100 } },
        { statDate: { value: 1780243200000 }, uv: { value: 120 } },
        { statDate: { value: 'x' }, uv: { value: 1 } },
      ],
    });
    const r = run('/flow/new/guide/trend/overview.json', body);
    expect(r.facts.map((x) => [x.date, x.values.uv, x.dims.device])).toEqual([
      ['2026-05-31', 100, '2'],
      ['2026-06-01', 120, '2'],
    ]);
    expect(r.issues.some((i) => i.path === 'data[2].statDate')).toBe(true);
  });

  it('reads the overview top sources', () => {
    const r = run('/flow/v3/overview/shopFlowSourceTop/v4.json', f('source-top-v4.json'));
    expect(r.route).toBe('source-top');
    expect(r.facts.map((x) => [x.entityId, x.values.uv])).toEqual([
      ['23.s1150', 1804],
      ['23.s1152', 1714],
      ['22.2', 1900],
    ]);
  });

  it('reads the 引流搜索关键词 table through the DOM reader (display strings, "-", text names)', () => {
    const page = `${B}/flow/monitor/keyword_assistant?dateType=day&dateRange=${D}%7C${D}&device=2`;
    const r = processCapture(domMsg(page, JSON.parse(f('keyword-table.json'))), []);
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-flow', 'keyword-table']);
    expect(r.facts.map((x) => x.entityId)).toEqual(['四件套纯棉', '床上用品', '<img src=x onerror=alert(1)>被套']);
    expect(r.facts[0]).toMatchObject({ entityKind: 'keyword', grain: 'day', date: D, dims: { device: '2', source: 'shop-search' } });
    expect(r.facts[0]?.values).toEqual({
      uv: 412,
      cartByrCnt: 31,
      cltItmCnt: 9,
      payByrCnt: 14,
      payRate: 0.034,
      payItmCnt: 16,
      payAmt: 3920.4,
      payPct: 280.03,
      uvValue: 9.52,
    });
    expect(r.facts[2]?.values).toEqual({ uv: 33, payByrCnt: 0, payRate: 0, payItmCnt: 0, payAmt: 0, uvValue: 0 });
  });

  it('the keyword DOM reader reads a rendered table', () => {
    const win = new Window();
    win.document.body.innerHTML = '<table><thead><tr><th>搜索词</th><th>访客数</th></tr></thead><tbody><tr><td>四件套</td><td>1,204</td></tr></tbody></table>';
    const reader = sycmFlow.dom?.[0];
    const data = reader?.read(win.document as unknown as Document);
    expect(data).toEqual({ headers: ['搜索词', '访客数'], rows: [['四件套', '1,204']] });
    const page = `${B}/flow/monitor/keyword_assistant?dateType=day&dateRange=${D}%7C${D}`;
    const r = processCapture(domMsg(page, data), []);
    expect(r.facts[0]?.values).toEqual({ uv: 1204 });
  });

  it('skips keyword rows of another date than the page asked for', () => {
    const page = `${B}/flow/monitor/keyword_assistant?dateType=day&dateRange=2026-06-02%7C2026-06-02`;
    const r = processCapture(domMsg(page, JSON.parse(f('keyword-table.json'))), []);
    expect(r.outcome).toBe('rejected');
  });

  it.each([
    ['login page HTML', f('login.html'), 'login'],
    ['code 5810', f('error-5810.json'), 'login'],
    ['code 1003', JSON.stringify({ code: 1003, message: '日期超出' }), 'platform-error'],
    ['hasError', JSON.stringify({ code: 0, hasError: true, data: [] }), 'platform-error'],
    ['not JSON', '{"code": 0, "da', 'rejected'],
    ['data null', JSON.stringify({ code: 0, data: null }), 'rejected'],
    ['data a string', JSON.stringify({ code: 0, data: 'x' }), 'rejected'],
    ['empty list', JSON.stringify({ code: 0, data: [] }), 'rejected'],
    ['rows without ids', JSON.stringify({ code: 0, data: [{ uv: { value: 1 } }] }), 'rejected'],
    ['rows without metrics', JSON.stringify({ code: 0, data: [{ pageId: { value: '22' } }] }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run('/flow/v5/shop/source/tree.json', body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('reports the bad field path and keeps the rest', () => {
    const body = JSON.stringify({ code: 0, data: [{ pageId: { value: '22' }, uv: { value: 'abc' }, payAmt: { value: 10 } }] });
    const r = run('/flow/v5/shop/source/tree.json', body);
    expect(r.facts[0]?.values).toEqual({ payAmt: 10 });
    expect(r.issues[0]).toMatchObject({ path: 'data[0].uv.value', message: '不是数字' });
  });

  it('rejects a request without a date range', () => {
    const r = processCapture(captureMsg(`${B}/flow/v5/shop/source/tree.json?device=2`, f('tree-v5.json')), []);
    expect(r.outcome).toBe('rejected');
    expect(r.issues[0]?.path).toBe('url.dateRange');
  });

  it('never stores today as a closed day', () => {
    const r = processCapture(captureMsg(`${B}/flow/v5/shop/source/tree.json${q('&device=2', '2026-06-10')}`, f('tree-v5.json')), []);
    expect(r.facts).toHaveLength(0);
  });

  it('handles a 2,000-node tree and deep nesting', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => ({ pageId: { value: `23.x${i}` }, pageName: { value: `来源${i}` }, uv: { value: i } }));
    let deep: Record<string, unknown> = { pageId: { value: '9' }, uv: { value: 1 } };
    for (let i = 0; i < 50; i++) deep = { pageId: { value: `9.${i}` }, uv: { value: 1 }, children: [deep] };
    const r = run('/flow/v5/shop/source/tree.json', JSON.stringify({ code: 0, data: [...nodes, deep] }));
    expect(r.outcome).toBe('stored');
    expect(r.facts.length).toBeGreaterThanOrEqual(2000);
    expect(r.facts.length).toBeLessThan(2010);
  });

  it('stores nothing without an identified shop', () => {
    const r = processCapture(captureMsg(`${B}/flow/v5/shop/source/tree.json${q('&device=2')}`, f('tree-v5.json'), { identity: { via: 'none' } }), []);
    expect(r.outcome).toBe('unidentified');
  });
});
