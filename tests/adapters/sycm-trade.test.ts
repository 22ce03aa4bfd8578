// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readCards, readChange, readDisplayNumber, sycmTrade } from '@/lib/adapters/sycm-trade';
import { processCapture } from '@/lib/capture/process';
import type { CaptureMessage } from '@/lib/schema/capture';
import { fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const S = 'https://sycm.taobao.com';
const PAGES = {
  'trade-overview': `${S}/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`,
  'logistics-overview': `${S}/bda/logistics/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}`,
  'rate-overview': `${S}/bda/rate/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}`,
} as const;
type Reader = keyof typeof PAGES;

function domMsg(reader: Reader, text: string, url: string = PAGES[reader]): CaptureMessage {
  return {
    meta: { kind: 'dom', method: 'DOM', url, adapter: 'sycm-trade', reader, status: 200, size: text.length },
    responseText: text,
    pageUrl: url,
    identity: SHOP_A,
    capturedAt: Date.UTC(2026, 5, 10, 2),
  };
}
const run = (reader: Reader, text: string, url?: string) => processCapture(domMsg(reader, text, url), []);
const f = (n: string) => fixture('sycm-trade', n);

describe('sycm-trade: display numbers', () => {
  it.each([
    ['2,133', 2133],
    ['¥41,250.60', 41250.6],
    ['0.45%', 0.0045],
    ['2.21%', 0.0221],
    ['1.2万', 12000],
    ['18.50小时', 18.5],
    ['4.8', 4.8],
    ['-12', -12],
  ])('%s → %s', (t, n) => expect(readDisplayNumber(t)).toEqual({ kind: 'num', n }));
  it.each(['-', '', '—'])('%s is empty', (t) => expect(readDisplayNumber(t).kind).toBe('empty'));
  it.each(['abc', '1.2.3', '<b>1</b>'])('%s is bad', (t) => expect(readDisplayNumber(t).kind).toBe('bad'));
  it('reads 环比 with arrows and signs', () => {
    expect(readChange('较前一日 ↑5.21%')).toBe(0.0521);
    expect(readChange('较前一日 ↓18.34%')).toBe(-0.1834);
    expect(readChange('-3.2%')).toBe(-0.032);
    expect(readChange('较前一日 -')).toBeUndefined();
  });
});

describe('sycm-trade: DOM readers', () => {
  it('交易概况 → one shop day fact keyed by the page date, home ids for home meanings', () => {
    const r = run('trade-overview', f('trade-overview.json'));
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-trade', 'trade-overview']);
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', entityId: SHOP_A.shopId, grain: 'day', date: D, dims: { device: '0' } });
    expect(r.facts[0]?.values).toEqual({
      uv: 7012,
      crtByrCnt: 171,
      crtVldAmt: 45120.8,
      payByrCnt: 155,
      payAmt: 41250.6,
      payPct: 266.13,
      crtRate: 0.0244,
      crtToPayRate: 0.9064,
      payRate: 0.0221,
      subPayOrdSubCnt: 189,
      newPayByrCnt: 115,
      payOldByrCnt: 40,
    });
    expect(r.facts[0]?.crc).toEqual({ uv: 0.0521, crtByrCnt: -0.02, payByrCnt: -0.0904, payAmt: -0.1834, payRate: -0.1357 });
    expect(r.issues).toEqual([]);
    // Same key as the home page's shop fact: the values merge instead of living twice.
    expect(r.facts[0]?.id).toBe(`${SHOP_A.shopId}|shop|${SHOP_A.shopId}|day|${D}|device=0`);
  });

  it('物流 → logistics metrics of the day', () => {
    const r = run('logistics-overview', f('logistics-overview.json'));
    expect(r.facts[0]?.values).toEqual({
      gotInTime24hRate: 0.965,
      gotInTime48hRate: 0.991,
      avgShipTimeHh: 18.5,
      avgSignTimeHh: 50.2,
      logisticsComplaintCnt: 2,
      logisticsComplaintRate: 0.0011,
    });
  });

  it('评价 → DSR as a snapshot on the page date, review counts as a day fact', () => {
    const r = run('rate-overview', f('rate-overview.json'));
    const snap = r.facts.find((x) => x.grain === 'snapshot');
    expect(snap).toMatchObject({ date: D, dims: {}, values: { dsrDesc: 4.8, dsrService: 4.9, dsrLogistics: 4.7 } });
    const dayFact = r.facts.find((x) => x.grain === 'day');
    expect(dayFact?.values).toEqual({ rateCnt: 120, goodRateRatio: 0.9833, midRateCnt: 1, badRateCnt: 1 });
  });

  it('a missing card is a field issue; the rest is stored', () => {
    const data = JSON.parse(f('trade-overview.json'));
    data.cards = data.cards.filter((c: { label: string }) => c.label !== '支付金额');
    data.cards[0].value = 'abc';
    const r = run('trade-overview', JSON.stringify(data));
    expect(r.outcome).toBe('stored');
    expect(r.facts[0]?.values.payAmt).toBeUndefined();
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: 'cards[支付金额]', message: '页面上没有这个指标（控制台页面可能改版）' },
        expect.objectContaining({ path: 'cards[访客数]', message: '不是数字' }),
      ]),
    );
  });

  it('a range shown on the page becomes a range fact; the URL date is the fallback', () => {
    const data = JSON.parse(f('trade-overview.json'));
    data.date = '统计时间 2026-05-26 ~ 2026-06-01';
    const r = run('trade-overview', JSON.stringify(data));
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { device: '0', to: D } });
    data.date = null;
    const u = run(
      'trade-overview',
      JSON.stringify(data),
      `${S}/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=2026-05-30%7C2026-05-30&device=2`,
    );
    expect(u.facts[0]).toMatchObject({ grain: 'day', date: '2026-05-30', dims: { device: '2' } });
  });

  it.each([
    ['no date anywhere', JSON.stringify({ date: null, cards: [{ label: '访客数', value: '1' }] }), `${S}/bda/tradinganaly/overview/overview.htm`],
    ['not a read result', '"x"', undefined],
    ['cards not an array', JSON.stringify({ date: D, cards: {} }), undefined],
    ['no known card', JSON.stringify({ date: D, cards: [{ label: '未知', value: '1' }] }), undefined],
    ['not JSON', '{', undefined],
  ])('%s → rejected, nothing stored', (_n, text, url) => {
    const r = run('trade-overview', text, url);
    expect(r.outcome).toBe('rejected');
    expect(r.facts).toHaveLength(0);
  });

  it('never stores today as a closed day', () => {
    const data = JSON.parse(f('trade-overview.json'));
    data.date = '统计时间 2026-06-10';
    expect(run('trade-overview', JSON.stringify(data)).facts).toHaveLength(0);
  });

  it('a reader only runs on its own page', () => {
    const r = processCapture(domMsg('trade-overview', f('trade-overview.json'), `${S}/bda/rate/overview/overview.htm`), []);
    expect(r.outcome).toBe('unmatched');
  });

  it('readCards reads the sandbox markup (label, value, change, date)', () => {
    document.body.innerHTML = `<div class="stat-date">统计时间 ${D}</div>
      <div class="index-card"><span class="index-name">支付金额 ⓘ</span><span class="index-value">¥41,250.60</span><span class="index-crc">较前一日 ↓18.34%</span></div>
      <div class="index-card"><span class="index-name">访客数</span><span class="index-value"> 7,012 </span></div>`;
    const read = readCards(document);
    expect(read).toEqual({
      date: `统计时间 ${D}`,
      cards: [
        { label: '支付金额 ⓘ', value: '¥41,250.60', crc: '较前一日 ↓18.34%' },
        { label: '访客数', value: '7,012' },
      ],
    });
    const r = run('trade-overview', JSON.stringify(read));
    expect(r.facts[0]?.values).toEqual({ payAmt: 41250.6, uv: 7012 });
    document.body.innerHTML = '';
    expect(readCards(document)).toBeNull();
  });

  it('declares one reader per page, waiting for the value cells', () => {
    expect(sycmTrade.dom?.map((d) => [d.id, d.waitFor])).toEqual([
      ['trade-overview', '.index-card .index-value'],
      ['logistics-overview', '.index-card .index-value'],
      ['rate-overview', '.index-card .index-value'],
    ]);
  });
});
