import { describe, expect, it } from 'vitest';
import { routeFor } from '@/lib/adapters/registry';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const API = 'https://h5api.m.taobao.com/h5/mtop.tmall.sell.pc.manage.async/1.0/';
const DATA = encodeURIComponent(JSON.stringify({ url: '/tmall/manager/table.htm', jsonBody: JSON.stringify({ tab: 'on_sale', pagination: { current: 1, pageSize: 20 } }) }));
const URL_GET = `${API}?jsv=2.7.2&appKey=12574478&t=1&sign=x&api=mtop.tmall.sell.pc.manage.async&v=1.0&type=originaljson&data=${DATA}`;
const PAGE = 'https://myseller.taobao.com/home.htm/SellManage/on_sale';
const NICK_ONLY = { via: 'cookie' as const, loginNick: '暖居家纺旗舰店:小王' };
const KNOWN = [{ id: '106033221', title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];
const run = (body: string, opts: { url?: string; method?: string } = {}) =>
  processCapture(captureMsg(opts.url ?? URL_GET, body, { pageUrl: PAGE, identity: NICK_ONLY, method: opts.method ?? 'GET' }), KNOWN);

describe('qianniu-item adapter', () => {
  it('routes the mtop gateway URL (page host ≠ API host), GET and POST, any version', () => {
    expect(routeFor(new URL(URL_GET), 'GET')?.adapter.id).toBe('qianniu-item');
    expect(routeFor(new URL(`${API.replace('1.0', '2.0')}?api=x`), 'POST')?.route.id).toBe('manage-table');
    expect(routeFor(new URL('https://myseller.taobao.com/h5/mtop.tmall.sell.pc.manage.async/1.0/'), 'GET')).toBeNull();
  });

  it('reads the item table (§11.11): snapshot per item, price string, stock, 30-day sales, title as text', () => {
    const r = run(fixture('qianniu-item', 'manage-table.json'));
    expect(r.outcome).toBe('stored');
    expect(r.shopId).toBe('106033221');
    expect(r.facts).toHaveLength(3);
    const [a, b, c] = r.facts;
    expect(a).toMatchObject({
      entityKind: 'item',
      entityId: '680000000001',
      entityName: '暖居全棉纯棉四件套 床上用品',
      grain: 'snapshot',
      date: '2026-06-10',
      dims: {},
      values: { itemPrice: 19.8, stockOnHand: 1200, soldQty30d: 11, soldQtyTotal: 101 },
    });
    expect(b?.entityName).toBe('<img src=x onerror=alert(1)>加厚珊瑚绒毯');
    expect(b?.values).toEqual({ itemPrice: 1299, stockOnHand: 35, soldQty30d: 0, soldQtyTotal: 8 });
    expect(c?.values).toEqual({ itemPrice: 79.9, stockOnHand: 0, soldQty30d: 236, soldQtyTotal: 1540 });
    expect(a?.id).toBe('106033221|item|680000000001|snapshot|2026-06-10|');
    expect(a?.source).toMatchObject({ adapter: 'qianniu-item', route: 'manage-table', pageUrl: PAGE });
  });

  it('reads a POST with the data in the form body, and a result already parsed to an object', () => {
    const env = JSON.parse(fixture('qianniu-item', 'manage-table.json'));
    env.data.result = JSON.parse(env.data.result);
    const msg = captureMsg(`${API}?jsv=2.7.2&appKey=12574478&api=mtop.tmall.sell.pc.manage.async&v=1.0`, JSON.stringify(env), {
      method: 'POST',
      pageUrl: PAGE,
      identity: NICK_ONLY,
    });
    if (msg.meta.kind !== 'dom') msg.meta.requestBody = `data=${DATA}`;
    const r = processCapture(msg, KNOWN);
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(3);
  });

  it('reads a JSONP reply', () => {
    const r = run(`mtopjsonp3(${fixture('qianniu-item', 'manage-table.json')})`);
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(3);
  });

  it('keeps readable fields of a bad row and reports the bad paths; price ranges are not a price', () => {
    const env = JSON.parse(fixture('qianniu-item', 'manage-table.json'));
    const inner = JSON.parse(env.data.result);
    const rows = inner.data.table.dataSource;
    rows[0].managerPrice.currentPrice = '¥ 19.80 - 29.80';
    rows[1].managerQuantityNew.text = 'abc';
    rows[2].itemId = 'not-an-id';
    rows.push(rows[0]);
    env.data.result = JSON.stringify(inner);
    const r = run(JSON.stringify(env));
    expect(r.outcome).toBe('stored');
    expect(r.facts.map((f) => f.entityId)).toEqual(['680000000001', '680000000002']);
    expect(r.facts[0]?.values).toEqual({ stockOnHand: 1200, soldQty30d: 11, soldQtyTotal: 101 });
    expect(r.facts[1]?.values).toEqual({ itemPrice: 1299, soldQty30d: 0, soldQtyTotal: 8 });
    expect(r.issues.map((i) => i.path)).toEqual(['dataSource[0].managerPrice.currentPrice', 'dataSource[1].managerQuantityNew.text', 'dataSource[2].itemId']);
  });

  it('an empty list stores nothing and is not an error', () => {
    const r = run(fixture('qianniu-item', 'manage-table-empty.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(0);
  });

  it.each([
    ['session expired', fixture('qianniu-item', 'error-session-expired.json'), 'login'],
    ['token empty', JSON.stringify({ api: 'x', v: '1.0', ret: ['FAIL_SYS_TOKEN_EMPTY::令牌为空'], data: {} }), 'login'],
    ['risk control', fixture('qianniu-item', 'error-user-validate.json'), 'platform-error'],
    ['other failure', JSON.stringify({ ret: ['FAIL_BIZ_SOMETHING::系统繁忙'], data: {} }), 'platform-error'],
    ['login HTML', fixture('qianniu-item', 'login.html'), 'login'],
    ['not JSON', '{"ret": ["SUCC', 'rejected'],
    ['no ret', JSON.stringify({ data: {} }), 'rejected'],
    ['result not JSON', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: '{bad' } }), 'rejected'],
    ['inner success false', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: JSON.stringify({ success: false, message: '无权限' }) } }), 'rejected'],
    ['other manager url', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: JSON.stringify({ success: true, data: {} }) } }), 'rejected'],
    ['data null', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: null }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('a nick no sycm visit has shown yet keeps the data under a provisional nick shop; no identity stores nothing', () => {
    const r = processCapture(captureMsg(URL_GET, fixture('qianniu-item', 'manage-table.json'), { pageUrl: PAGE, identity: NICK_ONLY }), []);
    expect(r.outcome).toBe('stored');
    expect(r.shopId).toBe('nick:暖居家纺旗舰店');
    expect(processCapture(captureMsg(URL_GET, fixture('qianniu-item', 'manage-table.json'), { pageUrl: PAGE, identity: { via: 'none' } }), []).outcome).toBe('unidentified');
    expect(processCapture(captureMsg(URL_GET, fixture('qianniu-item', 'manage-table.json'), { identity: SHOP_A }), []).outcome).toBe('stored');
  });

  it('handles a 500-row list', () => {
    const env = JSON.parse(fixture('qianniu-item', 'manage-table.json'));
    const inner = JSON.parse(env.data.result);
    const base = inner.data.table.dataSource[0];
    inner.data.table.dataSource = Array.from({ length: 500 }, (_, i) => ({ ...base, itemId: String(690000000000 + i) }));
    env.data.result = JSON.stringify(inner);
    const r = run(JSON.stringify(env));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(500);
  });
});
