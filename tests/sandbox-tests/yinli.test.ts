import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { adMsg, KNOWN_A } from '../adapters/ad-capture';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { call } from './sandbox-http';

const H = 'tuijian.taobao.com';
const TODAY = '2026-11-25';
const D = '2026-11-20';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox 引力魔方', () => {
  it('serves the page and a crowd-campaign report whose spend equals cubeAmt, read by the yinli adapter', async () => {
    expect((await call(sb, H, 'GET', '/indexbp.html')).body).toContain('report-body');
    const path = `/api2/report/campaign/list.json?startTime=${D}&endTime=${D}&effect=15&effectType=click`;
    const r = await call(sb, H, 'GET', path);
    const json = JSON.parse(r.body);
    expect(json.data.list).toHaveLength(1);
    expect(json.data.list[0].charge).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).cubeAmt);
    const res = processCapture(adMsg(`https://${H}${path}`, r.body, undefined, { method: 'GET', capturedAt: Date.parse(`${TODAY}T04:00:00Z`) }), KNOWN_A);
    expect(res.facts[0]).toMatchObject({ entityKind: 'campaign', grain: 'day', date: D, dims: { attr: '15', effectType: 'click' } });
    expect(res.facts[0]?.values.adSpend).toBe(json.data.list[0].charge);
  });
});
