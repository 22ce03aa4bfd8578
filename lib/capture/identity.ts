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

/** Whether a microdata string names a shop or an account (an empty or junk tag pins nothing). */
function namesSomeone(microdata: string): boolean {
  const md = parseMicrodata(microdata);
  return KEYS.some((k) => md[k]);
}

function hasNickCookie(cookie: string): boolean {
  const ck = parseCookies(cookie);
  return !!(ck.tracknick || ck._nk_ || ck.lgc || ck.lid);
}

/**
 * The shop identity of one document, pinned from the first signal the isolated world reads and
 * never switched afterwards (architecture §5, README "Security notes").
 *
 * Everything on the page is writable by page script: the microdata tag, `document.cookie` for
 * non-HttpOnly cookies and the page globals. The strongest honest rule without extra permissions:
 * - cookies are read at document_start, before any script of this document has run;
 * - the microdata tag is read when the parser inserts it (a mutation observer from document_start:
 *   the microtask checkpoint before the next parser-inserted script runs delivers it first);
 * - page globals are not used at all (they arrive through the forgeable bridge);
 * - once a signal is pinned, later changes on the page (a rewritten tag, a new cookie, a forged
 *   bridge event) do not change the identity of this document's captures.
 * A shop switch on the console reloads the page, which starts a new document and a new pin.
 */
export class IdentityPin {
  #microdata: string | null = null;
  #cookie: string | null = null;

  constructor(private readonly read: { microdata(): string | null; cookie(): string }) {
    this.refresh();
  }

  /** Pin the signals not pinned yet; a pinned signal is never replaced. */
  refresh(): void {
    try {
      if (this.#cookie === null) {
        const c = this.read.cookie();
        if (c && hasNickCookie(c)) this.#cookie = c;
      }
      if (this.#microdata === null) {
        const m = this.read.microdata();
        if (m && namesSomeone(m)) this.#microdata = m;
      }
    } catch {
      /* a broken page never breaks the pin */
    }
  }

  get pinned(): boolean {
    return this.#microdata !== null;
  }

  identity(): ShopIdentity {
    this.refresh();
    return readIdentity({ microdata: this.#microdata, cookie: this.#cookie });
  }
}

/**
 * Pin a document's identity: cookies now (call at document_start), the microdata tag as soon as
 * the parser inserts it. Returns the pin and a stop function.
 */
export function pinDocumentIdentity(doc: Document): { pin: IdentityPin; stop(): void } {
  const pin = new IdentityPin({
    microdata: () => doc.querySelector('meta[name="microdata"]')?.getAttribute('content') ?? null,
    cookie: () => doc.cookie,
  });
  let observer: MutationObserver | null = null;
  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  if (!pin.pinned && typeof MutationObserver === 'function') {
    observer = new MutationObserver(() => {
      pin.refresh();
      if (pin.pinned) stop();
    });
    observer.observe(doc, { childList: true, subtree: true });
    // Pages without the tag: stop watching once loaded (captures still pin on first use).
    doc.defaultView?.addEventListener('load', stop, { once: true });
  }
  return { pin, stop };
}
