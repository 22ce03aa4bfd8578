/** GET /portal/home.htm — the 首页 SPA shell with identity signals (meta microdata, g_config, cookies). */
import { readFileSync } from 'node:fs';
import { addDays, CARD_CODES, HOME_KPIS, isIsoDate, SHOPS } from '../../generator/index.ts';
import { escapeHtml, html, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';

const CLIENT_JS = readFileSync(new URL('./home-client.js', import.meta.url), 'utf8');

export function homePage(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const yesterday = addDays(state.today, -1);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const date = isIsoDate(requested) ? requested : yesterday;

  const boot = {
    token: shop.legalityToken,
    date,
    today: state.today,
    minDate: state.world.historyStart,
    maxDate: yesterday,
    kpis: HOME_KPIS,
    cards: CARD_CODES,
    shop: shop.key,
    shops: SHOPS.map((s) => ({ key: s.key, title: noIdentity ? `店铺${s.key}` : s.runAsShopTitle })),
  };
  const switcher = `<select id="shop-switcher" title="切换店铺(沙盒)">${boot.shops
    .map((s) => `<option value="${s.key}"${s.key === shop.key ? ' selected' : ''}>${escapeHtml(s.title)}</option>`)
    .join('')}</select>`;

  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">
<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;

  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>生意参谋-首页</title>
${identityHead}
<style>${SYCM_CSS}</style></head>
<body>
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher })}
<main class="sycm-body" id="app">
  <div class="banner loading" id="loading-banner">数据加载中…</div>
  <div class="banner error" id="error-banner"></div>
  <section class="panel" id="overview-panel">
    <div class="panel-title"><h2>整体看板 <small style="color:#999;font-weight:400;font-size:12px">统计时间 <span id="stat-date">${escapeHtml(date)}</span></small></h2>
      <div class="date-bar"><span>日</span>
        <button type="button" id="prev-day">«前一天</button>
        <input type="date" id="date-picker" value="${escapeHtml(date)}" min="${boot.minDate}" max="${boot.maxDate}">
        <button type="button" id="next-day">后一天»</button>
      </div></div>
    <div class="cards" id="kpi-cards">${CARD_CODES.map((c) => {
      const def = HOME_KPIS.find((k) => k.code === c);
      return `<div class="card" data-kpi="${c}"><div class="label">${def?.label ?? c}</div><div class="value">-</div><div class="crc">较前一日 <span class="crc-val">-</span></div></div>`;
    }).join('')}</div>
  </section>
  <section class="panel trend" id="trend-panel">
    <div class="panel-title"><h2>近30天趋势 · <span id="trend-metric">支付金额</span></h2>
      <div class="legend"><span><i style="background:#1a66ff"></i>本店</span><span><i style="background:#faad14"></i>同行平均</span></div></div>
    <svg id="trend-chart" viewBox="0 0 1000 220" preserveAspectRatio="none" role="img" aria-label="近30天趋势"></svg>
  </section>
  <section class="panel" id="table-panel">
    <div class="panel-title"><h2>核心指标</h2></div>
    <table class="kpi-table" id="kpi-table"><thead><tr><th>指标</th><th>数值</th><th>较前一日</th><th>较上周同期</th><th>同行平均</th><th>同行优秀</th></tr></thead>
    <tbody>${HOME_KPIS.map((k) => `<tr data-index-code="${k.code}"><td>${k.label}</td><td class="v">-</td><td class="c">-</td><td class="s">-</td><td class="ra">-</td><td class="rg">-</td></tr>`).join('')}</tbody></table>
  </section>
</main>
<script>(function () {
${CLIENT_JS}
sandboxHome(${scriptJson(boot)});
})();</script>
</body></html>`;

  return html(body, 200, { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) });
}
