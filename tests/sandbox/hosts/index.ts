/** Host router: each console host is its own module; unimplemented hosts answer "尚未实现". */
import type { Handler, SandboxRequest, SandboxResponse, SandboxState } from '../http.ts';
import { controlRoutes, notImplemented } from './common.ts';
import { h5apiHost } from './h5api/index.ts';
import { alimamaHost } from './one-alimama/report.ts';
import { mysellerHost, tradeHost } from './qianniu/index.ts';
import { sycmHost } from './sycm/index.ts';
import { subwayHost } from './subway/report.ts';
import { tuijianHost } from './tuijian/report.ts';

const HOSTS: Record<string, Handler> = {
  'sycm.taobao.com': sycmHost,
  'h5api.m.taobao.com': h5apiHost,
  'myseller.taobao.com': mysellerHost,
  'trade.taobao.com': tradeHost,
  'one.alimama.com': alimamaHost,
  'subway.simba.taobao.com': subwayHost,
  'tuijian.taobao.com': tuijianHost,
  // Direct access without host mapping behaves like sycm (handy for curl / debugging).
  localhost: sycmHost,
  '127.0.0.1': sycmHost,
};

export function route(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const control = controlRoutes(req, state);
  if (control) return control;
  const handler = HOSTS[req.host];
  const res = handler ? handler(req, state) : null;
  return res ?? notImplemented(req);
}
