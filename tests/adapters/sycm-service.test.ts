import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const PAGE = 'https://sycm.taobao.com/qos/service/frame/customer/performance/new';
const F = (name: string) => fixture('sycm-service', name);

function mtopUrl(data: Record<string, unknown>, path = '/h5/mtop.alibaba.sycm.domain.onequery/1.0/'): string {
  return `https://h5api.m.taobao.com${path}?jsv=2.6.1&appKey=12574478&t=1780300000000&sign=abc&api=mtop.alibaba.sycm.domain.onequery&v=1.0&type=originaljson&dataType=json&data=${encodeURIComponent(JSON.stringify(data))}`;
}
const kpiData = (extra: Record<string, unknown> = {}) => ({
  domainCode: 'tao.shop.qos.sellerkpi',
  dateType: 'day',
  dateRange: `${D}|${D}`,
  device: '0',
  ...extra,
});
const subData = (extra: Record<string, unknown> = {}) => ({ domainCode: 'tao.shop.qos.subaccount', dateType: 'day', dateRange: `${D}|${D}`, ...extra });
const csp = (path: string, q = `startDate=20260601&endDate=20260601&dateType=day&orderBy=x&pageNo=1&pageSize=20`) =>
  `https://sycm.taobao.com/csp/api/${path}?${q}`;
const run = (url: string, body: string, opts: { method?: string; requestBody?: string } = {}) => {
  const msg = captureMsg(url, body, { pageUrl: PAGE, ...(opts.method ? { method: opts.method } : {}) });
  if (opts.requestBody !== undefined && msg.meta.kind !== 'dom') msg.meta.requestBody = opts.requestBody;
  return processCapture(msg, []);
};

describe('sycm-service: mtop onequery (§6.1, §11.10)', () => {
  it('reads the shop KPIs of tao.shop.qos.sellerkpi, aliases netPayAmt / pltfRespRate, skips unknown codes', () => {
    const r = run(mtopUrl(kpiData()), F('onequery-sellerkpi.json'));
    expect(r.outcome).toBe('stored');
    expect([r.adapter, r.route]).toEqual(['sycm-service', 'onequery']);
    expect(r.facts).toHaveLength(1);
    const f = r.facts[0];
    expect(f).toMatchObject({ shopId: SHOP_A.shopId, entityKind: 'shop', entityId: SHOP_A.shopId, grain: 'day', date: D, dims: { device: '0' } });
    expect(f?.values).toEqual({
      consultUserCnt: 356,
      customerServiceRecUserCnt: 349,
      wwConsultPayRate: 0.4312,
      avgReplyInterval: 18.6,
      customerAllSateRate: 0.987,
      wwUserReplayRate: 0.998,
      customerServiceGmv: 52310.2,
      customerServiceSaleRatio: 0.385,
      netPaymentAmount: 120044.1,
      slrRespRate: 0.0021,
      jtkCaseEndAvgDur: 9.5,
    });
    expect(f?.crc).toEqual({ wwConsultPayRate: -0.021 });
  });

  it('reads per-agent rows of tao.shop.qos.subaccount as agent facts keyed by the sub-account nick', () => {
    const r = run(mtopUrl(subData()), F('onequery-subaccount.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts.map((f) => [f.entityKind, f.entityId, f.entityName, f.date, f.grain])).toEqual([
      ['agent', '暖居家纺旗舰店:小美', '小美', D, 'day'],
      ['agent', '暖居家纺旗舰店:阿青', '阿青', D, 'day'],
    ]);
    expect(r.facts[0]?.values).toMatchObject({
      consultUserCnt: 64,
      customerServiceRecUserCnt: 63,
      validReplyUv: 61,
      wwwConsultUv: 40,
      consultFinalPayRate: 0.35,
      firstReplyInterval: 11.2,
    });
    expect(r.facts[1]?.values).toEqual({ consultUserCnt: 51, consultFinalPayRate: 0.312, firstReplyInterval: 9.8, avgReplyInterval: 16.3 });
  });

  it('reads the request params from a POST form body and from JSONP replies', () => {
    const body = `data=${encodeURIComponent(JSON.stringify(kpiData()))}`;
    const r = run('https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?jsv=2.6.1&appKey=12574478&t=1&sign=x', F('onequery-sellerkpi.json'), {
      method: 'POST',
      requestBody: body,
    });
    expect(r.outcome).toBe('stored');
    const j = run(mtopUrl(kpiData()), F('onequery-jsonp.txt'));
    expect(j.outcome).toBe('stored');
    expect(j.facts[0]?.values).toEqual({ consultUserCnt: 300, wwConsultPayRate: 0.41 });
  });

  it.each(['1.0', '2.0'])('matches version %s of the api path', (v) => {
    expect(run(mtopUrl(kpiData(), `/h5/mtop.alibaba.sycm.domain.onequery/${v}/`), F('onequery-sellerkpi.json')).outcome).toBe('stored');
  });

  it('keeps real-time (today) as live, ranges as range with their end, and the device', () => {
    const live = run(mtopUrl(kpiData({ dateType: 'today', dateRange: '2026-06-10|2026-06-10' })), F('onequery-sellerkpi.json'));
    expect(live.facts[0]).toMatchObject({ grain: 'live', date: '2026-06-10' });
    const week = run(mtopUrl(kpiData({ dateType: 'recent7', dateRange: '2026-05-26|2026-06-01', device: '2' })), F('onequery-sellerkpi.json'));
    expect(week.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { device: '2', to: '2026-06-01' } });
  });

  it('does not store a day that has not ended', () => {
    const r = run(mtopUrl(kpiData({ dateRange: '2026-06-10|2026-06-10' })), F('onequery-sellerkpi.json'));
    expect(r.facts).toHaveLength(0);
  });

  it.each([
    ['session expired', F('onequery-session-expired.json'), 'login'],
    ['token empty', JSON.stringify({ api: 'x', v: '1.0', ret: ['FAIL_SYS_TOKEN_EMPTY::令牌为空'], data: {} }), 'login'],
    ['captcha (risk control)', JSON.stringify({ api: 'x', v: '1.0', ret: ['FAIL_SYS_USER_VALIDATE::哎哟喂'], data: {} }), 'platform-error'],
    ['biz error', JSON.stringify({ api: 'x', v: '1.0', ret: ['FAIL_BIZ_PARAM_ERROR::参数错误'], data: {} }), 'platform-error'],
    ['empty ret', JSON.stringify({ api: 'x', v: '1.0', ret: [], data: {} }), 'rejected'],
    ['login HTML', F('login.html'), 'login'],
    ['truncated', F('onequery-sellerkpi.json').slice(0, 60), 'rejected'],
    ['no container', JSON.stringify({ api: 'x', v: '1.0', ret: ['SUCCESS::调用成功'], data: {} }), 'rejected'],
    ['empty content', JSON.stringify({ api: 'x', v: '1.0', ret: ['SUCCESS::调用成功'], data: { model: { result: { content: {} } } } }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(mtopUrl(kpiData()), body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('rejects other domainCodes and requests without data', () => {
    expect(run(mtopUrl(kpiData({ domainCode: 'tao.item.rank' })), F('onequery-sellerkpi.json')).outcome).toBe('rejected');
    const r = run('https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?t=1', F('onequery-sellerkpi.json'));
    expect(r.outcome).toBe('rejected');
    expect(r.issues[0]?.path).toBe('request.data');
  });

  it('skips agent rows without a nick and reports them', () => {
    const body = JSON.stringify({
      ret: ['SUCCESS::调用成功'],
      data: { data: { data: [{ consultUserCnt: 5 }, { accountNickWang: '店:甲', consultUserCnt: 3 }] } },
    });
    const r = run(mtopUrl(subData()), body);
    expect(r.facts.map((f) => f.entityId)).toEqual(['店:甲']);
    expect(r.issues[0]?.path).toBe('data.data.data[0].accountNickWang');
  });

  it('handles a huge agent list without losing rows', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ accountNickWang: `暖居家纺旗舰店:客服${i}`, consultUserCnt: i }));
    const r = run(mtopUrl(subData()), JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { data: { data: rows } } }));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(3000);
  });
});

describe('sycm-service: /csp/api lists (§5.6, §11.9)', () => {
  it('aggregates the refund list to a count and an amount; no buyer, order or case id is stored', () => {
    const r = run(
      csp('refund/all/detail/list.json', 'startDate=20260601&endDate=20260601&queryType=caseEnd&orderBy=caseEndTime&pageNo=1&pageSize=20'),
      F('csp-refund.json'),
    );
    expect(r.outcome).toBe('stored');
    expect(r.route).toBe('csp-refund');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', entityId: SHOP_A.shopId, grain: 'day', date: D, dims: { device: '0', queryType: 'caseEnd' } });
    expect(r.facts[0]?.values).toEqual({ cspRefundCaseCnt: 3, cspRefundAmt: 200 });
    const text = JSON.stringify(r.facts);
    for (const secret of ['210000000000000001', '300000000000000001', '示例商品', 't***1']) expect(text).not.toContain(secret);
  });

  it('keeps the refund date basis apart (caseEnd vs orderPay never share a key)', () => {
    const a = run(
      csp('refund/all/detail/list.json', 'startDate=20260601&endDate=20260601&queryType=caseEnd&orderBy=caseEndTime&pageNo=1&pageSize=20'),
      F('csp-refund.json'),
    );
    const b = run(
      csp('refund/all/detail/list.json', 'startDate=20260601&endDate=20260601&queryType=orderPay&orderBy=ordPayTime&pageNo=1&pageSize=20'),
      F('csp-refund.json'),
    );
    expect(a.facts[0]?.id).not.toBe(b.facts[0]?.id);
  });

  it('stores only the count when the page does not hold every refund', () => {
    const body = JSON.parse(F('csp-refund.json'));
    body.data.count = 45;
    const r = run(
      csp('refund/all/detail/list', 'startDate=20260601&endDate=20260601&queryType=caseEnd&orderBy=caseEndTime&pageNo=2&pageSize=20'),
      JSON.stringify(body),
    );
    expect(r.facts[0]?.values).toEqual({ cspRefundCaseCnt: 45 });
    expect(r.issues.some((i) => i.path === 'data.dataSource')).toBe(true);
  });

  it.each([
    ['ww/consultation/detail/list.json', 'csp-consultation.json', 'csp-consultation', { cspConsultCnt: 356 }],
    ['inquiry/loss/list.json', 'csp-inquiry-loss.json', 'csp-inquiry-loss', { cspInquiryLossCnt: 41 }],
    ['slow/rsps/detail/list', 'csp-slow-reply.json', 'csp-slow-reply', { cspSlowReplyCnt: 7 }],
    ['evaluation/detail/list.json', 'csp-slow-reply.json', 'csp-evaluation', { cspEvaluationCnt: 7 }],
    ['long/rcpt/detail/list.json', 'csp-slow-reply.json', 'csp-long-reception', { cspLongReceptionCnt: 7 }],
  ])('%s → count only', (path, file, route, values) => {
    const r = run(csp(path), F(file));
    expect(r.route).toBe(route);
    expect(r.facts[0]?.values).toEqual(values);
    expect(JSON.stringify(r.facts)).not.toContain('***');
  });

  it('merges the list counts into the shop-day fact of all terminals (same key as the KPIs)', () => {
    const a = run(csp('inquiry/loss/list.json'), F('csp-inquiry-loss.json'));
    const b = run(mtopUrl(kpiData()), F('onequery-sellerkpi.json'));
    expect(a.facts[0]?.id).toBe(b.facts[0]?.id);
  });

  it('treats a multi-day window as a range, and an empty list as zero', () => {
    const r = run(csp('inquiry/loss/list.json', 'startDate=20260526&endDate=20260601&orderBy=x&pageNo=1&pageSize=20'), F('csp-inquiry-loss.json'));
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { device: '0', to: D } });
    const empty = run(csp('inquiry/loss/list.json'), JSON.stringify({ code: 0, success: true, data: { count: 0, dataSource: [] } }));
    expect(empty.facts[0]?.values).toEqual({ cspInquiryLossCnt: 0 });
  });

  it('does not store counts of a list narrowed to one agent or buyer', () => {
    const r = run(
      csp('ww/consultation/detail/list.json', 'startDate=20260601&endDate=20260601&orderBy=x&pageNo=1&pageSize=20&accountId=123'),
      F('csp-consultation.json'),
    );
    expect(r.outcome).toBe('rejected');
  });

  it.each([
    ['code 5810', F('error-5810.json'), 'login'],
    ['login HTML', F('login.html'), 'login'],
    ['success false', JSON.stringify({ code: 0, success: false, message: '系统繁忙' }), 'platform-error'],
    ['code 1003', JSON.stringify({ code: 1003, success: false, message: '日期超出' }), 'platform-error'],
    ['data null', JSON.stringify({ code: 0, success: true, data: null }), 'rejected'],
    ['dataSource not array', JSON.stringify({ code: 0, success: true, data: { count: 3, dataSource: 'x' } }), 'rejected'],
    ['count negative', JSON.stringify({ code: 0, success: true, data: { count: -1, dataSource: [{}, {}] } }), 'rejected'],
    ['not JSON', '{"code": 0, "succ', 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(csp('ww/consultation/detail/list.json'), body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('rejects a request without dates', () => {
    expect(run(csp('inquiry/loss/list.json', 'orderBy=x&pageNo=1'), F('csp-inquiry-loss.json')).outcome).toBe('rejected');
  });
});

describe('sycm-service: 体验分 (§5.6)', () => {
  it('reads the five sub-scores of the day; null scores are left out', () => {
    const r = run('https://sycm.taobao.com/sdx/diagnose/new/common/expScore?type=service&dateId=20260601', F('exp-score.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts[0]).toMatchObject({ entityKind: 'shop', grain: 'day', date: D, dims: { device: '0' } });
    expect(r.facts[0]?.values).toEqual({ expScoreGoods: 4.82, expScoreLogistics: 4.75, expScoreAfter: 4.9, expScoreDispute: 5 });
  });

  it('rejects a missing dateId and an empty score body', () => {
    expect(run('https://sycm.taobao.com/sdx/diagnose/new/common/expScore?type=service', F('exp-score.json')).outcome).toBe('rejected');
    expect(run('https://sycm.taobao.com/sdx/diagnose/new/common/expScore?type=service&dateId=20260601', JSON.stringify({ code: 0, data: {} })).outcome).toBe(
      'rejected',
    );
  });
});

describe('sycm-service: identity', () => {
  it('stores nothing without an identified shop', () => {
    const msg = captureMsg(mtopUrl(kpiData()), F('onequery-sellerkpi.json'), { identity: { via: 'none' }, pageUrl: PAGE });
    expect(processCapture(msg, []).outcome).toBe('unidentified');
  });
});
