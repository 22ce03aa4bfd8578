/**
 * The MAIN-world tap: wraps fetch and XMLHttpRequest so that responses of console APIs are
 * copied to the isolated content script. Rules (architecture §5): the page sees byte-identical
 * responses and the same errors in the same order; anything that goes wrong here is swallowed
 * and the native path taken; URLs outside the filter are not touched at all.
 *
 * Transport: a CustomEvent on `document` whose detail is a string
 * `<meta JSON>\n<response text>` — strings cross worlds cheaply, objects do not, and unlike
 * window.postMessage the page's own `message` listeners never see it.
 */
/**
 * Largest body copied. Bigger ones are reported as skipped without being read: a declared
 * content-length above it is never cloned; an unknown or lying length stops reading at the cap.
 */
export const TAP_CAP = 8 * 1024 * 1024;

type Meta = {
  kind: 'fetch' | 'xhr' | 'jsonp';
  method: string;
  url: string;
  requestBody?: string;
  status: number;
  contentType?: string;
  truncated?: boolean;
  size: number;
};

export function installTap(w: Window & typeof globalThis, filter: RegExp, eventName: string): void {
  const doc = w.document;
  const abs = (u: string) => {
    try {
      return new URL(u, w.location.href).href;
    } catch {
      return '';
    }
  };
  // Page globals are not forwarded: they are the page's to forge (identity is read in the isolated world).
  const emit = (meta: Meta, text: string) => {
    try {
      if (text.length > TAP_CAP) {
        meta.truncated = true;
        meta.size = text.length;
        text = '';
      }
      doc.dispatchEvent(new CustomEvent(eventName, { detail: `${JSON.stringify(meta)}\n${text}` }));
    } catch {
      /* fail open */
    }
  };
  const skip = (m: Omit<Meta, 'size'>, size: number) => emit({ ...m, size, truncated: true }, '');
  const bodyText = (b: unknown): string | undefined => (typeof b === 'string' ? b : b instanceof URLSearchParams ? b.toString() : undefined);

  const nativeFetch = w.fetch;
  if (typeof nativeFetch === 'function') {
    const wrapped = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      // biome-ignore lint/complexity/noArguments: pass the exact arguments through
      const p: Promise<Response> = nativeFetch.apply(this, arguments as unknown as [RequestInfo, RequestInit]);
      try {
        const req = input instanceof w.Request ? input : null;
        const url = abs(req ? req.url : String(input));
        if (filter.test(url)) {
          const method = (init?.method || req?.method || 'GET').toUpperCase();
          const body = bodyText(init?.body);
          p.then(
            (res) => {
              try {
                const m = { kind: 'fetch' as const, method, url, requestBody: body, status: res.status, contentType: res.headers.get('content-type') || undefined };
                const len = Number(res.headers.get('content-length') || 0);
                if (len > TAP_CAP) return skip(m, len);
                const rd = res.clone().body?.getReader();
                if (!rd) return emit({ ...m, size: 0 }, '');
                const parts: Uint8Array[] = [];
                let n = 0;
                const pump = (): Promise<void> =>
                  rd.read().then(({ done, value }) => {
                    if (done) return new Blob(parts as BlobPart[]).text().then((t) => emit({ ...m, size: t.length }, t));
                    n += value.length;
                    if (n > TAP_CAP) {
                      rd.cancel().catch(() => {});
                      return skip(m, n);
                    }
                    parts.push(value);
                    return pump();
                  });
                pump().catch(() => {});
              } catch {
                /* fail open */
              }
            },
            () => {},
          );
        }
      } catch {
        /* fail open */
      }
      return p;
    };
    w.fetch = wrapped as typeof fetch;
  }

  // JSONP (mtop `type=jsonp&callback=mtopjsonpN`): when a filtered script URL is set, wrap the named
  // callback so its argument is copied; the page's callback still gets the very same object.
  const S = w.HTMLScriptElement?.prototype;
  const srcDesc = S && Object.getOwnPropertyDescriptor(S, 'src');
  if (srcDesc?.set && srcDesc.get) {
    const setSrc = srcDesc.set;
    Object.defineProperty(S, 'src', {
      ...srcDesc,
      set(this: HTMLScriptElement, v: string) {
        try {
          const url = abs(String(v));
          const cb = filter.test(url) ? new URL(url).searchParams.get('callback') : null;
          const g = w as unknown as Record<string, unknown>;
          const orig = cb ? g[cb] : null;
          if (cb && typeof orig === 'function') {
            g[cb] = function (this: unknown, data: unknown) {
              try {
                const text = JSON.stringify(data) ?? '';
                emit({ kind: 'jsonp', method: 'GET', url, status: 200, size: text.length }, text);
              } catch {
                /* fail open */
              }
              // biome-ignore lint/complexity/noArguments: pass the exact arguments through
              return (orig as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
            };
          }
        } catch {
          /* fail open */
        }
        setSrc.call(this, v);
      },
    });
  }

  const X = w.XMLHttpRequest;
  if (X) {
    const info = new WeakMap<XMLHttpRequest, { method: string; url: string; body?: string }>();
    const open = X.prototype.open;
    const send = X.prototype.send;
    X.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
      try {
        const u = abs(String(url));
        if (filter.test(u)) info.set(this, { method: String(method).toUpperCase(), url: u });
        else info.delete(this);
      } catch {
        /* fail open */
      }
      // biome-ignore lint/complexity/noArguments: pass the exact arguments through
      return open.apply(this, arguments as unknown as [string, string, boolean]);
    } as typeof X.prototype.open;
    X.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      try {
        const rec = info.get(this);
        if (rec) {
          rec.body = bodyText(body);
          this.addEventListener('loadend', (e) => {
            try {
              const rt = this.responseType;
              if (this.status === 0 || (rt !== '' && rt !== 'text' && rt !== 'json')) return;
              const m = {
                kind: 'xhr' as const,
                method: rec.method,
                url: rec.url,
                requestBody: rec.body,
                status: this.status,
                contentType: this.getResponseHeader('content-type') || undefined,
              };
              // Bytes received (known even without content-length): a big body is never read or re-serialised.
              const len = Math.max(e.loaded || 0, Number(this.getResponseHeader('content-length') || 0));
              if (len > TAP_CAP) return skip(m, len);
              const text = rt === 'json' ? JSON.stringify(this.response) : this.responseText;
              emit({ ...m, size: text.length }, text);
            } catch {
              /* fail open */
            }
          });
        }
      } catch {
        /* fail open */
      }
      // biome-ignore lint/complexity/noArguments: pass the exact arguments through
      return send.apply(this, arguments as unknown as [XMLHttpRequestBodyInit]);
    };
  }
}
