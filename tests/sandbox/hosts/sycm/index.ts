/** sycm.taobao.com: routes to the page-family modules. */
import type { Handler } from '../../http.ts';
import { html } from '../../http.ts';
import { homePage } from './home.ts';
import { indexHtml, loginPageHtml } from './login.ts';
import { portalApi } from './portal-api.ts';

export const sycmHost: Handler = (req, state) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.path === '/' || req.path === '/index.htm') return html(indexHtml(state.today));
  if (req.path === '/portal/home.htm') return homePage(req, state);
  if (req.path === '/custom/login.htm') return html(loginPageHtml(req.query.get('_target') ?? ''));
  return portalApi(req, state);
};
