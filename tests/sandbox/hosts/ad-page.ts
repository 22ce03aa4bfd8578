/** Shared chrome of the sandbox ad-console pages (万相台无界 / 直通车 / 引力魔方). */
import { addDays, isIsoDate, type Shop } from '../generator/index.ts';
import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse, type SandboxState, scriptJson } from '../http.ts';

export const AD_CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f5f7;color:#333;font-size:13px}
header{height:52px;background:#fff;display:flex;align-items:center;padding:0 24px;border-bottom:1px solid #e8e8e8;gap:24px}
header .logo{font-size:18px;font-weight:600;color:#ff6a00}header .nick{margin-left:auto;color:#666}
main{max-width:1280px;margin:16px auto;padding:0 24px}.panel{background:#fff;border-radius:6px;padding:16px 20px;margin-bottom:16px}
.bar{display:flex;gap:8px;align-items:center;margin-bottom:12px;flex-wrap:wrap}.bar button,.bar select,.bar input{padding:4px 10px;border:1px solid #d9d9d9;background:#fff;border-radius:4px;font:inherit}
.bar button.active{border-color:#ff6a00;color:#ff6a00}table{width:100%;border-collapse:collapse}th,td{padding:7px 10px;border-bottom:1px solid #f0f0f0;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#fafafa;color:#666;font-weight:500}.sum{font-size:20px;font-weight:600;margin-right:24px}
.banner{display:none;padding:8px 12px;border-radius:4px;margin-bottom:12px;background:#fff1f0;border:1px solid #ffa39e;color:#a8071a}.banner.show{display:block}
`;

/** Business-date defaults of a console page: yesterday unless the page URL asks for a date. */
export function pageDates(state: SandboxState, requested: string | null): { date: string; minDate: string; maxDate: string } {
  const maxDate = addDays(state.today, -1);
  const date = requested && isIsoDate(requested) && requested <= maxDate && requested >= state.world.historyStart ? requested : maxDate;
  return { date, minDate: state.world.historyStart, maxDate };
}

export function adPage(opts: {
  title: string;
  logo: string;
  nick: string | null;
  body: string;
  client: string;
  boot: unknown;
  setCookie: string[];
}): SandboxResponse {
  return html(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title><style>${AD_CSS}</style></head>
<body><header><span class="logo">${escapeHtml(opts.logo)}</span><span class="nick">${opts.nick ? escapeHtml(opts.nick) : ''}</span></header>
<main><div class="banner" id="error-banner"></div>${opts.body}</main>
<script>(function(){
${opts.client}
start(${scriptJson(opts.boot)});
})();</script></body></html>`,
    200,
    { 'set-cookie': opts.setCookie },
  );
}

/** The request body as JSON, or the JSON inside a form field. */
export function bodyJson(req: SandboxRequest, formField?: string): Record<string, unknown> {
  const text = req.body ?? '';
  try {
    if (formField) {
      const v = new URLSearchParams(text).get(formField);
      const parsed: unknown = v ? JSON.parse(v) : {};
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    }
    const parsed: unknown = text ? JSON.parse(text) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Inclusive window of dates that have data (closed days before today). */
export function windowDates(state: SandboxState, from: unknown, to: unknown): string[] {
  const a = typeof from === 'string' && isIsoDate(from) ? from : null;
  const b = typeof to === 'string' && isIsoDate(to) ? to : a;
  if (!a || !b || a > b) return [];
  const out: string[] = [];
  for (let d = a; d <= b && out.length < 400; d = addDays(d, 1)) if (state.world.hasData(d, state.today)) out.push(d);
  return out;
}

/** Alimama envelope. */
export const alimamaOk = (data: unknown): SandboxResponse => json({ data, info: { ok: true, message: '', errorCode: null } });
export const alimamaLogin = (): SandboxResponse => json({ data: null, info: { ok: false, message: '请先登录', errorCode: 'NOT_LOGIN' } });

/** `lid` on .alimama.com: the login id, URL-encoded plain UTF-8 (console-sources §14). */
export function lidCookie(shop: Shop): string {
  return `lid=${encodeURIComponent(shop.loginUserName)}; Domain=.alimama.com; Path=/; Secure; SameSite=None`;
}

export const lidCookieCleared = 'lid=; Domain=.alimama.com; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=None';

/** Shared client helpers (vanilla JS, inlined before each page's own client). */
export const CLIENT_COMMON = `
function $(s){return document.querySelector(s);}
function addDays(date,n){var d=new Date(date+'T00:00:00Z');d.setUTCDate(d.getUTCDate()+n);return d.toISOString().slice(0,10);}
function money(v){return typeof v==='number'?'¥'+v.toLocaleString('zh-CN',{minimumFractionDigits:2,maximumFractionDigits:2}):'-';}
function count(v){return typeof v==='number'?v.toLocaleString('zh-CN'):'-';}
function pct(v){return typeof v==='number'?(v*100).toFixed(2)+'%':'-';}
function text(el,v){el.textContent=v==null?'':String(v);}
function showError(msg){var b=$('#error-banner');text(b,msg);b.classList.toggle('show',!!msg);}
function cell(tr,v){var td=document.createElement('td');text(td,v);tr.appendChild(td);return td;}
`;
