/** Direct HTTPS calls to the sandbox for the ad-console sandbox tests (host header picks the console). */
import { request } from 'node:https';
import type { Sandbox } from '../sandbox/server.ts';

export interface AdRes {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function call(sb: Sandbox, host: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<AdRes> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sb.port,
        path,
        method,
        rejectUnauthorized: false,
        agent: false,
        servername: host,
        headers: { host, ...(body !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const cookiesOf = (r: AdRes): string[] => {
  const v = r.headers['set-cookie'];
  return Array.isArray(v) ? v : v ? [v] : [];
};
