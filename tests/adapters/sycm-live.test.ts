import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture } from '../helpers';

const S = '106033221';
const B = 'https://sycm.taobao.com';
const TODAY = '2026-06-10';
const YEST = '2026-06-09';
/** 10:35 Beijing time on TODAY. */
const AT = Date.UTC(2026, 5, 10, 2, 35);
const t = 'token=1aa656228&_=1';
const f = (name: string) => fixture('sycm-live', name);
const run = (pathAndQuery: string, body: string, capturedAt = AT) => processCapture(captureMsg(`${B}${pathAndQuery}`, body, { capturedAt }), []);

describe('sycm-live adapter', () => {
  it('reads the real-time overview: today as live, yestday as the closed day before', () => {
    const r = run(`/portal/live/new/index/overview/v3.json?dateType=today&dateRange=${TODAY}%7C${TODAY}&${t}`, f('overview-v3.json'));
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-live', 'overview']);
    const live = r.facts.find((x) => x.grain === 'live');
    expect(live).toMatchObject({ entityKind: 'shop', entityId: S, date: TODAY, dims: { device: '0' } });
    expect(live?.values).toEqual({ payAmt: 18230.5, uv: 3120, pv: 10240, payByrCnt: 71, payOrdCnt: 79, payRate: 0.0228, payItmCnt: 95 });
    expect(live?.crc).toEqual({ payAmt: 0.052, uv: 0.011 });
    expect(live?.id).toBe(`${S}|shop|${S}|live|${TODAY}|device=0`);
    const day = r.facts.find((x) => x.grain === 'day');
    expect(day).toMatchObject({ entityKind: 'shop', date: YEST, dims: { device: '0' } });
    expect(day?.values).toEqual({ payAmt: 41250.6, uv: 7012, pv: 23140, payByrCnt: 155, payOrdCnt: 170, payRate: 0.0221 });
    // The same key as the home page's closed day: one meaning, one fact.
    expect(day?.id).toBe(`${S}|shop|${S}|day|${YEST}|device=0`);
  });

  it('a later snapshot of the same day has the same key (the newest replaces the older)', () => {
    const url = `/portal/live/new/index/overview/v3.json?dateType=today&dateRange=${TODAY}%7C${TODAY}&${t}`;
    const morning = run(url, f('overview-v3.json'), AT);
    const evening = run(url, f('overview-v3.json'), AT + 9 * 3600_000);
    expect(evening.facts.map((x) => x.id)).toEqual(morning.facts.map((x) => x.id));
  });

  it('without a date in the request, takes the capture business date (Asia/Shanghai)', () => {
    // 2026-06-09 17:30 UTC = 2026-06-10 01:30 in Shanghai.
    const r = run(`/portal/live/new/index/overview.json?dateType=today&${t}`, f('overview-v3.json'), Date.UTC(2026, 5, 9, 17, 30));
    expect(r.facts.find((x) => x.grain === 'live')?.date).toBe(TODAY);
    expect(r.facts.find((x) => x.grain === 'day')?.date).toBe(YEST);
  });

  it('ignores a request date far from the capture time (stale or forged) and uses the capture date', () => {
    const r = run(`/portal/live/new/index/overview/v3.json?dateType=today&dateRange=2026-01-01%7C2026-01-01&${t}`, f('overview-v3.json'));
    expect(r.facts.find((x) => x.grain === 'live')?.date).toBe(TODAY);
  });

  it('reads yesterday trade (payAmt in fen → yuan) and flow as closed days', () => {
    const trade = run(`/ipoll/live/yesterday/getYesterdayTrade.json?${t}`, f('yesterday-trade.json'));
    expect(trade.outcome).toBe('stored');
    expect(trade.facts).toHaveLength(1);
    expect(trade.facts[0]).toMatchObject({ entityKind: 'shop', grain: 'day', date: YEST, dims: { device: '0' } });
    expect(trade.facts[0]?.values).toEqual({ payAmt: 41250.6, payOrdCnt: 170, payByrCnt: 155 });
    const flow = run(`/ipoll/live/yesterday/getYesterdayFlow.json?${t}`, f('yesterday-flow.json'));
    expect(flow.facts[0]?.values).toEqual({ uv: 7012, pv: 23140, itmUv: 6120 });
    expect(flow.facts[0]?.id).toBe(trade.facts[0]?.id);
  });

  it('refuses a yesterday block dated today or later', () => {
    const body = JSON.stringify({ code: 0, data: { data: { statDate: TODAY, uv: 1 } } });
    expect(run(`/ipoll/live/yesterday/getYesterdayFlow.json?${t}`, body).outcome).toBe('rejected');
  });

  it('reads the real-time item rank: wrapped, bare and item{} rows, device in dims, cart code aliased', () => {
    const r = run(`/ipoll/live/rank/item.json?device=0&index=uv&keyword=&page=1&limit=10&${t}`, f('rank-item.json'));
    expect(r.outcome).toBe('stored');
    expect(r.route).toBe('item-rank');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.entityName, x.grain, x.date, x.dims.device])).toEqual([
      ['item', '680000000001', '纯棉四件套 全棉床单被套', 'live', TODAY, '0'],
      ['item', '680000000002', '<img src=x onerror=alert(1)>珊瑚绒毯', 'live', TODAY, '0'],
      ['item', '680000000003', '泰国乳胶枕', 'live', TODAY, '0'],
    ]);
    expect(r.facts[0]?.values).toEqual({ uv: 512, payAmt: 3120.5, payByrCnt: 12, cartItemCnt: 40 });
    expect(r.facts[1]?.values).toEqual({ uv: 300, payAmt: 1020, payByrCnt: 6 });
  });

  it('the add-to-cart rank and the item rank share the item key (same day, same device)', () => {
    const cart = run(`/ipoll/live/rank/item/purchase/add.json?device=0&index=cartItmCnt&page=1&limit=10&${t}`, f('rank-cart.json'));
    const rank = run(`/ipoll/live/rank/item.json?device=0&index=uv&page=1&limit=10&${t}`, f('rank-item.json'));
    expect(cart.route).toBe('cart-rank');
    expect(cart.facts[0]?.id).toBe(rank.facts[0]?.id);
    expect(cart.facts[1]?.values).toEqual({ cartItemCnt: 22 });
    const mobile = run(`/ipoll/live/rank/item.json?device=2&index=uv&page=1&limit=10&${t}`, f('rank-item.json'));
    expect(mobile.facts[0]?.id).not.toBe(rank.facts[0]?.id);
  });

  it('reads the hourly item trend: today hours as live, yesterday hours as closed day, hour in dims', () => {
    const r = run(`/ipoll/live/summary/getItemHourTrend.json?device=0&itemId=680000000001&${t}`, f('item-hour-trend.json'));
    expect(r.outcome).toBe('stored');
    const live = r.facts.filter((x) => x.grain === 'live');
    const day = r.facts.filter((x) => x.grain === 'day');
    expect(live).toHaveLength(11);
    expect(day).toHaveLength(24);
    expect(live[10]).toMatchObject({
      entityKind: 'item',
      entityId: '680000000001',
      date: TODAY,
      dims: { device: '0', hour: '10' },
      values: { uv: 72, payAmt: 645 },
    });
    expect(day[23]).toMatchObject({ date: YEST, dims: { hour: '23' }, values: { uv: 31, payAmt: 258 } });
  });

  it('reads an hourly trend given as rows with an hour field', () => {
    const body = JSON.stringify({ code: 0, data: [{ hour: '09:00', uv: 5 }, { statHour: 10, uv: { value: 7 } }, { uv: 1 }] });
    const r = run(`/ipoll/live/summary/getItemHourTrend.json?device=0&itemId=680000000001&${t}`, body);
    expect(r.facts.map((x) => [x.dims.hour, x.values.uv])).toEqual([
      ['09', 5],
      ['10', 7],
    ]);
    expect(r.issues.some((i) => i.path === 'data[2].hour')).toBe(true);
  });

  it('rejects the hourly trend without itemId', () => {
    expect(run(`/ipoll/live/summary/getItemHourTrend.json?device=0&${t}`, f('item-hour-trend.json')).outcome).toBe('rejected');
  });

  it('reads the real-time source top (device 2 default) and flow overview as live facts', () => {
    const src = run(`/flow/overview/live/shopFlowSourceTop/v4.json?dateType=today&dateRange=${TODAY}%7C${TODAY}&${t}`, f('source-top-live.json'));
    expect(src.route).toBe('source-top');
    expect(src.facts.map((x) => [x.entityKind, x.entityId, x.grain, x.date, x.values.uv])).toEqual([
      ['source', '23.s1150', 'live', TODAY, 820],
      ['source', '22.2', 'live', TODAY, 610],
    ]);
    expect(src.facts[0]?.dims).toEqual({ device: '2', belong: 'all', level: '2', parent: '23' });
    const ov = run(`/flow/new/live/guide/trend/overview.json?dateType=today&dateRange=${TODAY}%7C${TODAY}&device=2&${t}`, f('flow-overview-live.json'));
    expect(ov.facts[0]).toMatchObject({ entityKind: 'shop', entityId: S, grain: 'live', date: TODAY, dims: { device: '2' } });
    expect(ov.facts[0]?.values).toEqual({ uv: 2890, itmUv: 2511, pv: 9420, payByrCnt: 66, newUv: 2410, oldUv: 480 });
  });

  it('reads the real-time item ranking (/cc/item/live/view/top.json) with item codes as the item metrics', () => {
    const r = run(`/cc/item/live/view/top.json?dateType=today&dateRange=${TODAY}%7C${TODAY}&page=1&pageSize=10&device=0&${t}`, f('item-top-live.json'));
    expect(r.route).toBe('item-top');
    expect(r.facts[0]).toMatchObject({ entityKind: 'item', entityId: '680000000001', grain: 'live', date: TODAY });
    expect(r.facts[0]?.values).toEqual({ payAmt: 3120.5, payByrCnt: 12, payItmCnt: 14, uv: 512, pv: 1402, cartByrCnt: 33, cltItmCnt: 9 });
    expect(r.facts[0]?.crc).toEqual({ payAmt: 0.12 });
  });

  it.each([
    ['login page HTML', f('login.html'), 'login'],
    ['code 5810', f('error-5810.json'), 'login'],
    ['code 1003', JSON.stringify({ hasError: false, content: { code: 1003, message: 'x' } }), 'platform-error'],
    ['hasError', JSON.stringify({ hasError: true, content: { code: 0 } }), 'platform-error'],
    ['not JSON', '{"hasError": fa', 'rejected'],
    ['data null', JSON.stringify({ hasError: false, content: { code: 0, data: null } }), 'rejected'],
    ['data a list', JSON.stringify({ hasError: false, content: { code: 0, data: [] } }), 'rejected'],
    ['empty blocks', JSON.stringify({ hasError: false, content: { code: 0, data: { data: { today: {}, yestday: {} } } } }), 'rejected'],
    ['blocks not objects', JSON.stringify({ hasError: false, content: { code: 0, data: { data: { today: 1, yestday: 'x' } } } }), 'rejected'],
  ])('overview: %s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(`/portal/live/new/index/overview/v3.json?dateType=today&${t}`, body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it.each([
    ['empty list', JSON.stringify({ code: 0, data: { data: { list: [] } } })],
    ['rows without item ids', JSON.stringify({ code: 0, data: { data: { list: [{ uv: 1 }, { itemId: 'abc', uv: 2 }] } } })],
    ['data a number', JSON.stringify({ code: 0, data: 7 })],
  ])('item rank: %s → rejected', (_n, body) => {
    const r = run(`/ipoll/live/rank/item.json?device=0&${t}`, body);
    expect(r.outcome).toBe('rejected');
    expect(r.facts).toHaveLength(0);
  });

  it('handles a 5,000-row rank list', () => {
    const list = Array.from({ length: 5000 }, (_, i) => ({ itemId: 680000000000 + i, title: `商品${i}`, uv: i, payAmt: i * 2 }));
    const r = run(`/ipoll/live/rank/item.json?device=0&${t}`, JSON.stringify({ code: 0, data: { data: { list } } }));
    expect(r.facts).toHaveLength(5000);
  });
});
