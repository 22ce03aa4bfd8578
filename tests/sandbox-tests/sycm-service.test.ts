import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, SHOP_A as ID_A } from '../helpers';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { send } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-28';
const PAGE = 'https://sycm.taobao.com/qos/service/frame/customer/performance/new';

const get = (host: string, path: string, headers: Record<string, string> = {}) => send(sb, host, path, { headers });

const mtopPath = (data: Record<string, unknown>) =>
  `/h5/mtop.alibaba.sycm.domain.onequery/1.0/?jsv=2.6.1&appKey=12574478&t=1&sign=ab&api=mtop.alibaba.sycm.domain.onequery&v=1.0&type=originaljson&data=${encodeURIComponent(JSON.stringify(data))}`;
const cspPath = (list: string, extra = 'orderBy=x') =>
  `/csp/api/${list}.json?startDate=${D.replace(/-/g, '')}&endDate=${D.replace(/-/g, '')}&${extra}&pageNo=1&pageSize=20&token=${SHOP_A.legalityToken}`;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox 生意参谋 服务', () => {
  it('serves the 客服绩效 page with the identity meta tag and an agents table', async () => {
    const r = await get('sycm.taobao.com', `/qos/service/frame/customer/performance/new?dateType=day&dateRange=${D}%7C${D}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<meta name="microdata"');
    expect(r.body).toContain('id="agents-table"');
    expect(r.body).toContain('sandboxService(');
  });

  it('answers the mtop KPIs with the mtop envelope, CORS for the sycm page, and numbers that add up', async () => {
    const r = await get('h5api.m.taobao.com', mtopPath({ domainCode: 'tao.shop.qos.sellerkpi', dateType: 'day', dateRange: `${D}|${D}` }), {
      origin: 'https://sycm.taobao.com',
    });
    expect(r.headers['access-control-allow-origin']).toBe('https://sycm.taobao.com');
    expect(r.headers['access-control-allow-credentials']).toBe('true');
    const body = JSON.parse(r.body);
    expect(body.ret).toEqual(['SUCCESS::调用成功']);
    const agents = sb.world.agentDays(SHOP_A.runAsShopId, D);
    expect(body.data.model.result.content.consultUserCnt.value).toBe(agents.reduce((s, a) => s + a.consultUv, 0));
    const sub = JSON.parse(
      (await get('h5api.m.taobao.com', mtopPath({ domainCode: 'tao.shop.qos.subaccount', dateType: 'day', dateRange: `${D}|${D}` }))).body,
    );
    expect(sub.data.data.data.map((x: { accountNickWang: { value: string } }) => x.accountNickWang.value)).toEqual(agents.map((a) => a.nick));
  });

  it('answers the csp lists in the service envelope, ≤ 20 rows a page, and refuses bad calls', async () => {
    const r = JSON.parse((await get('sycm.taobao.com', cspPath('refund/all/detail/list', 'queryType=caseEnd&orderBy=caseEndTime'))).body);
    expect(r).toMatchObject({ code: 0, success: true });
    expect(r.data.dataSource.length).toBe(Math.min(20, r.data.count));
    const day = sb.world.shopDay(SHOP_A.runAsShopId, D);
    if (r.data.count <= 20) expect(r.data.dataSource.reduce((s: number, x: { refundRealAmt: number }) => s + x.refundRealAmt, 0)).toBeCloseTo(day.rfdSucAmt, 2);
    expect(JSON.parse((await get('sycm.taobao.com', cspPath('inquiry/loss/list').replace(/token=\w+/, 'token=bad'))).body).code).toBe(5810);
    expect(JSON.parse((await get('sycm.taobao.com', cspPath('inquiry/loss/list', 'x=1'))).body).code).toBe(22102);
    expect(JSON.parse((await get('sycm.taobao.com', cspPath('inquiry/loss/list').replace('pageSize=20', 'pageSize=50'))).body).code).toBe(1003);
  });

  it('its responses are read by the sycm-service adapter', async () => {
    const cases: [string, string, string][] = [
      ['h5api.m.taobao.com', mtopPath({ domainCode: 'tao.shop.qos.sellerkpi', dateType: 'day', dateRange: `${D}|${D}` }), 'onequery'],
      ['h5api.m.taobao.com', mtopPath({ domainCode: 'tao.shop.qos.subaccount', dateType: 'day', dateRange: `${D}|${D}` }), 'onequery'],
      ['sycm.taobao.com', cspPath('ww/consultation/detail/list'), 'csp-consultation'],
      ['sycm.taobao.com', cspPath('slow/rsps/detail/list'), 'csp-slow-reply'],
      ['sycm.taobao.com', cspPath('refund/all/detail/list', 'queryType=caseEnd&orderBy=caseEndTime'), 'csp-refund'],
    ];
    for (const [host, path, route] of cases) {
      const r = await get(host, path);
      const out = processCapture(captureMsg(`https://${host}${path}`, r.body, { pageUrl: PAGE, capturedAt: Date.UTC(2026, 10, 29, 2), identity: ID_A }), []);
      expect([out.route, out.outcome]).toEqual([route, 'stored']);
    }
  });
});
