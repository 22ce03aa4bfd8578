/* Test-page script of tests/sandbox/hosts/transparency.ts. Plain JS, runs in the page (MAIN world).
 * window.__T_KIND: 'matrix' | 'big' | 'forge'. Results go to window.__T and <body data-done="1">. */
(() => {
  const params = new URLSearchParams(location.search);
  const date = params.get('date') || '2026-11-10';
  const q = (d) => `dateType=day&dateRange=${d}%7C${d}&device=0&token=1aa656228&_=1`;
  const hex = async (buf) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', buf))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const hs = (s) => hex(new TextEncoder().encode(s));
  const rel = (u) => String(u).replace(location.origin, '');
  const errOf = (e) => ({ error: e && e.name, message: String(e && e.message).replace(/\s+/g, ' ').slice(0, 120) });
  const hdr = (r) => ({
    status: r.status,
    statusText: r.statusText,
    type: r.type,
    redirected: r.redirected,
    url: rel(r.url),
    ct: r.headers.get('content-type'),
    xt: r.headers.get('x-t'),
  });
  const headerLines = (x) =>
    x
      .getAllResponseHeaders()
      .split('\r\n')
      .filter((l) => l && !/^(date|keep-alive|connection):/i.test(l))
      .sort()
      .join('|');
  const done = (out) => {
    window.__T = out;
    document.getElementById('out').textContent = JSON.stringify(out, null, 1).slice(0, 4000);
    document.body.dataset.done = '1';
  };

  async function fetchCase(u, how) {
    try {
      const r = await fetch(u);
      const h = hdr(r);
      if (how === 'json') return { ...h, v: await hs(JSON.stringify(await r.json())) };
      if (how === 'text') return { ...h, v: await hs(await r.text()) };
      if (how === 'blob') {
        const b = await r.blob();
        return { ...h, blobType: b.type, size: b.size, v: await hex(await b.arrayBuffer()) };
      }
      if (how === 'arrayBuffer') return { ...h, v: await hex(await r.arrayBuffer()) };
      if (how === 'stream') {
        const rd = r.body.getReader();
        const parts = [];
        for (;;) {
          const { done: end, value } = await rd.read();
          if (end) break;
          parts.push(value);
        }
        const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
        let o = 0;
        for (const p of parts) {
          all.set(p, o);
          o += p.length;
        }
        return { ...h, bytes: all.length, v: await hex(all), bodyUsed: r.bodyUsed };
      }
      if (how === 'request') return { ...h, v: await hs(await (await fetch(new Request(u, { method: 'GET' }))).text()) };
      return h;
    } catch (e) {
      return errOf(e);
    }
  }

  function xhrCase(u, rt, opts = {}) {
    return new Promise((resolve) => {
      const x = new XMLHttpRequest();
      const ev = [];
      const push = (e) => {
        // readyState 3 may fire once per network chunk: consecutive repeats are one entry.
        if (ev[ev.length - 1] !== e) ev.push(e);
      };
      const finish = async () => {
        const r = { status: x.status, statusText: x.statusText, responseURL: rel(x.responseURL), readyState: x.readyState, ev };
        try {
          if (x.status) r.headers = headerLines(x);
          if (rt === '' || rt === 'text') r.v = await hs(x.responseText);
          else if (rt === 'json') r.v = await hs(JSON.stringify(x.response));
          else if (rt === 'arraybuffer') r.v = x.response ? await hex(x.response) : null;
          else if (rt === 'blob') r.v = x.response ? { type: x.response.type, size: x.response.size, h: await hex(await x.response.arrayBuffer()) } : null;
          else if (rt === 'document') r.v = x.response ? { ct: x.response.contentType, h: await hs(x.response.documentElement.outerHTML), p: x.response.getElementById('x')?.textContent } : null;
          if (opts.mime) r.bytes = await hex(Uint8Array.from(x.responseText, (c) => c.charCodeAt(0) & 0xff));
        } catch (e) {
          r.readError = errOf(e);
        }
        resolve(r);
      };
      x.onreadystatechange = () => push(`rsc${x.readyState}`);
      x.onloadstart = () => push('onloadstart');
      x.onload = () => push('onload');
      x.onerror = () => push('onerror');
      x.onabort = () => push('onabort');
      x.addEventListener('load', () => push('load-listener'));
      x.addEventListener('loadend', () => push('loadend-before-send'));
      x.onloadend = () => {
        push('onloadend');
        if (!opts.sync) setTimeout(finish, 0);
      };
      try {
        x.open('GET', u, !opts.sync);
        if (rt) x.responseType = rt;
        if (opts.mime) x.overrideMimeType(opts.mime);
        x.send();
        x.addEventListener('loadend', () => push('loadend-after-send'));
        if (opts.abort) x.abort();
        if (opts.sync) finish();
      } catch (e) {
        ev.push(`throw:${e.name}`);
        finish();
      }
    });
  }

  function jsonp(base, name) {
    return new Promise((resolve) => {
      const ev = [];
      let got = null;
      window[name] = function (d) {
        ev.push(`cb:${this === window}`);
        got = d;
      };
      const s = document.createElement('script');
      s.onload = async () => {
        ev.push('onload');
        resolve({ ev, type: typeof got, v: await hs(JSON.stringify(got)), keys: Object.keys(got || {}) });
      };
      s.onerror = () => resolve({ ev: [...ev, 'onerror'] });
      s.src = `${base}jsonp?callback=${name}`;
      document.head.append(s);
    });
  }

  async function abortBefore(u) {
    const ac = new AbortController();
    const p = fetch(u, { signal: ac.signal });
    ac.abort();
    try {
      await p;
      return { aborted: false };
    } catch (e) {
      return errOf(e);
    }
  }

  async function abortDuringBody(u) {
    const ac = new AbortController();
    try {
      const r = await fetch(u, { signal: ac.signal });
      const t = r.text();
      setTimeout(() => ac.abort(), 50);
      await t;
      return { aborted: false };
    } catch (e) {
      return errOf(e);
    }
  }

  async function matrix() {
    const out = {};
    const bases = { tapped: '/portal/__t/', ignored: '/__t/' };
    for (const [k, base] of Object.entries(bases)) {
      for (const file of ['data.json', 'chunked.json']) {
        for (const how of ['json', 'text', 'blob', 'arrayBuffer', 'stream', 'request']) out[`${k} fetch ${file} ${how}`] = await fetchCase(base + file, how);
      }
      out[`${k} fetch 500`] = await fetchCase(`${base}error.json`, 'text');
      out[`${k} fetch redirect`] = await fetchCase(`${base}redirect`, 'text');
      out[`${k} fetch network error`] = await fetchCase(`${base}reset`, 'text');
      out[`${k} fetch abort before answer`] = await abortBefore(`${base}data.json`);
      out[`${k} fetch abort during body`] = await abortDuringBody(`${base}slow.json`);
      for (const rt of ['', 'text', 'json', 'arraybuffer', 'blob', 'document'])
        out[`${k} xhr '${rt}'`] = await xhrCase(base + (rt === 'document' ? 'doc.html' : 'data.json'), rt);
      out[`${k} xhr chunked`] = await xhrCase(`${base}chunked.json`, '');
      out[`${k} xhr sync`] = await xhrCase(`${base}data.json`, '', { sync: true });
      out[`${k} xhr redirect`] = await xhrCase(`${base}redirect`, 'json');
      out[`${k} xhr 500`] = await xhrCase(`${base}error.json`, 'json');
      out[`${k} xhr network error`] = await xhrCase(`${base}reset`, '');
      out[`${k} xhr abort`] = await xhrCase(`${base}data.json`, '', { abort: true });
      out[`${k} xhr overrideMimeType`] = await xhrCase(`${base}bin`, '', { mime: 'text/plain; charset=x-user-defined' });
      out[`${k} jsonp`] = await jsonp(base, `cb_${k}`);
    }
    // Routes an adapter reads: the tap copies them and the background stores facts.
    const api = `/portal/coreIndex/new/overview/v3.json?${q(date)}`;
    for (const how of ['json', 'text', 'stream']) out[`adapter fetch ${how}`] = await fetchCase(api, how);
    out["adapter xhr 'json'"] = await xhrCase(api, 'json');
    out["adapter xhr ''"] = await xhrCase(`/portal/coreIndex/new/trend/v3.json?${q(date)}`, '');
    return out;
  }

  async function big() {
    const long = [];
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) long.push(e.duration);
      }).observe({ type: 'longtask' });
    } catch {
      /* no long-task timing in this browser */
    }
    // Responsiveness probe: the largest gap between 20 ms ticks while the page works.
    let last = performance.now();
    let maxGap = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 20);
    const out = { runs: {} };
    const t0 = performance.now();
    for (const chunked of ['0', '1']) {
      const u = `/portal/coreIndex/new/getTableData/v3.json?__big=1&chunked=${chunked}&${q(date)}`;
      const r = await fetch(u);
      const j = await r.json();
      out.runs[`fetch chunked=${chunked}`] = { status: r.status, rows: j.data.data.length, last: j.data.data[j.data.data.length - 1].itemId };
      const xr = await xhrCase(u, 'json');
      out.runs[`xhr json chunked=${chunked}`] = { status: xr.status, ev: xr.ev, v: xr.v };
    }
    out.ms = Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
    clearInterval(probe);
    out.longTasks = { count: long.length, totalMs: Math.round(long.reduce((s, d) => s + d, 0)), maxMs: Math.round(Math.max(0, ...long)) };
    out.maxTickGapMs = Math.round(maxGap);
    return out;
  }

  async function forge() {
    // A compromised page script: rewrite every identity signal it can reach, then forge captures.
    const meta = document.querySelector('meta[name="microdata"]');
    if (meta) meta.setAttribute('content', window.__SHOP_B);
    document.cookie = 'tracknick=%5Cu8F7B%5Cu91CE%5Cu6237%5Cu5916%5Cu65D7%5Cu8230%5Cu5E97; path=/';
    window.g_config = { runAsShopId: '106078842', runAsShopTitle: '轻野户外旗舰店', mainUserName: '轻野户外旗舰店' };
    const real = await (await fetch(`/portal/coreIndex/new/overview/v3.json?${q(date)}`)).text();
    const forged = params.get('forged') || '2026-11-01';
    const send = (url, body, extra) =>
      document.dispatchEvent(
        new CustomEvent('opsradar:capture:v1', {
          detail: `${JSON.stringify({ kind: 'fetch', method: 'GET', url, status: 200, size: body.length, globals: window.g_config, ...extra })}\n${body}`,
        }),
      );
    send(`${location.origin}/portal/coreIndex/new/overview/v3.json?${q(forged)}`, real);
    send('https://one.alimama.com/report/query.json?csrfId=x&bizCode=universalBP', '{"data":{"list":[{"campaignId":1,"charge":999}]}}', { method: 'POST' });
    send(`${location.origin}/portal/evil/steal.json`, real);
    return { forged };
  }

  const run = { matrix, big, forge }[window.__T_KIND];
  run().then(done, (e) => done({ fatal: errOf(e) }));
})();
