import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { adMsg, KNOWN_A } from '../adapters/ad-capture';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { tbToken } from '../sandbox/identity.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { call, cookiesOf } from './sandbox-http';

const H = 'subway.simba.taobao.com';
const TODAY = '2026-11-25';
const D = '2026-11-20';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

const form = (name: string, qp: Record<string, unknown>, token = tbToken(SHOP_A)) =>
  new URLSearchParams({
    queryParam: JSON.stringify({ page: 1, pageSize: 100, startDate: D, endDate: D, effectEqual: 15, pvType: [1, 4, 2, 5, 6], ...qp }),
    sla: 'json',
    isAjaxRequest: 'true',
    token,
  }).toString() + `&_n=${name}`;
const rpt = async (name: string, qp: Record<string, unknown> = {}, token?: string) => {
  const text = form(name, qp, token);
  const r = await call(sb, H, 'POST', `/openapi/param2/1/gateway.subway/rpt/${name}$`, text, 'application/x-www-form-urlencoded');
  return { r, json: JSON.parse(r.body), text };
};

describe('sandbox 直通车', () => {
  it('serves the page with tracknick cookies and getLoginUserInfo (result.nickName)', async () => {
    const page = await call(sb, H, 'GET', '/');
    expect(cookiesOf(page).some((c) => c.startsWith('tracknick=') && c.includes('Domain=.taobao.com'))).toBe(true);
    const who = JSON.parse((await call(sb, H, 'POST', '/bpenv/getLoginUserInfo.htm', '')).body);
    expect(who.result).toMatchObject({ nickName: SHOP_A.mainUserName, token: tbToken(SHOP_A) });
  });

  it('campaign list: keyword campaigns only, spend sums to p4pExpendAmt, 直通车 units', async () => {
    const { json } = await rpt('rptCampaignList');
    const rows = json.result.data as { costInYuan: number; coverage: number; transactionShippingTotal: number; click: number }[];
    expect(rows).toHaveLength(2);
    const spend = Math.round(rows.reduce((a, r) => a + r.costInYuan, 0) * 100) / 100;
    expect(spend).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).p4pExpendAmt);
    // coverage is a percent number
    const r0 = rows[0];
    expect(r0?.coverage).toBeCloseTo(((r0?.transactionShippingTotal ?? 0) / (r0?.click ?? 1)) * 100, 2);
  });

  it('keyword report through the zhitongche adapter: percent → decimal, 分 → yuan', async () => {
    const { r, text } = await rpt('rptBidwordList', { effectEqual: 7 });
    const res = processCapture(
      adMsg(`https://${H}/openapi/param2/1/gateway.subway/rpt/rptBidwordList$`, r.body, text, { capturedAt: Date.parse(`${TODAY}T04:00:00Z`) }),
      KNOWN_A,
    );
    expect(res.outcome).toBe('stored');
    expect(res.facts.length).toBe(sb.world.keywords(SHOP_A.runAsShopId).length);
    const f = res.facts[0];
    expect(f).toMatchObject({ entityKind: 'keyword', grain: 'day', date: D, dims: { attr: '7', device: '0' } });
    expect(f?.values.adCvr).toBeLessThan(1);
  });

  it('a wrong token or the login fault answers code 601', async () => {
    expect((await rpt('rptCampaignList', {}, 'bad')).json.code).toBe('601');
    sb.setFault('login');
    try {
      expect((await rpt('rptCampaignList')).json.code).toBe('601');
    } finally {
      sb.setFault('none');
    }
  });
});
