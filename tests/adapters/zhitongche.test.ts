import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { fixture } from '../helpers';
import { adMsg as msg, KNOWN_A as KNOWN } from './ad-capture';

const RPT = 'https://subway.simba.taobao.com/openapi/param2/1/gateway.subway/rpt';
const PAGE = 'https://subway.simba.taobao.com/#!/report/bpreport/index';
const QP = JSON.parse(fixture('zhitongche', 'rpt-campaign-list.queryParam.json'));
/** The form body the console posts: queryParam (JSON), sla, isAjaxRequest, token. */
const form = (qp: unknown) => new URLSearchParams({ queryParam: JSON.stringify(qp), sla: 'json', isAjaxRequest: 'true', token: '5f3e1a2b' }).toString();
const run = (name: string, file: string, qp: unknown = QP) =>
  processCapture(msg(`${RPT}/${name}$`, fixture('zhitongche', file), form(qp), { pageUrl: PAGE }), KNOWN);

describe('zhitongche adapter', () => {
  it('reads the campaign list (§11.14): yuan fields, coverage percent → decimal, cartTotalCost 分 → yuan', () => {
    const r = run('rptCampaignList', 'rpt-campaign-list.json');
    expect([r.outcome, r.adapter, r.route, r.shopId]).toEqual(['stored', 'zhitongche', 'report', '106033221']);
    expect(r.facts).toHaveLength(2);
    const c = r.facts[0];
    expect(c).toMatchObject({
      entityKind: 'campaign',
      entityId: '70000001',
      entityName: '日常推广',
      grain: 'day',
      date: '2026-06-01',
      dims: { attr: '15', device: '0' },
    });
    expect(c?.values).toEqual({
      adImpressions: 4310,
      adClicks: 311,
      adSpend: 119.66,
      adCpc: 0.38,
      adCpm: 27.76,
      adCvr: 0.0225,
      adItemFavs: 9,
      adShopFavs: 2,
      adFavs: 11,
      adCarts: 33,
      adCartCost: 3.626,
      adGmv: 1820,
      adDirectGmv: 600,
      adIndirectGmv: 1220,
      adOrders: 7,
      adDirectOrders: 3,
      adIndirectOrders: 4,
      adNewBuyers: 3,
      adNewBuyerShare: 0.43,
    });
    expect(r.facts[1]?.values).toMatchObject({ adImpressions: 1020, adSpend: 60.5, adCvr: 0.0364, adCartCost: 15.125 });
  });

  it('直通车 costInYuan and 万相台 charge land in the same metric', () => {
    const r = run('rptCampaignList', 'rpt-campaign-list.json');
    expect(Object.keys(r.facts[0]?.values ?? {})).toContain('adSpend');
  });

  it('per-day campaign series: the campaign id comes from queryParam, effect 7, mobile pvType → device 2', () => {
    const r = run('rptCampaignByDay', 'rpt-campaign-byday.json', JSON.parse(fixture('zhitongche', 'rpt-campaign-byday.queryParam.json')));
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.grain, f.date, f.dims])).toEqual([
      ['campaign', '70000001', 'day', '2026-05-30', { attr: '7', device: '2' }],
      ['campaign', '70000001', 'day', '2026-05-31', { attr: '7', device: '2' }],
      ['campaign', '70000001', 'day', '2026-06-01', { attr: '7', device: '2' }],
    ]);
    expect(r.facts[2]?.values.adCvr).toBe(0.0225);
  });

  it('account per day (YYYYMMDD dates) → shop facts', () => {
    const r = run('rptCustomerByDay', 'rpt-customer-byday.json');
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.date, f.values.adSpend])).toEqual([
      ['shop', '106033221', '2026-05-31', 540.2],
      ['shop', '106033221', '2026-06-01', 566.1],
    ]);
  });

  it('a campaign total over a window → range with `to`', () => {
    const r = run('rptCampaignTotal', 'rpt-campaign-total.json', { ...QP, startDate: '2026-05-26', endDate: '2026-06-01', campaignId: '70000001' });
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'campaign', entityId: '70000001', grain: 'range', date: '2026-05-26', dims: { to: '2026-06-01' } });
  });

  it('keyword and ad-group reports', () => {
    const kw = run('rptBidwordList', 'rpt-bidword-list.json');
    expect(kw.facts.map((f) => [f.entityKind, f.entityId, f.entityName])).toEqual([
      ['keyword', '300000111', '纯棉四件套'],
      ['keyword', '300000112', '床上四件套 全棉'],
    ]);
    expect(kw.facts[0]?.values).toMatchObject({ adSpend: 40.1, adOrders: 0, adCvr: 0 });
    const ag = run('rptAdgroupList', 'rpt-adgroup-list.json');
    expect(ag.facts[0]).toMatchObject({ entityKind: 'adgroup', entityId: '80000011', entityName: '纯棉四件套 1.8m' });
  });

  it('matches the `$` written as %24 too', () => {
    const r = processCapture(msg(`${RPT}/rptCampaignList%24`, fixture('zhitongche', 'rpt-campaign-list.json'), form(QP), { pageUrl: PAGE }), KNOWN);
    expect(r.outcome).toBe('stored');
  });

  it('attribution windows and devices never share a key', () => {
    const ids = new Set<string>();
    for (const qp of [QP, { ...QP, effectEqual: 3 }, { ...QP, pvType: [1, 4] }, { ...QP, pvType: [2, 5] }]) {
      for (const f of run('rptCampaignList', 'rpt-campaign-list.json', qp).facts) ids.add(f.id);
    }
    expect(ids.size).toBe(8);
  });

  it.each([
    ['code 601', fixture('zhitongche', 'error-601.json'), 'login'],
    ['login HTML', '<html><body>请登录 login.taobao.com</body></html>', 'login'],
    ['platform error', JSON.stringify({ code: '500', msg: '系统繁忙' }), 'platform-error'],
    ['not JSON', '{"result": {"da', 'rejected'],
    ['result a string', JSON.stringify({ result: 'x' }), 'rejected'],
    ['rows without metrics', JSON.stringify({ result: { data: [{ campaignId: 1 }] } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, text, outcome) => {
    const r = processCapture(msg(`${RPT}/rptCampaignList$`, text, form(QP), { pageUrl: PAGE }), KNOWN);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it.each([
    ['no body', undefined],
    ['no effect', form({ startDate: '2026-06-01', endDate: '2026-06-01' })],
    ['no dates', form({ effectEqual: 15 })],
  ])('request problem (%s) → rejected', (_n, body) => {
    const r = processCapture(msg(`${RPT}/rptCampaignList$`, fixture('zhitongche', 'rpt-campaign-list.json'), body, { pageUrl: PAGE }), KNOWN);
    expect(r.outcome).toBe('rejected');
  });

  it('an empty list is stored with no facts; today is never a day', () => {
    const empty = processCapture(msg(`${RPT}/rptCampaignList$`, JSON.stringify({ result: { data: [] } }), form(QP), { pageUrl: PAGE }), KNOWN);
    expect([empty.outcome, empty.facts.length]).toEqual(['stored', 0]);
    const today = run('rptCampaignList', 'rpt-campaign-list.json', { ...QP, startDate: '2026-06-10', endDate: '2026-06-10' });
    expect(today.facts.every((f) => f.grain === 'live')).toBe(true);
  });

  it('getLoginUserInfo is identity only (not a report)', () => {
    const r = processCapture(msg('https://subway.simba.taobao.com/bpenv/getLoginUserInfo.htm', fixture('zhitongche', 'login-user-info.json'), ''), KNOWN);
    expect(r.outcome).toBe('unmatched');
  });

  it('handles 5,000 keyword rows', () => {
    const d = JSON.parse(fixture('zhitongche', 'rpt-bidword-list.json'));
    d.result.data = Array.from({ length: 5000 }, (_, i) => ({ ...d.result.data[0], bidwordId: 400000000 + i }));
    const r = processCapture(msg(`${RPT}/rptBidwordList$`, JSON.stringify(d), form(QP), { pageUrl: PAGE }), KNOWN);
    expect(r.facts).toHaveLength(5000);
  });
});
