/**
 * sycm 实时 page and APIs (console-sources §5.2): `/portal/live.htm` (also `/flow/live.htm`) with
 * the real-time overview (portal envelope, `data.data.today|yestday`), the today-so-far curve, the
 * real-time item rank, the real-time source top and the 昨日 offline blocks. Values come from
 * generator/flow-live.ts: today's totals × the share of the day reached at the snapshot minute.
 *
 * Snapshot minute: the `sandbox_minute` cookie when set (tests), else the current Beijing time
 * when the sandbox's today is the real today, else 14:30; rounded down to 5 minutes.
 */
import { readFileSync } from 'node:fs';
import { type Device, liveCurve, liveItems, liveShop, liveSources, yesterdayShop } from '../../generator/flow-live.ts';
import { addDays, beijingDate } from '../../generator/index.ts';
import { json, type SandboxRequest, type SandboxResponse, type SandboxState } from '../../http.ts';
import { currentShop } from '../../identity.ts';
import { guardApi, moduleError, moduleOk, padRows, sycmPage } from './flow.ts';

const CLIENT_JS = readFileSync(new URL('./live-client.js', import.meta.url), 'utf8');

export const LIVE_PAGES = ['/portal/live.htm', '/flow/live.htm'];

export function snapshotMinute(req: SandboxRequest, state: SandboxState, now = Date.now()): number {
  const c = Number(req.cookies.sandbox_minute);
  if (req.cookies.sandbox_minute !== undefined && Number.isInteger(c) && c >= 0 && c <= 1439) return c - (c % 5);
  if (beijingDate(now) !== state.today) return 14 * 60 + 30;
  const m = Math.floor(((now + 8 * 3600_000) % 86_400_000) / 60_000);
  return m - (m % 5);
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function portalOk(data: unknown): SandboxResponse {
  return json({ hasError: false, content: { code: 0, message: '操作成功', data } });
}

const wrapAll = (o: Record<string, number>, crcOf?: (k: string, v: number) => number | null) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = crcOf ? { value: v, cycleCrc: crcOf(k, v) } : { value: v };
  return out;
};

function liveApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const paths = [
    '/portal/live/new/index/overview/v3.json',
    '/portal/live/new/index/trend/v3.json',
    '/ipoll/live/rank/item.json',
    '/ipoll/live/yesterday/getYesterdayTrade.json',
    '/ipoll/live/yesterday/getYesterdayFlow.json',
    '/flow/overview/live/shopFlowSourceTop/v4.json',
  ];
  if (!paths.includes(req.path)) return null;
  const g = guardApi(req, state);
  if (!('shop' in g)) return g;
  const id = g.shop.runAsShopId;
  const today = state.today;
  const minute = snapshotMinute(req, state);
  const yest = addDays(today, -1);
  if (req.path.startsWith('/portal/') || req.path.startsWith('/flow/')) {
    if (req.query.get('dateType') !== 'today') return moduleError(22102, '参数dateType错误');
    const [from] = (req.query.get('dateRange') ?? `${today}|${today}`).split('|');
    if (from !== today) return moduleError(1003, '实时数据只支持今天');
  }
  switch (req.path) {
    case '/portal/live/new/index/overview/v3.json': {
      const now = liveShop(state.world, id, today, minute);
      // 环比 of the real-time card: vs yesterday at the same time.
      const same = liveShop(state.world, id, yest, minute);
      const crc = (k: string, v: number) => (same[k] ? Math.round(((v - (same[k] ?? 0)) / (same[k] ?? 1)) * 10000) / 10000 : null);
      const todayBlock = wrapAll(now, crc);
      if (state.fault === 'malformed') todayBlock.uv = { value: 'abc' };
      return portalOk({ data: { today: todayBlock, yestday: wrapAll(yesterdayShop(state.world, id, today)) }, updateTime: `${today} ${hhmm(minute)}:00` });
    }
    case '/portal/live/new/index/trend/v3.json': {
      const t = liveCurve(state.world, id, today, minute);
      const y = liveCurve(state.world, id, yest, 1440);
      return portalOk({ statHour: y.hours, today: { payAmt: t.payAmt, uv: t.uv }, yestday: { payAmt: y.payAmt, uv: y.uv } });
    }
    case '/ipoll/live/rank/item.json': {
      const index = req.query.get('index') === 'payAmt' ? 'payAmt' : 'uv';
      const page = Math.max(1, Number(req.query.get('page')) || 1);
      const limit = Math.min(50, Math.max(1, Number(req.query.get('limit')) || 10));
      const all = liveItems(state.world, id, today, minute, index);
      const list: Record<string, unknown>[] = all.slice((page - 1) * limit, page * limit).map((it) => ({
        itemId: { value: Number(it.itemId) },
        title: { value: it.title },
        uv: { value: it.uv },
        payAmt: { value: it.payAmt },
        payByrCnt: { value: it.payByrCnt },
        cartItmCnt: { value: it.cartItmCnt },
      }));
      if (state.fault === 'huge') padRows(list);
      return moduleOk({ data: { recordCount: all.length, list } });
    }
    case '/ipoll/live/yesterday/getYesterdayTrade.json': {
      const y = yesterdayShop(state.world, id, today);
      // This endpoint sends money in 分 (fen).
      return moduleOk({ data: { payAmt: Math.round((y.payAmt ?? 0) * 100), payOrdCnt: y.payOrdCnt, payByrCnt: y.payByrCnt } });
    }
    case '/ipoll/live/yesterday/getYesterdayFlow.json': {
      const y = yesterdayShop(state.world, id, today);
      return moduleOk({ data: { uv: y.uv, pv: y.pv } });
    }
    default: {
      const device = (['0', '1', '2'].includes(req.query.get('device') ?? '') ? req.query.get('device') : '2') as Device;
      const rows = liveSources(state.world, id, today, minute, device)
        .slice(0, 10)
        .map((s) => ({
          pageId: { value: s.pageId },
          pageName: { value: s.pageName },
          uv: { value: s.uv },
          payAmt: { value: s.payAmt },
          payByrCnt: { value: s.payByrCnt },
        }));
      return moduleOk({ data: rows });
    }
  }
}

function livePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const boot = { token: shop.legalityToken, today: state.today };
  const body = `  <section class="panel"><div class="panel-title"><h2>实时概况 <small style="color:#999;font-weight:400;font-size:12px">更新时间 <span id="update-time">-</span></small></h2>
    <div class="toolbar"><button type="button" id="refresh">刷新</button></div></div>
    <div class="cards" id="live-cards"></div>
  </section>
  <section class="panel trend"><div class="panel-title"><h2>今日实时趋势 · 支付金额</h2>
    <div class="legend"><span><i style="background:#1a66ff"></i>今日</span><span><i style="background:#faad14"></i>昨日</span></div></div>
    <svg id="live-chart" viewBox="0 0 1000 220" preserveAspectRatio="none" role="img" aria-label="今日实时趋势"></svg>
  </section>
  <section class="panel"><div class="panel-title"><h2>实时榜单</h2>
    <div class="toolbar"><select id="rank-index"><option value="uv">访客数TOP</option><option value="payAmt">支付金额TOP</option></select>
    <button type="button" id="rank-prev">上一页</button><span id="rank-page">1</span><button type="button" id="rank-next">下一页</button></div></div>
    <table class="src-table" id="rank-table"><thead><tr><th>商品</th><th>访客数</th><th>支付金额</th><th>支付买家数</th><th>加购件数</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="panel"><div class="panel-title"><h2>实时来源 · 无线端</h2></div>
    <table class="src-table" id="source-table"><thead><tr><th>流量来源</th><th>访客数</th><th>支付金额</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="panel"><div class="panel-title"><h2>昨日离线数据</h2></div><div class="cards" id="yesterday-cards"></div></section>`;
  return sycmPage(req, state, { title: '生意参谋-实时直播', body, script: CLIENT_JS, boot });
}

export function liveHandler(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (LIVE_PAGES.includes(req.path)) return livePage(req, state);
  return liveApi(req, state);
}
