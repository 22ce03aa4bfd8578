import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '@/lib/capture/identity';
import { processCapture } from '@/lib/capture/process';
import { adMsg, KNOWN_A } from '../adapters/ad-capture';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { call, cookiesOf } from './sandbox-http';

const H = 'one.alimama.com';
const TODAY = '2026-11-25';
const D = '2026-11-20';
let sb: Sandbox;
let csrf = '';

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
  const r = await call(sb, H, 'POST', '/member/checkAccess.json', '{"bizCode":"universalBP"}');
  csrf = JSON.parse(r.body).data.accessInfo.csrfId;
});
afterAll(async () => {
  await sb?.close();
});

const body = (o: Record<string, unknown>) =>
  JSON.stringify({
    bizCode: 'universalBP',
    source: 'baseReport',
    rptType: 'account',
    splitType: 'day',
    unifyType: 'zhai',
    effectEqual: 15,
    startTime: D,
    endTime: D,
    byPage: true,
    pageSize: 100,
    offset: 0,
    ...o,
  });
const query = async (o: Record<string, unknown>) => {
  const text = body(o);
  const r = await call(sb, H, 'POST', `/report/query.json?csrfId=${encodeURIComponent(csrf)}&bizCode=universalBP`, text);
  return { r, json: JSON.parse(r.body), text };
};

describe('sandbox 万相台无界', () => {
  it('serves the report page with only the lid cookie as identity', async () => {
    const r = await call(sb, H, 'GET', '/index.html');
    expect(r.status).toBe(200);
    expect(r.body).toContain('report-table');
    expect(r.body).not.toContain('microdata');
    const lid = cookiesOf(r).find((c) => c.startsWith('lid='));
    expect(lid).toContain('Domain=.alimama.com');
    const id = readIdentity({ cookie: (lid ?? '').split(';')[0] ?? '' });
    expect(id.loginNick).toBe(SHOP_A.loginUserName);
  });

  it('scene spend per day equals the shop home KPIs p4pExpendAmt / cubeAmt / feedCharge / adStrategyAmt', async () => {
    const { json } = await query({ queryDomains: ['date', 'scene'] });
    expect(json.info.ok).toBe(true);
    const day = sb.world.shopDay(SHOP_A.runAsShopId, D);
    const byScene = Object.fromEntries(json.data.list.map((r: { sceneId: number; charge: number }) => [r.sceneId, r.charge]));
    expect(byScene).toEqual({ 371: day.p4pExpendAmt, 372: day.cubeAmt, 373: day.feedCharge, 418: day.adStrategyAmt });
  });

  it('keyword rows split their campaigns exactly; attribution changes conversions, not spend', async () => {
    const kw15 = (await query({ rptType: 'bidword', queryDomains: ['date', 'campaign', 'word'] })).json.data.list;
    const kw3 = (await query({ rptType: 'bidword', queryDomains: ['date', 'campaign', 'word'], effectEqual: 3 })).json.data.list;
    expect(kw15.length).toBe(sb.world.keywords(SHOP_A.runAsShopId).length);
    const spend = (l: { charge: number }[]) => Math.round(l.reduce((a, r) => a + r.charge, 0) * 100) / 100;
    expect(spend(kw15)).toBe(spend(kw3));
    const day = sb.world.shopDay(SHOP_A.runAsShopId, D);
    expect(spend(kw15)).toBe(day.p4pExpendAmt);
    const gmv = (l: { alipayInshopAmt: number }[]) => l.reduce((a, r) => a + r.alipayInshopAmt, 0);
    expect(gmv(kw3)).toBeLessThan(gmv(kw15));
  });

  it('its replies go through the wanxiang adapter into facts (campaign range)', async () => {
    const { r, text } = await query({ rptType: 'campaign', splitType: 'sum', queryDomains: ['campaign'], startTime: '2026-11-14', endTime: D });
    const res = processCapture(
      adMsg(`https://${H}/report/query.json?csrfId=${csrf}&bizCode=universalBP`, r.body, text, { capturedAt: Date.parse(`${TODAY}T04:00:00Z`) }),
      KNOWN_A,
    );
    expect(res.outcome).toBe('stored');
    expect(res.facts).toHaveLength(5);
    expect(res.facts.every((f) => f.grain === 'range' && f.date === '2026-11-14' && f.dims.to === D && f.dims.attr === '15')).toBe(true);
  });

  it('charge sum totals the day; a wrong csrfId or the login fault answer info.ok=false', async () => {
    const r = await call(sb, H, 'POST', '/report/chargeSum.json', JSON.stringify({ startTime: D, endTime: D }));
    const day = sb.world.shopDay(SHOP_A.runAsShopId, D);
    expect(JSON.parse(r.body).data.totalCharge).toBeCloseTo(day.p4pExpendAmt + day.cubeAmt + day.feedCharge + day.adStrategyAmt, 2);
    const bad = await call(sb, H, 'POST', '/report/query.json?csrfId=x&bizCode=universalBP', body({}));
    expect(JSON.parse(bad.body).info.ok).toBe(false);
    sb.setFault('login');
    try {
      expect(JSON.parse((await query({})).r.body).info.ok).toBe(false);
    } finally {
      sb.setFault('none');
    }
  });

  it('no data for today or later', async () => {
    const { json } = await query({ startTime: TODAY, endTime: TODAY, queryDomains: ['date', 'scene'] });
    expect(json.data.list).toEqual([]);
  });
});
