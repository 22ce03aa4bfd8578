import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { fixture } from '../helpers';
import { adMsg as msg, KNOWN_A as KNOWN } from './ad-capture';

const PAGE = 'https://tuijian.taobao.com/indexbp.html#!/report/index';
const Q = 'startTime=2026-05-26&endTime=2026-06-01&effect=15&effectType=click';
const get = (path: string, file: string, q = Q) =>
  processCapture(msg(`https://tuijian.taobao.com${path}?${q}`, fixture('yinli', file), undefined, { method: 'GET', pageUrl: PAGE }), KNOWN);

describe('yinli adapter', () => {
  it('reads summed campaign rows: range, attr and effectType dims, shared metric ids', () => {
    const r = get('/api2/report/campaign/list.json', 'report-campaign.json');
    expect([r.outcome, r.adapter, r.route]).toEqual(['stored', 'yinli', 'report']);
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.grain, f.date, f.dims])).toEqual([
      ['campaign', '66001', 'range', '2026-05-26', { attr: '15', effectType: 'click', to: '2026-06-01' }],
      ['campaign', '66002', 'range', '2026-05-26', { attr: '15', effectType: 'click', to: '2026-06-01' }],
    ]);
    expect(r.facts[0]?.values).toEqual({
      adSpend: 220.5,
      adImpressions: 18000,
      adClicks: 240,
      adCtr: 0.0133,
      adCpc: 0.92,
      adItemFavs: 11,
      adCarts: 19,
      adOrders: 3,
      adGmv: 702,
      adRoi: 3.18,
    });
  });

  it('reads per-day crowd rows from a POST body (JSON), dims campaign', () => {
    const body = JSON.stringify({ startTime: '2026-05-31', endTime: '2026-06-01', effect: 3, effectType: 'impression' });
    const r = processCapture(
      msg('https://tuijian.taobao.com/api2/report/multiDimension/findPage.json', fixture('yinli', 'report-crowd-day.json'), body, { pageUrl: PAGE }),
      KNOWN,
    );
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.grain, f.date, f.dims])).toEqual([
      ['crowd', '91001', 'day', '2026-05-31', { attr: '3', effectType: 'impression', campaign: '66001' }],
      ['crowd', '91001', 'day', '2026-06-01', { attr: '3', effectType: 'impression', campaign: '66001' }],
    ]);
  });

  it('export and download tasks are not reports', () => {
    const r = get('/api2/report/export.json', 'report-campaign.json');
    expect(r.outcome).toBe('unmatched');
  });

  it.each([
    ['session timeout', fixture('yinli', 'error-login.json'), 'login'],
    ['HTML login', '<html>登录</html>', 'login'],
    ['not JSON', '{"data":', 'rejected'],
    ['no list', JSON.stringify({ data: { count: 1 }, info: { ok: true } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, text, outcome) => {
    const r = processCapture(msg(`https://tuijian.taobao.com/api2/report/campaign/list.json?${Q}`, text, undefined, { method: 'GET', pageUrl: PAGE }), KNOWN);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('without attribution window or dates → rejected', () => {
    expect(get('/api2/report/campaign/list.json', 'report-campaign.json', 'startTime=2026-06-01&endTime=2026-06-01').outcome).toBe('rejected');
    expect(get('/api2/report/campaign/list.json', 'report-campaign.json', 'effect=15').outcome).toBe('rejected');
  });
});
