/** h5api.m.taobao.com (mtop gateway): one module per mtop api; null when none serves the path. */
import type { Handler } from '../../http.ts';
import { qianniuMtopApi } from '../qianniu/index.ts';
import { onequeryApi } from './onequery.ts';

const APIS: Handler[] = [onequeryApi, qianniuMtopApi];

export const h5apiHost: Handler = (req, state) => {
  for (const api of APIS) {
    const res = api(req, state);
    if (res) return res;
  }
  return null;
};
