/** Shared sycm page chrome: header, top nav, CSS. */
import { escapeHtml } from '../../http.ts';

export const NAV = ['首页', '实时', '作战室', '流量', '品类', '交易', '内容', '服务', '营销', '物流', '市场', '竞争'] as const;

export const SYCM_CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f4f8;color:#333;font-size:14px}
.sycm-header{height:56px;background:#fff;display:flex;align-items:center;padding:0 24px;border-bottom:1px solid #e8e8e8}
.sycm-logo{font-size:20px;font-weight:600;color:#1a66ff;margin-right:32px;white-space:nowrap}.sycm-logo small{font-size:12px;color:#999;font-weight:400;margin-left:6px}
.sycm-nav{display:flex;gap:4px;flex:1}.sycm-nav a{padding:0 12px;line-height:56px;color:#333;text-decoration:none;border-bottom:2px solid transparent}
.sycm-nav a.active{color:#1a66ff;border-bottom-color:#1a66ff;font-weight:600}
.sycm-user{display:flex;align-items:center;gap:12px;color:#666;font-size:13px;white-space:nowrap}
.sycm-user select{padding:4px 6px;border:1px solid #d9d9d9;border-radius:4px}
.sycm-body{max-width:1280px;margin:16px auto;padding:0 24px}
.panel{background:#fff;border-radius:6px;padding:16px 20px;margin-bottom:16px}
.panel-title{display:flex;align-items:center;justify-content:space-between;margin-bottom:12px}.panel-title h2{font-size:16px;margin:0}
.date-bar{display:flex;align-items:center;gap:8px;font-size:13px;color:#666}
.date-bar button,.date-bar input{padding:4px 10px;border:1px solid #d9d9d9;background:#fff;border-radius:4px;font:inherit;cursor:pointer}
.date-bar button:disabled{color:#bbb;cursor:not-allowed}
.cards{display:grid;grid-template-columns:repeat(7,1fr);gap:12px}
.card{border:1px solid #eef0f4;border-radius:6px;padding:12px;cursor:pointer}.card.selected{border-color:#1a66ff;background:#f4f8ff}
.card .label{color:#666;font-size:13px}.card .value{font-size:22px;font-weight:600;margin:6px 0;white-space:nowrap}
.card .crc{font-size:12px;color:#999}.up{color:#f5222d}.down{color:#52c41a}
.kpi-table{width:100%;border-collapse:collapse;font-size:13px}.kpi-table th,.kpi-table td{padding:8px 10px;border-bottom:1px solid #f0f0f0;text-align:right}
.kpi-table th:first-child,.kpi-table td:first-child{text-align:left}.kpi-table th{background:#fafafa;color:#666;font-weight:500}
.trend svg{width:100%;height:220px}.legend{font-size:12px;color:#666;display:flex;gap:16px}
.legend i{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
.banner{display:none;padding:10px 14px;border-radius:4px;margin-bottom:12px}.banner.show{display:block}
.banner.error{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a}.banner.loading{background:#e6f4ff;border:1px solid #91caff;color:#0958d9}
`;

export function header(opts: { shopTitle: string | null; nick: string | null; switcher: string }): string {
  return `<header class="sycm-header"><div class="sycm-logo">生意参谋<small>${opts.shopTitle ? escapeHtml(opts.shopTitle) : ''}</small></div>
<nav class="sycm-nav">${NAV.map((n, i) => `<a href="${i === 0 ? '/portal/home.htm' : '#'}"${i === 0 ? ' class="active"' : ''}>${n}</a>`).join('')}</nav>
<div class="sycm-user">${opts.switcher}<span class="nick">${opts.nick ? escapeHtml(opts.nick) : ''}</span></div></header>`;
}
