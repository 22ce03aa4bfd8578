/** Who is "logged in": the sandbox_shop cookie, plus the identity signals real consoles expose (§2.3, §14). */
import { createHash } from 'node:crypto';
import { SHOP_A, type Shop, shopByKey } from './generator/index.ts';
import type { SandboxRequest } from './http.ts';

export function currentShop(req: SandboxRequest): Shop {
  return shopByKey(req.cookies.sandbox_shop ?? 'A') ?? SHOP_A;
}

/** Nick as in tracknick/_nk_/lgc: non-ASCII → \uXXXX, then URL-encoded (e.g. %5Cu6696…). */
export function escapedNick(nick: string): string {
  const escaped = [...nick]
    .map((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x80) return ch;
      return ch
        .split('')
        .map((u) => `\\u${u.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
        .join('');
    })
    .join('');
  return encodeURIComponent(escaped);
}

export function tbToken(shop: Shop): string {
  return createHash('sha1').update(`tb|${shop.runAsShopId}`).digest('hex').slice(0, 13);
}

const IDENTITY_COOKIES = ['tracknick', '_nk_', 'lgc', '_tb_token_', 'unb'] as const;

export function identityCookies(shop: Shop): string[] {
  const nick = escapedNick(shop.loginUserName);
  const attrs = 'Domain=.taobao.com; Path=/; Secure; SameSite=None';
  return [
    `tracknick=${nick}; ${attrs}`,
    `_nk_=${nick}; ${attrs}`,
    `lgc=${nick}; ${attrs}`,
    `_tb_token_=${tbToken(shop)}; ${attrs}`,
    `unb=${shop.loginUserId}; ${attrs}; HttpOnly`,
  ];
}

export function clearIdentityCookies(): string[] {
  return IDENTITY_COOKIES.map((n) => `${n}=; Domain=.taobao.com; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=None`);
}

export function microdataContent(shop: Shop): string {
  const pairs: [string, string][] = [
    ['legalityToken', shop.legalityToken],
    ['runAsShopId', shop.runAsShopId],
    ['runAsShopTitle', shop.runAsShopTitle],
    ['mainUserId', shop.mainUserId],
    ['mainUserName', shop.mainUserName],
    ['loginUserName', shop.loginUserName],
  ];
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(';');
}

export function gConfig(shop: Shop): Record<string, string> {
  return {
    token: shop.legalityToken,
    runAsShopId: shop.runAsShopId,
    runAsShopTitle: shop.runAsShopTitle,
    mainUserId: shop.mainUserId,
    mainUserName: shop.mainUserName,
    loginUserName: shop.loginUserName,
    loginUserId: shop.loginUserId,
    runAsUserId: shop.mainUserId,
    runAsUserName: shop.mainUserName,
  };
}
