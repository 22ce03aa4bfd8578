import { qianniuItem } from './qianniu-item';
import { qianniuTrade } from './qianniu-trade';
import { qianniuWorkbench } from './qianniu-workbench';
import { sycmFlow } from './sycm-flow';
import { sycmHome } from './sycm-home';
import { sycmItem } from './sycm-item';
import { sycmLive } from './sycm-live';
import { sycmMarket } from './sycm-market';
import { sycmMarketing } from './sycm-marketing';
import { sycmService } from './sycm-service';
import { sycmTrade } from './sycm-trade';
import type { Adapter, AdapterRoute, DomReader } from './types';
import { wanxiang } from './wanxiang';
import { yinli } from './yinli';
import { zhitongche } from './zhitongche';

/** Every page family, one line each. */
export const ADAPTERS: readonly Adapter[] = [
  sycmHome,
  sycmService,
  sycmMarketing,
  sycmFlow,
  sycmLive,
  sycmMarket,
  wanxiang,
  zhitongche,
  yinli,
  sycmItem,
  sycmTrade,
  qianniuItem,
  qianniuTrade,
  qianniuWorkbench,
];

export function adapterById(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/** The adapter route for an API call, or null when no adapter reads it. */
export function routeFor(url: URL, method: string): { adapter: Adapter; route: AdapterRoute } | null {
  for (const adapter of ADAPTERS) {
    if (!(adapter.apiHosts ?? [adapter.host]).includes(url.hostname)) continue;
    for (const route of adapter.routes) {
      if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
      if (route.path.test(url.pathname)) return { adapter, route };
    }
  }
  return null;
}

/** A DOM reader by adapter and reader id, if its page pattern matches the URL. */
export function domReaderFor(adapterId: string, readerId: string, url: URL): { adapter: Adapter; reader: DomReader } | null {
  const adapter = adapterById(adapterId);
  if (!adapter || url.hostname !== adapter.host) return null;
  const reader = adapter.dom?.find((r) => r.id === readerId);
  return reader?.page.test(url.pathname) ? { adapter, reader } : null;
}

/** DOM readers that apply to a page URL (content script side). */
export function domReadersForPage(url: URL): { adapter: Adapter; reader: DomReader }[] {
  return ADAPTERS.filter((a) => a.host === url.hostname).flatMap((adapter) =>
    (adapter.dom ?? []).filter((r) => r.page.test(url.pathname)).map((reader) => ({ adapter, reader })),
  );
}

/** The page family a console page URL belongs to (for the popup and annotations). */
export function familyForPage(url: URL): Adapter | null {
  for (const adapter of ADAPTERS) {
    const hosts = [adapter.host, ...(adapter.pageHosts ?? [])];
    if (hosts.includes(url.hostname) && adapter.pages.some((p) => p.test(url.pathname))) return adapter;
  }
  return null;
}

export const CONSOLE_HOSTS = [
  'sycm.taobao.com',
  'myseller.taobao.com',
  'one.alimama.com',
  'subway.simba.taobao.com',
  'tuijian.taobao.com',
  'h5api.m.taobao.com',
  'trade.taobao.com',
] as const;
