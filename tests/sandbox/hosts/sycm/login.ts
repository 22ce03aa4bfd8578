/** sycm login wall page (/custom/login.htm) and the sandbox index (/). */
import { escapeHtml } from '../../http.ts';

export function loginPageHtml(target: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>生意参谋-登录</title>
<style>body{margin:0;font-family:"PingFang SC","Microsoft YaHei",sans-serif;background:#f2f4f8}
.box{width:360px;margin:120px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:20px;color:#1a66ff;margin:0 0 20px}input{width:100%;box-sizing:border-box;margin:8px 0;padding:10px;border:1px solid #d9d9d9;border-radius:4px}
button{width:100%;padding:10px;background:#1a66ff;color:#fff;border:0;border-radius:4px;margin-top:12px}</style></head>
<body><div class="box" id="login-box"><h1>生意参谋 · 账号登录</h1>
<form method="get" action="/portal/home.htm"><input name="loginId" placeholder="账号名/邮箱/手机号"><input type="password" placeholder="请输入登录密码">
<input type="hidden" name="_target" value="${escapeHtml(target)}"><button type="button">登录</button></form>
<p style="color:#999;font-size:12px">登录已失效,请重新登录</p></div></body></html>`;
}

export function indexHtml(today: string): string {
  const links = [
    ['/portal/home.htm', '首页 / 概况 (portal/home.htm)'],
    ['/custom/login.htm', '登录页 (custom/login.htm)'],
    ['/__sandbox/planted', '埋点问题 (JSON)'],
    ['/__sandbox/state', '沙盒状态 (JSON)'],
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>生意参谋沙盒</title></head>
<body style="font-family:sans-serif;padding:32px"><h1>生意参谋沙盒控制台</h1><p>今天: ${escapeHtml(today)}</p><ul>
${links.map(([href, label]) => `<li><a href="${href}">${escapeHtml(label ?? '')}</a></li>`).join('\n')}
</ul><p>故障注入: <code>/__sandbox/fault?mode=login|html|malformed|huge|error5810|noidentity|none</code></p></body></html>`;
}
