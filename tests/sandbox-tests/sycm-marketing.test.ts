import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, SHOP_A as ID_A } from '../helpers';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';

const get = (path: string) => sycmGet(sb, path);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox 生意参谋 营销/内容', () => {
  it('serves the 活动日历 page and its API; totals equal the sum of the shop days', async () => {
    expect((await get('/datawar/activity/calendar?month=2026-11')).body).toContain('<meta name="microdata"');
    const path = `/datawar/v4/activity/actList/getActivityCalendar.json?startDate=2026-11-01&endDate=2026-11-30&token=${SHOP_A.legalityToken}`;
    const r = JSON.parse((await get(path)).body);
    expect(r.code).toBe(0);
    const d11 = r.data.list.find((a: { activityName: string }) => a.activityName.startsWith('双11'));
    let uv = 0;
    for (let d = 1; d <= 11; d++) uv += sb.world.shopDay(SHOP_A.runAsShopId, `2026-11-${String(d).padStart(2, '0')}`).uv;
    expect(d11.uv.value).toBe(uv);
    const out = processCapture(captureMsg(`https://sycm.taobao.com${path}`, JSON.stringify(r), { identity: ID_A, capturedAt: Date.UTC(2026, 10, 29, 2) }), []);
    expect([out.route, out.outcome]).toEqual(['activity-calendar', 'stored']);
    expect(out.facts.find((f) => f.entityId === d11.activityId)?.values.uv).toBe(uv);
    expect(JSON.parse((await get(path.replace(/token=\w+/, 'token=bad'))).body).code).toBe(5810);
  });

  it('serves the 作品分析 page with a table whose header has 内容ID', async () => {
    const r = await get('/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=2026-11-20%7C2026-11-20');
    expect(r.body).toContain('<th>内容ID</th>');
    expect(r.body).toContain('data-content-id=');
    expect(r.body).toContain('renderedDate = "2026-11-20"');
  });
});
