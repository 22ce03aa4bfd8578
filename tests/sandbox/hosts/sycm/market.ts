/**
 * 生意参谋 市场 / 竞争 (console-sources §3, §5.10, §11.6, §11.7): the pages `/mc/mq/market_rank`
 * (市场排行), `/mc/ci/shop/monitor` (竞店监控) and `/mc/free/ci_shop` (2026 free 竞店对比), and the
 * `/mc/…` APIs they read. Rank lists and the paid rival analysis answer with `data` as the
 * AES-128-CBC hex ciphertext of §3 (encrypted here with node:crypto); the monitored-shop list and
 * the free edition answer plain JSON with range strings for rivals.
 */
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addDays, beijingMidnightMs, isIsoDate, type Shop, type World } from '../../generator/index.ts';
import {
  countRange,
  MARKET_CATE,
  type MarketDay,
  marketIndexes,
  type RivalShop,
  rateRange,
  rivalItems,
  rivalMarketDay,
  rivalShops,
  selfMarketDay,
} from '../../generator/market.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';
import { apiFault } from './portal-api.ts';

const CLIENT_JS = readFileSync(new URL('./market-client.js', import.meta.url), 'utf8');

export const MARKET_PAGES = {
  rank: '/mc/mq/market_rank',
  monitor: '/mc/ci/shop/monitor',
  free: '/mc/free/ci_shop',
} as const;

const MC_KEY = 'w28Cz694s63kBYk4';
const MC_IV = '4kYBk36s496zC82w';

export function mcEncrypt(data: unknown): string {
  const c = createCipheriv('aes-128-cbc', Buffer.from(MC_KEY, 'utf8'), Buffer.from(MC_IV, 'utf8'));
  return Buffer.concat([c.update(JSON.stringify(data), 'utf8'), c.final()])
    .toString('hex')
    .toUpperCase();
}

function mcOk(data: unknown, encrypt: boolean): SandboxResponse {
  return json({ code: 0, message: '操作成功', hasError: false, data: encrypt ? mcEncrypt(data) : data, traceId: '0b51e2a4178030000000' });
}

function mcError(code: number, message: string): SandboxResponse {
  return json({ code, message, hasError: true, data: null });
}

// ------------------------------------------------------------------ truth (also used by tests)

/** The monitored rivals of a shop (the first four of its category). */
export function monitoredRivals(world: World, shop: Shop): RivalShop[] {
  return rivalShops(world.seed, shop).slice(0, 4);
}

export function rivalDay(world: World, shop: Shop, r: RivalShop, date: string): MarketDay {
  return rivalMarketDay(world.seed, world.shopDay(shop.runAsShopId, date), r.userId, r.scale, r.rate, date);
}

const RANK_ORDER: Record<string, keyof ReturnType<typeof marketIndexes>> = { hotsale: 'tradeIndex', hotsearch: 'uvIndex', hotpurpose: 'cartHits' };
const RANK_CODES: Record<string, (keyof ReturnType<typeof marketIndexes>)[]> = {
  hotsale: ['tradeIndex', 'payRateIndex'],
  hotsearch: ['uvIndex', 'seIpvUvHits', 'tradeIndex'],
  hotpurpose: ['cltHits', 'cartHits', 'tradeIndex'],
};

/** Rank rows (§11.6 shape) of a day, sorted the way the console sorts them. */
export function rankRows(world: World, shop: Shop, type: 'shop' | 'item', card: string, date: string): Record<string, unknown>[] {
  const prevDate = addDays(date, -1);
  const entries =
    type === 'shop'
      ? rivalShops(world.seed, shop).map((r) => ({
          key: r.userId,
          head: { shop: { userId: Number(r.userId), title: r.title, pictureUrl: '//img.alicdn.com/sandbox.png', b2CShop: true } },
          day: (d: string) => rivalMarketDay(world.seed, world.shopDay(shop.runAsShopId, d), r.userId, r.scale, r.rate, d),
        }))
      : rivalItems(world.seed, shop).map((it) => ({
          key: it.itemId,
          head: {
            item: { itemId: Number(it.itemId), title: it.title, pictUrl: '//img.alicdn.com/item.png' },
            shop: { userId: Number(it.shopUserId), title: it.shopTitle },
          },
          day: (d: string) => rivalMarketDay(world.seed, world.shopDay(shop.runAsShopId, d), it.itemId, it.scale, 1, d),
        }));
  const order = RANK_ORDER[card] ?? 'tradeIndex';
  const rows = entries.map((e) => ({ e, idx: marketIndexes(e.day(date)), prev: date > world.historyStart ? marketIndexes(e.day(prevDate)) : null }));
  const prevRank = new Map([...rows].sort((a, b) => (b.prev?.[order] ?? 0) - (a.prev?.[order] ?? 0)).map((r, i) => [r.e.key, i + 1] as const));
  rows.sort((a, b) => b.idx[order] - a.idx[order]);
  return rows.map((r, i) => {
    const row: Record<string, unknown> = { ...r.e.head, cateRankId: { value: i + 1, cycleCqc: (prevRank.get(r.e.key) ?? i + 1) - (i + 1) } };
    for (const code of RANK_CODES[card] ?? []) row[code] = { value: r.idx[code] };
    if (card === 'hotsale')
      row.tradeGrowthRange = { value: r.prev ? Math.round(((r.idx.tradeIndex - r.prev.tradeIndex) / r.prev.tradeIndex) * 10000) / 10000 : null };
    return row;
  });
}

/** 竞店监控 list: plain JSON with `shop_*` / `cate_*` keys (§5.10). */
export function monitorRows(world: World, shop: Shop, date: string): Record<string, unknown>[] {
  const all = rankRows(world, shop, 'shop', 'hotsale', date);
  const ids = new Set(monitoredRivals(world, shop).map((r) => r.userId));
  return all
    .filter((row) => ids.has(String((row.shop as { userId: number }).userId)))
    .map((row) => {
      const s = row.shop as { userId: number; title: string };
      const r = monitoredRivals(world, shop).find((x) => x.userId === String(s.userId)) as RivalShop;
      const idx = marketIndexes(rivalDay(world, shop, r, date));
      return {
        shop_userId: s.userId,
        shop_title: s.title,
        shop_pictureUrl: '//img.alicdn.com/sandbox.png',
        cate_cateRankId: row.cateRankId,
        cate_tradeIndex: { value: idx.tradeIndex },
        cate_uvIndex: { value: idx.uvIndex },
        isMonitored: true,
      };
    });
}

/** Paid rival analysis blocks (encrypted on the wire). */
export function coreIndexes(world: World, shop: Shop, rivals: RivalShop[], date: string): Record<string, unknown> {
  const pick = (d: MarketDay) => {
    const i = marketIndexes(d);
    return {
      tradeIndex: { value: i.tradeIndex },
      uvIndex: { value: i.uvIndex },
      cltHits: { value: i.cltHits },
      cartHits: { value: i.cartHits },
      payRateIndex: { value: i.payRateIndex },
      payByrCntIndex: { value: i.payByrCntIndex },
    };
  };
  const out: Record<string, unknown> = { selfShop: pick(selfMarketDay(world.shopDay(shop.runAsShopId, date))) };
  rivals.forEach((r, i) => {
    out[`rivalShop${i + 1}`] = pick(rivalDay(world, shop, r, date));
  });
  return out;
}

const FREE_CODES = [
  ['uv', '访客数'],
  ['payByrCnt', '支付买家数'],
  ['payRate', '支付转化率'],
  ['cartByrCnt', '加购人数'],
  ['cltByrCnt', '收藏人数'],
] as const;

const freeValue = (d: MarketDay, code: (typeof FREE_CODES)[number][0]) => (code === 'payRate' ? rateRange(d.payRate) : countRange(d[code]));

/** 2026 free 竞店对比 (§11.7): own values real, rival values range strings; 7-day trend. */
export function freeCompare(world: World, shop: Shop, rival: RivalShop, date: string): Record<string, unknown> {
  const self = selfMarketDay(world.shopDay(shop.runAsShopId, date));
  const rv = rivalDay(world, shop, rival, date);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(date, i - 6)).filter((d) => d >= world.historyStart);
  const ms = dates.map(beijingMidnightMs);
  const selfDays = dates.map((d) => selfMarketDay(world.shopDay(shop.runAsShopId, d)));
  const rivalDays = dates.map((d) => rivalDay(world, shop, rival, d));
  const keyMetricTrends: Record<string, unknown> = {};
  for (const [code] of FREE_CODES) {
    keyMetricTrends[code] = {
      selfShop: { statDate: ms, [code]: selfDays.map((d) => d[code]) },
      rivalShop1: {
        statDate: ms,
        [code]: { drawValue: rivalDays.map((d) => freeValue(d, code).lo), value: rivalDays.map((d) => freeValue(d, code).text) },
      },
    };
  }
  return {
    keyMetrics: FREE_CODES.map(([code, name]) => ({
      indexCode: code,
      indexName: name,
      selfShop: self[code],
      rivalShop1: freeValue(rv, code).text,
      statDate: beijingMidnightMs(date),
    })),
    keyMetricTrends,
  };
}

// ------------------------------------------------------------------ APIs

function dayOrError(req: SandboxRequest, state: SandboxState): string | SandboxResponse {
  const dateType = req.query.get('dateType');
  if (!dateType) return mcError(22102, '参数dateType不能为空');
  if (dateType !== 'day') return mcError(1003, '沙盒暂只支持dateType=day');
  const [from, to] = (req.query.get('dateRange') ?? '').split('|');
  if (!from || from !== to || !isIsoDate(from) || !state.world.hasData(from, state.today)) return mcError(1003, '日期超出可查询范围');
  return from;
}

function rivalsFromQuery(req: SandboxRequest, state: SandboxState, shop: Shop, keys: string[]): RivalShop[] | null {
  const all = rivalShops(state.world.seed, shop);
  const out: RivalShop[] = [];
  for (const k of keys) {
    const id = req.query.get(k);
    if (!id) continue;
    const r = all.find((x) => x.userId === id);
    if (!r) return null;
    out.push(r);
  }
  return out.length ? out : null;
}

export function marketApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (!req.path.startsWith('/mc/')) return null;
  const rank = /^\/mc\/mq\/mkt\/rank\/(shop|item)\/(hotsale|hotsearch|hotpurpose)\.json$/.exec(req.path);
  const known =
    rank ||
    req.path === '/mc/ci/shop/monitor/listShop.json' ||
    req.path === '/mc/rivalShop/analysis/getCoreIndexes.json' ||
    req.path === '/mc/mq/rivalShop/analysis/getCoreIndexes.json';
  if (!known) return null;
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  if (req.query.get('token') !== shop.legalityToken) return json({ code: 5810, message: 'You must login system first', data: null });
  const date = dayOrError(req, state);
  if (typeof date !== 'string') return date;
  const world = state.world;
  const malformed = state.fault === 'malformed';
  if (rank) {
    if (req.query.get('cateId') !== MARKET_CATE[shop.key].cateId) return mcError(1001, '类目无权限');
    const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
    const size = Math.min(100, Math.max(1, Number(req.query.get('pageSize') ?? '10') || 10));
    let rows = rankRows(world, shop, rank[1] as 'shop' | 'item', rank[2] as string, date).slice((page - 1) * size, page * size);
    if (malformed) rows = rows.map((r) => ({ ...r, tradeIndex: { value: 'abc' } }));
    return mcOk(rows, true);
  }
  if (req.path === '/mc/ci/shop/monitor/listShop.json') return mcOk(monitorRows(world, shop, date), false);
  if (req.path === '/mc/rivalShop/analysis/getCoreIndexes.json') {
    const rivals = rivalsFromQuery(req, state, shop, ['rivalUser1Id', 'rivalUser2Id']);
    if (!rivals) return mcError(1001, '竞店不存在');
    return mcOk(coreIndexes(world, shop, rivals, date), true);
  }
  const rival = rivalsFromQuery(req, state, shop, ['sellerId'])?.[0];
  if (!rival) return mcError(1001, '竞店不存在');
  return mcOk(freeCompare(world, shop, rival, date), false);
}

// ------------------------------------------------------------------ pages

const TITLES: Record<keyof typeof MARKET_PAGES, string> = { rank: '市场排行', monitor: '竞店监控', free: '竞店对比(免费版)' };

export function marketPage(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const kind = (Object.keys(MARKET_PAGES) as (keyof typeof MARKET_PAGES)[]).find((k) => MARKET_PAGES[k] === req.path);
  if (!kind) return null;
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const yesterday = addDays(state.today, -1);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const date = isIsoDate(requested) ? requested : yesterday;
  const rivals = monitoredRivals(state.world, shop);
  const sellerId = req.query.get('sellerId') ?? rivals[0]?.userId ?? '';
  const boot = {
    page: kind,
    token: shop.legalityToken,
    date,
    minDate: state.world.historyStart,
    maxDate: yesterday,
    cateId: MARKET_CATE[shop.key].cateId,
    cateName: MARKET_CATE[shop.key].cateName,
    rivals: rivals.map((r) => ({ userId: r.userId, title: r.title })),
    sellerId,
  };
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">
<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  const controls =
    kind === 'rank'
      ? `<div class="date-bar" id="rank-tabs"><button type="button" data-type="shop" class="on">店铺</button><button type="button" data-type="item">商品</button>
         <span>|</span><button type="button" data-card="hotsale" class="on">高交易</button><button type="button" data-card="hotsearch">高流量</button><button type="button" data-card="hotpurpose">高意向</button></div>`
      : '';
  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>生意参谋-${TITLES[kind]}</title>
${identityHead}
<style>${SYCM_CSS}.date-bar button.on{border-color:#1a66ff;color:#1a66ff}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher: '' })}
<main class="sycm-body" id="app">
  <div class="banner error" id="error-banner"></div>
  <section class="panel"><div class="panel-title"><h2>${TITLES[kind]} · ${escapeHtml(boot.cateName)} <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span id="stat-date">${escapeHtml(date)}</span></small></h2>
    <div class="date-bar"><span>日</span><input type="date" id="date-picker" value="${escapeHtml(date)}" min="${boot.minDate}" max="${boot.maxDate}"></div></div>
    ${controls}
    <table class="kpi-table" id="market-table"><thead></thead><tbody></tbody></table>
  </section>
  <section class="panel" id="compare-panel" ${kind === 'rank' ? 'hidden' : ''}><div class="panel-title"><h2>${kind === 'free' ? '关键指标对比' : '竞店对比'}</h2></div>
    <table class="kpi-table" id="compare-table"><thead></thead><tbody></tbody></table>
  </section>
</main>
<script>(function () {
${CLIENT_JS}
sandboxMarket(${scriptJson(boot)});
})();</script>
</body></html>`;
  return html(body, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}
