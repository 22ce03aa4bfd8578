/** Pages shared by all hosts: the "尚未实现" placeholder and the /__sandbox control routes. */

import { isIsoDate, shopById, shopByKey } from '../generator/index.ts';
import { escapeHtml, type Handler, html, isFaultMode, json, type SandboxRequest, type SandboxResponse, type SandboxState } from '../http.ts';

export function notImplemented(req: SandboxRequest): SandboxResponse {
  return html(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>尚未实现 - ${escapeHtml(req.host)}</title></head>` +
      `<body style="font-family:sans-serif;padding:40px;color:#333"><h1>尚未实现</h1>` +
      `<p>沙盒控制台尚未实现 <code>${escapeHtml(req.host)}${escapeHtml(req.path)}</code>。</p></body></html>`,
  );
}

/** GET /__sandbox/fault?mode=…, /__sandbox/planted, /__sandbox/truth?shop=…&date=…, /__sandbox/state */
export const controlRoutes: Handler = (req: SandboxRequest, state: SandboxState) => {
  if (!req.path.startsWith('/__sandbox/')) return null;
  const headers = { 'access-control-allow-origin': '*' };
  switch (req.path) {
    case '/__sandbox/fault': {
      const mode = req.query.get('mode') ?? 'none';
      if (!isFaultMode(mode)) return json({ ok: false, error: `unknown mode ${mode}` }, 400, headers);
      state.fault = mode;
      return json({ ok: true, mode }, 200, headers);
    }
    case '/__sandbox/planted':
      return json(state.world.plantedProblems(), 200, headers);
    case '/__sandbox/state':
      return json({ today: state.today, fault: state.fault, seed: state.world.seed, historyStart: state.world.historyStart }, 200, headers);
    case '/__sandbox/truth': {
      const shopParam = req.query.get('shop') ?? '';
      const shop = shopById(shopParam) ?? shopByKey(shopParam);
      const date = req.query.get('date') ?? '';
      if (!shop) return json({ error: `unknown shop ${shopParam}` }, 400, headers);
      if (!isIsoDate(date)) return json({ error: `bad date ${date}` }, 400, headers);
      return json(state.world.shopDay(shop.runAsShopId, date), 200, headers);
    }
    default:
      return json({ error: 'unknown sandbox route' }, 404, headers);
  }
};
