/** sycm.taobao.com: routes to the page-family modules. */
import type { Handler } from '../../http.ts';
import { html } from '../../http.ts';
import { flowHandler } from './flow.ts';
import { homePage } from './home.ts';
import { isItemPath, itemHost } from './item.ts';
import { liveHandler } from './live.ts';
import { indexHtml, loginPageHtml } from './login.ts';
import { marketApi, marketPage } from './market.ts';
import { CALENDAR_PAGE, CONTENT_PAGE, calendarApi, calendarPage, contentPage } from './marketing.ts';
import { portalApi } from './portal-api.ts';
import { cspApi, SERVICE_PAGE, servicePage } from './service.ts';
import { isTradePage, tradePage } from './trade.ts';

export const sycmHost: Handler = (req, state) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.path === '/' || req.path === '/index.htm') return html(indexHtml(state.today));
  if (req.path === '/portal/home.htm') return homePage(req, state);
  if (req.path === CALENDAR_PAGE) return calendarPage(req, state);
  if (req.path === CONTENT_PAGE) return contentPage(req, state);
  if (req.path.startsWith('/datawar/')) return calendarApi(req, state);
  if (isItemPath(req.path)) return itemHost(req, state);
  if (isTradePage(req.path)) return tradePage(req, state);
  if (req.path === SERVICE_PAGE) return servicePage(req, state);
  if (req.path.startsWith('/csp/api/')) return cspApi(req, state);
  if (req.path.startsWith('/mc/')) return marketPage(req, state) ?? marketApi(req, state);
  if (req.path === '/custom/login.htm') return html(loginPageHtml(req.query.get('_target') ?? ''));
  const flowOrLive = flowHandler(req, state) ?? liveHandler(req, state);
  if (flowOrLive) return flowOrLive;
  return portalApi(req, state);
};
