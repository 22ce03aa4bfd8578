/**
 * tuijian.taobao.com — 引力魔方 report page (`/indexbp.html#!/report/index`) and its report list
 * `GET /api2/report/campaign/list.json?startTime&endTime&effect&effectType` (shape assumed, console-sources
 * §8.3 [L]: alimama envelope, export `customs` codes). Only crowd campaigns (cubeAmt) live here.
 */
import { AD_ATTRS, campaignRows, sumOver, withRates } from '../../generator/adReports.ts';
import type { Handler, SandboxRequest, SandboxState } from '../../http.ts';
import { clearIdentityCookies, currentShop, identityCookies } from '../../identity.ts';
import { adPage, alimamaLogin, alimamaOk, CLIENT_COMMON, pageDates, windowDates } from '../ad-page.ts';

const CLIENT = `${CLIENT_COMMON}
function start(BOOT){
  var state={date:BOOT.date,effect:15,seq:0};
  function load(){
    var seq=++state.seq;document.body.removeAttribute('data-rendered');
    var q=new URLSearchParams({startTime:state.date,endTime:state.date,effect:String(state.effect),effectType:'click',csrfID:BOOT.csrf});
    fetch('/api2/report/campaign/list.json?'+q,{credentials:'include'}).then(function(r){return r.json();}).then(function(r){
      if(seq!==state.seq)return;
      if(!r.info||!r.info.ok){showError('请先登录');return;}
      showError('');var tb=$('#report-body');tb.textContent='';
      (r.data.list||[]).forEach(function(x){var tr=document.createElement('tr');tr.dataset.campaignId=String(x.campaignId);
        cell(tr,x.campaignName);cell(tr,count(x.impression));cell(tr,count(x.click));cell(tr,pct(x.ctr));cell(tr,money(x.charge));cell(tr,count(x.cartNum));cell(tr,count(x.alipayInshopNum));cell(tr,money(x.alipayInshopAmt));cell(tr,x.roi.toFixed(2));tb.appendChild(tr);});
      document.body.dataset.renderedDate=state.date;document.body.dataset.rendered=state.date+'|'+state.effect;
    }).catch(function(e){showError('网络错误：'+e);});
  }
  $('#date-picker').addEventListener('change',function(e){if(e.target.value){state.date=e.target.value;load();}});
  $('#effect-select').addEventListener('change',function(e){state.effect=Number(e.target.value);load();});
  load();
}`;

function page(req: SandboxRequest, state: SandboxState) {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const d = pageDates(state, req.query.get('date'));
  const body = `<section class="panel"><div class="bar"><input type="date" id="date-picker" value="${d.date}" min="${d.minDate}" max="${d.maxDate}">
<select id="effect-select">${AD_ATTRS.map((a) => `<option value="${a}"${a === 15 ? ' selected' : ''}>${a}天</option>`).join('')}</select></div>
<table><thead><tr><th>计划</th><th>展现量</th><th>点击量</th><th>点击率</th><th>花费</th><th>购物车数</th><th>成交笔数</th><th>成交金额</th><th>投产比</th></tr></thead><tbody id="report-body"></tbody></table></section>`;
  return adPage({
    title: '引力魔方',
    logo: '引力魔方',
    nick: noIdentity ? null : shop.loginUserName,
    body,
    client: CLIENT,
    boot: { date: d.date, csrf: `${Date.parse(`${state.today}T00:00:00Z`)}-${shop.runAsShopId.slice(-3)}` },
    setCookie: noIdentity ? clearIdentityCookies() : identityCookies(shop),
  });
}

export const tuijianHost: Handler = (req, state) => {
  const shop = currentShop(req);
  if (req.method === 'GET' && (req.path === '/' || req.path === '/indexbp.html')) return page(req, state);
  if (req.method !== 'GET') return null;
  if (req.path === '/api2/member/getInfo.json') return alimamaOk({ nickName: shop.mainUserName });
  if (req.path !== '/api2/report/campaign/list.json') return null;
  if (state.fault === 'login') return alimamaLogin();
  const attrN = Number(req.query.get('effect'));
  const attr = (AD_ATTRS as readonly number[]).includes(attrN) ? attrN : 15;
  const dates = windowDates(state, req.query.get('startTime'), req.query.get('endTime'));
  const id = shop.runAsShopId;
  const sums = sumOver(
    dates,
    (d) => campaignRows(state.world, id, d, attr).filter((t) => t.campaign.type === 'crowd'),
    (t) => t.campaign.campaignId,
  );
  const list = [...sums.values()].map(({ first, row }) => {
    const m = withRates(row);
    return {
      campaignId: Number(first.campaign.campaignId),
      campaignName: first.campaign.name,
      charge: m.charge,
      impression: m.adPv,
      click: m.click,
      ctr: m.ctr,
      cpc: m.ecpc,
      cartNum: m.cartInshopNum,
      alipayInshopNum: m.alipayInshopNum,
      alipayInshopAmt: m.alipayInshopAmt,
      roi: m.roi,
    };
  });
  return alimamaOk({ list, count: list.length });
};
