/**
 * 生意参谋 服务 → 客服绩效 (console-sources §5.6, §6.1, §11.9): the page
 * `/qos/service/frame/customer/performance/new` and the `/csp/api/…` lists it reads; its KPIs come
 * from the mtop gateway (hosts/h5api/onequery.ts).
 */
import { readFileSync } from 'node:fs';
import { addDays, isIsoDate, type Shop, type World } from '../../generator/index.ts';
import { refundCases, serviceKpi, slowReplies } from '../../generator/service.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent, tbToken } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';
import { apiFault } from './portal-api.ts';

const CLIENT_JS = readFileSync(new URL('./service-client.js', import.meta.url), 'utf8');

export const SERVICE_PAGE = '/qos/service/frame/customer/performance/new';

export function servicePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const yesterday = addDays(state.today, -1);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const date = isIsoDate(requested) ? requested : yesterday;
  const agents = state.world.agents(shop.runAsShopId).map((a) => ({ id: a.agentId, nick: a.nick, name: a.name }));
  const boot = { token: shop.legalityToken, date, minDate: state.world.historyStart, maxDate: yesterday, agents };
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">
<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  const kpis = [
    ['consultUserCnt', '咨询人数'],
    ['customerServiceRecUserCnt', '接待人数'],
    ['wwConsultPayRate', '询单转化率'],
    ['avgReplyInterval', '平均响应时长(秒)'],
    ['customerAllSateRate', '客户满意率'],
    ['customerServiceGmv', '客服销售额'],
  ];
  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>生意参谋-服务-客服绩效</title>
${identityHead}
<style>${SYCM_CSS}.cards{grid-template-columns:repeat(6,1fr)}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher: '' })}
<main class="sycm-body" id="app">
  <div class="banner error" id="error-banner"></div>
  <section class="panel"><div class="panel-title"><h2>客服绩效 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span id="stat-date">${escapeHtml(date)}</span></small></h2>
    <div class="date-bar"><span>日</span><input type="date" id="date-picker" value="${escapeHtml(date)}" min="${boot.minDate}" max="${boot.maxDate}"></div></div>
    <div class="cards" id="kpi-cards">${kpis.map(([c, l]) => `<div class="card" data-kpi="${c}"><div class="label">${l}</div><div class="value">-</div></div>`).join('')}</div>
  </section>
  <section class="panel"><div class="panel-title"><h2>客服明细</h2></div>
    <table class="kpi-table" id="agents-table"><thead><tr><th>客服</th><th>咨询人数</th><th>询单->最终付款转化率</th><th>首次响应时长(秒)</th><th>平均响应时长(秒)</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="panel"><div class="panel-title"><h2>服务明细</h2></div>
    <table class="kpi-table" id="csp-table"><thead><tr><th>列表</th><th>条数</th></tr></thead><tbody>
      <tr data-list="consultation"><td>咨询明细</td><td class="v">-</td></tr>
      <tr data-list="inquiry-loss"><td>询单流失</td><td class="v">-</td></tr>
      <tr data-list="slow"><td>慢响应</td><td class="v">-</td></tr>
      <tr data-list="refund"><td>退款(完结时间)</td><td class="v">-</td></tr>
    </tbody></table>
  </section>
</main>
<script>(function () {
${CLIENT_JS}
sandboxService(${scriptJson(boot)});
})();</script>
</body></html>`;
  return html(body, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}

function cspOk(count: number, dataSource: unknown[]): SandboxResponse {
  return json({ code: 0, success: true, message: null, data: { count, dataSource } });
}
function cspError(code: number, message: string): SandboxResponse {
  return json({ code, success: false, message, data: null });
}

interface ListCtx {
  world: World;
  shop: Shop;
  date: string;
}

type Lister = (ctx: ListCtx) => { count: number; row: (i: number) => Record<string, unknown> };

const masked = (i: number) => `${'tmxyz'[i % 5]}***${i % 10}`;

const LISTS: Record<string, Lister> = {
  'ww/consultation/detail/list': ({ world, shop, date }) => {
    const agents = world.agentDays(shop.runAsShopId, date);
    const count = agents.reduce((s, a) => s + a.consultUv, 0);
    return {
      count,
      row: (i) => ({ buyerNick: masked(i), accountNick: agents[i % agents.length]?.nick, consultTime: `${date} 10:${String(i % 60).padStart(2, '0')}:00` }),
    };
  },
  'inquiry/loss/list': ({ world, shop, date }) => {
    const agents = world.agentDays(shop.runAsShopId, date);
    const kpi = serviceKpi(world.seed, shop.runAsShopId, date, world.shopDay(shop.runAsShopId, date), agents);
    return {
      count: kpi.consultUserCnt - kpi.customerServiceSaleCnt,
      row: (i) => ({ buyerNick: masked(i), accountNick: agents[i % agents.length]?.nick, inquiryTime: `${date} 11:00:00` }),
    };
  },
  'slow/rsps/detail/list': ({ world, shop, date }) => {
    const agents = world.agentDays(shop.runAsShopId, date);
    const count = slowReplies(world.seed, date, agents).reduce((s, n) => s + n, 0);
    return { count, row: (i) => ({ buyerNick: masked(i), accountNick: agents[i % agents.length]?.nick, rspsTime: 90 + (i % 30) }) };
  },
  'refund/all/detail/list': ({ world, shop, date }) => {
    const titles = world.items(shop.runAsShopId).map((it) => it.title);
    const cases = refundCases(world.seed, shop.runAsShopId, date, world.shopDay(shop.runAsShopId, date), titles);
    return { count: cases.length, row: (i) => ({ ...cases[i] }) };
  },
};

/** GET /csp/api/<list>(.json)?startDate=YYYYMMDD&endDate=YYYYMMDD&orderBy=…&pageNo=&pageSize=≤20&token= */
export function cspApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const m = /^\/csp\/api\/(.+?)(\.json)?$/.exec(req.path);
  const lister = m?.[1] ? LISTS[m[1]] : undefined;
  if (!lister) return null;
  const fault = apiFault(req, state);
  if (fault) return fault;
  const shop = currentShop(req);
  const token = req.query.get('token');
  if (token !== shop.legalityToken && token !== tbToken(shop)) return cspError(5810, 'You must login system first');
  if (!req.query.get('orderBy')) return cspError(22102, '参数orderBy不能为空');
  const s = req.query.get('startDate') ?? '';
  const e = req.query.get('endDate') ?? '';
  const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (!/^\d{8}$/.test(s) || s !== e || !state.world.hasData(iso(s), state.today)) return cspError(1003, '日期超出可查询范围');
  const pageNo = Math.max(1, Number(req.query.get('pageNo') ?? '1') || 1);
  const pageSize = Number(req.query.get('pageSize') ?? '20') || 20;
  if (pageSize > 20) return cspError(1003, 'pageSize不能超过20');
  const { count, row } = lister({ world: state.world, shop, date: iso(s) });
  const rows: Record<string, unknown>[] = [];
  for (let i = (pageNo - 1) * pageSize; i < Math.min(count, pageNo * pageSize); i++) rows.push(row(i));
  if (state.fault === 'malformed') return json({ code: 0, success: true, data: { count: 'abc', dataSource: 'x' } });
  return cspOk(count, rows);
}
