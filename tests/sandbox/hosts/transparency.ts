/**
 * Test pages for the page-transparency, forged-bridge, big-response and fault e2e tests
 * (tests/e2e/transparency.e2e.ts, tests/e2e/faults.e2e.ts). Served on sycm.taobao.com, so the
 * extension's tap and content script are injected exactly as on a console page.
 *
 *   /__t/matrix.html            the fetch / XHR / JSONP matrix page (script: transparency-client.js)
 *   /__t/big.html               fetches a ~50 MB JSON on a captured route and measures long tasks
 *   /portal/__t/…               answers on a path the tap copies (no adapter reads it)
 *   /__t/…                      the same answers on a path the tap ignores
 *   /portal/coreIndex/new/getTableData/v3.json?__big=1[&chunked=1]
 *                               ~50 MB JSON on an adapter route (declared length, or chunked without one)
 *
 * Writes straight to the Node response: chunked bodies, a slow body and a reset connection
 * cannot be expressed as a SandboxResponse.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SHOP_A, SHOP_B, shopByKey } from '../generator/index.ts';
import { escapeHtml, type SandboxRequest } from '../http.ts';
import { identityCookies, microdataContent } from '../identity.ts';

const CLIENT = readFileSync(join(import.meta.dirname, 'transparency-client.js'), 'utf8');

/** A JSON body with text that must survive byte for byte: CJK, an emoji split across chunks, escapes. */
export const SAMPLE = {
  ok: true,
  title: '暖居家纺 四件套 🛏️ “引号” \\ / \u2028',
  rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `商品${i}`, payAmt: i * 12.5, uv: 1000 - i })),
};

/** ~size bytes of JSON shaped like a sycm table answer (many rows). */
function bigJson(bytes: number): Buffer {
  const row = (i: number) => `{"itemId":${1e9 + i},"title":"大促爆款商品第${i}号","payAmt":{"value":${(i * 3.7).toFixed(2)}},"uv":{"value":${i % 997}}}`;
  const parts: string[] = ['{"code":0,"data":{"data":['];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const r = (i ? ',' : '') + row(i);
    parts.push(r);
    size += Buffer.byteLength(r);
  }
  parts.push(']}}');
  return Buffer.from(parts.join(''), 'utf8');
}
let bigCache: Buffer | null = null;
export const BIG_BYTES = 50 * 1024 * 1024;

const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function page(title: string, shopKey: string | null, script: string): string {
  const shop = shopKey ? (shopByKey(shopKey) ?? SHOP_A) : null;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${
    shop ? `<meta name="microdata" content="${escapeHtml(microdataContent(shop))}">` : ''
  }</head><body><h1>${escapeHtml(title)}</h1><pre id="out"></pre><script>${script}</script></body></html>`;
}

/** Handles the test routes; returns false for anything else. */
export function transparencyRoute(req: SandboxRequest, res: ServerResponse): boolean {
  if (req.host !== 'sycm.taobao.com') return false;
  const p = req.path;
  const noStore = { 'cache-control': 'no-store' };
  const shopKey = req.query.get('shop') ?? 'A';
  const shop = shopByKey(shopKey) ?? SHOP_A;

  if (p === '/portal/coreIndex/new/getTableData/v3.json' && req.query.has('__big')) {
    bigCache ??= bigJson(BIG_BYTES);
    const chunked = req.query.get('chunked') === '1';
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', ...noStore, ...(chunked ? {} : { 'content-length': String(bigCache.length) }) });
    if (!chunked) {
      res.end(bigCache);
      return true;
    }
    const body = bigCache;
    let off = 0;
    const step = () => {
      while (off < body.length) {
        const next = body.subarray(off, off + 256 * 1024);
        off += next.length;
        if (!res.write(next)) return void res.once('drain', step);
      }
      res.end();
    };
    step();
    return true;
  }

  if (p === '/__t/matrix.html' || p === '/__t/big.html' || p === '/__t/forge.html') {
    const cookies = identityCookies(shop);
    const kind = p.slice(5, -5);
    res.writeHead(200, { 'content-type': 'text/html;charset=UTF-8', ...noStore, 'set-cookie': cookies });
    res.end(page(`透明性测试 ${kind}`, shopKey === 'none' ? null : shop.key, `window.__T_KIND=${JSON.stringify(kind)};window.__SHOP_B=${JSON.stringify(microdataContent(SHOP_B))};\n${CLIENT}`));
    return true;
  }

  const m = /^\/(portal\/)?__t\/(.+)$/.exec(p);
  if (!m) return false;
  const what = m[2];
  switch (what) {
    case 'data.json': {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'x-t': 'data', ...noStore });
      res.end(JSON.stringify(SAMPLE));
      return true;
    }
    case 'chunked.json': {
      // No content-length; the body arrives in pieces that split a multi-byte character.
      const buf = Buffer.from(JSON.stringify(SAMPLE), 'utf8');
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', ...noStore });
      const cut = buf.indexOf(Buffer.from('🛏')) + 2;
      res.write(buf.subarray(0, cut));
      setTimeout(() => res.end(buf.subarray(cut)), 30);
      return true;
    }
    case 'slow.json': {
      // Half the body, then a long pause: the page aborts during the body read.
      const buf = Buffer.from(JSON.stringify(SAMPLE), 'utf8');
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(buf.length), ...noStore });
      res.write(buf.subarray(0, buf.length >> 1));
      const t = setTimeout(() => res.end(buf.subarray(buf.length >> 1)), 3000);
      res.on('close', () => clearTimeout(t));
      return true;
    }
    case 'redirect': {
      res.writeHead(302, { location: `/${m[1] ?? ''}__t/data.json?from=redirect`, ...noStore });
      res.end();
      return true;
    }
    case 'reset': {
      // The connection is dropped without an answer: a network error for the page.
      res.socket?.destroy();
      return true;
    }
    case 'doc.html': {
      res.writeHead(200, { 'content-type': 'text/html;charset=UTF-8', ...noStore });
      res.end('<!doctype html><html><head><title>文档</title></head><body><p id="x">段落 &amp; 实体</p></body></html>');
      return true;
    }
    case 'bin': {
      res.writeHead(200, { 'content-type': 'application/octet-stream', ...noStore });
      res.end(BINARY);
      return true;
    }
    case 'error.json': {
      res.writeHead(500, { 'content-type': 'application/json;charset=UTF-8', ...noStore });
      res.end('{"error":"内部错误"}');
      return true;
    }
    case 'jsonp': {
      const cb = (req.query.get('callback') ?? 'cb').replace(/[^\w$]/g, '');
      res.writeHead(200, { 'content-type': 'application/javascript;charset=UTF-8', ...noStore });
      res.end(`${cb}(${JSON.stringify(SAMPLE)});`);
      return true;
    }
    default:
      return false;
  }
}
