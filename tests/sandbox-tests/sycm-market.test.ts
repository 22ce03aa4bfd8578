/** The sandbox 市场/竞争 pages and /mc/ APIs: real paths, envelopes, encryption, generator truth, and the adapter reading them. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeMcData, looksLikeMcCipher } from '@/lib/capture/mc-decrypt';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, SHOP_A as ID_A } from '../helpers';
import { SHOP_A, SHOP_B } from '../sandbox/generator/index.ts';
import { countRange, MARKET_CATE, marketIndexes, rateRange, rivalShops, selfMarketDay } from '../sandbox/generator/market.ts';
import { coreIndexes, monitoredRivals, rankRows, rivalDay } from '../sandbox/hosts/sycm/market.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-28';
const CATE = MARKET_CATE.A.cateId;

const get = (path: string, cookie?: string) => sycmGet(sb, path, cookie);

const q = (date = D, token = SHOP_A.legalityToken) => `dateType=day&dateRange=${date}%7C${date}&token=${token}&_=1`;
const rankPath = (type = 'shop', card = 'hotsale', date = D) =>
  `/mc/mq/mkt/rank/${type}/${card}.json?cateId=${CATE}&${q(date)}&device=0&sellerType=-1&page=1&pageSize=10&order=desc&orderBy=tradeIndex`;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => sb.setFault('none'));

describe('sandbox 市场/竞争 pages', () => {
  it.each(['/mc/mq/market_rank', '/mc/ci/shop/monitor', '/mc/free/ci_shop'])('%s carries the microdata identity and the SPA', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<meta name="microdata"');
    expect(r.body).toContain('runAsShopId=106033221');
    expect(r.body).toContain('sandboxMarket(');
  });
});

describe('sandbox /mc/ APIs', () => {
  it('rank lists answer with hex ciphertext that decrypts to §11.6 rows sorted by the card metric', async () => {
    const env = JSON.parse((await get(rankPath())).body);
    expect(env).toMatchObject({ code: 0, message: '操作成功', hasError: false });
    expect(looksLikeMcCipher(env.data)).toBe(true);
    const dec = decodeMcData(env.data);
    expect(dec.ok).toBe(true);
    const rows = (dec as { data: Record<string, { value: number }>[] }).data;
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.cateRankId?.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const idx = rows.map((r) => r.tradeIndex?.value ?? 0);
    expect([...idx].sort((a, b) => b - a)).toEqual(idx);
    expect(rows).toEqual(rankRows(sb.world, SHOP_A, 'shop', 'hotsale', D));
  });

  it('the own shop indexes are the transform of its 首页 truth', () => {
    const blocks = coreIndexes(sb.world, SHOP_A, [], D) as { selfShop: { tradeIndex: { value: number } } };
    expect(blocks.selfShop.tradeIndex.value).toBe(marketIndexes(selfMarketDay(sb.world.shopDay(SHOP_A.runAsShopId, D))).tradeIndex);
  });

  it('monitored shops answer plain JSON with shop_/cate_ keys', async () => {
    const env = JSON.parse((await get(`/mc/ci/shop/monitor/listShop.json?${q()}&cateId=${CATE}&device=0&sellerType=-1`)).body);
    expect(Array.isArray(env.data)).toBe(true);
    expect(env.data).toHaveLength(4);
    expect(Object.keys(env.data[0]).sort()).toEqual([
      'cate_cateRankId',
      'cate_tradeIndex',
      'cate_uvIndex',
      'isMonitored',
      'shop_pictureUrl',
      'shop_title',
      'shop_userId',
    ]);
  });

  it('the free compare gives own values real and the rival as ranges that contain its truth', async () => {
    const rival = monitoredRivals(sb.world, SHOP_A)[0];
    const env = JSON.parse((await get(`/mc/mq/rivalShop/analysis/getCoreIndexes.json?${q()}&sellerId=${rival?.userId}&marketVersion=free`)).body);
    const uv = env.data.keyMetrics.find((m: { indexCode: string }) => m.indexCode === 'uv');
    expect(uv.selfShop).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).uv);
    const truth = rivalDay(sb.world, SHOP_A, rival as never, D);
    const range = countRange(truth.uv);
    expect(uv.rivalShop1).toBe(range.text);
    expect(truth.uv).toBeGreaterThanOrEqual(range.lo);
    expect(truth.uv).toBeLessThan(range.hi);
    expect(rateRange(0.06).text).toBe('5% ~ 7.5%');
  });

  it.each([
    ['wrong token', 5810, rankPath().replace(SHOP_A.legalityToken, 'ffffffff0')],
    ['no data yet', 1003, rankPath('shop', 'hotsale', TODAY)],
    ['foreign category', 1001, rankPath().replace(CATE, '1')],
    ['unknown rival', 1001, `/mc/rivalShop/analysis/getCoreIndexes.json?${q()}&rivalUser1Id=1`],
  ])('%s → code %i', async (_n, code, path) => {
    expect(JSON.parse((await get(path)).body).code).toBe(code);
  });

  it('shop B has its own category and rivals', async () => {
    expect(rivalShops(sb.world.seed, SHOP_B)[0]?.userId).not.toBe(rivalShops(sb.world.seed, SHOP_A)[0]?.userId);
    const env = JSON.parse(
      (await get(rankPath().replace(CATE, MARKET_CATE.B.cateId).replace(SHOP_A.legalityToken, SHOP_B.legalityToken), 'sandbox_shop=B')).body,
    );
    expect(env.code).toBe(0);
  });
});

describe('the adapter reads what the sandbox serves', () => {
  it('rank (encrypted), monitor (plain), paid compare (encrypted) and free compare (ranges) → facts equal to generator truth', async () => {
    const rivals = monitoredRivals(sb.world, SHOP_A);
    const urls = [
      rankPath('item', 'hotsearch'),
      `/mc/ci/shop/monitor/listShop.json?${q()}&cateId=${CATE}&device=0&sellerType=-1`,
      `/mc/rivalShop/analysis/getCoreIndexes.json?${q()}&cateId=${CATE}&device=0&rivalUser1Id=${rivals[0]?.userId}&rivalUser2Id=${rivals[1]?.userId}`,
      `/mc/mq/rivalShop/analysis/getCoreIndexes.json?${q()}&sellerId=${rivals[0]?.userId}&marketVersion=free`,
    ];
    const results = [];
    for (const u of urls) {
      const body = (await get(u)).body;
      results.push(processCapture(captureMsg(`https://sycm.taobao.com${u}`, body, { identity: ID_A, capturedAt: Date.parse('2026-11-29T02:00:00Z') }), []));
    }
    for (const r of results) expect(r.outcome).toBe('stored');
    const [rank, monitor, core, free] = results;
    expect(rank?.facts).toHaveLength(10); // page 1, pageSize 10 of 16 rival items
    const truthRival = marketIndexes(rivalDay(sb.world, SHOP_A, rivals[0] as never, D));
    expect(monitor?.facts.find((f) => f.entityId === rivals[0]?.userId)?.values.tradeIndex).toBe(truthRival.tradeIndex);
    expect(core?.facts.find((f) => f.entityId === rivals[0]?.userId)?.values.payByrCntIndex).toBe(truthRival.payByrCntIndex);
    const freeRival = free?.facts.find((f) => f.entityKind === 'rivalShop' && f.date === D);
    const uvTruth = rivalDay(sb.world, SHOP_A, rivals[0] as never, D).uv;
    expect(freeRival?.ranges?.uvRange?.[0]).toBeLessThanOrEqual(uvTruth);
    expect(freeRival?.ranges?.uvRange?.[1]).toBeGreaterThan(uvTruth);
    expect(free?.facts.find((f) => f.entityKind === 'shop' && f.date === D)?.values.uv).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).uv);
    // 7 days of trend for both sides.
    expect(new Set(free?.facts.map((f) => f.date)).size).toBe(7);
  });
});
