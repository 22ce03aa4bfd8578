import type { ShopIdentity } from '../schema/shop';

/**
 * Shop identity from what a console page shows (console-sources §2.3, §14): the
 * `<meta name="microdata">` tag and page globals carry runAsShopId/mainUserName; the login
 * cookies carry the nick with non-ASCII written as `\uXXXX` escapes, then URL-encoded.
 */
const KEYS = ['runAsShopId', 'runAsShopTitle', 'mainUserId', 'mainUserName', 'loginUserName'] as const;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseMicrodata(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of content.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    if (k) out[k] = safeDecode(part.slice(i + 1).trim());
  }
  return out;
}

export function decodeNickCookie(raw: string): string {
  return safeDecode(raw).replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export function parseCookies(cookie: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of cookie.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const clean = (v: string | undefined, max: number) => {
  const t = v?.trim();
  return t ? t.slice(0, max) : undefined;
};

/** Combine the signals; the meta tag wins over page globals, both over cookies. */
export function readIdentity(input: { microdata?: string | null; globals?: Record<string, string> | null; cookie?: string | null }): ShopIdentity {
  const md = input.microdata ? parseMicrodata(input.microdata) : {};
  const gl = input.globals ?? {};
  const ck = input.cookie ? parseCookies(input.cookie) : {};
  const pick = (k: (typeof KEYS)[number]) => md[k] || gl[k] || undefined;
  const nickRaw = ck.tracknick || ck._nk_ || ck.lgc || ck.lid;
  const cookieNick = nickRaw ? decodeNickCookie(nickRaw) : undefined;
  const via: ShopIdentity['via'] = KEYS.some((k) => md[k]) ? 'microdata' : KEYS.some((k) => gl[k]) ? 'page-global' : cookieNick ? 'cookie' : 'none';
  const id: ShopIdentity = { via };
  const shopId = clean(pick('runAsShopId'), 40);
  if (shopId && /^\d+$/.test(shopId)) id.shopId = shopId;
  const title = clean(pick('runAsShopTitle'), 200);
  if (title) id.shopTitle = title;
  const mainUserId = clean(pick('mainUserId'), 40);
  if (mainUserId) id.mainUserId = mainUserId;
  const mainUserName = clean(pick('mainUserName'), 200);
  if (mainUserName) id.mainUserName = mainUserName;
  const nick = clean(pick('loginUserName') ?? cookieNick, 200);
  if (nick) id.loginNick = nick;
  return id;
}

/** The shop part of a sub-account nick `店铺名:小王`. */
export function mainNickOf(nick: string): string {
  const i = nick.indexOf(':');
  return i > 0 ? nick.slice(0, i) : nick;
}
