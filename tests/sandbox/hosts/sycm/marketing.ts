/**
 * 生意参谋 营销/活动 and 内容 (console-sources §5.8, §5.9, §12.5): the 活动日历 page
 * `/datawar/activity/calendar` with its API `/datawar/v4/activity/actList/getActivityCalendar.json`
 * (module envelope), and the 内容概况—作品分析 page `/xsite/contentanalysis/overview_new_v2`, whose
 * table is rendered by the page (no API shape is public; the extension reads the DOM).
 */
import { addDays, isIsoDate, type World } from '../../generator/index.ts';
import { activityTotals, buildActivities, buildContent, contentDays } from '../../generator/marketing.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';
import { apiFault } from './portal-api.ts';

export const CALENDAR_PAGE = '/datawar/activity/calendar';
export const CONTENT_PAGE = '/xsite/contentanalysis/overview_new_v2';
const CALENDAR_API = /^\/datawar\/v4\/activity\/actList\/getActivityCalendar\.json$/;

export function shopActivities(world: World, shopId: string) {
  const first = Number(world.historyStart.slice(0, 4));
  return buildActivities(world.seed, world.shop(shopId), [first, first + 1, first + 2]);
}

function shell(req: SandboxRequest, state: SandboxState, title: string, main: string): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">
<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>生意参谋-${escapeHtml(title)}</title>
${identityHead}
<style>${SYCM_CSS}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher: '' })}
<main class="sycm-body" id="app">${main}</main>
</body></html>`;
  return html(body, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}

export function calendarPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const month = /^\d{4}-\d{2}$/.test(req.query.get('month') ?? '') ? (req.query.get('month') as string) : addDays(state.today, -1).slice(0, 7);
  const boot = { token: shop.legalityToken, month };
  const client = `(function (BOOT) {
  var state = { month: BOOT.month, seq: 0 };
  function lastDay(m) { var d = new Date(m + '-01T00:00:00Z'); d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); return d.toISOString().slice(0, 10); }
  function load(m) {
    var seq = ++state.seq;
    delete document.body.dataset.renderedMonth;
    var q = 'startDate=' + m + '-01&endDate=' + lastDay(m) + '&token=' + encodeURIComponent(BOOT.token) + '&_=' + Date.now();
    fetch('/datawar/v4/activity/actList/getActivityCalendar.json?' + q, { credentials: 'include' })
      .then(function (r) { return r.json(); })
      .then(function (b) {
        if (seq !== state.seq) return;
        if (b.code !== 0) throw new Error(b.message || 'code ' + b.code);
        var tbody = document.querySelector('#activity-table tbody');
        tbody.textContent = '';
        b.data.list.forEach(function (a) {
          var tr = document.createElement('tr');
          tr.dataset.activityId = a.activityId;
          [a.activityName, a.startTime.slice(0, 10) + ' ~ ' + a.endTime.slice(0, 10), a.payAmt ? a.payAmt.value : '-', a.uv ? a.uv.value : '-', a.payByrCnt ? a.payByrCnt.value : '-'].forEach(function (c) {
            var td = document.createElement('td'); td.textContent = String(c); tr.appendChild(td);
          });
          tbody.appendChild(tr);
        });
        document.querySelector('#month').textContent = m;
        document.body.dataset.renderedMonth = m;
      })
      .catch(function (e) {
        document.body.dataset.renderedMonth = 'error:' + m;
        document.querySelector('#error-banner').textContent = '数据加载失败: ' + e.message;
        document.querySelector('#error-banner').classList.add('show');
      });
  }
  document.querySelector('#month-picker').addEventListener('change', function (e) {
    var v = e.target.value;
    if (/^\\d{4}-\\d{2}$/.test(v) && v !== state.month) { state.month = v; history.replaceState(null, '', '?month=' + v); load(v); }
  });
  load(state.month);
})(${scriptJson(boot)});`;
  return shell(
    req,
    state,
    '营销-活动日历',
    `<div class="banner error" id="error-banner"></div>
<section class="panel"><div class="panel-title"><h2>活动日历 <small style="color:#999;font-weight:400;font-size:12px"><span id="month">${escapeHtml(month)}</span></small></h2>
<div class="date-bar"><span>月</span><input type="month" id="month-picker" value="${escapeHtml(month)}"></div></div>
<table class="kpi-table" id="activity-table"><thead><tr><th>活动</th><th>活动时间</th><th>支付金额</th><th>访客数</th><th>支付买家数</th></tr></thead><tbody></tbody></table></section>
<script>${client}</script>`,
  );
}

/** GET /datawar/v4/activity/actList/getActivityCalendar.json?startDate=&endDate=&token= */
export function calendarApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (!CALENDAR_API.test(req.path)) return null;
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  if (req.query.get('token') !== shop.legalityToken) return json({ code: 5810, message: 'You must login system first', data: null });
  const s = req.query.get('startDate') ?? '';
  const e = req.query.get('endDate') ?? '';
  if (!isIsoDate(s) || !isIsoDate(e) || e < s) return json({ code: 1003, message: '日期超出可查询范围', data: null });
  const id = shop.runAsShopId;
  const list = shopActivities(state.world, id)
    .filter((a) => a.start <= e && a.end >= s)
    .map((a) => {
      const t = activityTotals(a, state.today, (d) => state.world.shopDay(id, d));
      const row: Record<string, unknown> = {
        activityId: a.activityId,
        activityName: a.activityName,
        startTime: `${a.start} 00:00:00`,
        endTime: `${a.end} 23:59:59`,
        activityType: '大促',
      };
      if (t) Object.assign(row, { payAmt: { value: t.payAmt }, uv: { value: t.uv }, payByrCnt: { value: t.payByrCnt }, payItmCnt: { value: t.payItmCnt } });
      return row;
    });
  return json({ code: 0, message: '操作成功', data: { list, total: list.length } });
}

export function contentPieces(world: World, shopId: string) {
  return buildContent(
    world.seed,
    world.shop(shopId),
    world.items(shopId).map((i) => i.itemId),
  );
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

export function contentPage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const yesterday = addDays(state.today, -1);
  const date = isIsoDate(requested) && state.world.hasData(requested, state.today) ? requested : yesterday;
  const rows = contentDays(state.world.seed, contentPieces(state.world, shop.runAsShopId), date, state.world.shopDay(shop.runAsShopId, date));
  const headers = [
    '内容ID',
    '内容名称',
    '商品ID',
    '查看人数',
    '查看次数',
    '播放人数',
    '完播率',
    '人均停留时长（秒）',
    '商品引导点击人数',
    '种草成交人数',
    '种草成交金额',
    '操作',
  ];
  const body = rows
    .map(
      (r) =>
        `<tr data-content-id="${r.contentId}"><td>${r.contentId}</td><td>${escapeHtml(r.title)}</td><td>${r.itemId}</td><td>${fmtInt(r.viewUv)}</td><td>${fmtInt(r.viewPv)}</td><td>${fmtInt(r.playUv)}</td>` +
        `<td>${(r.finishRate * 100).toFixed(2)}%</td><td>${r.avgStay.toFixed(1)}</td><td>${fmtInt(r.itemClickUv)}</td><td>${r.seedPayByrCnt}</td><td>${r.seedPayAmt.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td><td><a href="#">详情</a></td></tr>`,
    )
    .join('');
  const script = `document.querySelector('#date-picker').addEventListener('change', function (e) {
  var v = e.target.value; if (/^\\d{4}-\\d{2}-\\d{2}$/.test(v)) location.search = '?dateType=day&dateRange=' + v + '%7C' + v;
});
document.body.dataset.renderedDate = ${scriptJson(date)};`;
  return shell(
    req,
    state,
    '内容-作品分析',
    `<section class="panel"><div class="panel-title"><h2>作品分析 <small style="color:#999;font-weight:400;font-size:12px">统计时间 ${escapeHtml(date)}</small></h2>
<div class="date-bar"><span>日</span><input type="date" id="date-picker" value="${escapeHtml(date)}" min="${state.world.historyStart}" max="${yesterday}"></div></div>
<div class="ant-table"><table class="kpi-table" id="works-table"><thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div></section>
<script>${script}</script>`,
  );
}
