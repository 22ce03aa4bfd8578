/** Direct HTTPS calls to the sandbox for the sandbox tests (the host header picks the console). */
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { Sandbox } from '../sandbox/server.ts';

export interface SandboxRes {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The certificate the sandbox presented (read when the response started). */
  cert?: PeerCertificate;
}

export interface SandboxReq {
  method?: string;
  /** Sent as is; `content-type` and `content-length` go with it. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request to the sandbox as `host` would receive it (TLS SNI and host header both `host`). */
export function send(sb: Sandbox, host: string, path: string, req: SandboxReq = {}): Promise<SandboxRes> {
  const { method = 'GET', body, contentType = 'application/json', headers = {} } = req;
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: '127.0.0.1',
        port: sb.port,
        path,
        method,
        rejectUnauthorized: false,
        agent: false,
        servername: host,
        headers: { host, ...headers, ...(body !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const cert = (res.socket as TLSSocket | null)?.getPeerCertificate?.();
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), cert }));
      },
    );
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** A GET on 生意参谋 (sycm.taobao.com), with the cookie header when one is given. */
export const sycmGet = (sb: Sandbox, path: string, cookie?: string): Promise<SandboxRes> =>
  send(sb, 'sycm.taobao.com', path, cookie ? { headers: { cookie } } : {});

/** The ad consoles' calls: `body` (JSON unless told otherwise) makes it a request with content. */
export const call = (sb: Sandbox, host: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<SandboxRes> =>
  send(sb, host, path, { method, ...(body !== undefined ? { body, contentType } : {}) });

export const cookiesOf = (r: SandboxRes): string[] => {
  const v = r.headers['set-cookie'];
  return Array.isArray(v) ? v : v ? [v] : [];
};
