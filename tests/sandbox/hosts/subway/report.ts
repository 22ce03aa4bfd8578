/**
 * subway.simba.taobao.com — 直通车 (hash routes `/#!/campaign/index`, `/#!/report/bpreport/index`) and its
 * APIs at their real paths (console-sources §8.1, §11.14): POST /bpenv/getLoginUserInfo.htm (token +
 * nickName), POST /openapi/param2/1/gateway.subway/rpt/rptCampaignList$ and rptBidwordList$ with the form
 * body `queryParam=<JSON>&sla=json&isAjaxRequest=true&token=…`. Only keyword campaigns live here.
 * Identity: tracknick cookies on .taobao.com and getLoginUserInfo (§14).
 */
import { AD_ATTRS, type AdRow, campaignRows, keywordRows, sumOver, withRates } from '../../generator/adReports.ts';
import type { Shop } from '../../generator/index.ts';
import { type Handler, json, type SandboxRequest, type SandboxState } from '../../http.ts';
import { clearIdentityCookies, currentShop, identityCookies, tbToken } from '../../identity.ts';
import { adPage, bodyJson, CLIENT_COMMON, pageDates, windowDates } from '../ad-page.ts';

/** A report row in 直通车's own units: yuan fields, coverage in percent, cartTotalCost in 分. */
export function subwayRow(r: AdRow): Record<string, number> {
  const m = withRates(r);
  return {
    impression: m.adPv,
    click: m.click,
    costInYuan: m.charge,
    cpcInYuan: m.ecpc,
    cpmInYuan: m.adPv > 0 ? Math.round((m.charge / m.adPv) * 1000 * 100) / 100 : 0,
    coverage: Math.round(m.cvr * 100 * 1000) / 1000,
    cartTotal: m.cartInshopNum,
    cartTotalCost: m.cartInshopNum > 0 ? Math.round((m.charge / m.cartInshopNum) * 100 * 100) / 100 : 0,
    transactionTotalInYuan: m.alipayInshopAmt,
    transactionShippingTotal: m.alipayInshopNum,
  };
}

export function subwayReport(state: SandboxState, shop: Shop, name: string, qp: Record<string, unknown>): Record<string, unknown>[] {
  const attrN = Number(qp.effectEqual ?? qp.effect);
  const attr = (AD_ATTRS as readonly number[]).includes(attrN) ? attrN : 15;
  const dates = windowDates(state, qp.startDate, qp.endDate);
  const id = shop.runAsShopId;
  const keywordCampaigns = new Map(
    state.world
      .campaigns(id)
      .filter((c) => c.type === 'keyword')
      .map((c) => [c.campaignId, c]),
  );
  if (name === 'rptCampaignList') {
    const sums = sumOver(
      dates,
      (d) => campaignRows(state.world, id, d, attr).filter((t) => keywordCampaigns.has(t.campaign.campaignId)),
      (t) => t.campaign.campaignId,
    );
    return [...sums.values()].map(({ first, row }) => ({
      campaignId: Number(first.campaign.campaignId),
      campaignTitle: first.campaign.name,
      ...subwayRow(row),
    }));
  }
  if (name === 'rptBidwordList') {
    const sums = sumOver(
      dates,
      (d) => keywordRows(state.world, id, d, attr),
      (t) => t.day.keywordId,
    );
    return [...sums.values()]
      .map(
        ({ first, row }) =>
          ({
            campaignId: Number(first.day.campaignId),
            bidwordId: Number(first.day.keywordId),
            bidwordstr: first.keyword?.word ?? '',
            ...subwayRow(row),
          }) as Record<string, unknown>,
      )
      .sort((a, b) => Number(b.costInYuan) - Number(a.costInYuan));
  }
  return [];
}

const CLIENT = `${CLIENT_COMMON}
function start(BOOT){
  var state={date:BOOT.date,effect:BOOT.effect,tab:'campaign',token:null,seq:0};
  function post(url,params){
    var body=new URLSearchParams(params);
    return fetch(url,{method:'POST',body:body,credentials:'include'}).then(function(r){return r.json();});
  }
  function load(){
    var seq=++state.seq;document.body.removeAttribute('data-rendered');
    var qp={page:1,pageSize:100,startDate:state.date,endDate:state.date,effectEqual:state.effect,pvType:[1,4,2,5,6],sortField:'cost',sortType:'desc'};
    var name=state.tab==='campaign'?'rptCampaignList':'rptBidwordList';
    post('/openapi/param2/1/gateway.subway/rpt/'+name+'$',{queryParam:JSON.stringify(qp),sla:'json',isAjaxRequest:'true',token:state.token,_referer:'/report/bpreport/index'}).then(function(r){
      if(seq!==state.seq)return;
      if(String(r.code)==='601'){showError('请先登录');return;}
      showError('');render(r.result&&r.result.data||[]);
      document.body.dataset.renderedDate=state.date;document.body.dataset.rendered=state.tab+'|'+state.date+'|'+state.effect;
    }).catch(function(e){showError('网络错误：'+e);});
  }
  function render(rows){
    var tb=$('#report-body');tb.textContent='';
    rows.forEach(function(r){
      var tr=document.createElement('tr');
      tr.dataset.campaignId=String(r.campaignId);if(r.bidwordId!=null)tr.dataset.keywordId=String(r.bidwordId);
      cell(tr,r.bidwordstr||r.campaignTitle);cell(tr,count(r.impression));cell(tr,count(r.click));cell(tr,money(r.costInYuan));cell(tr,money(r.cpcInYuan));
      cell(tr,r.coverage.toFixed(2)+'%');cell(tr,count(r.cartTotal));cell(tr,count(r.transactionShippingTotal));cell(tr,money(r.transactionTotalInYuan));
      tb.appendChild(tr);
    });
    document.querySelectorAll('[data-tab]').forEach(function(b){b.classList.toggle('active',b.dataset.tab===state.tab);});
  }
  document.querySelectorAll('[data-tab]').forEach(function(b){b.addEventListener('click',function(){state.tab=b.dataset.tab;location.hash=state.tab==='campaign'?'#!/campaign/index':'#!/keyword/index';load();});});
  $('#date-picker').addEventListener('change',function(e){if(e.target.value){state.date=e.target.value;load();}});
  $('#effect-select').addEventListener('change',function(e){state.effect=Number(e.target.value);load();});
  if(/keyword/.test(location.hash))state.tab='keyword';
  post('/bpenv/getLoginUserInfo.htm',{}).then(function(r){
    if(String(r.code)==='601'||!r.result){showError('请先登录');return;}
    state.token=r.result.token;text($('#login-nick'),r.result.nickName);load();
  });
}`;

function page(req: SandboxRequest, state: SandboxState) {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const d = pageDates(state, req.query.get('date'));
  const boot = { date: d.date, effect: 15 };
  const body = `<section class="panel"><div class="bar"><span>当前账户 <b id="login-nick"></b></span></div>
<div class="bar"><button type="button" data-tab="campaign">推广计划</button><button type="button" data-tab="keyword">关键词</button>
<input type="date" id="date-picker" value="${d.date}" min="${d.minDate}" max="${d.maxDate}">
<select id="effect-select">${AD_ATTRS.map((a) => `<option value="${a}"${a === 15 ? ' selected' : ''}>${a}天转化周期</option>`).join('')}</select></div>
<table><thead><tr><th>名称</th><th>展现量</th><th>点击量</th><th>花费</th><th>平均点击花费</th><th>点击转化率</th><th>总购物车数</th><th>总成交笔数</th><th>总成交金额</th></tr></thead><tbody id="report-body"></tbody></table></section>`;
  return adPage({
    title: '淘宝/天猫直通车',
    logo: '直通车',
    nick: noIdentity ? null : shop.loginUserName,
    body,
    client: CLIENT,
    boot,
    setCookie: noIdentity ? clearIdentityCookies() : identityCookies(shop),
  });
}

export const subwayHost: Handler = (req, state) => {
  const shop = currentShop(req);
  if (req.method === 'GET' && (req.path === '/' || req.path === '/index.jsp')) return page(req, state);
  if (req.method !== 'POST') return null;
  if (state.fault === 'login') return json({ code: '601', msg: '未登录', result: null });
  if (req.path === '/bpenv/getLoginUserInfo.htm')
    return json({ code: '200', result: { nickName: shop.mainUserName, token: tbToken(shop), custId: Number(shop.mainUserId) } });
  const m = /^\/openapi\/param2\/1\/gateway\.subway\/rpt\/(rpt\w+)(\$|%24)$/.exec(req.path);
  if (!m?.[1]) return null;
  if (new URLSearchParams(req.body ?? '').get('token') !== tbToken(shop)) return json({ code: '601', msg: '未登录', result: null });
  const data = subwayReport(state, shop, m[1], bodyJson(req, 'queryParam'));
  return json({ code: '200', result: { data, total: data.length } });
};
