import { describe, expect, it } from 'vitest';
import { routeFor } from '@/lib/adapters/registry';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture } from '../helpers';

const TODO = 'https://h5api.m.taobao.com/h5/mtop.qianniu.workbench.todolist.query/1.0/?jsv=2.7.2&appKey=12574478&t=1&sign=x&api=mtop.qianniu.workbench.todolist.query&v=1.0&type=originaljson&data=%7B%7D';
const REPORT = 'https://h5api.m.taobao.com/h5/mtop.tmall.voc.serverreport.query/1.0/?jsv=2.7.2&appKey=12574478&t=1&sign=x&api=mtop.tmall.voc.serverreport.query&v=1.0&type=originaljson&data=%7B%7D';
const SHOP = '106033221';
const NICK_ONLY = { via: 'cookie' as const, loginNick: '暖居家纺旗舰店:小王' };
const KNOWN = [{ id: SHOP, title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];
const run = (url: string, body: string) => processCapture(captureMsg(url, body, { pageUrl: 'https://myseller.taobao.com/home.htm/QnworkbenchHome/', identity: NICK_ONLY }), KNOWN);

describe('qianniu-workbench adapter', () => {
  it('routes by the API name (names not confirmed: matched by what they say)', () => {
    expect(routeFor(new URL(TODO), 'GET')?.route.id).toBe('todo-list');
    expect(routeFor(new URL('https://h5api.m.taobao.com/h5/mtop.taobao.qianniu.home.todo.get/2.0/'), 'POST')?.route.id).toBe('todo-list');
    expect(routeFor(new URL(REPORT), 'GET')?.route.id).toBe('server-report');
    expect(routeFor(new URL('https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/'), 'GET')?.adapter.id).not.toBe('qianniu-workbench');
  });

  it('reads every to-do module and uiCode of §7.4 into one shop snapshot', () => {
    const r = run(TODO, fixture('qianniu-workbench', 'todo-list.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', entityId: SHOP, grain: 'snapshot', date: '2026-06-10', dims: { panel: 'todo' } });
    expect(r.facts[0]?.values).toEqual({
      todoPresale: 58,
      todoNotDelivery: 23,
      todoWaitForRated: 35,
      todoAftersale: 205,
      todoPendingAfterSale: 0,
      todoInvoiceApply: 40,
      todoUpdateAddress: 165,
      todoLogistics: 1,
      todoWillTimeOutDelivery: 0,
      todoTimeOutDelivery: 1,
      todoPayGotException: 0,
      todoUpdateException: 0,
      todoDeliveryException: 0,
      todoItemManage: 109,
      todoOnSale: 46,
      todoInStock: 63,
      todoXiaoer: 0,
      todoPendingPunishComplaint: 0,
      todoPendingPunish: 0,
      todoPendingOrder: 0,
      todoMktPortalRisk: 0,
    });
    expect(r.issues).toEqual([]);
  });

  it('accepts result as a JSON string, reports unknown uiCodes and bad counts', () => {
    const env = JSON.parse(fixture('qianniu-workbench', 'todo-list.json'));
    env.data.result[2].todoListDetail.push({ uiCode: 'newThing', count: 3 });
    env.data.result[2].todoListDetail[1].count = 'x';
    env.data.result = JSON.stringify(env.data.result);
    const r = run(TODO, JSON.stringify(env));
    expect(r.facts[0]?.values.todoLogistics).toBe(1);
    expect(r.facts[0]?.values.todoTimeOutDelivery).toBeUndefined();
    expect(r.issues.map((i) => i.message).sort()).toEqual(['不是非负整数', '未知的待办项']);
  });

  it('reads the 真实体验分 blocks and the known sub-indexes (showValue first)', () => {
    const r = run(REPORT, fixture('qianniu-workbench', 'server-report.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', grain: 'snapshot', dims: { panel: 'experience' } });
    expect(r.facts[0]?.values).toEqual({
      experienceScore: 4.62,
      expGoodsScore: 4.55,
      expNegItemFeedbackRate: 0.0035,
      expLogisticsScore: 4.71,
      expPickup48hRate: 0.992,
      expServiceScore: 4.6,
      expManualResp3minRate: 0.925,
      expBonusScore: 0.05,
      expTradeScore: 4.3,
    });
  });

  it('reads blocks placed directly in data, or as a list', () => {
    const env = JSON.parse(fixture('qianniu-workbench', 'server-report.json'));
    const blocks = JSON.parse(env.data.result);
    expect(run(REPORT, JSON.stringify({ ...env, data: blocks })).facts[0]?.values.experienceScore).toBe(4.62);
    const list = Object.entries(blocks).map(([code, b]) => ({ ...(b as object), code }));
    expect(run(REPORT, JSON.stringify({ ...env, data: { result: list } })).facts[0]?.values.expServiceScore).toBe(4.6);
  });

  it.each([
    [TODO, 'session expired', JSON.stringify({ ret: ['FAIL_SYS_SESSION_EXPIRED::Session过期'], data: {} }), 'login'],
    [TODO, 'risk control', fixture('qianniu-item', 'error-user-validate.json'), 'platform-error'],
    [TODO, 'empty list', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: [] } }), 'rejected'],
    [TODO, 'not a list', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: 'abc' } }), 'rejected'],
    [REPORT, 'no blocks', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: '{}' } }), 'rejected'],
    [REPORT, 'scores unreadable', JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { nps: { score: 'x' } } }), 'rejected'],
    [REPORT, 'login HTML', fixture('qianniu-item', 'login.html'), 'login'],
  ])('%s %s → %s, nothing stored', (url, _n, body, outcome) => {
    const r = run(url, body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });
});
