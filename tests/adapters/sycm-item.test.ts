import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const S = 'https://sycm.taobao.com';
const day = `dateType=day&dateRange=${D}%7C${D}`;
const tail = 'token=1aa656228&_=1';
const IID = '680000000001';
const f = (n: string) => fixture('sycm-item', n);
const run = (url: string, body: string, opts: Parameters<typeof captureMsg>[2] = {}) =>
  processCapture(captureMsg(url, body, { pageUrl: `${S}/cc/item_rank`, ...opts }), []);
const rankUrl = (q = day) => `${S}/cc/item/view/top.json?${q}&page=1&pageSize=10&order=desc&orderBy=payAmt&device=0&compareType=cycle&follow=false&${tail}`;

describe('sycm-item: 商品排行 /cc/item/view/top.json', () => {
  it('reads every row into an item fact with the ~41 codes mapped, title as plain text', () => {
    const r = run(rankUrl(), f('item-rank-top.json'));
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-item', 'item-rank']);
    expect(r.facts.map((x) => x.entityId)).toEqual(['680000000001', '680000000002', '680000000003']);
    const a = r.facts[0];
    expect(a).toMatchObject({
      shopId: SHOP_A.shopId,
      entityKind: 'item',
      entityName: '暖居全棉纯棉四件套 床上用品',
      grain: 'day',
      date: D,
      dims: { device: '0' },
    });
    expect(a?.values).toMatchObject({
      payAmt: 8286.2,
      subPayOrdAmt: 8486.2,
      sucRefundAmt: 1585.55,
      payItmCnt: 228,
      subPayOrdItmQty: 231,
      payByrCnt: 196,
      payRate: 0.0999,
      newPayByrCnt: 150,
      payOldByrCnt: 46,
      olderPayAmt: 1900.5,
      juPayAmt: 0,
      mtdPayAmt: 59147.2,
      mtdPayItmCnt: 1630,
      ytdPayAmt: 612000,
      cartItemCnt: 520,
      cartByrCnt: 341,
      cltItmCnt: 37,
      visitCartRate: 0.1739,
      visitCltRate: 0.0189,
      uv: 1961,
      pv: 5381,
      stayTime: 36.5,
      itmBounceRate: 0.667,
      seGuideUv: 802,
      seGuidePayByrCnt: 61,
      seGuidePayRate: 0.0761,
      uvValue: 4.23,
      priceStarLevel: 4,
      itemUnitPrice: 36.34,
      itemPromoCharge: 410.5,
      itemPromoDirectRoi: 3.8,
      crtByrCnt: 215,
      crtRate: 0.1096,
    });
    expect(Object.keys(a?.values ?? {})).toHaveLength(33); // 35 keys less item and itemStatus (text)
    expect(a?.crc).toEqual({ payAmt: 0.12, payByrCnt: -0.05, uv: 0.03 });
    // The hostile title is kept as the text it is; nothing strips or interprets it.
    expect(r.facts[1]?.entityName).toBe('<img src=x onerror=alert(1)>加厚珊瑚绒毯 法兰绒毛毯冬季盖毯');
    expect(r.facts[0]?.id).toBe(`${SHOP_A.shopId}|item|680000000001|day|${D}|device=0`);
  });

  it('matches a versioned path, keeps the window end and device in the key', () => {
    const r = run(`${S}/cc/item/view/top/v2.json?dateType=recent7&dateRange=2026-05-26%7C${D}&device=2&page=1&pageSize=10&${tail}`, f('item-rank-top.json'));
    expect(r.route).toBe('item-rank');
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { device: '2', to: D } });
  });

  it('stores today-so-far as live, never as a closed day', () => {
    const today = '2026-06-10';
    const r = run(rankUrl(`dateType=today&dateRange=${today}%7C${today}`), f('item-rank-top.json'));
    expect(r.facts.every((x) => x.grain === 'live' && x.date === today)).toBe(true);
    const closed = run(rankUrl(`dateType=day&dateRange=${today}%7C${today}`), f('item-rank-top.json'));
    expect(closed.facts).toHaveLength(0);
  });

  it('skips rows without an item id and reports them; duplicate rows keep the first', () => {
    const body = JSON.parse(f('item-rank-top.json'));
    body.data.data.push({ item: { title: 'x' }, payAmt: { value: 1 } }, { ...body.data.data[0], payAmt: { value: 1 } });
    const r = run(rankUrl(), JSON.stringify(body));
    expect(r.facts).toHaveLength(3);
    expect(r.facts[0]?.values.payAmt).toBe(8286.2);
    expect(r.issues.some((i) => i.path === 'data.data[3].item.itemId')).toBe(true);
  });

  it('handles a huge page (2,000 rows)', () => {
    const body = JSON.parse(f('item-rank-top.json'));
    const row = body.data.data[0];
    body.data.data = Array.from({ length: 2000 }, (_, i) => ({ ...row, item: { itemId: 690000000000 + i, title: `商品${i}` } }));
    const r = run(rankUrl(), JSON.stringify(body));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(2000);
  });

  it.each([
    ['login page HTML', f('login.html'), 'login'],
    ['code 5810', f('error-5810.json'), 'login'],
    ['code 1003 (window not 1/7/15/30 days)', f('error-1003.json'), 'platform-error'],
    ['not JSON', '{"code":0,"data":', 'rejected'],
    ['data null', JSON.stringify({ code: 0, data: null }), 'rejected'],
    ['empty list', JSON.stringify({ code: 0, data: { recordCount: 0, data: [] } }), 'rejected'],
    ['rows without metrics', JSON.stringify({ code: 0, data: { data: [{ item: { itemId: 1 } }] } }), 'rejected'],
    ['list is a string', JSON.stringify({ code: 0, data: { data: 'x' } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(rankUrl(), body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('rejects a request without a date range', () => {
    const r = run(`${S}/cc/item/view/top.json?page=1&${tail}`, f('item-rank-top.json'));
    expect(r.outcome).toBe('rejected');
    expect(r.issues[0]?.path).toBe('url.dateRange');
  });

  it('keeps readable fields of a bad row and reports the bad path', () => {
    const body = JSON.parse(f('item-rank-top.json'));
    body.data.data[0].payAmt = { value: 'abc' };
    const r = run(rankUrl(), JSON.stringify(body));
    expect(r.facts[0]?.values.payAmt).toBeUndefined();
    expect(r.facts[0]?.values.uv).toBe(1961);
    expect(r.issues[0]).toMatchObject({ path: 'data.data[0].payAmt.value', message: '不是数字' });
  });
});

describe('sycm-item: 商品360', () => {
  const live = `${S}/cc/live/v2/item/sale/sku/list.json?itemId=${IID}&device=0&${tail}`;
  const capturedAt = Date.UTC(2026, 5, 10, 2); // 2026-06-10 10:00 Beijing

  it('SKU real-time list: stock as a snapshot of the capture day, sales as live', () => {
    const r = run(live, f('sku-list-live-v2.json'), { capturedAt });
    expect(r.route).toBe('sku-list');
    const snaps = r.facts.filter((x) => x.grain === 'snapshot');
    expect(snaps.map((x) => [x.entityKind, x.entityId, x.date, x.values.currentStockCnt])).toEqual([
      ['sku', '5000000000001', '2026-06-10', 312],
      ['sku', '5000000000002', '2026-06-10', 0],
    ]);
    expect(snaps[0]).toMatchObject({
      entityName: '颜色分类:黑色;尺码:M',
      dims: { itemId: IID },
      values: { currentStockCnt: 312, sellRate: 0.42, stockDays: 9 },
    });
    const sales = r.facts.filter((x) => x.grain === 'live');
    expect(sales[0]).toMatchObject({ date: '2026-06-10', dims: { device: '0', itemId: IID }, values: { payAmt: 1290.5, payItmCnt: 12, payByrCnt: 11 } });
    expect(sales[0]?.values.currentStockCnt).toBeUndefined();
  });

  it('SKU closed-day list: wrapped fields, day facts + stock snapshot', () => {
    const r = run(`${S}/cc/item/sale/sku/list.json?${day}&itemId=${IID}&device=0&${tail}`, f('sku-list-day.json'));
    const d = r.facts.filter((x) => x.grain === 'day');
    expect(d.map((x) => [x.entityId, x.values.payAmt, x.values.cartItemCnt])).toEqual([
      ['5000000000001', 2580.9, 40],
      ['5000000000002', 990, 17],
    ]);
    expect(d[0]?.crc).toEqual({ payAmt: 0.1 });
    expect(r.facts.filter((x) => x.grain === 'snapshot').map((x) => x.values.currentStockCnt)).toEqual([300, 5]);
  });

  it.each(['detail-funnel-inline.json', 'detail-funnel-blocks.json'])('detail funnel (%s): item + peers keyed by byrType and item', (file) => {
    const r = run(`${S}/cc/item/detail/analysis/overview.json?${day}&itemId=${IID}&byrType=new&device=0&${tail}`, f(file));
    expect(r.route).toBe('detail-funnel');
    const item = r.facts.find((x) => x.entityKind === 'item');
    expect(item).toMatchObject({ entityId: IID, dims: { device: '0', byrType: 'new' } });
    expect(item?.values).toMatchObject({ itemExposeUv: 1961, itemPayUv: 196, itemLossRate: 0.561, itemAvgStayTime: 36.5, itemPayConvertRate: 0.0999 });
    expect(Object.keys(item?.values ?? {})).toHaveLength(11);
    const avg = r.facts.find((x) => x.entityId === 'rivalAvg');
    expect(avg).toMatchObject({ entityKind: 'peer', entityName: '同行平均', dims: { device: '0', byrType: 'new', itemId: IID } });
    expect(avg?.values.itemExposeUv).toBe(1568.8);
    expect(r.facts.find((x) => x.entityId === 'rivalGood')?.values.itemPayConvertRate).toBe(file.includes('inline') ? 0.1998 : 0.2);
  });

  it('sale overview: item fact from the itemId of the query', () => {
    const r = run(`${S}/cc/live/item/sale/overview.json?${day}&itemId=${IID}&device=0&${tail}`, f('sale-overview.json'));
    expect(r.route).toBe('item-overview');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'item', entityId: IID, values: { payAmt: 1020.5, uv: 310, payByrCnt: 25, payItmCnt: 27, cartByrCnt: 52 } });
    const noItem = run(`${S}/cc/live/item/sale/overview.json?${day}&${tail}`, f('sale-overview.json'));
    expect(noItem.outcome).toBe('rejected');
  });

  it('refund reasons: one fact per reason with counts and amounts', () => {
    const r = run(
      `${S}/csp/api/refund/item/reason/list/v2.json?startDate=20260601&endDate=20260601&itemId=${IID}&rfdIntervalLevel=99&${tail}`,
      f('refund-reasons-v2.json'),
    );
    expect(r.route).toBe('refund-reasons');
    expect(r.facts.map((x) => [x.entityId, x.grain, x.date, x.dims.reason, x.values.rfdSucCnt, x.values.rfdSucAmt])).toEqual([
      [IID, 'day', D, '尺码拍错/不喜欢/效果不好', 7, 1433.3],
      [IID, 'day', D, '质量问题', 4, 819.6],
      [IID, 'day', D, '7天无理由退换货', 3, 614.7],
    ]);
    expect(r.facts[0]?.dims.rfdLevel).toBe('99');
  });

  it('refund case rows are aggregated: no case id, order id or nick is stored', () => {
    const r = run(`${S}/csp/api/refund/item/reason/list/v2.json?startDate=20260525&endDate=20260601&itemId=${IID}&${tail}`, f('refund-cases.json'));
    expect(r.facts.map((x) => [x.dims.reason, x.values.rfdSucCnt, x.values.rfdSucAmt])).toEqual([
      ['质量问题', 2, 100],
      ['不喜欢', 1, 19.9],
    ]);
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-25', dims: { to: D } });
    const text = JSON.stringify(r.facts);
    for (const s of ['210000000000000001', '300000000000000001', 't**1', '示例商品']) expect(text).not.toContain(s);
  });

  it('refunds per SKU', () => {
    const body = JSON.stringify({ code: 0, data: [{ skuId: '5000000000001', skuName: 'M', sucRefundAmt: 59.9, rfdSucCnt: 1 }] });
    const r = run(`${S}/cc/refund/item/sku/list.json?${day}&itemId=${IID}&${tail}`, body);
    expect(r.route).toBe('refund-skus');
    expect(r.facts[0]).toMatchObject({ entityKind: 'sku', values: { sucRefundAmt: 59.9, rfdSucCnt: 1 } });
  });
});

describe('sycm-item: 宏观监控, 新品, oneQuery', () => {
  it('macro overview: shop facts in the 商品 scope, never mixed with home shop facts', () => {
    const r = run(`${S}/cc/cockpit/marcro/core/live/overview.json?${day}&device=0&${tail}`, f('macro-overview.json'));
    expect(r.route).toBe('macro-overview');
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', entityId: SHOP_A.shopId, grain: 'day', dims: { device: '0', scope: 'cc' } });
    expect(r.facts[0]?.values).toMatchObject({ payAmt: 41250.6, uv: 6120, paidItemKinds: 31, visitedItemKinds: 40, sucRefundAmt: 3021.5 });
  });

  it('macro item list and new-product list are item rows', () => {
    expect(run(`${S}/cc/cockpit/marcro/item/top.json?${day}&device=0&${tail}`, f('macro-item-top.json')).facts[0]).toMatchObject({
      entityKind: 'item',
      values: { payAmt: 8286.2, uv: 1961 },
    });
    const n = run(`${S}/cc/new/product/item/list.json?${day}&device=0&${tail}`, f('new-product-items.json'));
    expect(n.facts[0]).toMatchObject({ entityId: '680000000009', entityName: '暖居 新品 记忆棉枕头', values: { uvValue: 6.42, uv: 81 } });
    const o = run(`${S}/cc/new/product/overview.json?${day}&device=0&${tail}`, f('new-product-overview.json'));
    expect(o.facts[0]).toMatchObject({ entityKind: 'shop', dims: { scope: 'new-product' }, values: { payAmt: 5020.1, uvValue: 6.2 } });
  });

  const oq = (domain: string, show: string, ext: Record<string, unknown>) =>
    `${S}/domain/oneQuery.json?domainCode=${domain}&showType=${show}&${day}&device=0&extMap=${encodeURIComponent(JSON.stringify(ext))}&bizCode=sycm_pc&${tail}`;

  it('oneQuery item overview (itemId in extMap)', () => {
    const r = run(oq('tao.shop.shop.item', 'overview', { itemId: IID, needCycleCrc: true }), f('one-query-overview.json'));
    expect(r.route).toBe('one-query');
    expect(r.facts[0]).toMatchObject({
      entityKind: 'item',
      entityId: IID,
      grain: 'day',
      date: D,
      values: { payAmt: 8286.2, uv: 1961, payRate: 0.0999 },
      crc: { payAmt: 0.12 },
    });
  });

  it('oneQuery item trend: one day fact per statDate', () => {
    const r = run(oq('tao.shop.shop.item', 'trend', { itemId: IID }), f('one-query-trend.json'));
    expect(r.facts.map((x) => [x.date, x.values.payAmt])).toEqual([
      ['2026-05-31', 8000.1],
      [D, 8200.2],
      ['2026-06-02', 8286.2],
    ]);
    expect(r.facts.every((x) => x.grain === 'day' && x.dims.device === '0')).toBe(true);
  });

  it('oneQuery SKU rows with their ids, parameters from a POST body', () => {
    const url = `${S}/domain/oneQuery.json?${tail}`;
    const body = `domainCode=tao.shop.shop.sku&showType=overview&dateType=day&dateRange=${D}%7C${D}&device=0&extMap=${encodeURIComponent(JSON.stringify({ itemId: IID }))}`;
    const msg = captureMsg(url, f('one-query-sku.json'), { method: 'POST' });
    if (msg.meta.kind !== 'dom') msg.meta.requestBody = body;
    const r = processCapture(msg, []);
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.dims.itemId, x.values.payAmt])).toEqual([
      ['sku', '5000000000001', IID, 2580.9],
      ['sku', '5000000000002', IID, 990],
    ]);
  });

  it('oneQuery of another domain is not read', () => {
    const r = run(oq('tao.shop.qos.seller', 'overview', {}), f('one-query-overview.json'));
    expect(r.outcome).toBe('rejected');
    expect(r.issues[0]?.path).toBe('request.domainCode');
  });
});
