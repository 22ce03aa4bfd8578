/**
 * sycm 商品 pages and APIs (console-sources §5.4, §11.4, §11.5): 商品排行 `/cc/item_rank` and 商品360
 * `/cc/item_archives?itemId=…&activeKey=sale`, with `/cc/item/view/top.json`, `/domain/oneQuery.json`,
 * `/cc/item/sale/sku/list.json`, `/cc/live/v2/item/sale/sku/list.json`,
 * `/cc/item/detail/analysis/overview.json` and `/csp/api/refund/item/reason/list/v2.json`.
 * Module envelope `{ traceId, code, message, data }`; csp `{ code, success, data: { dataSource, count } }`.
 * The /cc/ APIs refuse windows other than 1/7/15/30 days with code 1003, like the console.
 */
import { addDays, isIsoDate, SHOPS } from '../../generator/index.ts';
import { ccWindow, detailFunnel, itemRankRows, RANK_CODES, refundReasons, skuSales, skuStock } from '../../generator/item-trade.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';
import { apiFault } from './portal-api.ts';

const ITEM_API =
  /^\/(cc\/item\/view\/top\.json|domain\/oneQuery\.json|cc\/item\/sale\/sku\/list\.json|cc\/live\/v2\/item\/sale\/sku\/list\.json|cc\/item\/detail\/analysis\/overview\.json|csp\/api\/refund\/item\/reason\/list\/v2\.json)$/;

export function isItemPath(path: string): boolean {
  return path === '/cc/item_rank' || path === '/cc/item_archives' || ITEM_API.test(path);
}

const ITEM_CSS = `
.rank-table{width:100%;border-collapse:collapse;font-size:13px}.rank-table th,.rank-table td{padding:8px 10px;border-bottom:1px solid #f0f0f0;text-align:right;white-space:nowrap}
.rank-table th:first-child,.rank-table td:first-child{text-align:left;white-space:normal}.rank-table th{background:#fafafa;color:#666;font-weight:500;cursor:pointer}
.rank-table th.sorted{color:#1a66ff}.rank-table a{color:#1a66ff;text-decoration:none}
.pager{display:flex;gap:8px;justify-content:flex-end;align-items:center;margin-top:12px;font-size:13px}
.pager button,.toolbar select,.toolbar input,.toolbar button{padding:4px 10px;border:1px solid #d9d9d9;background:#fff;border-radius:4px;font:inherit;cursor:pointer}
.toolbar{display:flex;gap:8px;align-items:center;font-size:13px;color:#666}
.item-title{font-size:18px;font-weight:600;margin:0 0 8px}
`;

function page(req: SandboxRequest, state: SandboxState, title: string, body: string, script: string, boot: unknown): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const switcher = `<select id="shop-switcher" title="切换店铺(沙盒)">${SHOPS.map(
    (s) => `<option value="${s.key}"${s.key === shop.key ? ' selected' : ''}>${escapeHtml(noIdentity ? `店铺${s.key}` : s.runAsShopTitle)}</option>`,
  ).join('')}</select>`;
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">\n<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  return html(
    `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
${identityHead}
<style>${SYCM_CSS}${ITEM_CSS}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher })}
<main class="sycm-body" id="app">
  <div class="banner error" id="error-banner"></div>
${body}
</main>
<script>(${script})(${scriptJson(boot)});</script>
</body></html>`,
    200,
    { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) },
  );
}

/** Shared client helpers (vanilla JS, inlined). */
const CLIENT_LIB = `
  var $ = (s) => document.querySelector(s);
  function cell(tr, text, cls) { var td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
  function fmt(v, unit) {
    if (typeof v !== 'number' || !isFinite(v)) return '-';
    if (unit === 'rate') return (v * 100).toFixed(2) + '%';
    if (unit === 'money') return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  }
  function showError(msg) { var b = $('#error-banner'); b.textContent = msg; b.classList.add('show'); }
  function unwrap(body) {
    if (body && body.code === 0) return body.data;
    throw new Error('code ' + (body && body.code) + ': ' + (body && body.message));
  }
  function xhr(url) {
    return new Promise((resolve, reject) => {
      var x = new XMLHttpRequest();
      x.open('GET', url);
      x.onload = () => { try { resolve(unwrap(JSON.parse(x.responseText))); } catch (e) { reject(e); } };
      x.onerror = () => reject(new Error('network'));
      x.send();
    });
  }
`;

const RANK_COLUMNS: [string, string, string][] = [
  ['itmUv', '商品访客数', 'count'],
  ['itmPv', '商品浏览量', 'count'],
  ['payAmt', '支付金额', 'money'],
  ['payByrCnt', '支付买家数', 'count'],
  ['payItmCnt', '支付件数', 'count'],
  ['payRate', '商品支付转化率', 'rate'],
  ['itemCartByrCnt', '商品加购人数', 'count'],
  ['itemCltByrCnt', '商品收藏人数', 'count'],
  ['itmBounceRate', '商品详情页跳出率', 'rate'],
  ['sucRefundAmt', '成功退款金额', 'money'],
];

const RANK_SCRIPT = `function (BOOT) {
  ${CLIENT_LIB}
  var st = { date: BOOT.date, win: 'day', page: 1, pageSize: 10, orderBy: 'payAmt', order: 'desc', seq: 0 };
  function range() {
    var from = st.win === 'recent7' ? addDays(st.date, -6) : st.date;
    return from + '%7C' + st.date;
  }
  function addDays(d, n) { var x = new Date(d + 'T00:00:00Z'); x.setUTCDate(x.getUTCDate() + n); return x.toISOString().slice(0, 10); }
  function load() {
    var seq = ++st.seq;
    document.body.removeAttribute('data-rendered-date');
    var url = '/cc/item/view/top.json?dateType=' + st.win + '&dateRange=' + range() + '&page=' + st.page + '&pageSize=' + st.pageSize +
      '&order=' + st.order + '&orderBy=' + st.orderBy + '&device=0&compareType=cycle&keyword=&follow=false&cateId=&cateLevel=&indexCode=&token=' + encodeURIComponent(BOOT.token) + '&_=' + Date.now();
    fetch(url, { credentials: 'include' }).then((r) => r.json()).then(unwrap).then((data) => {
      if (seq !== st.seq) return;
      var tbody = $('#rank-body');
      tbody.textContent = '';
      data.data.forEach((row) => {
        var tr = document.createElement('tr');
        tr.dataset.itemId = String(row.item.itemId);
        var td = document.createElement('td');
        var a = document.createElement('a');
        a.href = '/cc/item_archives?itemId=' + encodeURIComponent(row.item.itemId) + '&activeKey=sale&dateType=day&dateRange=' + st.date + '%7C' + st.date;
        a.className = 'item-link';
        a.textContent = row.item.title;
        td.appendChild(a);
        tr.appendChild(td);
        BOOT.columns.forEach((c) => cell(tr, fmt(row[c[0]] && row[c[0]].value, c[2]), 'c-' + c[0]));
        tbody.appendChild(tr);
      });
      $('#page-info').textContent = '第 ' + st.page + ' 页 / 共 ' + Math.max(1, Math.ceil(data.recordCount / st.pageSize)) + ' 页';
      $('#prev-page').disabled = st.page <= 1;
      $('#next-page').disabled = st.page * st.pageSize >= data.recordCount;
      document.querySelectorAll('#rank-head th[data-sort]').forEach((th) => th.classList.toggle('sorted', th.dataset.sort === st.orderBy));
      document.body.dataset.renderedDate = st.date;
      document.body.dataset.rendered = [st.win, st.date, st.page, st.orderBy, st.order].join('|');
    }).catch((e) => showError(String(e.message || e)));
  }
  $('#date-picker').addEventListener('change', (e) => { st.date = e.target.value; st.page = 1; load(); });
  $('#window').addEventListener('change', (e) => { st.win = e.target.value; st.page = 1; load(); });
  $('#prev-page').addEventListener('click', () => { st.page--; load(); });
  $('#next-page').addEventListener('click', () => { st.page++; load(); });
  document.querySelectorAll('#rank-head th[data-sort]').forEach((th) => th.addEventListener('click', () => {
    if (st.orderBy === th.dataset.sort) st.order = st.order === 'desc' ? 'asc' : 'desc'; else { st.orderBy = th.dataset.sort; st.order = 'desc'; }
    st.page = 1; load();
  }));
  $('#shop-switcher').addEventListener('change', (e) => { document.cookie = 'sandbox_shop=' + e.target.value + '; path=/; secure'; location.reload(); });
  load();
}`;

function defaultDate(req: SandboxRequest, state: SandboxState): string {
  const requested = (req.query.get('dateRange') ?? '').split('|').pop() ?? '';
  return isIsoDate(requested) && state.world.hasData(requested, state.today) ? requested : addDays(state.today, -1);
}

function rankPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const date = defaultDate(req, state);
  const shop = currentShop(req);
  const body = `<section class="panel"><div class="panel-title"><h2>商品排行 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span class="stat-date">${escapeHtml(date)}</span></small></h2>
  <div class="toolbar"><select id="window"><option value="day">日</option><option value="recent7">近7天</option></select>
  <input type="date" id="date-picker" value="${escapeHtml(date)}" min="${state.world.historyStart}" max="${addDays(state.today, -1)}"></div></div>
  <table class="rank-table"><thead><tr id="rank-head"><th>商品</th>${RANK_COLUMNS.map((c) => `<th data-sort="${c[0]}">${c[1]}</th>`).join('')}</tr></thead><tbody id="rank-body"></tbody></table>
  <div class="pager"><button type="button" id="prev-page">上一页</button><span id="page-info"></span><button type="button" id="next-page">下一页</button></div></section>`;
  return page(req, state, '生意参谋-商品排行', body, RANK_SCRIPT, { token: shop.legalityToken, date, columns: RANK_COLUMNS });
}

const ARCHIVE_SCRIPT = `function (BOOT) {
  ${CLIENT_LIB}
  var st = { date: BOOT.date, seq: 0 };
  function q() { return 'dateType=day&dateRange=' + st.date + '%7C' + st.date + '&itemId=' + BOOT.itemId + '&device=0&token=' + encodeURIComponent(BOOT.token) + '&_=' + Date.now(); }
  function table(sel, rows, cols) {
    var tb = $(sel); tb.textContent = '';
    rows.forEach((r) => { var tr = document.createElement('tr'); cols.forEach((c) => cell(tr, typeof c === 'function' ? c(r) : fmt(r[c[0]], c[1]))); tb.appendChild(tr); });
  }
  function load() {
    var seq = ++st.seq;
    document.body.removeAttribute('data-rendered-date');
    var ymd = st.date.replace(/-/g, '');
    var ext = encodeURIComponent(JSON.stringify({ itemId: BOOT.itemId, needCycleCrc: true }));
    var core = fetch('/domain/oneQuery.json?domainCode=tao.shop.shop.item&showType=overview&dateType=day&dateRange=' + st.date + '%7C' + st.date +
      '&device=0&indexCodes=payAmt,itmUv,payByrCnt,payItmCnt,payRate&extMap=' + ext + '&bizCode=sycm_pc&token=' + encodeURIComponent(BOOT.token) + '&_=' + Date.now(), { credentials: 'include' }).then((r) => r.json()).then(unwrap);
    Promise.all([
      core,
      xhr('/cc/item/sale/sku/list.json?' + q() + '&page=1&pageSize=20&order=desc&orderBy=payAmt'),
      xhr('/cc/live/v2/item/sale/sku/list.json?itemId=' + BOOT.itemId + '&device=0&token=' + encodeURIComponent(BOOT.token) + '&_=' + Date.now()),
      xhr('/cc/item/detail/analysis/overview.json?' + q() + '&byrType=all'),
      xhrCsp('/csp/api/refund/item/reason/list/v2.json?startDate=' + ymd + '&endDate=' + ymd + '&itemId=' + BOOT.itemId + '&rfdIntervalLevel=99&orderBy=rfdSucCnt&pageNo=1&pageSize=20&token=' + encodeURIComponent(BOOT.token)),
    ]).then(([c, skus, stock, funnel, refunds]) => {
      if (seq !== st.seq) return;
      document.querySelectorAll('[data-kpi]').forEach((el) => { var v = c.content[el.dataset.kpi]; el.querySelector('.value').textContent = fmt(v && v.value, el.dataset.unit); });
      table('#sku-body', skus.data, [(r) => r.skuName.value, ['payAmt', 'money'], ['payByrCnt', 'count'], ['payItmCnt', 'count'], ['itemCartCnt', 'count']].map((c) => Array.isArray(c) ? ((r) => fmt(r[c[0]].value, c[1])) : c));
      table('#stock-body', stock, [(r) => r.skuName, ['currentStockCnt', 'count'], ['sellRate', 'rate'], ['stockDays', 'count']]);
      table('#funnel-body', BOOT.funnel.map((f) => ({ label: f[1], unit: f[2], v: funnel[f[0]] })), [(r) => r.label, (r) => fmt(r.v.value, r.unit), (r) => fmt(r.v.rivalAvg.value, r.unit), (r) => fmt(r.v.rivalGood.value, r.unit)]);
      table('#refund-body', refunds.dataSource, [(r) => r.reasonName, ['rfdSucCnt', 'count'], ['rfdSucAmt', 'money'], ['rfdReasonRatio', 'rate']]);
      document.body.dataset.renderedDate = st.date;
    }).catch((e) => showError(String(e.message || e)));
  }
  function xhrCsp(url) {
    return fetch(url, { credentials: 'include' }).then((r) => r.json()).then((b) => {
      if (b && b.code === 0 && b.success) return b.data;
      throw new Error('csp ' + (b && b.code));
    });
  }
  $('#date-picker').addEventListener('change', (e) => { st.date = e.target.value; load(); });
  load();
}`;

const FUNNEL_LABELS: [string, string, string][] = [
  ['itemExposeUv', '详情页曝光人数', 'count'],
  ['itemInteractUv', '互动人数', 'count'],
  ['itemCartUv', '加购人数', 'count'],
  ['itemPayUv', '支付人数', 'count'],
  ['itemLossRate', '流失率', 'rate'],
  ['itemPayConvertRate', '支付转化率', 'rate'],
];

function archivePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const date = defaultDate(req, state);
  const item = state.world.items(shop.runAsShopId).find((x) => x.itemId === req.query.get('itemId')) ?? state.world.items(shop.runAsShopId)[0];
  if (!item) return html('<h1>没有商品</h1>', 404);
  const kpis: [string, string, string][] = [
    ['payAmt', '支付金额', 'money'],
    ['itmUv', '商品访客数', 'count'],
    ['payByrCnt', '支付买家数', 'count'],
    ['payItmCnt', '支付件数', 'count'],
    ['payRate', '支付转化率', 'rate'],
  ];
  const body = `<section class="panel"><h1 class="item-title" id="item-title">${escapeHtml(item.title)}</h1>
  <div class="panel-title"><h2>销售分析 · 核心概况 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span class="stat-date">${escapeHtml(date)}</span></small></h2>
  <div class="toolbar"><input type="date" id="date-picker" value="${escapeHtml(date)}" min="${state.world.historyStart}" max="${addDays(state.today, -1)}"></div></div>
  <div class="cards">${kpis.map((k) => `<div class="card" data-kpi="${k[0]}" data-unit="${k[2]}"><div class="label">${k[1]}</div><div class="value">-</div></div>`).join('')}</div></section>
  <section class="panel"><div class="panel-title"><h2>SKU销售详情</h2></div><table class="rank-table"><thead><tr><th>SKU</th><th>支付金额</th><th>支付买家数</th><th>支付件数</th><th>加购件数</th></tr></thead><tbody id="sku-body"></tbody></table></section>
  <section class="panel"><div class="panel-title"><h2>SKU实时库存</h2></div><table class="rank-table"><thead><tr><th>SKU</th><th>当前库存</th><th>售罄率</th><th>可售天数</th></tr></thead><tbody id="stock-body"></tbody></table></section>
  <section class="panel"><div class="panel-title"><h2>详情页分析</h2></div><table class="rank-table"><thead><tr><th>指标</th><th>本品</th><th>同行平均</th><th>同行优秀</th></tr></thead><tbody id="funnel-body"></tbody></table></section>
  <section class="panel"><div class="panel-title"><h2>退款原因</h2></div><table class="rank-table"><thead><tr><th>退款原因</th><th>成功退款笔数</th><th>成功退款金额</th><th>占比</th></tr></thead><tbody id="refund-body"></tbody></table></section>`;
  return page(req, state, '生意参谋-商品360', body, ARCHIVE_SCRIPT, { token: shop.legalityToken, date, itemId: item.itemId, funnel: FUNNEL_LABELS });
}

const moduleOk = (data: unknown) => json({ traceId: '0b51a7e917800000000000000e0abc', code: 0, message: '操作成功', data });
const moduleErr = (code: number, message: string) => json({ traceId: '0b51a7e917800000000000000e0abc', code, message, data: null });

function itemApi(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  if (req.query.get('token') !== shop.legalityToken) return moduleErr(5810, 'You must login system first');
  const shopId = shop.runAsShopId;
  const itemId = req.query.get('itemId') ?? '';

  if (req.path === '/csp/api/refund/item/reason/list/v2.json') {
    const s = req.query.get('startDate') ?? '';
    const d = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : '';
    if (!isIsoDate(d) || !state.world.hasData(d, state.today)) return json({ code: 1003, success: false, message: '日期超出可查询范围', data: null });
    const rows = refundReasons(state.world, shopId, itemId, d);
    return json({ code: 0, success: true, data: { dataSource: rows, count: rows.length } });
  }
  if (req.path === '/cc/live/v2/item/sale/sku/list.json') {
    return moduleOk(
      skuStock(state.world, shopId, itemId, state.today).map((s) => ({
        skuId: s.sku.skuId,
        skuName: s.sku.name,
        currentStockCnt: s.currentStockCnt,
        sellRate: s.sellRate,
        stockDays: s.stockDays,
      })),
    );
  }

  // oneQuery carries its own dateType/dateRange, the /cc/ ones in the query too.
  const dateType = req.query.get('dateType');
  if (!dateType) return moduleErr(22102, '参数dateType不能为空');
  const [from = '', to = ''] = (req.query.get('dateRange') ?? '').split('|');
  if (!isIsoDate(from) || !isIsoDate(to) || !state.world.hasData(to, state.today) || from < state.world.historyStart)
    return moduleErr(1003, '日期超出可查询范围');
  const days = ccWindow(from, to);
  if (!days || (dateType === 'day' && days.length !== 1) || !['day', 'recent7', 'recent15', 'recent30'].includes(dateType))
    return moduleErr(1003, '时间范围只支持1、7、15、30天');

  if (req.path === '/cc/item/view/top.json') {
    const orderBy = (RANK_CODES as readonly string[]).includes(req.query.get('orderBy') ?? '') ? (req.query.get('orderBy') as string) : 'payAmt';
    const asc = req.query.get('order') === 'asc';
    const pageNo = Math.max(1, Number(req.query.get('page')) || 1);
    const size = Math.min(100, Math.max(1, Number(req.query.get('pageSize')) || 10));
    const all = itemRankRows(state.world, shopId, days).sort(
      (a, b) => ((a.row[orderBy] ?? 0) - (b.row[orderBy] ?? 0)) * (asc ? 1 : -1) || a.item.itemId.localeCompare(b.item.itemId),
    );
    const rows = all.slice((pageNo - 1) * size, pageNo * size).map(({ item, row }) => {
      const out: Record<string, unknown> = {
        item: { itemId: item.itemId, title: item.title, pictUrl: '//img.alicdn.com/sandbox.jpg' },
        itemStatus: { value: '出售中' },
      };
      for (const [k, v] of Object.entries(row)) out[k] = { value: v, cycleCrc: null };
      return out;
    });
    return moduleOk({ recordCount: all.length, data: rows });
  }
  if (req.path === '/domain/oneQuery.json') {
    if (req.query.get('domainCode') !== 'tao.shop.shop.item') return moduleErr(22119, 'domainCode不存在');
    let ext: Record<string, unknown> = {};
    try {
      ext = JSON.parse(req.query.get('extMap') ?? '{}') as Record<string, unknown>;
    } catch {
      /* bad extMap: treated as empty */
    }
    const row = itemRankRows(state.world, shopId, days).find((r) => r.item.itemId === String(ext.itemId ?? ''));
    if (!row) return moduleErr(22103, '商品不存在');
    const content: Record<string, { value: number }> = {};
    for (const c of ['payAmt', 'itmUv', 'payByrCnt', 'payItmCnt', 'payRate'] as const) content[c] = { value: row.row[c] ?? 0 };
    return moduleOk({ content });
  }
  if (req.path === '/cc/item/sale/sku/list.json') {
    const rows = skuSales(state.world, shopId, itemId, to).map((s) => ({
      skuId: { value: s.sku.skuId },
      skuName: { value: s.sku.name },
      payAmt: { value: s.payAmt },
      payByrCnt: { value: s.payByrCnt },
      payItmCnt: { value: s.payItmCnt },
      itemCartCnt: { value: s.itemCartCnt },
    }));
    return moduleOk({ recordCount: rows.length, data: rows });
  }
  if (req.path === '/cc/item/detail/analysis/overview.json') return moduleOk(detailFunnel(state.world, shopId, itemId, to));
  return moduleErr(404, 'not found');
}

export function itemHost(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (req.path === '/cc/item_rank') return rankPage(req, state);
  if (req.path === '/cc/item_archives') return archivePage(req, state);
  if (ITEM_API.test(req.path)) return itemApi(req, state);
  return null;
}
