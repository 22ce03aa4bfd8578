/**
 * Sandbox console: HTTPS server answering for the real console host names (Chromium maps them to
 * 127.0.0.1 with --host-resolver-rules), fed by the seeded synthetic-shop generator.
 *
 *   npx tsx tests/sandbox/server.ts          # env SANDBOX_PORT (8443), SANDBOX_TODAY, SANDBOX_SEED
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { chromiumArgs, findChromium } from './chromium.ts';
import { beijingDate, createWorld, isIsoDate, type World } from './generator/index.ts';
import { route } from './hosts/index.ts';
import { transparencyRoute } from './hosts/transparency.ts';
import { type FaultMode, isFaultMode, parseCookies, type SandboxRequest, type SandboxState } from './http.ts';
import { sandboxCert } from './tls.ts';

export interface SandboxOptions {
  /** Default env SANDBOX_PORT or 8443; 0 = random free port. */
  port?: number;
  host?: string;
  /** YYYY-MM-DD; data exists for dates < today. Default env SANDBOX_TODAY or the current Beijing date. */
  today?: string;
  seed?: number;
}

export interface Sandbox {
  readonly port: number;
  /** Origin as Chromium sees it through the host mapping, e.g. https://sycm.taobao.com */
  origin(host?: string): string;
  /** Origin for direct access from Node (send a Host header to pick the console). */
  readonly directOrigin: string;
  readonly spkiHash: string;
  /** PEM of the self-signed certificate (e.g. to pin it in Node clients). */
  readonly certPem: string;
  readonly world: World;
  readonly today: string;
  setFault(mode: FaultMode): void;
  /** Every request the sandbox answered (method, host, path+query), for the read-only proof. */
  readonly requests: readonly { method: string; host: string; path: string; body: string }[];
  clearRequests(): void;
  setToday(date: string): void;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const port = opts.port ?? Number(process.env.SANDBOX_PORT ?? 8443);
  const host = opts.host ?? '127.0.0.1';
  const today = opts.today ?? process.env.SANDBOX_TODAY ?? beijingDate(Date.now());
  if (!isIsoDate(today)) throw new Error(`bad today: ${today}`);
  const seed = opts.seed ?? (process.env.SANDBOX_SEED ? Number(process.env.SANDBOX_SEED) : undefined);
  const world = createWorld(seed === undefined ? {} : { seed });
  const state: SandboxState = { world, today, fault: 'none' };
  const cert = await sandboxCert();

  const requests: { method: string; host: string; path: string; body: string }[] = [];
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    // POST bodies carry the report dimensions on the ad consoles (万相台 JSON, 直通车 queryParam form).
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    try {
      const hostHeader = (req.headers.host ?? 'localhost').toLowerCase();
      const hostname = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : (hostHeader.split(':')[0] ?? '');
      const url = new URL(req.url ?? '/', `https://${hostname}`);
      const sreq: SandboxRequest = {
        method: req.method ?? 'GET',
        host: hostname,
        url,
        path: url.pathname,
        query: url.searchParams,
        cookies: parseCookies(req.headers.cookie),
        headers: req.headers,
        body,
      };
      requests.push({ method: sreq.method, host: hostname, path: `${url.pathname}${url.search}`, body });
      // Test pages of the transparency / fault e2e tests (chunked, slow and reset answers).
      if (transparencyRoute(sreq, res)) return;
      const out = route(sreq, state);
      res.writeHead(out.status, out.headers);
      res.end(req.method === 'HEAD' ? undefined : out.body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain;charset=UTF-8' });
      res.end(`sandbox error: ${err instanceof Error ? err.stack : String(err)}`);
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    port: actualPort,
    origin: (h = 'sycm.taobao.com') => `https://${h}`,
    directOrigin: `https://${host}:${actualPort}`,
    spkiHash: cert.spkiHash,
    certPem: cert.cert,
    world,
    get today() {
      return state.today;
    },
    setFault(mode: FaultMode) {
      if (!isFaultMode(mode)) throw new Error(`unknown fault ${String(mode)}`);
      state.fault = mode;
    },
    requests,
    clearRequests() {
      requests.length = 0;
    },
    setToday(date: string) {
      if (!isIsoDate(date)) throw new Error(`bad date ${date}`);
      state.today = date;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const sb = await startSandbox();
  const found = findChromium();
  const flags = chromiumArgs({ port: sb.port, spkiHash: sb.spkiHash });
  console.log(`OpsRadar sandbox console listening on ${sb.directOrigin} (today=${sb.today}, seed=${sb.world.seed})`);
  console.log(`port: ${sb.port}`);
  console.log(`spkiHash: ${sb.spkiHash}`);
  console.log('Chromium flags (add --user-data-dir=<tmp dir>; the SPKI list is ignored without it):');
  for (const f of flags) console.log(`  ${f}`);
  console.log('chromium:', 'path' in found ? found.path : found.error);
  console.log(`open: ${sb.origin()}/portal/home.htm`);
  const stop = (): void => {
    void sb.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
