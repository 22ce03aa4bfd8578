import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { fixture, SHOP_A } from '../helpers';
import { adMsg as msg, KNOWN_A as KNOWN } from './ad-capture';

const URL_REPORT = 'https://one.alimama.com/report/query.json?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
const URL_CHARGE = 'https://one.alimama.com/report/chargeSum.json?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
const URL_LIST = 'https://one.alimama.com/campaign/horizontal/findPage.json?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
const PAGE = 'https://one.alimama.com/index.html#!/report/account?rptType=account';
const adMsg = (url: string, text: string, body?: string, opts: Parameters<typeof msg>[3] = {}) => msg(url, text, body, { pageUrl: PAGE, ...opts });

const req = (name: string) => fixture('wanxiang', `${name}.request.json`);
const run = (name: string, body = req(name), url = URL_REPORT) => processCapture(adMsg(url, fixture('wanxiang', `${name}.json`), body), KNOWN);

describe('wanxiang adapter', () => {
  it('reads the account × scene report (§11.13): shop facts per scene, attr + unify dims, decimal rates', () => {
    const r = run('report-account-scene');
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route, r.shopId]).toEqual(['wanxiang', 'report', '106033221']);
    expect(r.facts).toHaveLength(3);
    const kw = r.facts.find((f) => f.dims.scene === '371');
    expect(kw).toMatchObject({
      entityKind: 'shop',
      entityId: '106033221',
      grain: 'day',
      date: '2026-06-01',
      dims: { attr: '15', unify: 'zhai', scene: '371' },
    });
    expect(kw?.values).toEqual({
      adImpressions: 8225,
      adClicks: 274,
      adSpend: 159.9,
      adCtr: 0.03331,
      adCpc: 0.58,
      adCvr: 0.02555,
      adOrders: 7,
      adGmv: 2040.85,
      adRoi: 12.76,
      adCarts: 50,
      adItemFavs: 3,
      adShopFavs: 0,
    });
    expect(kw?.id).toBe('106033221|shop|106033221|day|2026-06-01|attr=15&scene=371&unify=zhai');
  });

  it('reads display strings ("6,666", "1.80%"), skips "-" and null, string scene ids', () => {
    const r = run('report-account-scene');
    const site = r.facts.find((f) => f.dims.scene === '418');
    expect(site?.values).toMatchObject({ adImpressions: 6666, adClicks: 120, adSpend: 142, adCtr: 0.018 });
    expect(site?.values).not.toHaveProperty('adCarts');
    expect(site?.values).not.toHaveProperty('adCvr');
  });

  it('a summed window → campaign facts with grain range and `to`; names kept as text', () => {
    const r = run('report-campaign-range');
    expect(r.outcome).toBe('stored');
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.grain, f.date, f.dims])).toEqual([
      ['campaign', '77120031', 'range', '2026-05-26', { attr: '30', unify: 'zhai', to: '2026-06-01' }],
      ['campaign', '77120032', 'range', '2026-05-26', { attr: '30', unify: 'zhai', to: '2026-06-01' }],
    ]);
    expect(r.facts[1]?.entityName).toBe('<b>关键词</b>-冬被毛毯拓词');
    expect(r.facts[0]?.values.adSpend).toBe(1980.12);
  });

  it('keyword rows: one day per row, keyword id and word, attr 3', () => {
    const r = run('report-bidword');
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.entityName, f.date, f.dims.attr])).toEqual([
      ['keyword', '5500012345', '纯棉四件套', '2026-06-01', '3'],
      ['keyword', '5500012346', '床上四件套', '2026-05-31', '3'],
    ]);
    expect(r.facts[0]?.values).toMatchObject({ adSpend: 92.4, adOrders: 0, adGmv: 0, adClicks: 81 });
  });

  it('the same crowd in two campaigns stays apart (dim campaign + adgroup)', () => {
    const r = run('report-crowd');
    expect(r.facts).toHaveLength(2);
    expect(new Set(r.facts.map((f) => f.id)).size).toBe(2);
    expect(r.facts[0]).toMatchObject({
      entityKind: 'crowd',
      entityId: '3300001',
      grain: 'day',
      date: '2026-06-01',
      dims: { campaign: '77120033', adgroup: '880101' },
    });
    expect(r.facts[0]?.values.adNewBuyerShare).toBe(0.33);
  });

  it('item promotion rows; bizCodeIn does not split item facts', () => {
    const r = run('report-item');
    expect(r.facts[0]).toMatchObject({
      entityKind: 'item',
      entityId: '683300112233',
      entityName: '纯棉四件套 1.8m 床单款',
      dims: { attr: '15', unify: 'zhai' },
    });
    expect(r.facts[0]?.values).toMatchObject({ adSpend: 420.8, adNaturalGmv: 0 });
  });

  it('account rows filtered by bizCodeIn carry dim bizCode (a filtered total is another meaning)', () => {
    const body = JSON.parse(req('report-account-scene'));
    body.queryDomains = ['date'];
    body.bizCodeIn = ['onebpSite', 'onebpSearch'];
    const r = run('report-account-scene', JSON.stringify(body));
    expect(r.facts[0]?.dims).toEqual({ attr: '15', unify: 'zhai', bizCode: 'onebpSearch,onebpSite' });
  });

  it('attribution windows and unify types never share a key', () => {
    const ids = new Set<string>();
    for (const [effectEqual, unifyType] of [
      [15, 'zhai'],
      [3, 'zhai'],
      [30, 'zhai'],
      [15, 'video_kuan'],
    ] as const) {
      const body = { ...JSON.parse(req('report-bidword')), effectEqual, unifyType };
      for (const f of run('report-bidword', JSON.stringify(body)).facts) ids.add(f.id);
    }
    expect(ids.size).toBe(8);
  });

  it('today is live, never day; a window ending today is not stored', () => {
    const body = { ...JSON.parse(req('report-campaign-range')), startTime: '2026-06-10', endTime: '2026-06-10', fromRealTime: true };
    const live = run('report-campaign-range', JSON.stringify(body));
    expect(live.facts.every((f) => f.grain === 'live' && f.date === '2026-06-10')).toBe(true);
    const partial = run('report-campaign-range', JSON.stringify({ ...body, startTime: '2026-06-04' }));
    expect(partial.outcome).toBe('rejected');
    expect(partial.facts).toHaveLength(0);
    const rows = JSON.parse(fixture('wanxiang', 'report-bidword.json'));
    rows.data.list[0].thedate = '2026-06-10';
    const r = processCapture(adMsg(URL_REPORT, JSON.stringify(rows), req('report-bidword')), KNOWN);
    expect(r.facts.find((f) => f.entityId === '5500012345')?.grain).toBe('live');
  });

  it('charge sum → shop adSpend per bizCode; without dates it is today so far', () => {
    const body = JSON.stringify({ bizCode: 'universalBP', startTime: '2026-06-01', endTime: '2026-06-01' });
    const r = processCapture(adMsg(URL_CHARGE, fixture('wanxiang', 'charge-sum.json'), body), KNOWN);
    expect(r.route).toBe('charge-sum');
    expect(r.facts.map((f) => [f.dims.bizCode, f.values.adSpend, f.grain])).toEqual([
      ['all', 2473, 'day'],
      ['onebpSearch', 1820.5, 'day'],
      ['onebpDisplay', 640.2, 'day'],
      ['onebpShortVideo', 0, 'day'],
      ['onebpLive', 0, 'day'],
      ['onebpContent', 12.3, 'day'],
    ]);
    const live = processCapture(adMsg(URL_CHARGE, fixture('wanxiang', 'charge-sum.json'), '{"bizCode":"universalBP"}'), KNOWN);
    expect(live.facts.every((f) => f.grain === 'live' && f.date === '2026-06-10')).toBe(true);
  });

  it('campaign list: rows with report data become campaign facts, config-only rows are skipped', () => {
    const r = processCapture(adMsg(URL_LIST, fixture('wanxiang', 'campaign-list.json'), req('campaign-list')), KNOWN);
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'campaign', entityId: '77120031', dims: { attr: '15' }, values: { adSpend: 1200.5, adRoi: 3.9 } });
  });

  it('keeps readable rows of a malformed payload and reports the bad paths', () => {
    const d = JSON.parse(fixture('wanxiang', 'report-bidword.json'));
    d.data.list[0].charge = 'abc';
    d.data.list[1].bidwordId = null;
    d.data.list.push('x');
    const r = processCapture(adMsg(URL_REPORT, JSON.stringify(d), req('report-bidword')), KNOWN);
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]?.values).not.toHaveProperty('adSpend');
    expect(r.issues.map((i) => i.path)).toEqual(['data.list[0].charge', 'data.list[1].bidwordId', 'data.list[2]']);
  });

  it.each([
    ['login HTML', fixture('wanxiang', 'login.html'), 'login'],
    ['info.ok false NOT_LOGIN', fixture('wanxiang', 'error-login.json'), 'login'],
    ['platform error', fixture('wanxiang', 'error-platform.json'), 'platform-error'],
    ['not JSON', '{"data": {"li', 'rejected'],
    ['unknown envelope', '{"foo":1}', 'rejected'],
    ['data null', JSON.stringify({ data: null, info: { ok: true } }), 'rejected'],
    ['list a string', JSON.stringify({ data: { list: 'x' }, info: { ok: true } }), 'rejected'],
    ['rows without metrics', JSON.stringify({ data: { list: [{ campaignId: 1 }] }, info: { ok: true } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, text, outcome) => {
    const r = processCapture(adMsg(URL_REPORT, text, req('report-campaign-range')), KNOWN);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('an empty list is a stored capture with no facts', () => {
    const r = processCapture(adMsg(URL_REPORT, JSON.stringify({ data: { list: [], count: 0 }, info: { ok: true } }), req('report-campaign-range')), KNOWN);
    expect([r.outcome, r.facts.length]).toEqual(['stored', 0]);
  });

  it.each([
    ['no body', undefined],
    ['body not JSON', 'rptType=campaign'],
    ['no attribution window', JSON.stringify({ rptType: 'campaign', queryDomains: ['campaign'], startTime: '2026-06-01', endTime: '2026-06-01' })],
    ['no dates', JSON.stringify({ rptType: 'campaign', queryDomains: ['campaign'], effectEqual: 15 })],
    ['unknown report', JSON.stringify({ rptType: 'short_video_migrate', effectEqual: 15, startTime: '2026-06-01', endTime: '2026-06-01' })],
  ])('request body problem (%s) → rejected with an issue', (_n, body) => {
    const r = processCapture(adMsg(URL_REPORT, fixture('wanxiang', 'report-campaign-range.json'), body), KNOWN);
    expect(r.outcome).toBe('rejected');
    expect(r.issues.length).toBeGreaterThan(0);
  });

  it('links the lid nick to the shop known by its main nick, else to a provisional nick shop', () => {
    const known = processCapture(adMsg(URL_REPORT, fixture('wanxiang', 'report-bidword.json'), req('report-bidword')), KNOWN);
    expect(known.shopId).toBe('106033221');
    const fresh = processCapture(adMsg(URL_REPORT, fixture('wanxiang', 'report-bidword.json'), req('report-bidword')), []);
    expect(fresh.shopId).toBe('nick:暖居家纺旗舰店');
    const none = processCapture(adMsg(URL_REPORT, fixture('wanxiang', 'report-bidword.json'), req('report-bidword'), { identity: { via: 'none' } }), KNOWN);
    expect([none.outcome, none.facts.length]).toEqual(['unidentified', 0]);
    const sycmIdentity = processCapture(adMsg(URL_REPORT, fixture('wanxiang', 'report-bidword.json'), req('report-bidword'), { identity: SHOP_A }), []);
    expect(sycmIdentity.shopId).toBe('106033221');
  });

  it('handles 5,000 rows', () => {
    const d = JSON.parse(fixture('wanxiang', 'report-bidword.json'));
    const row = d.data.list[0];
    d.data.list = Array.from({ length: 5000 }, (_, i) => ({ ...row, bidwordId: 6000000000 + i }));
    const r = processCapture(adMsg(URL_REPORT, JSON.stringify(d), req('report-bidword')), KNOWN);
    expect(r.facts).toHaveLength(5000);
  });
});
