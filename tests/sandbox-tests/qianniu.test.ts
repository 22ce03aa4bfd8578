/** Sandbox 千牛: pages, mtop and trade APIs in the real shapes, fed by the generator, read back by the adapters. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg } from '../helpers';
import { beijingMidnightMs, SHOP_A } from '../sandbox/generator/index.ts';
import { qnOrdersOn } from '../sandbox/generator/qianniu.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { send } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-28';
const KNOWN = [{ id: SHOP_A.runAsShopId, title: SHOP_A.runAsShopTitle, mainUserName: SHOP_A.mainUserName, firstSeenAt: 1, lastSeenAt: 1 }];
const NICK = { via: 'cookie' as const, loginNick: SHOP_A.loginUserName };

const call = (host: string, path: string, opts: { method?: string; body?: string; origin?: string } = {}) =>
  send(sb, host, path, {
    method: opts.method,
    ...(opts.body ? { body: opts.body, contentType: 'application/x-www-form-urlencoded' } : {}),
    headers: opts.origin ? { origin: opts.origin } : {},
  });

const mtopPath = (api: string) => `/h5/${api}/1.0/?jsv=2.7.2&appKey=12574478&t=1&sign=abc&api=${api}&v=1.0&type=originaljson`;
const manageBody = (tab = 'on_sale', current = 1) =>
  `data=${encodeURIComponent(JSON.stringify({ url: '/tmall/manager/table.htm', jsonBody: JSON.stringify({ tab, pagination: { current, pageSize: 20 }, table: { sort: { monthlySoldQuantity: 'desc' } } }) }))}`;
const soldBody = (o: Record<string, string>) =>
  new URLSearchParams({
    action: 'itemlist/SoldQueryAction',
    pageNum: '1',
    pageSize: '15',
    tabCode: 'latest3Months',
    dateBegin: '0',
    dateEnd: '0',
    ...o,
  }).toString();
const capturedAt = beijingMidnightMs(TODAY) + 10 * 3600_000;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => sb.setFault('none'));

describe('sandbox 千牛', () => {
  it('serves the pages with login cookies only (no microdata)', async () => {
    for (const [host, path] of [
      ['myseller.taobao.com', '/home.htm/SellManage/on_sale'],
      ['myseller.taobao.com', '/home.htm/QnworkbenchHome/'],
      ['myseller.taobao.com', '/home.htm/voc-tmall/serverReport'],
      ['trade.taobao.com', '/trade/itemlist/list_sold_items.htm'],
    ] as const) {
      const r = await call(host, path);
      expect(r.status).toBe(200);
      expect(r.body).not.toContain('name="microdata"');
      expect(String(r.headers['set-cookie'])).toContain('tracknick=');
    }
  });

  it('商品管理 mtop: envelope, JSON-string result, CORS, and the adapter reads generator truth', async () => {
    const r = await call('h5api.m.taobao.com', mtopPath('mtop.tmall.sell.pc.manage.async'), {
      method: 'POST',
      body: manageBody(),
      origin: 'https://myseller.taobao.com',
    });
    expect(r.headers['access-control-allow-origin']).toBe('https://myseller.taobao.com');
    const env = JSON.parse(r.body);
    expect(env).toMatchObject({ api: 'mtop.tmall.sell.pc.manage.async', v: '1.0', ret: ['SUCCESS::调用成功'] });
    expect(typeof env.data.result).toBe('string');
    const msg = captureMsg(`https://h5api.m.taobao.com${mtopPath('mtop.tmall.sell.pc.manage.async')}`, r.body, { method: 'POST', identity: NICK, capturedAt });
    const p = processCapture(msg, KNOWN);
    expect(p.outcome).toBe('stored');
    expect(p.facts).toHaveLength(20);
    const item = sb.world.items(SHOP_A.runAsShopId).find((i) => i.itemId === p.facts[0]?.entityId);
    expect(p.facts[0]?.values.itemPrice).toBe(item?.price);
    const stock = sb.world
      .skus(SHOP_A.runAsShopId)
      .filter((s) => s.itemId === item?.itemId)
      .reduce((a, s) => a + sb.world.skuStock(s, D), 0);
    expect(p.facts[0]?.values.stockOnHand).toBe(stock);
  });

  it('workbench mtop APIs are read by qianniu-workbench', async () => {
    for (const api of ['mtop.qianniu.workbench.todolist.query', 'mtop.tmall.voc.serverreport.query']) {
      const r = await call('h5api.m.taobao.com', `${mtopPath(api)}&data=%7B%7D`);
      const p = processCapture(captureMsg(`https://h5api.m.taobao.com${mtopPath(api)}`, r.body, { identity: NICK, capturedAt }), KNOWN);
      expect(p.adapter).toBe('qianniu-workbench');
      expect(p.outcome).toBe('stored');
      expect(p.issues).toEqual([]);
    }
  });

  it('mtop faults: session expired, risk control, truncated', async () => {
    const path = mtopPath('mtop.tmall.sell.pc.manage.async');
    const url = `https://h5api.m.taobao.com${path}`;
    for (const [fault, outcome] of [
      ['login', 'login'],
      ['error5810', 'platform-error'],
      ['malformed', 'rejected'],
    ] as const) {
      sb.setFault(fault);
      const r = await call('h5api.m.taobao.com', path, { method: 'POST', body: manageBody() });
      expect(processCapture(captureMsg(url, r.body, { method: 'POST', identity: NICK, capturedAt }), KNOWN).outcome).toBe(outcome);
    }
  });

  it('已卖出的宝贝: one order per paying buyer; a whole-day window and a full page give the day truth', async () => {
    const truth = sb.world.shopDay(SHOP_A.runAsShopId, D);
    const orders = qnOrdersOn(sb.world, SHOP_A.runAsShopId, D, TODAY);
    expect(orders).toHaveLength(truth.payByrCnt);
    expect(Math.round(orders.reduce((a, o) => a + o.fee, 0) * 100) / 100).toBe(truth.payAmt);
    const from = beijingMidnightMs(D);
    const body = soldBody({ dateBegin: String(from), dateEnd: String(from + 86_399_000), pageSize: '100' });
    const r = await call('trade.taobao.com', '/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8', { method: 'POST', body });
    const j = JSON.parse(r.body);
    expect(j.page.totalNumber).toBe(truth.payByrCnt);
    const msg = captureMsg('https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8', r.body, {
      method: 'POST',
      identity: NICK,
      capturedAt,
    });
    if (msg.meta.kind !== 'dom') msg.meta.requestBody = body;
    const p = processCapture(msg, KNOWN);
    const day = p.facts.find((f) => f.grain === 'day' && f.date === D && f.dims.status === 'all');
    expect(day?.values.soldOrderCnt).toBe(truth.payByrCnt);
    if (truth.payByrCnt <= 100) expect(day?.values.soldOrderAmt).toBe(truth.payAmt);
    expect(JSON.stringify(p.facts)).not.toMatch(/\*\*\*/);
  });

  it('trade login fault answers the login page', async () => {
    sb.setFault('login');
    const r = await call('trade.taobao.com', '/trade/itemlist/asyncSold.htm?event_submit_do_query=1', { method: 'POST', body: soldBody({}) });
    const p = processCapture(
      captureMsg('https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1', r.body, { method: 'POST', identity: NICK, capturedAt }),
      KNOWN,
    );
    expect(p.outcome).toBe('login');
  });
});
