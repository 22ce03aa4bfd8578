/**
 * mtop gateway h5api.m.taobao.com: `mtop.alibaba.sycm.domain.onequery` 1.0 (console-sources §6.1, §7.1,
 * §11.10) for the sycm 服务 pages: `tao.shop.qos.sellerkpi` (shop KPIs) and `tao.shop.qos.subaccount`
 * (per-agent rows). Envelope `{ api, v, ret, data }`; CORS for the sycm page with credentials.
 */
import { isIsoDate } from '../../generator/index.ts';
import { serviceKpi } from '../../generator/service.ts';
import { json, type SandboxRequest, type SandboxResponse, type SandboxState } from '../../http.ts';
import { currentShop } from '../../identity.ts';

const API = 'mtop.alibaba.sycm.domain.onequery';
export const ONEQUERY_PATH = /^\/h5\/mtop\.alibaba\.sycm\.domain\.onequery\/1\.0\/?$/i;

function cors(req: SandboxRequest): Record<string, string> {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '';
  return /^https:\/\/([a-z0-9-]+\.)*taobao\.com$/.test(origin)
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
    : {};
}

function mtopReply(req: SandboxRequest, ret: string, data: unknown): SandboxResponse {
  return json({ api: API, data, ret: [ret], v: '1.0' }, 200, cors(req));
}

export function onequeryApi(req: SandboxRequest, state: SandboxState): SandboxResponse | null {
  if (!ONEQUERY_PATH.test(req.path)) return null;
  if (req.method === 'OPTIONS')
    return { status: 204, headers: { ...cors(req), 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'content-type' }, body: '' };
  if (state.fault === 'login' || state.fault === 'html' || state.fault === 'error5810') return mtopReply(req, 'FAIL_SYS_SESSION_EXPIRED::Session过期', {});
  if (!req.query.get('sign') || !req.query.get('t')) return mtopReply(req, 'FAIL_SYS_TOKEN_EMPTY::令牌为空', {});
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(req.query.get('data') ?? '') as Record<string, unknown>;
  } catch {
    return mtopReply(req, 'FAIL_SYS_PARAM_FORMAT_ERROR::参数格式错误', {});
  }
  const shop = currentShop(req);
  const [from, to] = String(p.dateRange ?? '').split('|');
  if (p.dateType !== 'day' || !from || from !== to || !isIsoDate(from) || !state.world.hasData(from, state.today)) {
    return mtopReply(req, 'SUCCESS::调用成功', { code: 1003, message: '日期超出可查询范围' });
  }
  const agents = state.world.agentDays(shop.runAsShopId, from);
  if (p.domainCode === 'tao.shop.qos.sellerkpi') {
    const kpi = serviceKpi(state.world.seed, shop.runAsShopId, from, state.world.shopDay(shop.runAsShopId, from), agents);
    const content: Record<string, { value: number | string }> = {};
    for (const [k, v] of Object.entries(kpi)) content[k] = { value: v };
    if (state.fault === 'malformed') content.consultUserCnt = { value: 'abc' };
    return mtopReply(req, 'SUCCESS::调用成功', { model: { result: { content } } });
  }
  if (p.domainCode === 'tao.shop.qos.subaccount') {
    const rows = agents.map((a) => ({
      accountNickWang: { value: a.nick },
      statDate: { value: from },
      consultUserCnt: { value: a.consultUv },
      consultFinalPayRate: { value: a.inquiryConvRate },
      firstReplyInterval: { value: a.firstReplySec },
      avgReplyInterval: { value: a.avgReplySec },
    }));
    return mtopReply(req, 'SUCCESS::调用成功', { data: { data: rows } });
  }
  return mtopReply(req, 'FAIL_BIZ_DOMAIN_NOT_FOUND::22119 unknown domainCode', {});
}
