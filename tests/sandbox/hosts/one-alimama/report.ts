/**
 * one.alimama.com — 万相台无界 report page (`/index.html#!/report/<rptType>?…`) and its APIs at their
 * real paths (console-sources §8.2, §11.13): POST /member/checkAccess.json, POST
 * /report/query.json?csrfId=…&bizCode=universalBP (JSON body), POST /report/chargeSum.json.
 * Identity: only the `lid` cookie on .alimama.com (§14).
 */
import { createHash } from 'node:crypto';
import { AD_ATTRS, type AdRow, addRows, campaignRows, keywordRows, SCENES, sumOver, withRates, ZERO } from '../../generator/adReports.ts';
import type { Shop } from '../../generator/index.ts';
import type { Handler, SandboxRequest, SandboxState } from '../../http.ts';
import { currentShop } from '../../identity.ts';
import { adPage, alimamaLogin, alimamaOk, bodyJson, CLIENT_COMMON, lidCookie, lidCookieCleared, pageDates, windowDates } from '../ad-page.ts';

const csrfOf = (shop: Shop) => `${createHash('sha1').update(`csrf|${shop.runAsShopId}`).digest('hex').slice(0, 12)}_1_1_1`;

const FIELDS = ['adPv', 'click', 'ctr', 'charge', 'ecpc', 'cvr', 'alipayInshopNum', 'alipayInshopAmt', 'roi', 'cartInshopNum'] as const;

/** Requested metric codes only, like the real report (queryFieldIn). */
function pickFields(r: AdRow, fields: readonly string[]): Record<string, number> {
  const m = withRates(r) as unknown as Record<string, number>;
  const out: Record<string, number> = {};
  for (const f of fields) if (f in m) out[f] = m[f] as number;
  return out;
}

/** The report rows for a request body (domains: date, scene, campaign, word). */
export function wanxiangQuery(
  state: SandboxState,
  shop: Shop,
  body: Record<string, unknown>,
): { list: Record<string, unknown>[]; count: number; totalData: Record<string, number>[] } {
  const world = state.world;
  const domains = Array.isArray(body.queryDomains) ? body.queryDomains.map(String) : [];
  const attrN = Number(body.effectEqual);
  const attr = (AD_ATTRS as readonly number[]).includes(attrN) ? attrN : 15;
  const dates = windowDates(state, body.startTime, body.endTime);
  const split = body.splitType === 'day' || domains.includes('date');
  const fields = Array.isArray(body.queryFieldIn) && body.queryFieldIn.length ? body.queryFieldIn.map(String) : [...FIELDS];
  const id = shop.runAsShopId;
  const groups = split ? dates.map((d) => [d]) : [dates];
  const list: Record<string, unknown>[] = [];
  let total: AdRow = ZERO;
  for (const g of groups) {
    const dateField = split ? { thedate: g[0] } : {};
    if (domains.includes('word')) {
      const sums = sumOver(
        g,
        (d) => keywordRows(world, id, d, attr),
        (t) => t.day.keywordId,
      );
      const names = new Map(world.campaigns(id).map((c) => [c.campaignId, c.name]));
      for (const { first, row } of sums.values()) {
        total = addRows(total, row);
        list.push({
          ...dateField,
          campaignId: Number(first.day.campaignId),
          campaignName: names.get(first.day.campaignId),
          bidwordId: Number(first.day.keywordId),
          bidwordName: first.keyword?.word,
          ...pickFields(row, fields),
        });
      }
    } else if (domains.includes('campaign')) {
      const sums = sumOver(
        g,
        (d) => campaignRows(world, id, d, attr),
        (t) => t.campaign.campaignId,
      );
      for (const { first, row } of sums.values()) {
        total = addRows(total, row);
        const s = SCENES[first.campaign.type];
        list.push({
          ...dateField,
          campaignId: Number(first.campaign.campaignId),
          campaignName: first.campaign.name,
          scene1Name: s.name,
          sceneId: s.sceneId,
          ...pickFields(row, fields),
        });
      }
    } else if (domains.includes('scene')) {
      const sums = sumOver(
        g,
        (d) => campaignRows(world, id, d, attr),
        (t) => t.campaign.type,
      );
      for (const { first, row } of sums.values()) {
        total = addRows(total, row);
        const s = SCENES[first.campaign.type];
        list.push({ ...dateField, scene1Name: s.name, sceneId: s.sceneId, ...pickFields(row, fields) });
      }
    } else {
      const sums = sumOver(
        g,
        (d) => campaignRows(world, id, d, attr),
        () => 'all',
      );
      for (const { row } of sums.values()) {
        total = addRows(total, row);
        list.push({ ...dateField, ...pickFields(row, fields) });
      }
    }
  }
  list.sort((a, b) => String(b.thedate ?? '').localeCompare(String(a.thedate ?? '')) || Number(b.charge ?? 0) - Number(a.charge ?? 0));
  const offset = Math.max(0, Number(body.offset) || 0);
  const pageSize = Math.min(500, Math.max(1, Number(body.pageSize) || 20));
  return { list: list.slice(offset, offset + pageSize), count: list.length, totalData: [pickFields(total, fields)] };
}

/** Spend per scene group over the window (chargeSum.json). */
export function wanxiangChargeSum(state: SandboxState, shop: Shop, body: Record<string, unknown>): Record<string, number> {
  const dates = windowDates(state, body.startTime, body.endTime);
  const sum = { searchCharge: 0, displayCharge: 0, shortVideoRtbCharge: 0, liveCharge: 0, contentSceneCharge: 0, totalCharge: 0 };
  for (const d of dates) {
    for (const { campaign, row } of campaignRows(state.world, shop.runAsShopId, d, 15)) {
      const key = campaign.type === 'keyword' ? 'searchCharge' : campaign.type === 'fullsite' ? 'totalCharge' : 'displayCharge';
      if (key !== 'totalCharge') sum[key] = Math.round((sum[key] + row.charge) * 100) / 100;
      sum.totalCharge = Math.round((sum.totalCharge + row.charge) * 100) / 100;
    }
  }
  return sum;
}

const CLIENT = `${CLIENT_COMMON}
function start(BOOT){
  var DOMAINS={account:['date','scene'],campaign:['date','campaign'],bidword:['date','campaign','word']};
  var FIELDS=${JSON.stringify(FIELDS)};
  var state={rpt:BOOT.rpt,date:BOOT.date,span:1,attr:BOOT.attr,csrfId:null,loginPointId:null,seq:0};
  var hq=new URLSearchParams((location.hash.split('?')[1])||'');
  if(DOMAINS[hq.get('rptType')])state.rpt=hq.get('rptType');
  if(/^\\d{4}-\\d{2}-\\d{2}$/.test(hq.get('startTime')||'')&&hq.get('startTime')<=BOOT.maxDate)state.date=hq.get('startTime');
  if([3,7,15,30].indexOf(Number(hq.get('effectEqual')))>=0)state.attr=Number(hq.get('effectEqual'));
  $('#date-picker').value=state.date;$('#attr-select').value=String(state.attr);
  function hashState(){location.hash='#!/report/'+state.rpt+'?rptType='+state.rpt+'&startTime='+state.date+'&effectEqual='+state.attr;}
  function post(url,body,useFetch){
    var text=JSON.stringify(body);
    if(useFetch) return fetch(url,{method:'POST',headers:{'content-type':'application/json'},body:text,credentials:'include'}).then(function(r){return r.json();});
    return new Promise(function(res,rej){var x=new XMLHttpRequest();x.open('POST',url);x.setRequestHeader('content-type','application/json');
      x.onload=function(){try{res(JSON.parse(x.responseText));}catch(e){rej(e);}};x.onerror=rej;x.send(text);});
  }
  function load(){
    var seq=++state.seq;document.body.removeAttribute('data-rendered');
    var start=state.span>1?addDays(state.date,1-state.span):state.date;
    var split=state.span===1;
    var domains=DOMAINS[state.rpt].filter(function(d){return split||d!=='date';});
    var q='?csrfId='+encodeURIComponent(state.csrfId)+'&bizCode=universalBP';
    var body={bizCode:'universalBP',source:'baseReport',fromRealTime:false,rptType:state.rpt,splitType:split?'day':'sum',unifyType:'zhai',
      effectEqual:state.attr,startTime:start,endTime:state.date,queryDomains:domains,queryFieldIn:FIELDS,byPage:true,pageSize:100,offset:0,
      totalTag:true,needCountAccelerate:true,byPageWithoutCount:false,havingList:[],from:'pcBaseReport',csrfId:state.csrfId,loginPointId:state.loginPointId};
    return Promise.all([post('/report/query.json'+q,body,false),post('/report/chargeSum.json'+q,{bizCode:'universalBP',startTime:start,endTime:state.date},true)]).then(function(rs){
      if(seq!==state.seq)return;
      var rep=rs[0],sum=rs[1];
      if(!rep.info||!rep.info.ok){showError('报表加载失败：'+((rep.info&&rep.info.message)||''));return;}
      showError('');render(rep.data,sum.data||{});
      document.body.dataset.renderedDate=state.date;
      document.body.dataset.rendered=state.rpt+'|'+start+'|'+state.date+'|'+state.attr;
    }).catch(function(e){showError('网络错误：'+e);});
  }
  function render(data,sum){
    text($('#total-charge'),money(sum.totalCharge));text($('#search-charge'),money(sum.searchCharge));
    var tb=$('#report-body');tb.textContent='';
    (data.list||[]).forEach(function(r){
      var tr=document.createElement('tr');
      if(r.bidwordId!=null){tr.dataset.keywordId=String(r.bidwordId);tr.dataset.campaignId=String(r.campaignId);}
      else if(r.campaignId!=null)tr.dataset.campaignId=String(r.campaignId);
      else if(r.sceneId!=null)tr.dataset.sceneId=String(r.sceneId);
      cell(tr,r.bidwordName||r.campaignName||r.scene1Name||'账户汇总');cell(tr,r.thedate||'');
      cell(tr,count(r.adPv));cell(tr,count(r.click));cell(tr,pct(r.ctr));cell(tr,money(r.charge));cell(tr,money(r.ecpc));
      cell(tr,count(r.cartInshopNum));cell(tr,count(r.alipayInshopNum));cell(tr,money(r.alipayInshopAmt));cell(tr,r.roi==null?'-':r.roi.toFixed(2));
      tb.appendChild(tr);
    });
    text($('#row-count'),data.count);
    document.querySelectorAll('[data-tab]').forEach(function(b){b.classList.toggle('active',b.dataset.tab===state.rpt);});
  }
  document.querySelectorAll('[data-tab]').forEach(function(b){b.addEventListener('click',function(){state.rpt=b.dataset.tab;hashState();load();});});
  $('#date-picker').addEventListener('change',function(e){if(e.target.value){state.date=e.target.value;hashState();load();}});
  $('#attr-select').addEventListener('change',function(e){state.attr=Number(e.target.value);hashState();load();});
  $('#span-select').addEventListener('change',function(e){state.span=Number(e.target.value);load();});
  post('/member/checkAccess.json',{bizCode:'universalBP'},true).then(function(r){
    if(!r.info||!r.info.ok){showError('请先登录');return;}
    state.csrfId=r.data.accessInfo.csrfId;state.loginPointId=r.data.loginPointId;load();
  });
}`;

function page(req: SandboxRequest, state: SandboxState) {
  const shop = currentShop(req);
  const noIdentity = state.fault === 'noidentity';
  const hashless = req.query.get('startTime');
  const d = pageDates(state, hashless);
  const rpt = ['account', 'campaign', 'bidword'].includes(req.query.get('rptType') ?? '') ? (req.query.get('rptType') as string) : 'account';
  const attr = Number(req.query.get('effectEqual') ?? 15);
  const boot = { rpt, date: d.date, maxDate: d.maxDate, attr: (AD_ATTRS as readonly number[]).includes(attr) ? attr : 15 };
  const body = `<section class="panel"><div class="bar"><span class="sum">总花费 <span id="total-charge">-</span></span><span>关键词推广 <span id="search-charge">-</span></span></div>
<div class="bar"><button type="button" data-tab="account">账户</button><button type="button" data-tab="campaign">计划</button><button type="button" data-tab="bidword">关键词</button>
<input type="date" id="date-picker" value="${d.date}" min="${d.minDate}" max="${d.maxDate}">
<select id="span-select"><option value="1">单日（分日）</option><option value="7">近7天（汇总）</option></select>
<select id="attr-select">${AD_ATTRS.map((a) => `<option value="${a}"${a === boot.attr ? ' selected' : ''}>${a}天归因</option>`).join('')}</select>
<span>共 <span id="row-count">0</span> 行</span></div>
<table id="report-table"><thead><tr><th>名称</th><th>日期</th><th>展现量</th><th>点击量</th><th>点击率</th><th>花费</th><th>平均点击花费</th><th>总购物车数</th><th>总成交笔数</th><th>总成交金额</th><th>投入产出比</th></tr></thead><tbody id="report-body"></tbody></table></section>`;
  return adPage({
    title: '万相台无界版-报表',
    logo: '阿里妈妈 万相台无界版',
    nick: noIdentity ? null : shop.loginUserName,
    body,
    client: CLIENT,
    boot,
    setCookie: [noIdentity ? lidCookieCleared : lidCookie(shop)],
  });
}

export const alimamaHost: Handler = (req, state) => {
  const shop = currentShop(req);
  if (req.method === 'GET' && (req.path === '/' || req.path === '/index.html')) return page(req, state);
  if (req.method !== 'POST') return null;
  if (state.fault === 'login' && req.path !== '/member/checkAccess.json') return alimamaLogin();
  switch (req.path) {
    case '/member/checkAccess.json':
      return alimamaOk({ accessInfo: { csrfId: csrfOf(shop), memberId: Number(shop.mainUserId) }, loginPointId: `lp-${shop.runAsShopId}` });
    case '/report/query.json':
      if (req.query.get('csrfId') !== csrfOf(shop)) return alimamaLogin();
      return alimamaOk(wanxiangQuery(state, shop, bodyJson(req)));
    case '/report/chargeSum.json':
      return alimamaOk(wanxiangChargeSum(state, shop, bodyJson(req)));
    default:
      return null;
  }
};
