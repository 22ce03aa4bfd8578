/**
 * sycm 流量 pages and APIs (console-sources §5.3, §11.2, §11.3): 店铺来源 at
 * `/flow/monitor/shopsource[/construction]`, 流量总览 at `/flow/monitor/overview`; module envelope
 * `{ traceId, code, message, data }`. Fed by the generator world's traffic sources
 * (generator/flow-live.ts): device 0 = the world's sources exactly, flow pages default to device 2.
 */
import { readFileSync } from 'node:fs';
import { type Device, flowOverview, searchKeywordDays, sourceDaysForDevice } from '../../generator/flow-live.ts';
import { addDays, isIsoDate, SHOPS, type Shop } from '../../generator/index.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';
import { apiFault } from './portal-api.ts';

const CLIENT_JS = readFileSync(new URL('./flow-client.js', import.meta.url), 'utf8');

export const FLOW_CSS = `
.src-table{width:100%;border-collapse:collapse;font-size:13px}.src-table th,.src-table td{padding:8px 10px;border-bottom:1px solid #f0f0f0;text-align:right}
.src-table th:first-child,.src-table td:first-child{text-align:left}.src-table th{background:#fafafa;color:#666;font-weight:500}
.src-table tr.lv1 td:first-child{font-weight:600}.src-table tr.lv2 td:first-child{padding-left:28px}
.menu-cards{display:flex;gap:12px;margin-bottom:12px}.menu-cards .card{flex:1}
.toolbar{display:flex;gap:8px;align-items:center;font-size:13px;color:#666}.toolbar select,.toolbar input,.toolbar button{padding:4px 8px;border:1px solid #d9d9d9;border-radius:4px;background:#fff;font:inherit}
a.kw-link{color:#1a66ff;cursor:pointer;margin-left:8px;font-weight:400;font-size:12px}
`;

/** A sycm page shell with the identity signals of §2.3 (microdata meta, g_config, cookies). */
export function sycmPage(
  req: SandboxRequest,
  state: SandboxState,
  opts: { title: string; body: string; css?: string; script: string; boot: unknown },
): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const shops = SHOPS.map((s) => ({ key: s.key, title: noIdentity ? `店铺${s.key}` : s.runAsShopTitle }));
  const switcher = `<select id="shop-switcher" title="切换店铺(沙盒)">${shops
    .map((s) => `<option value="${s.key}"${s.key === shop.key ? ' selected' : ''}>${escapeHtml(s.title)}</option>`)
    .join('')}</select>`;
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">\n<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
${identityHead}
<style>${SYCM_CSS}${FLOW_CSS}${opts.css ?? ''}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher })}
<main class="sycm-body" id="app">
  <div class="banner loading" id="loading-banner">数据加载中…</div>
  <div class="banner error" id="error-banner"></div>
${opts.body}
</main>
<script>(
${opts.script}
)(${scriptJson(opts.boot)});</script>
</body></html>`;
  return html(body, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}

export function moduleOk(data: unknown): SandboxResponse {
  return json({ traceId: '0b51a7e917800000000000000e0abc', code: 0, message: '操作成功', data });
}

export function moduleError(code: number, message: string): SandboxResponse {
  return json({ traceId: '0b51a7e917800000000000000e0abc', code, message, data: null });
}

/** Fault modes and the token check shared by the module APIs; a response means "answer this". */
export function guardApi(req: SandboxRequest, state: SandboxState): { shop: Shop } | SandboxResponse {
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  if (req.query.get('token') !== shop.legalityToken) return moduleError(5810, 'You must login system first');
  return { shop };
}

const isDevice = (d: string): d is Device => d === '0' || d === '1' || d === '2';

/** Pads every row object with unknown fields until the payload is ≥ 10× its size. */
export function padRows(rows: Record<string, unknown>[]): void {
  const target = JSON.stringify(rows).length * 10;
  let i = 0;
  while (JSON.stringify(rows).length < target) {
    for (const r of rows) r[`zzUnknownIndex${String(i++).padStart(5, '0')}`] = { value: i * 1.5, ratio: 0.001, desc: '沙盒填充字段(未知指标)' };
  }
}

const w = (v: number, extra: Record<string, unknown> = {}) => ({ value: v, ...extra });

function sourceRow(s: ReturnType<typeof sourceDaysForDevice>[number], date: string, prev: ReturnType<typeof sourceDaysForDevice>[number] | undefined) {
  const crc = prev?.uv ? Math.round(((s.uv - prev.uv) / prev.uv) * 10000) / 10000 : null;
  return {
    pageId: { value: s.pageLevel === 1 ? Number(s.pageId) : s.pageId },
    pPageId: { value: s.pPageId },
    pageLevel: w(s.pageLevel),
    pageName: { value: s.pageName },
    statDate: { value: date },
    uv: w(s.uv, { cycleCrc: crc }),
    pv: w(s.pv),
    crtVldAmt: w(s.crtVldAmt),
    crtByrCnt: w(s.crtByrCnt),
    crtRate: w(s.crtRate),
    payAmt: w(s.payAmt),
    payByrCnt: w(s.payByrCnt),
    payRate: w(s.payRate),
    payPct: w(s.payPct),
    uvValue: w(s.uvValue),
    cartByrCnt: w(s.cartByrCnt),
    newUv: w(s.newUv),
  };
}

function flowApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const kinds: Record<string, 'menu' | 'tree' | 'detail' | 'overview' | 'top'> = {
    '/flow/v3/shop/source/constitute/menu/v3.json': 'menu',
    '/flow/v5/shop/source/tree.json': 'tree',
    '/flow/v4/shop/source/tree.json': 'tree',
    '/flow/v3/shop/source/detail.json': 'detail',
    '/flow/new/guide/trend/overview.json': 'overview',
    '/flow/v3/overview/shopFlowSourceTop/v4.json': 'top',
  };
  const kind = kinds[req.path];
  if (!kind) return null;
  const g = guardApi(req, state);
  if (!('shop' in g)) return g;
  const id = g.shop.runAsShopId;
  const dateType = req.query.get('dateType');
  if (!dateType) return moduleError(22102, '参数dateType不能为空');
  if (dateType !== 'day') return moduleError(1003, '沙盒暂只支持dateType=day');
  const [from, to] = (req.query.get('dateRange') ?? '').split('|');
  if (!from || from !== to || !isIsoDate(from) || !state.world.hasData(from, state.today)) return moduleError(1003, '日期超出可查询范围');
  const device = req.query.get('device') ?? '2';
  if (!isDevice(device)) return moduleError(1003, 'device 参数错误');
  const days = sourceDaysForDevice(state.world, id, from, device);
  const prevDate = addDays(from, -1);
  const prev = prevDate >= state.world.historyStart ? sourceDaysForDevice(state.world, id, prevDate, device) : [];
  const rowOf = (s: (typeof days)[number]) =>
    sourceRow(
      s,
      from,
      prev.find((p) => p.pageId === s.pageId),
    );
  let rows: Record<string, unknown>[];
  let data: unknown;
  switch (kind) {
    case 'menu': {
      const total = days.filter((s) => s.pageLevel === 1).reduce((a, s) => a + s.uv, 0);
      rows = days
        .filter((s) => s.pageLevel === 1)
        .map((s) => ({
          pageName: { value: s.pageName },
          pageId: { value: Number(s.pageId) },
          pPageId: { value: '0' },
          pageLevel: { value: 1 },
          channelType: { value: '1' },
          uv: { value: s.uv, ratio: total ? Math.round((s.uv / total) * 10000) / 10000 : 0 },
          statDate: { value: from },
          pageDesc: { value: `${s.pageName}带来的访客` },
          showDesc: { value: 2 },
          hiddenIndexgroup: { value: 'none' },
        }));
      data = rows;
      break;
    }
    case 'tree': {
      rows = days
        .filter((s) => s.pageLevel === 1)
        .map((p) => ({ ...rowOf(p), children: days.filter((c) => c.pPageId === p.pageId).map((c) => ({ ...rowOf(c), children: [] })) }));
      data = rows;
      break;
    }
    case 'top': {
      rows = days
        .filter((s) => s.pageLevel === 2)
        .sort((a, b) => b.uv - a.uv)
        .slice(0, 10)
        .map(rowOf);
      data = rows;
      break;
    }
    case 'detail': {
      if (req.query.get('pageId') !== '23.s1150' || req.query.get('childPageType') !== 'se_keyword') return moduleError(1003, '沙盒只提供手淘搜索关键词明细');
      const kws = searchKeywordDays(state.world, id, from, device);
      rows = kws.map((k) => ({
        keyword: { value: k.keyword },
        uv: w(k.uv),
        payByrCnt: w(k.payByrCnt),
        payAmt: w(k.payAmt),
        payRate: w(k.payRate),
        cartByrCnt: w(k.cartByrCnt),
      }));
      data = { recordCount: rows.length, data: rows };
      break;
    }
    default: {
      const ov = flowOverview(state.world, id, from, device);
      const pov = prevDate >= state.world.historyStart ? flowOverview(state.world, id, prevDate, device) : undefined;
      const block: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(ov)) {
        const p = pov?.[k];
        block[k] = { value: v, cycleCrc: p ? Math.round(((v - p) / p) * 10000) / 10000 : null };
      }
      rows = [block];
      data = block;
    }
  }
  if (state.fault === 'malformed') {
    const first = rows[0];
    if (first) first.uv = { value: 'abc' };
  }
  if (state.fault === 'huge') padRows(rows);
  return moduleOk(data);
}

export const SHOPSOURCE_PAGES = ['/flow/monitor/shopsource', '/flow/monitor/shopsource/construction'];

function bootOf(req: SandboxRequest, state: SandboxState, page: 'shopsource' | 'overview') {
  const shop = currentShop(req);
  const yesterday = addDays(state.today, -1);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const device = req.query.get('device') ?? '2';
  return {
    page,
    token: shop.legalityToken,
    date: isIsoDate(requested) && state.world.hasData(requested, state.today) ? requested : yesterday,
    device: isDevice(device) ? device : '2',
    minDate: state.world.historyStart,
    maxDate: yesterday,
  };
}

const DATE_BAR = (boot: { date: string; minDate: string; maxDate: string; device: string }) => `<div class="toolbar">
  <span>终端</span><select id="device"><option value="0"${boot.device === '0' ? ' selected' : ''}>所有终端</option><option value="1"${boot.device === '1' ? ' selected' : ''}>PC端</option><option value="2"${boot.device === '2' ? ' selected' : ''}>无线端</option></select>
  <span>日</span><button type="button" id="prev-day">«前一天</button>
  <input type="date" id="date-picker" value="${escapeHtml(boot.date)}" min="${boot.minDate}" max="${boot.maxDate}">
  <button type="button" id="next-day">后一天»</button></div>`;

function shopSourcePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const boot = bootOf(req, state, 'shopsource');
  const body = `  <section class="panel"><div class="panel-title"><h2>店铺来源 · 构成 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span id="stat-date">${escapeHtml(boot.date)}</span></small></h2>${DATE_BAR(boot)}</div>
    <div class="menu-cards" id="menu-cards"></div>
    <table class="src-table" id="source-table"><thead><tr><th>流量来源</th><th>访客数</th><th>下单买家数</th><th>下单转化率</th><th>支付金额</th><th>支付买家数</th><th>支付转化率</th><th>UV价值</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="panel" id="keyword-panel" hidden><div class="panel-title"><h2>手淘搜索 · 关键词</h2></div>
    <table class="src-table" id="keyword-table"><thead><tr><th>搜索词</th><th>访客数</th><th>支付买家数</th><th>支付金额</th><th>支付转化率</th></tr></thead><tbody></tbody></table>
  </section>`;
  return sycmPage(req, state, { title: '生意参谋-店铺来源', body, script: CLIENT_JS, boot });
}

function overviewPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const boot = bootOf(req, state, 'overview');
  const body = `  <section class="panel"><div class="panel-title"><h2>流量总览 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span id="stat-date">${escapeHtml(boot.date)}</span></small></h2>${DATE_BAR(boot)}</div>
    <div class="cards" id="overview-cards"></div>
  </section>
  <section class="panel"><div class="panel-title"><h2>流量来源排行 TOP10</h2></div>
    <table class="src-table" id="source-table"><thead><tr><th>流量来源</th><th>访客数</th><th>支付金额</th><th>支付转化率</th></tr></thead><tbody></tbody></table>
  </section>`;
  return sycmPage(req, state, { title: '生意参谋-流量总览', body, script: CLIENT_JS, boot });
}

export function flowHandler(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (SHOPSOURCE_PAGES.includes(req.path)) return shopSourcePage(req, state);
  if (req.path === '/flow/monitor/overview') return overviewPage(req, state);
  if (req.path.startsWith('/flow/') && req.path.endsWith('.json')) return flowApi(req, state);
  return null;
}
