import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRange, sycmMarket } from '@/lib/adapters/sycm-market';
import { processCapture } from '@/lib/capture/process';
import { metric } from '@/lib/metrics';
import { FactSchema } from '@/lib/schema/fact';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const S = '106033221';
const MC = 'https://sycm.taobao.com/mc';
const day = `dateType=day&dateRange=${D}%7C${D}`;
const T = '&token=1aa656228&_=1';
const f = (name: string) => fixture('sycm-market', name);
const run = (pathAndQuery: string, body: string, identity = SHOP_A) => processCapture(captureMsg(`${MC}${pathAndQuery}${T}`, body, { identity }), []);
const enc = (v: unknown) => {
  const c = createCipheriv('aes-128-cbc', Buffer.from('w28Cz694s63kBYk4'), Buffer.from('4kYBk36s496zC82w'));
  return Buffer.concat([c.update(JSON.stringify(v), 'utf8'), c.final()])
    .toString('hex')
    .toUpperCase();
};
const mod = (data: unknown) => JSON.stringify({ code: 0, message: '操作成功', data });

/** Index values only in values, ranges only in ranges, everything schema-valid. */
function expectKinds(facts: ReturnType<typeof run>['facts']) {
  for (const x of facts) {
    expect(FactSchema.safeParse(x).success).toBe(true);
    for (const k of Object.keys(x.values)) expect(metric(k)?.kind).not.toBe('range');
    for (const k of Object.keys(x.ranges ?? {})) expect(metric(k)?.kind).toBe('range');
  }
}

describe('sycm-market adapter', () => {
  it('reads the shop hot-sale rank (plain JSON): rival shops, 指数 as index metrics, rank, dims', () => {
    const r = run(`/mq/mkt/rank/shop/hotsale.json?cateId=50008163&${day}&device=0&sellerType=-1&page=1&pageSize=10`, f('rank-shop-hotsale.json'));
    expect([r.outcome, r.adapter, r.route]).toEqual(['stored', 'sycm-market', 'rank']);
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.entityName])).toEqual([
      ['rivalShop', '2200123456', '云眠家纺旗舰店'],
      ['rivalShop', '2200654321', '棉语生活馆'],
      ['rivalShop', '2200777888', '<b>北极绒</b>家居'],
    ]);
    const first = r.facts[0];
    expect(first).toMatchObject({ shopId: S, grain: 'day', date: D, dims: { device: '0', cateId: '50008163', sellerType: '-1', list: 'hotsale' } });
    expect(first?.values).toEqual({ cateRank: 1, tradeIndex: 70211.4, tradeGrowthRange: 0.0832, payRateIndex: 1520.7 });
    expect(metric('tradeIndex')?.kind).toBe('index');
    expect(metric('payRateIndex')?.kind).toBe('index');
    expect(r.facts[2]?.values).toEqual({ cateRank: 3, tradeIndex: 60455 });
    expect(first?.id).toBe(`${S}|rivalShop|2200123456|day|${D}|cateId=50008163&device=0&list=hotsale&sellerType=-1`);
    expectKinds(r.facts);
  });

  it('decrypts the encrypted item hot-search rank (§11.6) and reads rival items', () => {
    const r = run(`/mq/mkt/rank/item/hotsearch.json?cateId=50008163&${day}&device=2&sellerType=1&page=1&pageSize=10`, f('rank-item-hotsearch.enc.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.entityName, x.values.uvIndex, x.values.seIpvUvHits, x.dims.device, x.dims.sellerType])).toEqual([
      ['rivalItem', '623456789012', '全棉四件套 60支长绒棉', 41088.2, 28800.5, '2', '1'],
      ['rivalItem', '634567890123', '夏凉被 冰丝空调被', 38050, 25012.3, '2', '1'],
    ]);
    // Same rows, plain transport → identical facts.
    const plain = run(
      `/mq/mkt/rank/item/hotsearch.json?cateId=50008163&${day}&device=2&sellerType=1&page=1&pageSize=10`,
      mod(JSON.parse(f('rank-item-hotsearch.plain.json'))),
    );
    expect(plain.facts.map((x) => x.values)).toEqual(r.facts.map((x) => x.values));
  });

  it.each([
    ['/v2/mq/mkt/rank/item/hotsale.json', 'hotsale'],
    ['/mq/mkt/rank/item/hotpurpose.json', 'hotpurpose'],
    ['/mq/mkt/item/offline/rank.json', 'offline'],
  ])('matches the rank variant %s', (path, list) => {
    const r = run(`${path}?cateId=50008163&${day}&device=0&sellerType=-1`, f('rank-item-hotsearch.enc.json'));
    expect([r.outcome, r.route, r.facts[0]?.dims.list]).toEqual(['stored', 'rank', list]);
  });

  it('brand rows (§11.6) are decrypted and stored as brand entities with index metrics', () => {
    const r = run(`/mq/mkt/rank/brand/hotsearch.json?cateId=50008163&${day}&device=0&sellerType=-1`, f('rank-brand-hotsearch.enc.json'));
    expect(r.outcome).toBe('stored');
    expect(r.facts.length).toBeGreaterThan(0);
    expect(r.facts.every((x) => x.entityKind === 'brand')).toBe(true);
  });

  it('reads the monitored-shop list with shop_/cate_ prefixed keys; 环比 only for real metrics', () => {
    const r = run(`/ci/shop/monitor/listShop.json?${day}&cateId=50008163&device=0&sellerType=-1`, f('monitor-listShop.json'));
    expect(r.route).toBe('monitor');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.entityName, x.values])).toEqual([
      ['rivalShop', '2200123456', '云眠家纺旗舰店', { cateRank: 4, tradeIndex: 70211.4, uvIndex: 40100.2 }],
      ['rivalShop', '2200654321', '棉语生活馆', { cateRank: 9, tradeIndex: 65102.9, uvIndex: 36002 }],
    ]);
    expect(r.facts[0]?.crc).toBeUndefined();
    expect(r.facts[0]?.dims).toEqual({ device: '0', cateId: '50008163', sellerType: '-1', list: 'monitor' });
  });

  it('real-time monitored items (live/ path, encrypted, paged wrapper) → grain live, not day', () => {
    const today = '2026-06-10';
    const r = run(
      `/live/ci/item/monitor/list.json?dateType=today&dateRange=${today}%7C${today}&cateId=50008163&device=0&sellerType=-1`,
      f('monitor-item-live.enc.json'),
    );
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({
      entityKind: 'rivalItem',
      entityId: '623456789012',
      grain: 'live',
      date: today,
      values: { cateRank: 5, tradeIndex: 12001.5, uvIndex: 9001 },
    });
  });

  it('2026 free monitor paths without a date are live facts of the capture day', () => {
    const r = run('/free/live/ci/shop/monitor/listShop/page.json?page=1', f('monitor-listShop.json'));
    expect(r.facts[0]).toMatchObject({ grain: 'live', date: '2026-06-10' });
    const v2 = run(`/ci/free/v2/shop/monitor/listShop/page.json?${day}`, f('monitor-listShop.json'));
    expect([v2.route, v2.facts[0]?.grain]).toEqual(['monitor', 'day']);
  });

  it('reads rival-shop core indexes: own shop and two rivals by the ids in the query', () => {
    const r = run(
      `/rivalShop/analysis/getCoreIndexes.json?${day}&cateId=50008163&device=0&rivalUser1Id=2200123456&rivalUser2Id=2200654321`,
      f('rival-shop-core.enc.json'),
    );
    expect(r.route).toBe('rival-shop');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.values.tradeIndex, x.values.payByrCntIndex])).toEqual([
      ['shop', S, 52000.3, 880.1],
      ['rivalShop', '2200123456', 70211.4, 1400],
      ['rivalShop', '2200654321', 65102.9, 1201.9],
    ]);
    expect(r.facts[0]?.dims).toEqual({ device: '0', cateId: '50008163', list: 'compare' });
    // The own shop's market view never shares a key with the 首页 facts.
    expect(r.facts[0]?.id).not.toBe(`${S}|shop|${S}|day|${D}|device=0`);
  });

  it('does not guess a rival id the request did not name', () => {
    const r = run(`/rivalShop/analysis/getCoreIndexes.json?${day}&cateId=50008163&device=0&rivalUser1Id=2200123456`, f('rival-shop-core.enc.json'));
    expect(r.facts.map((x) => x.entityId)).toEqual([S, '2200123456']);
    expect(r.issues.some((i) => i.path === 'rivalShop2')).toBe(true);
  });

  it('reads the 2026 free 竞店对比 (§11.7): own numbers real, rival ranges in fact.ranges, trend per day', () => {
    const r = run(`/mq/rivalShop/analysis/getCoreIndexes.json?${day}&sellerId=2200123456&marketVersion=free`, f('rival-shop-free.json'));
    expect(r.outcome).toBe('stored');
    expectKinds(r.facts);
    const self = r.facts.find((x) => x.entityKind === 'shop' && x.date === D);
    expect(self?.values).toEqual({ uv: 120345, payByrCnt: 2410, payRate: 0.02, cartByrCnt: 8011, cltByrCnt: 3120 });
    const rival = r.facts.find((x) => x.entityKind === 'rivalShop' && x.date === D);
    expect(rival?.entityId).toBe('2200123456');
    expect(rival?.values).toEqual({});
    expect(rival?.ranges).toEqual({
      uvRange: [750000, 1000000],
      payByrCntRange: [10000, 25000],
      payRateRange: [0.01, 0.025],
      cartByrCntRange: [50000, 75000],
      cltByrCntRange: [10000, 25000],
    });
    const prev = r.facts.filter((x) => x.date === '2026-05-31').map((x) => [x.entityKind, x.values.uv, x.ranges?.uvRange]);
    expect(prev).toEqual([
      ['shop', 110002, undefined],
      ['rivalShop', undefined, [500000, 750000]],
    ]);
  });

  it.each([
    ['/rivalShop/analysis/getLiveCoreIndexes.json?dateType=today&dateRange=2026-06-10%7C2026-06-10&rivalUser1Id=2200123456', 'live'],
    ['/free/rivalShop/analysis/getCoreIndexesLive.json?sellerId=2200123456', 'live'],
  ])('live rival analysis %s → grain %s', (path, grain) => {
    const r = run(path, f('rival-shop-core.enc.json'));
    expect(r.facts.every((x) => x.grain === grain && x.date === '2026-06-10')).toBe(true);
    expect(r.facts.length).toBe(2);
  });

  it('reads rival-item core indexes: own item and the rival item', () => {
    const r = run(
      `/rivalItem/analysis/getCoreIndexes.json?${day}&cateId=50008163&device=0&itemId=612345678901&rivalItem1Id=623456789012`,
      f('rival-item-core.json'),
    );
    expect(r.route).toBe('rival-item');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.values.tradeIndex])).toEqual([
      ['item', '612345678901', 12001.5],
      ['rivalItem', '623456789012', 39021.7],
    ]);
  });

  it('reads the rival top items', () => {
    const r = run(
      `/rivalShop/analysis/getTopItems.json?${day}&cateId=50008163&device=0&userId=2200123456&indexCode=tradeIndex&topType=trade`,
      f('rank-item-hotsearch.enc.json'),
    );
    expect([r.route, r.facts[0]?.entityKind, r.facts[0]?.dims.list]).toEqual(['rival-top-items', 'rivalItem', 'rivalTop']);
  });

  it('reads related search words (encrypted) as keyword facts with the seed word as a dim', () => {
    const r = run(`/searchword/relatedWord.json?${day}&device=0&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97`, f('searchword-related.enc.json'));
    expect(r.route).toBe('searchword');
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.values])).toEqual([
      ['keyword', '四件套 纯棉', { seIpvUvHits: 31020.5, sePvIndex: 45001.2, clickRate: 0.8512, clickHits: 22010.1, clickHot: 30200.7 }],
      ['keyword', '四件套 冬季', { seIpvUvHits: 18200, sePvIndex: 25000.3, clickRate: 0.79, clickHits: 13000, clickHot: 17500 }],
    ]);
    expect(r.facts[0]?.dims).toEqual({ device: '0', list: 'relatedWord', seed: '四件套' });
  });

  it('reads the free search rank: 搜索人气 and 支付转化率 ranges with 万 and % units', () => {
    const r = run(`/mq/mkt/keyword/rank/pro.json?cateId=50008163&${day}&device=0&marketVersion=free`, f('searchword-free-rank.json'));
    expectKinds(r.facts);
    expect(r.facts.map((x) => [x.entityId, x.ranges])).toEqual([
      ['四件套', { seIpvUvHitsRange: [600000, 750000], payRateRange: [0.05, 0.075] }],
      ['床单', { seIpvUvHitsRange: [600, 1200], payRateRange: [0.01, 0.025] }],
    ]);
    expect(r.facts.every((x) => Object.keys(x.values).length === 0)).toBe(true);
  });

  it('reads a search-word overview for the keyword of the query', () => {
    const body = mod(enc({ seIpvUvHits: { value: 31020.5 }, clickRate: { value: 0.85 } }));
    const r = run(`/searchword/overview.json?${day}&device=0&keyword=%E5%9B%9B%E4%BB%B6%E5%A5%97`, body);
    expect(r.facts.map((x) => [x.entityKind, x.entityId, x.values])).toEqual([['keyword', '四件套', { seIpvUvHits: 31020.5, clickRate: 0.85 }]]);
    expect(run(`/searchword/overview.json?${day}&device=0`, body).outcome).toBe('rejected');
  });

  it('reads the churn list (流失): shops with lostIndex/lostHits as index metrics', () => {
    const r = run(`/ci/shop/recognition/getTopDrainList.json?${day}&cateId=50008163&device=0`, f('churn-drain.enc.json'));
    expect(r.route).toBe('churn');
    expect(r.facts[0]).toMatchObject({
      entityKind: 'rivalShop',
      entityId: '2200123456',
      dims: { list: 'drain' },
      values: { lostIndex: 3200.4, lostHits: 1500.2 },
    });
    expect(metric('lostIndex')?.kind).toBe('index');
  });

  it('reads the industry overview as a category fact', () => {
    const r = run(`/mq/supply/mkt/overview.json?cateId=50008163&${day}&device=0&sellerType=-1`, f('industry-overview.enc.json'));
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ entityKind: 'category', entityId: '50008163', dims: { device: '0', sellerType: '-1' } });
    expect(Object.keys(r.facts[0]?.values ?? {})).toHaveLength(10);
    expect(r.facts[0]?.crc).toBeUndefined();
  });

  it('keeps device, sellerType, cateId and the list apart in the key', () => {
    const body = f('rank-shop-hotsale.json');
    const base = `/mq/mkt/rank/shop/hotsale.json?${day}`;
    const ids = new Set(
      [
        `${base}&cateId=1&device=0&sellerType=-1`,
        `${base}&cateId=1&device=2&sellerType=-1`,
        `${base}&cateId=1&device=0&sellerType=1`,
        `${base}&cateId=2&device=0&sellerType=-1`,
        `/mq/mkt/rank/shop/hotsearch.json?${day}&cateId=1&device=0&sellerType=-1`,
      ].map((u) => run(u, body).facts[0]?.id),
    );
    expect(ids.size).toBe(5);
  });

  it('recent7 is a range fact, not a day', () => {
    const r = run(
      '/mq/mkt/rank/shop/hotsale.json?dateType=recent7&dateRange=2026-05-26%7C2026-06-01&cateId=1&device=0&sellerType=-1',
      f('rank-shop-hotsale.json'),
    );
    expect(r.facts[0]).toMatchObject({ grain: 'range', date: '2026-05-26', dims: { to: '2026-06-01' } });
  });

  it('never stores today as a closed day', () => {
    const today = '2026-06-10';
    const r = run(`/mq/mkt/rank/shop/hotsale.json?dateType=day&dateRange=${today}%7C${today}&cateId=1`, f('rank-shop-hotsale.json'));
    expect(r.facts).toHaveLength(0);
  });

  it.each([
    ['login page HTML', f('login.html'), 'login'],
    ['code 5810', f('error-5810.json'), 'login'],
    ['code 1003', f('error-1003.json'), 'platform-error'],
    ['not JSON', '{"code":0,"data":"9F3A', 'rejected'],
    ['data null', mod(null), 'rejected'],
    ['empty list', mod([]), 'rejected'],
    ['empty encrypted list', mod(enc([])), 'rejected'],
    ['ciphertext with a wrong key', mod('00112233445566778899AABBCCDDEEFF'), 'rejected'],
    ['truncated ciphertext', mod(enc([{ a: 1 }]).slice(0, 32)), 'rejected'],
    ['rows without identity', mod([{ tradeIndex: { value: 1 } }]), 'rejected'],
    ['rows without metrics', mod([{ shop: { userId: 1, title: 'x' } }]), 'rejected'],
    ['a string', mod('hello'), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(`/mq/mkt/rank/shop/hotsale.json?${day}&cateId=1`, body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('reports bad values and malformed ranges by path, keeps the rest', () => {
    const body = mod([
      { shop: { userId: 1, title: 'a' }, tradeIndex: { value: 'abc' }, uvIndex: { value: 5 } },
      { shop: { userId: 2, title: 'b' }, uv: '很多 ~ 更多', payRate: '9% ~ 5%', tradeIndex: 7 },
      { shop: { userId: 3 }, tradeIndex: { value: 1 }, cartHits: '10 ~ 20' },
    ]);
    const r = run(`/mq/mkt/rank/shop/hotsale.json?${day}&cateId=1`, body);
    expect(r.facts.map((x) => [x.entityId, x.values, x.ranges])).toEqual([
      ['1', { uvIndex: 5 }, undefined],
      ['2', { tradeIndex: 7 }, undefined],
      ['3', { tradeIndex: 1 }, undefined],
    ]);
    expect(r.issues.map((i) => i.path)).toEqual(['data[0].tradeIndex.value', 'data[1].uv', 'data[1].payRate', 'data[2].cartHits']);
  });

  it('stores nothing without an identified shop', () => {
    const r = run(`/mq/mkt/rank/shop/hotsale.json?${day}&cateId=1`, f('rank-shop-hotsale.json'), { via: 'none' });
    expect(r.outcome).toBe('unidentified');
  });

  it('caps a huge list and drops bad ids', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ shop: { userId: i === 0 ? 'abc' : 1000 + i, title: `店${i}` }, tradeIndex: { value: i } }));
    const r = run(`/mq/mkt/rank/shop/hotsale.json?${day}&cateId=1`, mod(enc(rows)));
    expect(r.outcome).toBe('stored');
    expect(r.facts).toHaveLength(1999);
    expect(r.issues.some((i) => i.message.includes('2500'))).toBe(true);
  });

  it('parses ranges with 万/亿/% units and rejects open or reversed ones', () => {
    expect(parseRange('75万 ~ 100万')).toEqual([750000, 1000000]);
    expect(parseRange('1.2亿～1.5亿')).toEqual([120000000, 150000000]);
    expect(parseRange('5% ~ 7.5%')).toEqual([0.05, 0.075]);
    expect(parseRange('600 ~ 1200')).toEqual([600, 1200]);
    expect(parseRange('1,000 ~ 2,000')).toEqual([1000, 2000]);
    expect(parseRange('100 ~ 50')).toBe('bad');
    expect(parseRange('≥ 1亿 ~')).toBe('bad');
    expect(parseRange('12')).toBeNull();
  });

  it('declares real-shaped examples for every route', () => {
    for (const r of sycmMarket.routes) expect(r.exampleUrls.length).toBeGreaterThan(0);
  });
});
