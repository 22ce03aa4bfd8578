import { sycmHome } from './sycm-home';
import type { Adapter, AdapterRoute } from './types';

/** Every page family, one line each. */
export const ADAPTERS: readonly Adapter[] = [sycmHome];

export function adapterById(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/** The adapter route for an API call, or null when no adapter reads it. */
export function routeFor(url: URL, method: string): { adapter: Adapter; route: AdapterRoute } | null {
  for (const adapter of ADAPTERS) {
    if (url.hostname !== adapter.host) continue;
    for (const route of adapter.routes) {
      if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
      if (route.path.test(url.pathname)) return { adapter, route };
    }
  }
  return null;
}

/** The page family a console page URL belongs to (for the popup and annotations). */
export function familyForPage(url: URL): Adapter | null {
  for (const adapter of ADAPTERS) {
    if (url.hostname === adapter.host && adapter.pages.some((p) => p.test(url.pathname))) return adapter;
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
