/**
 * sycm 交易 / 物流 / 评价 overview pages (console-sources §5.5, §5.7, §5.6 评价): no public API shape
 * is known, so these pages are rendered on the server with metric cards (`.index-card` with
 * `.index-name`, `.index-value`, `.index-crc`) and the statistics date (`.stat-date`); the date picker
 * navigates with the date in the query string, as sycm keeps page state there (§2.1).
 * Numbers are display text ("7,012", "¥41,250.60", "2.21%", "18.50小时") from generator/item-trade.ts.
 */
import { addDays, isIsoDate, SHOPS } from '../../generator/index.ts';
import { logisticsOverview, rateOverview, tradeOverview } from '../../generator/item-trade.ts';
import { escapeHtml, html, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../../http.ts';
import { clearIdentityCookies, currentShop, gConfig, identityCookies, microdataContent } from '../../identity.ts';
import { header, SYCM_CSS } from './layout.ts';

type Unit = 'count' | 'money' | 'rate' | 'hours' | 'score';
type Card = [code: string, label: string, unit: Unit];

const PAGES: Record<string, { title: string; heading: string; cards: Card[]; build: typeof tradeOverview }> = {
  '/bda/tradinganaly/overview/overview.htm': {
    title: '生意参谋-交易概况',
    heading: '交易总览',
    build: tradeOverview,
    cards: [
      ['uv', '访客数', 'count'],
      ['crtByrCnt', '下单买家数', 'count'],
      ['crtVldAmt', '下单金额', 'money'],
      ['payByrCnt', '支付买家数', 'count'],
      ['payAmt', '支付金额', 'money'],
      ['payPct', '客单价', 'money'],
      ['crtRate', '下单转化率', 'rate'],
      ['crtToPayRate', '下单-支付转化率', 'rate'],
      ['payRate', '支付转化率', 'rate'],
      ['subPayOrdSubCnt', '支付子订单数', 'count'],
      ['newPayByrCnt', '支付新买家数', 'count'],
      ['payOldByrCnt', '支付老买家数', 'count'],
    ],
  },
  '/bda/logistics/overview/overview.htm': {
    title: '生意参谋-物流概况',
    heading: '物流概况',
    build: logisticsOverview,
    cards: [
      ['gotInTime24hRate', '24小时揽收及时率', 'rate'],
      ['gotInTime48hRate', '48小时揽收及时率', 'rate'],
      ['avgShipTimeHh', '平均发货时长', 'hours'],
      ['avgSignTimeHh', '物流到货时长', 'hours'],
      ['logisticsComplaintCnt', '物流投诉数', 'count'],
      ['logisticsComplaintRate', '物流投诉率', 'rate'],
    ],
  },
  '/bda/rate/overview/overview.htm': {
    title: '生意参谋-评价概况',
    heading: '评价概况',
    build: rateOverview,
    cards: [
      ['dsrDesc', '描述相符', 'score'],
      ['dsrService', '服务态度', 'score'],
      ['dsrLogistics', '物流服务', 'score'],
      ['rateCnt', '评价数', 'count'],
      ['goodRateRatio', '好评率', 'rate'],
      ['midRateCnt', '中评数', 'count'],
      ['badRateCnt', '差评数', 'count'],
    ],
  },
};

export function isTradePage(path: string): boolean {
  return path in PAGES;
}

function display(v: number | undefined, unit: Unit): string {
  if (v === undefined || !Number.isFinite(v)) return '-';
  switch (unit) {
    case 'money':
      return `¥${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'rate':
      return `${(v * 100).toFixed(2)}%`;
    case 'hours':
      return `${v.toFixed(2)}小时`;
    case 'score':
      return v.toFixed(1);
    default:
      return v.toLocaleString('en-US');
  }
}

function change(cur: number | undefined, prev: number | undefined): string {
  if (cur === undefined || prev === undefined || prev === 0) return '较前一日 -';
  const c = (cur - prev) / prev;
  return `较前一日 ${c > 0 ? '↑' : c < 0 ? '↓' : ''}${Math.abs(c * 100).toFixed(2)}%`;
}

const CSS = `.index-cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.index-card{border:1px solid #eef0f4;border-radius:6px;padding:12px}.index-name{color:#666;font-size:13px;display:block}
.index-value{font-size:22px;font-weight:600;margin:6px 0;display:block}.index-crc{font-size:12px;color:#999}`;

export function tradePage(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  const spec = PAGES[req.path];
  if (!spec) return null;
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const yesterday = addDays(state.today, -1);
  const requested = (req.query.get('dateRange') ?? '').split('|')[0] ?? '';
  const date = isIsoDate(requested) && state.world.hasData(requested, state.today) ? requested : yesterday;
  const device = ['0', '1', '2'].includes(req.query.get('device') ?? '') ? (req.query.get('device') as string) : '0';
  const cur = spec.build(state.world, shop.runAsShopId, date);
  const prevDate = addDays(date, -1);
  const prev = prevDate >= state.world.historyStart ? spec.build(state.world, shop.runAsShopId, prevDate) : {};
  const cards = spec.cards
    .map(
      ([code, label, unit]) =>
        `<div class="index-card" data-code="${code}"><span class="index-name">${escapeHtml(label)}</span><span class="index-value">${escapeHtml(display(cur[code], unit))}</span><span class="index-crc">${escapeHtml(change(cur[code], prev[code]))}</span></div>`,
    )
    .join('');
  const switcher = `<select id="shop-switcher" title="切换店铺(沙盒)">${SHOPS.map(
    (s) => `<option value="${s.key}"${s.key === shop.key ? ' selected' : ''}>${escapeHtml(noIdentity ? `店铺${s.key}` : s.runAsShopTitle)}</option>`,
  ).join('')}</select>`;
  const identityHead = noIdentity
    ? ''
    : `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">\n<script>window.g_config = ${scriptJson(gConfig(shop))};</script>`;
  const script = `(function () {
  var p = document.getElementById('date-picker');
  p.addEventListener('change', function () {
    var u = new URL(location.href);
    u.searchParams.set('dateType', 'day');
    u.searchParams.set('dateRange', p.value + '|' + p.value);
    location.assign(u.href);
  });
  document.getElementById('shop-switcher').addEventListener('change', function (e) { document.cookie = 'sandbox_shop=' + e.target.value + '; path=/; secure'; location.reload(); });
})();`;
  return html(
    `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(spec.title)}</title>
${identityHead}
<style>${SYCM_CSS}${CSS}</style></head>
<body data-rendered-date="${escapeHtml(date)}" data-device="${device}">
${header({ shopTitle: noIdentity ? null : shop.runAsShopTitle, nick: noIdentity ? null : shop.loginUserName, switcher })}
<main class="sycm-body"><section class="panel">
  <div class="panel-title"><h2>${escapeHtml(spec.heading)} <small style="color:#999;font-weight:400;font-size:12px" class="stat-date">统计时间 ${escapeHtml(date)}</small></h2>
  <div class="date-bar"><span>日</span><input type="date" id="date-picker" value="${escapeHtml(date)}" min="${state.world.historyStart}" max="${yesterday}"></div></div>
  <div class="index-cards">${cards}</div>
</section></main>
<script>${script}</script>
</body></html>`,
    200,
    { 'set-cookie': noIdentity ? clearIdentityCookies() : identityCookies(shop) },
  );
}
