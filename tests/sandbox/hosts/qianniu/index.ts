/**
 * 千牛 in the sandbox (console-sources §7, §11.11, §11.12, §14):
 * - myseller.taobao.com pages: 商品管理 `/home.htm/SellManage/<tab>`, 工作台 `/home.htm/QnworkbenchHome/`,
 *   真实体验分 `/home.htm/voc-tmall/serverReport` — SPA shells calling the mtop gateway cross-origin;
 * - h5api.m.taobao.com: `mtop.tmall.sell.pc.manage.async` (POST, `data=` form body), and the
 *   workbench APIs under the names this sandbox gives them (the real names are not public);
 * - trade.taobao.com: 已卖出的宝贝 `/trade/itemlist/list_sold_items.htm` + `POST /trade/itemlist/asyncSold.htm`.
 * Identity: only the .taobao.com login cookies (tracknick/_nk_/lgc), no microdata (§14).
 * Faults: login → FAIL_SYS_SESSION_EXPIRED / login HTML, error5810 → FAIL_SYS_USER_VALIDATE,
 * html → login HTML, malformed → truncated JSON, noidentity → cookies cleared.
 */
import { addDays, beijingMidnightMs } from '../../generator/dates.ts';
import { QN_STATUS_TEXT, QN_TABS, qnExperience, qnItemRows, qnSoldList, qnTodos } from '../../generator/qianniu.ts';
import { escapeHtml, type Handler, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, identityCookies } from '../../identity.ts';
import { loginPageHtml } from '../sycm/login.ts';

export const MANAGE_API = 'mtop.tmall.sell.pc.manage.async';
export const TODO_API = 'mtop.qianniu.workbench.todolist.query';
export const REPORT_API = 'mtop.tmall.voc.serverreport.query';

const CSS = `*{box-sizing:border-box}body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f5f6fa;color:#333;font-size:14px}
.qn-header{height:52px;background:#fff;display:flex;align-items:center;gap:24px;padding:0 24px;border-bottom:1px solid #eee}.qn-logo{font-weight:600;color:#ff5000;font-size:18px}
.qn-nav a{margin-right:16px;color:#333;text-decoration:none}.qn-user{margin-left:auto;color:#666;font-size:13px}
main{max-width:1200px;margin:16px auto;padding:0 24px}.panel{background:#fff;border-radius:6px;padding:16px 20px;margin-bottom:16px}
table{width:100%;border-collapse:collapse;font-size:13px}th,td{padding:8px;border-bottom:1px solid #f0f0f0;text-align:left}th{background:#fafafa;color:#666;font-weight:500}
.tabs button,.bar button,.bar select,.bar input{padding:4px 10px;border:1px solid #d9d9d9;background:#fff;border-radius:4px;font:inherit;cursor:pointer;margin-right:6px}
.tabs button.active{border-color:#ff5000;color:#ff5000}.bar{margin:10px 0;display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.banner{display:none;padding:10px;border-radius:4px;background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;margin-bottom:10px}.banner.show{display:block}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}.card{border:1px solid #eee;border-radius:6px;padding:12px}.card h3{margin:0 0 8px;font-size:14px}.card li{list-style:none;display:flex;justify-content:space-between;padding:2px 0}.card ul{padding:0;margin:0}`;

function shell(req: SandboxRequest, state: SandboxState, title: string, bodyHtml: string, script: string): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>
<header class="qn-header"><span class="qn-logo">千牛</span><nav class="qn-nav"><a href="https://myseller.taobao.com/home.htm/QnworkbenchHome/">工作台</a><a href="https://myseller.taobao.com/home.htm/SellManage/on_sale">商品</a><a href="https://trade.taobao.com/trade/itemlist/list_sold_items.htm">交易</a><a href="https://myseller.taobao.com/home.htm/voc-tmall/serverReport">店铺</a></nav>
<span class="qn-user">${noIdentity ? '' : escapeHtml(shop.loginUserName)}</span></header>
<main><div class="banner" id="error-banner"></div>${bodyHtml}</main>
<script>(function(){${MTOP_CLIENT}${script}})();</script></body></html>`;
  return html(page, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}

/** mtop client as the 千牛 SPA uses it: signed URL params, `data` in the query (GET) or form body (POST). */
const MTOP_CLIENT = `
function mtop(api, data, method) {
  var t = Date.now();
  var base = 'https://h5api.m.taobao.com/h5/' + api + '/1.0/?jsv=2.7.2&appKey=12574478&t=' + t + '&sign=' + (t.toString(16) + '0000000000000000000000000000').slice(0, 32) + '&api=' + api + '&v=1.0&type=originaljson&dataType=json';
  var d = encodeURIComponent(JSON.stringify(data));
  var p = method === 'POST'
    ? fetch(base, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'data=' + d })
    : fetch(base + '&data=' + d, { credentials: 'include' });
  return p.then(function (r) { return r.json(); }).then(function (j) {
    var ret = (j && j.ret && j.ret[0]) || '';
    if (ret.indexOf('SUCCESS') !== 0) throw new Error(ret || '接口异常');
    return j.data;
  });
}
function showError(e) { var b = document.getElementById('error-banner'); b.textContent = '加载失败：' + (e && e.message || e); b.classList.add('show'); document.body.dataset.rendered = 'error'; }
`;

// ---------- 商品管理 ----------

const ITEM_TABS = [
  ['on_sale', '出售中的宝贝'],
  ['all', '全部宝贝'],
  ['in_stock', '仓库中的宝贝'],
  ['sold_out', '已售罄'],
] as const;

function itemPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const tab = req.path.split('/')[3] || 'on_sale';
  const body = `<section class="panel"><h2>商品管理</h2>
<div class="tabs" id="tabs">${ITEM_TABS.map(([k, n]) => `<button type="button" data-tab="${k}"${k === tab ? ' class="active"' : ''}>${n}</button>`).join('')}</div>
<div class="bar"><label>排序 <select id="sort"><option value="monthlySoldQuantity">30日销量</option><option value="managerQuantityNew">库存</option><option value="managerPrice">价格</option></select></label>
<button type="button" id="prev">上一页</button><span id="page-info"></span><button type="button" id="next">下一页</button></div>
<table id="item-table"><thead><tr><th>宝贝</th><th>价格</th><th>库存</th><th>30日销量</th><th>累计销量</th><th>状态</th></tr></thead><tbody></tbody></table></section>`;
  const script = `
var st = { tab: ${scriptJson(tab)}, page: 1, sort: 'monthlySoldQuantity', total: 0 };
function load() {
  var jsonBody = JSON.stringify({ tab: st.tab, pagination: { current: st.page, pageSize: 20 }, filtertab: '', filter: {}, table: { sort: (function () { var s = {}; s[st.sort] = 'desc'; return s; })() } });
  mtop(${scriptJson(MANAGE_API)}, { url: '/tmall/manager/table.htm', jsonBody: jsonBody }, 'POST').then(function (data) {
    var res = JSON.parse(data.result);
    var rows = res.data.table.dataSource; st.total = res.data.pagination.total;
    var tb = document.querySelector('#item-table tbody'); tb.textContent = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr'); tr.dataset.itemId = r.itemId;
      [r.itemDesc.desc[0].text, r.managerPrice.currentPrice, String(r.managerQuantityNew.text), r.monthlySoldQuantity.value, String(r.soldQuantity_m), r.upShelfDate_m.status.text].forEach(function (t) { var td = document.createElement('td'); td.textContent = t; tr.appendChild(td); });
      tb.appendChild(tr);
    });
    document.getElementById('page-info').textContent = '第 ' + st.page + ' 页 / 共 ' + st.total + ' 个';
    document.body.dataset.rendered = st.tab + '|' + st.page + '|' + st.sort;
  }).catch(showError);
}
document.getElementById('tabs').addEventListener('click', function (e) { var t = e.target.dataset && e.target.dataset.tab; if (!t) return; st.tab = t; st.page = 1; history.pushState(null, '', '/home.htm/SellManage/' + t); document.querySelectorAll('#tabs button').forEach(function (b) { b.classList.toggle('active', b.dataset.tab === t); }); load(); });
document.getElementById('sort').addEventListener('change', function (e) { st.sort = e.target.value; st.page = 1; load(); });
document.getElementById('prev').addEventListener('click', function () { if (st.page > 1) { st.page--; load(); } });
document.getElementById('next').addEventListener('click', function () { if (st.page * 20 < st.total) { st.page++; load(); } });
load();`;
  return shell(req, state, '商品管理 - 千牛', body, script);
}

const yuan = (n: number) => `¥ ${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function manageApi(req: SandboxRequest, state: SandboxState, data: Record<string, unknown>): unknown {
  const shop = currentShop(req);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(String(data.jsonBody ?? '{}')) as Record<string, unknown>;
  } catch {
    /* defaults */
  }
  const tab = String(body.tab ?? 'on_sale');
  const pg = (body.pagination ?? {}) as { current?: number; pageSize?: number };
  const sortObj = ((body.table as { sort?: Record<string, string> } | undefined)?.sort ?? {}) as Record<string, string>;
  const sortKey = Object.keys(sortObj)[0] ?? 'monthlySoldQuantity';
  let rows = qnItemRows(state.world, shop.runAsShopId, state.today);
  if (tab === 'in_stock') rows = [];
  if (tab === 'sold_out') rows = rows.filter((r) => r.stock === 0);
  const key = (r: (typeof rows)[number]) => (sortKey === 'managerPrice' ? r.price : sortKey === 'managerQuantityNew' ? r.stock : r.sold30);
  rows = [...rows].sort((a, b) => key(b) - key(a) || a.itemId.localeCompare(b.itemId));
  const size = Math.min(100, Math.max(1, Number(pg.pageSize) || 20));
  const cur = Math.max(1, Number(pg.current) || 1);
  const dataSource = rows.slice((cur - 1) * size, cur * size).map((r) => ({
    itemId: r.itemId,
    catId: 50023725,
    itemDesc: {
      img: `//img.alicdn.com/bao/uploaded/i1/${r.itemId}_100x100xz`,
      imgLink: { href: `https://detail.tmall.com/item.htm?id=${r.itemId}` },
      desc: [
        { uiType: 'link', text: r.title },
        { uiType: 'text', text: `ID:${r.itemId}` },
      ],
    },
    managerPrice: { currentPrice: yuan(r.price) },
    managerQuantityNew: { text: r.stock },
    soldQuantity_m: r.soldTotal,
    monthlySoldQuantity: { value: String(r.sold30), empty: false },
    upShelfDate_m: { value: '2024-06-11 14:07', status: { text: r.stock > 0 ? '出售中' : '已售罄', type: 'success' } },
    endDate_m: null,
  }));
  return { result: JSON.stringify({ success: true, data: { table: { dataSource }, pagination: { current: cur, pageSize: size, total: rows.length } } }) };
}

// ---------- 工作台 / 真实体验分 ----------

function workbenchPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const body = `<section class="panel"><h2>待办事项</h2><div class="cards" id="todo-cards"></div></section>`;
  const script = `
mtop(${scriptJson(TODO_API)}, {}, 'GET').then(function (data) {
  var box = document.getElementById('todo-cards');
  data.result.forEach(function (m) {
    var c = document.createElement('div'); c.className = 'card'; c.dataset.todoId = m.todoId;
    var h = document.createElement('h3'); h.textContent = m.todoName + ' ' + m.todoCount; c.appendChild(h);
    var ul = document.createElement('ul');
    m.todoListDetail.forEach(function (d) { var li = document.createElement('li'); li.dataset.uiCode = d.uiCode; var a = document.createElement('span'); a.textContent = d.name; var b = document.createElement('b'); b.textContent = d.count; li.appendChild(a); li.appendChild(b); ul.appendChild(li); });
    c.appendChild(ul); box.appendChild(c);
  });
  document.body.dataset.rendered = 'todo';
}).catch(showError);`;
  return shell(req, state, '千牛工作台', body, script);
}

function reportPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const body = `<section class="panel"><h2>真实体验分</h2><table id="exp-table"><thead><tr><th>维度</th><th>分数</th><th>子指标</th></tr></thead><tbody></tbody></table></section>`;
  const script = `
mtop(${scriptJson(REPORT_API)}, { source: 'pc' }, 'GET').then(function (data) {
  var r = JSON.parse(data.result); var tb = document.querySelector('#exp-table tbody');
  Object.keys(r).forEach(function (k) {
    var b = r[k]; var tr = document.createElement('tr'); tr.dataset.block = k;
    [b.name, String(b.score), (b.subIndexInfoList || []).map(function (s) { return s.name + ' ' + s.showValue; }).join('；')].forEach(function (t) { var td = document.createElement('td'); td.textContent = t; tr.appendChild(td); });
    tb.appendChild(tr);
  });
  document.body.dataset.rendered = 'experience';
}).catch(showError);`;
  return shell(req, state, '真实体验分 - 千牛', body, script);
}

function todoApi(req: SandboxRequest, state: SandboxState): unknown {
  const shop = currentShop(req);
  return {
    result: qnTodos(state.world, shop.runAsShopId, state.today).map((m) => ({
      todoId: m.todoId,
      todoName: m.name,
      todoCount: m.details.reduce((a, d) => a + d.count, 0),
      todoListDetail: m.details,
    })),
  };
}

function reportApi(req: SandboxRequest, state: SandboxState): unknown {
  const shop = currentShop(req);
  const out: Record<string, unknown> = {};
  for (const b of qnExperience(state.world, shop.runAsShopId, state.today).blocks) {
    out[b.code] = {
      code: b.code,
      name: b.name,
      score: b.score,
      grade: b.score >= 4.6 ? '高' : b.score >= 4.3 ? '中' : '低',
      rank: '60%',
      subIndexInfoList: b.subs.map((s) => ({ code: s.code, name: s.name, score: s.score, showValue: `${(s.value * 100).toFixed(2)}%`, value: s.value, isAssessed: true })),
    };
  }
  return { result: JSON.stringify(out) };
}

// ---------- hosts ----------

export const mysellerHost: Handler = (req, state) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.path.startsWith('/home.htm/SellManage')) return itemPage(req, state);
  if (req.path.startsWith('/home.htm/QnworkbenchHome')) return workbenchPage(req, state);
  if (req.path.startsWith('/home.htm/voc-tmall/serverReport')) return reportPage(req, state);
  return null;
};

function cors(req: SandboxRequest): Record<string, string> {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '';
  return /^https:\/\/([a-z0-9-]+\.)*taobao\.com$/.test(origin)
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
    : {};
}

const QN_MTOP = new RegExp(`^/h5/(${[MANAGE_API, TODO_API, REPORT_API].map((a) => a.replace(/\./g, '\\.')).join('|')})/1\\.0/?$`, 'i');

/** h5api.m.taobao.com: the 千牛 mtop APIs; null for other APIs. */
export const qianniuMtopApi: Handler = (req, state) => {
  const m = QN_MTOP.exec(req.path);
  if (!m?.[1]) return null;
  const api = m[1];
  const h = cors(req);
  if (req.method === 'OPTIONS') return { status: 204, headers: { ...h, 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'content-type' }, body: '' };
  const reply = (ret: string, data: unknown) => json({ api, data, ret: [ret], v: '1.0' }, 200, h);
  if (state.fault === 'login') return reply('FAIL_SYS_SESSION_EXPIRED::Session过期', {});
  if (state.fault === 'error5810') return reply('FAIL_SYS_USER_VALIDATE', { url: 'https://h5api.m.taobao.com/_____tmd_____/punish' });
  if (state.fault === 'html') return html(loginPageHtml(''), 200, h);
  if (!req.query.get('sign') || !req.query.get('t')) return reply('FAIL_SYS_TOKEN_EMPTY::令牌为空', {});
  let raw = req.query.get('data');
  if (raw === null && req.body) raw = new URLSearchParams(req.body).get('data');
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(raw ?? '{}') as Record<string, unknown>;
  } catch {
    return reply('FAIL_SYS_PARAM_FORMAT_ERROR::参数格式错误', {});
  }
  const out = api === MANAGE_API ? manageApi(req, state, data) : api === TODO_API ? todoApi(req, state) : reportApi(req, state);
  const res = reply('SUCCESS::调用成功', out);
  return state.fault === 'malformed' ? { ...res, body: res.body.slice(0, Math.floor(res.body.length / 2)) } : res;
};

// ---------- 已卖出的宝贝 (trade.taobao.com) ----------

const TRADE_TABS = [
  ['latest3Months', '近三个月订单'],
  ['waitBuyerPay', '等待买家付款'],
  ['waitSend', '等待发货'],
  ['haveSendGoods', '已发货'],
  ['success', '成功的订单'],
  ['closed', '关闭的订单'],
] as const;

function tradePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const body = `<section class="panel"><h2>已卖出的宝贝</h2>
<div class="tabs" id="tabs">${TRADE_TABS.map(([k, n], i) => `<button type="button" data-tab="${k}"${i === 0 ? ' class="active"' : ''}>${n}</button>`).join('')}</div>
<div class="bar"><label>成交时间 <input type="date" id="day" max="${escapeHtml(state.today)}"></label><button type="button" id="clear-day">清除</button>
<label>每页 <select id="page-size"><option>15</option><option>50</option><option>100</option></select></label>
<button type="button" id="prev">上一页</button><span id="page-info"></span><button type="button" id="next">下一页</button></div>
<table id="order-table"><thead><tr><th>下单时间</th><th>买家</th><th>宝贝</th><th>数量</th><th>实收款</th><th>交易状态</th></tr></thead><tbody></tbody></table></section>`;
  const script = `
var st = { tab: 'latest3Months', page: 1, size: 15, day: '', totalPage: 1 };
function bjMs(day, end) { var d = new Date(day + 'T00:00:00+08:00').getTime(); return end ? d + 86399000 : d; }
function load() {
  var f = new URLSearchParams({ action: 'itemlist/SoldQueryAction', pageNum: String(st.page), pageSize: String(st.size), prePageNo: String(st.page), orderStatus: '', tabCode: st.tab,
    dateBegin: st.day ? String(bjMs(st.day, false)) : '0', dateEnd: st.day ? String(bjMs(st.day, true)) : '0', buyerNick: '', itemTitle: '', bizOrderId: '', queryMore: 'false', isQnNew: 'true' });
  var x = new XMLHttpRequest();
  x.open('POST', '/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8');
  x.setRequestHeader('content-type', 'application/x-www-form-urlencoded; charset=UTF-8');
  x.onload = function () {
    var j; try { j = JSON.parse(x.responseText); } catch (e) { return showError('返回内容无法解析'); }
    if (!j.mainOrders) return showError('未登录');
    var tb = document.querySelector('#order-table tbody'); tb.textContent = '';
    j.mainOrders.forEach(function (o) {
      var tr = document.createElement('tr'); tr.dataset.orderId = o.id;
      [o.orderInfo.createTime, o.buyer.nick, o.subOrders[0].itemInfo.title, o.subOrders[0].quantity, o.payInfo.actualFee, o.statusInfo.text].forEach(function (t) { var td = document.createElement('td'); td.textContent = t; tr.appendChild(td); });
      tb.appendChild(tr);
    });
    st.totalPage = j.page.totalPage;
    document.getElementById('page-info').textContent = '第 ' + j.page.currentPage + '/' + j.page.totalPage + ' 页，共 ' + j.page.totalNumber + ' 笔';
    document.body.dataset.rendered = st.tab + '|' + st.page + '|' + st.size + '|' + (st.day || 'all');
  };
  x.onerror = function () { showError('网络错误'); };
  x.send(f.toString());
}
document.getElementById('tabs').addEventListener('click', function (e) { var t = e.target.dataset && e.target.dataset.tab; if (!t) return; st.tab = t; st.page = 1; document.querySelectorAll('#tabs button').forEach(function (b) { b.classList.toggle('active', b.dataset.tab === t); }); load(); });
document.getElementById('day').addEventListener('change', function (e) { st.day = e.target.value; st.page = 1; load(); });
document.getElementById('clear-day').addEventListener('click', function () { st.day = ''; document.getElementById('day').value = ''; st.page = 1; load(); });
document.getElementById('page-size').addEventListener('change', function (e) { st.size = Number(e.target.value); st.page = 1; load(); });
document.getElementById('prev').addEventListener('click', function () { if (st.page > 1) { st.page--; load(); } });
document.getElementById('next').addEventListener('click', function () { if (st.page < st.totalPage) { st.page++; load(); } });
load();`;
  return shell(req, state, '已卖出的宝贝', body, script);
}

function soldApi(req: SandboxRequest, state: SandboxState): SandboxResponse {
  if (state.fault === 'login' || state.fault === 'html') return html(loginPageHtml(''));
  const p = new URLSearchParams(req.body ?? '');
  const shop = currentShop(req);
  const tab = QN_TABS[p.get('tabCode') ?? ''] !== undefined ? (p.get('tabCode') ?? 'latest3Months') : 'latest3Months';
  const bound = (v: string | null) => (v && /^\d{11,14}$/.test(v) ? Number(v) : null);
  let from = bound(p.get('dateBegin'));
  const to = bound(p.get('dateEnd'));
  if (from === null) from = beijingMidnightMs(addDays(state.today, -91));
  const all = qnSoldList(state.world, shop.runAsShopId, state.today, tab, from, to);
  const size = Math.min(100, Math.max(1, Number(p.get('pageSize')) || 15));
  const totalPage = Math.max(1, Math.ceil(all.length / size));
  const cur = Math.min(totalPage, Math.max(1, Number(p.get('pageNum')) || 1));
  const mainOrders = all.slice((cur - 1) * size, cur * size).map((o) => ({
    id: o.id,
    buyer: { nick: o.buyerNick },
    orderInfo: { createTime: o.createTime },
    payInfo: { actualFee: o.fee.toFixed(2) },
    statusInfo: { text: QN_STATUS_TEXT[o.status], type: 't-text' },
    extra: { sellerFlag: 0 },
    operations: [{ dataUrl: `/trade/detail/trade_item_detail.htm?bizOrderId=${o.id}` }],
    subOrders: [{ idStr: o.id, quantity: String(o.qty), itemInfo: { title: o.itemTitle, skuText: [{ name: '颜色分类', value: '默认' }] }, priceInfo: { realTotal: o.fee.toFixed(2) } }],
  }));
  const res = json({ mainOrders, page: { currentPage: cur, pageSize: size, totalNumber: all.length, totalPage } });
  return state.fault === 'malformed' ? { ...res, body: res.body.slice(0, Math.floor(res.body.length / 2)) } : res;
}

export const tradeHost: Handler = (req, state) => {
  if (req.path === '/trade/itemlist/list_sold_items.htm' && req.method === 'GET') return tradePage(req, state);
  if (req.path === '/trade/itemlist/asyncSold.htm' && req.method === 'POST') return soldApi(req, state);
  return null;
};
