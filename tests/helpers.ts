import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureMessage } from '@/lib/schema/capture';
import type { ShopIdentity } from '@/lib/schema/shop';

export const SHOP_A: ShopIdentity = {
  via: 'microdata',
  shopId: '106033221',
  shopTitle: '暖居家纺旗舰店',
  mainUserId: '2206514830',
  mainUserName: '暖居家纺旗舰店',
  loginNick: '暖居家纺旗舰店:小王',
};
export const SHOP_B: ShopIdentity = {
  via: 'microdata',
  shopId: '106078842',
  shopTitle: '轻野户外旗舰店',
  mainUserId: '2210339175',
  mainUserName: '轻野户外旗舰店',
};

export function fixture(family: string, name: string): string {
  return readFileSync(join(__dirname, 'fixtures', family, name), 'utf8');
}

export const HOME_PAGE = 'https://sycm.taobao.com/portal/home.htm';

export function sycmUrl(path: string, date: string, extra = ''): string {
  return `https://sycm.taobao.com${path}?dateType=day&dateRange=${date}%7C${date}&needCycleCrc=true&token=1aa656228&_=1${extra}`;
}

/** A capture message as the content script would send it. */
export function captureMsg(
  url: string,
  responseText: string,
  opts: { identity?: ShopIdentity; method?: string; capturedAt?: number; pageUrl?: string } = {},
): CaptureMessage {
  return {
    meta: { kind: 'fetch', method: opts.method ?? 'GET', url, status: 200, contentType: 'application/json', size: responseText.length },
    responseText,
    pageUrl: opts.pageUrl ?? HOME_PAGE,
    identity: opts.identity ?? SHOP_A,
    capturedAt: opts.capturedAt ?? Date.UTC(2026, 5, 10, 2),
  };
}
