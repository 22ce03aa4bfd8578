/** Capture messages for the ad-console adapter tests (POST with a request body, cookie identity). */
import type { CaptureMessage } from '@/lib/schema/capture';
import type { Shop, ShopIdentity } from '@/lib/schema/shop';

export const AD_CAPTURED = Date.UTC(2026, 5, 10, 2);
/** Ad consoles show only the login cookie (`lid` / `tracknick`): linked through the known main nick. */
export const NICK_ONLY: ShopIdentity = { via: 'cookie', loginNick: '暖居家纺旗舰店:小王' };
export const KNOWN_A: Shop[] = [{ id: '106033221', title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];

export function adMsg(
  url: string,
  text: string,
  body: string | undefined,
  opts: { identity?: ShopIdentity; capturedAt?: number; method?: string; pageUrl?: string } = {},
): CaptureMessage {
  return {
    meta: {
      kind: 'xhr',
      method: opts.method ?? 'POST',
      url,
      ...(body !== undefined ? { requestBody: body } : {}),
      status: 200,
      contentType: 'application/json',
      size: text.length,
    },
    responseText: text,
    pageUrl: opts.pageUrl ?? `${new URL(url).origin}/`,
    identity: opts.identity ?? NICK_ONLY,
    capturedAt: opts.capturedAt ?? AD_CAPTURED,
  };
}
