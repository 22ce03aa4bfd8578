import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture, SHOP_A, sycmUrl } from '../helpers';

const D = '2026-06-01';
const run = (path: string, body: string, identity = SHOP_A) => processCapture(captureMsg(sycmUrl(path, D), body, { identity }), []);

describe('sycm-home adapter', () => {
  it('reads the core overview (§11.1): self block, peer blocks, cycleCrc, business date', () => {
    const r = run('/portal/coreIndex/new/overview/v3.json', fixture('sycm-home', 'overview-v3.json'));
    expect(r.outcome).toBe('stored');
    expect(r.adapter).toBe('sycm-home');
    expect(r.route).toBe('overview');
    const self = r.facts.find((f) => f.entityKind === 'shop');
    expect(self).toMatchObject({ shopId: '106033221', entityId: '106033221', grain: 'day', date: D, dims: { device: '0' } });
    expect(self?.values).toEqual({ payAmt: 41250.6, uv: 7012, payByrCnt: 155, payRate: 0.0221, payPct: 266.13, cartByrCnt: 402, cltItmCnt: 88 });
    expect(self?.crc?.payAmt).toBe(-0.1834);
    const peers = r.facts.filter((f) => f.entityKind === 'peer').map((f) => [f.entityId, f.entityName, f.values.payAmt]);
    expect(peers).toEqual([
      ['rivalAvg', '同行平均', 30500],
      ['rivalGood', '同行优秀', 152000],
    ]);
    expect(self?.id).toBe('106033221|shop|106033221|day|2026-06-01|device=0');
  });

  it.each(['v2', 'v3'])('matches the %s overview variant', (v) => {
    expect(run(`/portal/coreIndex/new/overview/${v}.json`, fixture('sycm-home', 'overview-v3.json')).outcome).toBe('stored');
  });

  it('reads the aligned-array trend into one fact per day and skips unknown codes', () => {
    const r = run('/portal/coreIndex/new/trend/v3.json', fixture('sycm-home', 'trend-v3-aligned.json'));
    expect(r.outcome).toBe('stored');
    const days = r.facts.filter((f) => f.entityKind === 'shop').map((f) => [f.date, f.values.uv, f.values.payAmt]);
    expect(days).toEqual([
      ['2026-05-30', 6900, 40000.5],
      ['2026-05-31', 7100, 42000],
      ['2026-06-01', 7012, 41250.6],
    ]);
    expect(r.facts.every((f) => !('unknownCode' in f.values))).toBe(true);
    expect(r.facts.filter((f) => f.entityKind === 'peer')).toHaveLength(3);
  });

  it('reads the array-of-wrapped-rows trend (v2)', () => {
    const r = run('/portal/coreIndex/new/trend/v2.json', fixture('sycm-home', 'trend-v2-rows.json'));
    expect(r.facts.map((f) => f.date)).toEqual(['2026-05-30', '2026-05-31', '2026-06-01']);
  });

  it('reads the row-form table with display strings, "-" as empty and the alternate ad-spend code', () => {
    const r = run('/portal/coreIndex/new/getTableData/v3.json', fixture('sycm-home', 'table-rows.json'));
    const self = r.facts.find((f) => f.entityKind === 'shop');
    expect(self?.values).toEqual({ payAmt: 41250.6, uv: 7012, payRate: 0.0221, adStrategyAmt: 1200.5 });
    expect(r.facts.find((f) => f.entityKind === 'peer')?.values).toEqual({ payAmt: 30500 });
  });

  it('keeps the readable fields of a malformed payload and reports the bad path', () => {
    const body = JSON.stringify({ hasError: false, content: { code: 0, data: { self: { payAmt: { value: 'abc' }, uv: { value: 100 } } } } });
    const r = run('/portal/coreIndex/new/overview/v3.json', body);
    expect(r.outcome).toBe('stored');
    expect(r.facts[0]?.values).toEqual({ uv: 100 });
    expect(r.issues[0]).toMatchObject({ path: 'self.payAmt.value', message: '不是数字' });
  });

  it.each([
    ['login page HTML', fixture('sycm-home', 'login.html'), 'login'],
    ['code 5810', fixture('sycm-home', 'error-5810.json'), 'login'],
    ['code 1003', JSON.stringify({ hasError: false, content: { code: 1003, message: '日期超出' } }), 'platform-error'],
    ['hasError', JSON.stringify({ hasError: true, content: { code: 0 } }), 'platform-error'],
    ['not JSON', '{"hasError": fal', 'rejected'],
    ['data null', JSON.stringify({ hasError: false, content: { code: 0, data: null } }), 'rejected'],
    ['data a string', JSON.stringify({ hasError: false, content: { code: 0, data: 'x' } }), 'rejected'],
    ['empty self', JSON.stringify({ hasError: false, content: { code: 0, data: { self: {} } } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run('/portal/coreIndex/new/overview/v3.json', body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('stores nothing without an identified shop', () => {
    const r = run('/portal/coreIndex/new/overview/v3.json', fixture('sycm-home', 'overview-v3.json'), { via: 'none' });
    expect(r.outcome).toBe('unidentified');
    expect(r.facts).toHaveLength(0);
  });

  it('links a nick-only page to a shop already known by its main nick', () => {
    const known = [{ id: '106033221', title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];
    const r = processCapture(
      captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', D), fixture('sycm-home', 'overview-v3.json'), {
        identity: { via: 'cookie', loginNick: '暖居家纺旗舰店:小李' },
      }),
      known,
    );
    expect(r.shopId).toBe('106033221');
  });

  it('never stores today as a closed day', () => {
    const today = '2026-06-10';
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', today), fixture('sycm-home', 'overview-v3.json'), {
      capturedAt: Date.UTC(2026, 5, 10, 2),
    });
    const r = processCapture(msg, []);
    expect(r.facts.filter((f) => f.grain === 'day' && f.date === today)).toHaveLength(0);
  });

  it('keeps device and multi-day windows apart in the key', () => {
    const body = fixture('sycm-home', 'overview-v3.json');
    const mobile = processCapture(captureMsg(`${sycmUrl('/portal/coreIndex/new/overview/v3.json', D)}&device=2`, body), []);
    const week = processCapture(
      captureMsg(`https://sycm.taobao.com/portal/coreIndex/new/overview/v3.json?dateType=recent7&dateRange=2026-05-26%7C2026-06-01`, body),
      [],
    );
    const all = run('/portal/coreIndex/new/overview/v3.json', body);
    const ids = new Set([mobile.facts[0]?.id, week.facts[0]?.id, all.facts[0]?.id]);
    expect(ids.size).toBe(3);
    expect(week.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { device: '0', to: '2026-06-01' } });
  });

  it('handles a response 10× larger than usual', () => {
    const data = JSON.parse(fixture('sycm-home', 'overview-v3.json'));
    for (let i = 0; i < 2000; i++) data.content.data.self[`extraField${i}`] = { value: i, note: 'x'.repeat(20) };
    const body = JSON.stringify(data);
    expect(body.length).toBeGreaterThan(10 * fixture('sycm-home', 'overview-v3.json').length);
    const r = run('/portal/coreIndex/new/overview/v3.json', body);
    expect(r.outcome).toBe('stored');
    expect(Object.keys(r.facts[0]?.values ?? {})).toHaveLength(7);
  });
});
