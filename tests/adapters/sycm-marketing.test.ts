// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import type { CaptureMessage } from '@/lib/schema/capture';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const F = (name: string) => fixture('sycm-marketing', name);
const trendUrl = (q = `dateType=day&dateRange=${D}%7C${D}`) =>
  `https://sycm.taobao.com/xsite/sale/getSaleToolActTrend.json?${q}&indexCode=&toolId=itemcoupon&actId=4849560032&_=1&token=394e917c4`;
const CAL = 'https://sycm.taobao.com/datawar/v4/activity/actList/getActivityCalendar.json?startDate=2026-05-01&endDate=2026-06-30&token=x';
const CONTENT_PAGE = `https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=${D}%7C${D}`;
const run = (url: string, body: string, capturedAt?: number) =>
  processCapture(captureMsg(url, body, { pageUrl: 'https://sycm.taobao.com/xsite/promotion/sales_coupon_detail', ...(capturedAt ? { capturedAt } : {}) }), []);

function domMsg(pageUrl: string, data: unknown, reader = 'content-works'): CaptureMessage {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return {
    meta: { kind: 'dom', method: 'DOM', url: pageUrl, adapter: 'sycm-marketing', reader, status: 200, size: text.length },
    responseText: text,
    pageUrl,
    identity: SHOP_A,
    capturedAt: Date.UTC(2026, 5, 10, 2),
  };
}

describe('sycm-marketing: 营销工具 trend (§5.8)', () => {
  it('reads the last element of each array as the requested day, entity activity = actId, tool as dim', () => {
    const r = run(trendUrl(), F('sale-tool-trend-day.json'));
    expect([r.outcome, r.route]).toEqual(['stored', 'sale-tool-trend']);
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'activity', entityId: '4849560032', grain: 'day', date: D, dims: { tool: 'itemcoupon' } });
    expect(r.facts[0]?.values).toEqual({ payAmt: 1530.8, getCouponsCnt: 102, payByrCnt: 26, payItmCnt: 31 });
  });

  it('aligns with a statDate array when there is one', () => {
    const r = run(trendUrl(), F('sale-tool-trend-dated.json'));
    expect(r.facts.map((f) => [f.date, f.values.payAmt, f.values.getCouponsCnt])).toEqual([
      ['2026-05-30', 1200.5, 88],
      ['2026-05-31', 980.25, 75],
      ['2026-06-01', 1530.8, 102],
    ]);
  });

  it('aligns a multi-day request with the days of its range', () => {
    const r = run(trendUrl('dateType=range&dateRange=2026-05-30%7C2026-06-01'), F('sale-tool-trend-day.json'));
    expect(r.facts.map((f) => [f.grain, f.date, f.values.payAmt])).toEqual([
      ['day', '2026-05-30', 1200.5],
      ['day', '2026-05-31', 980.25],
      ['day', '2026-06-01', 1530.8],
    ]);
  });

  it('does not guess days when a range does not line up', () => {
    const r = run(trendUrl('dateType=range&dateRange=2026-05-20%7C2026-06-01'), F('sale-tool-trend-day.json'));
    expect(r.outcome).toBe('rejected');
  });

  it.each([
    ['no actId', trendUrl().replace('actId=4849560032', 'actId='), F('sale-tool-trend-day.json'), 'rejected'],
    ['no date', trendUrl('x=1'), F('sale-tool-trend-day.json'), 'rejected'],
    ['login HTML', trendUrl(), '<html><body>请登录 login.htm</body></html>', 'login'],
    ['code 5810', trendUrl(), JSON.stringify({ hasError: false, content: { code: 5810, message: 'You must login system first' } }), 'login'],
    ['hasError', trendUrl(), JSON.stringify({ hasError: true, content: { code: 1, message: 'x' } }), 'platform-error'],
    ['data null', trendUrl(), JSON.stringify({ hasError: false, content: { code: 0, data: null } }), 'rejected'],
    ['empty arrays', trendUrl(), JSON.stringify({ hasError: false, content: { code: 0, data: { payAmt: [] } } }), 'rejected'],
  ])('%s → %s', (_n, url, body, outcome) => {
    const r = run(url, body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('drops a day that has not ended', () => {
    const r = run(trendUrl('dateType=day&dateRange=2026-06-10%7C2026-06-10'), F('sale-tool-trend-day.json'));
    expect(r.facts).toHaveLength(0);
  });
});

describe('sycm-marketing: 活动日历 (§5.8)', () => {
  it('stores one range fact per measured activity; planned and id-less ones are left out', () => {
    const r = run(CAL, F('activity-calendar.json'));
    expect([r.outcome, r.route]).toEqual(['stored', 'activity-calendar']);
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.entityName, f.grain, f.date, f.dims])).toEqual([
      ['activity', '7001', '618 年中大促', 'range', '2026-05-20', { to: '2026-06-01' }],
      ['activity', '7002', '<b>店铺周年庆</b>', 'range', '2026-05-31', { to: '2026-06-04' }],
    ]);
    expect(r.facts[0]?.values).toEqual({ payAmt: 356000.5, uv: 82000, payByrCnt: 1320, payItmCnt: 1602 });
    expect(r.facts[1]?.values).toEqual({ payAmt: 12345.6 });
    expect(r.issues.map((i) => i.path)).toEqual(['data.list[3].activityId']);
  });

  it('marks a running activity as partial so its final numbers never share the key', () => {
    const r = run(CAL, F('activity-calendar.json'), Date.UTC(2026, 5, 2, 2));
    expect(r.facts.find((f) => f.entityId === '7002')?.dims).toEqual({ to: '2026-06-04', partial: '1' });
    expect(r.facts.find((f) => f.entityId === '7001')?.dims).toEqual({ to: '2026-06-01' });
  });

  it('accepts a bare array, a nested data.list and a calendar keyed by day', () => {
    const row = { actId: 9, actName: 'x', startTime: '2026-05-01', endTime: '2026-05-02', payAmt: 1 };
    for (const data of [[row], { data: { list: [row] } }, { '2026-05-01': [row] }]) {
      const r = run(CAL, JSON.stringify({ code: 0, data }));
      expect(r.facts.map((f) => f.entityId)).toEqual(['9']);
    }
  });

  it.each([
    ['data null', JSON.stringify({ code: 0, data: null }), 'rejected'],
    ['no list', JSON.stringify({ code: 0, data: { foo: 1 } }), 'rejected'],
    ['error', JSON.stringify({ code: 1003, message: 'x' }), 'platform-error'],
  ])('%s → %s', (_n, body, outcome) => {
    expect(run(CAL, body).outcome).toBe(outcome);
  });

  it('handles a huge calendar', () => {
    const list = Array.from({ length: 4000 }, (_, i) => ({ activityId: String(i + 1), startTime: '2026-05-01', endTime: '2026-05-02', payAmt: i }));
    const r = run(CAL, JSON.stringify({ code: 0, data: { list } }));
    expect(r.facts).toHaveLength(4000);
  });
});

describe('sycm-marketing: 内容 作品分析 table (DOM, §5.9, §12.5)', () => {
  it('reads content rows with their headers; "*" and "-" are empty; names kept as text', () => {
    const r = processCapture(domMsg(CONTENT_PAGE, JSON.parse(F('content-works-table.json'))), []);
    expect([r.outcome, r.adapter, r.route]).toEqual(['stored', 'sycm-marketing', 'content-works']);
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.entityName, f.grain, f.date, f.dims])).toEqual([
      ['content', '420000000000001', '冬季加厚四件套 开箱', 'day', D, {}],
      ['content', '420000000000002', '<img src=x onerror=alert(1)>', 'day', D, {}],
    ]);
    expect(r.facts[0]?.values).toEqual({
      contentViewUv: 2133,
      contentViewPv: 3020,
      contentValidViewUv: 1540,
      contentPlayUv: 1988,
      contentFinishRate: 0.2345,
      contentAvgStay: 18.2,
      contentInteractUv: 210,
      contentItemClickUv: 320,
      contentSeedPayByrCnt: 12,
      contentSeedPayAmt: 1530.8,
      contentExposeUv: 15200,
      contentCartUv: 45,
    });
    expect(r.facts[1]?.values.contentPlayUv).toBeUndefined();
    expect(r.issues).toEqual([]);
  });

  it('keeps recent7 apart from days, and needs a date in the page URL', () => {
    const week = `https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=recent7&dateRange=2026-05-26%7C${D}`;
    expect(processCapture(domMsg(week, JSON.parse(F('content-works-table.json'))), []).facts[0]).toMatchObject({
      grain: 'range',
      date: '2026-05-26',
      dims: { to: D },
    });
    expect(processCapture(domMsg('https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2', JSON.parse(F('content-works-table.json'))), []).outcome).toBe(
      'rejected',
    );
  });

  it.each([
    ['no id column', { headers: ['内容名称', '查看人数'], rows: [['a', '1']] }],
    ['no metric column', { headers: ['内容ID', '内容名称'], rows: [['1', 'a']] }],
    ['only empty state', { headers: ['内容ID', '查看人数'], rows: [['暂无数据']] }],
    ['not a table', 'null'],
  ])('%s → rejected', (_n, data) => {
    const r = processCapture(domMsg(CONTENT_PAGE, data), []);
    expect(r.outcome).toBe('rejected');
    expect(r.facts).toHaveLength(0);
  });

  it('reads the table from a rendered page (content-script side)', async () => {
    const { sycmMarketing } = await import('@/lib/adapters/sycm-marketing');
    const reader = sycmMarketing.dom?.[0];
    document.body.innerHTML = `<div class="ant-table"><table><thead><tr><th>内容ID</th><th>内容名称</th><th>查看人数</th></tr></thead>
      <tbody><tr><td>4201</td><td>视频 A</td><td>1,024</td></tr></tbody></table></div>`;
    expect(reader?.read(document)).toEqual({ headers: ['内容ID', '内容名称', '查看人数'], rows: [['4201', '视频 A', '1,024']] });
    document.body.innerHTML = '<table><thead><tr><th>商品ID</th></tr></thead></table>';
    expect(reader?.read(document)).toBeNull();
  });

  it('a DOM report for another page URL is not accepted', () => {
    const msg = domMsg(CONTENT_PAGE, JSON.parse(F('content-works-table.json')));
    msg.pageUrl = 'https://sycm.taobao.com/portal/home.htm';
    expect(processCapture(msg, []).outcome).toBe('unmatched');
  });
});
